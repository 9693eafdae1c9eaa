//! Proposals as pages read and change them, on the local replica: a card's
//! list, one proposal, and saving one (queued ones go out with the next sync).

use super::data::{api, internal};
use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::proposal::{Proposal, ProposalInput};
use crate::sync::protocol::Row;
use crate::sync::tables;

impl Replica {
    /// A client's proposals, newest first.
    pub async fn proposals_of(&self, client_id: &str) -> Result<Vec<Proposal>, ApiError> {
        let mut list = self
            .of_client(
                tables::PROPOSAL,
                client_id,
                |m| {
                    m.proposals
                        .as_slice()
                        .iter()
                        .filter(|p| p.fields.client_id == client_id)
                        .cloned()
                        .collect()
                },
                |row| match row {
                    Row::Proposal { proposal, .. } => Some(*proposal),
                    _ => None,
                },
            )
            .await?;
        list.sort_by_key(|p| std::cmp::Reverse(p.created_at));
        Ok(list)
    }

    pub async fn proposal(&self, id: &str) -> Result<Proposal, ApiError> {
        let (p, _) = self
            .device()?
            .proposal(id)
            .await
            .map_err(internal)?
            .ok_or(ApiError::NotFound)?;
        Ok(p)
    }

    /// Drafts (`id` = `None`) or changes a proposal.
    pub async fn save_proposal(
        &self,
        id: Option<&str>,
        input: ProposalInput,
    ) -> Result<Proposal, ApiError> {
        let p = self.device()?.save_proposal(id, input).await.map_err(api)?;
        self.changed_locally();
        Ok(p)
    }
}
