//! Proposals as pages read and change them, on the local replica: a card's
//! list, one proposal, and saving one (queued ones go out with the next sync).

use super::data::{api, internal};
use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::calling::today::Records;
use crate::domain::proposal::{Proposal, ProposalInput};
use crate::domain::proposal_bulk::{self, Audience, Picked};
use crate::sync::protocol::Row;
use crate::sync::tables;
use kartoteka_core::sort;

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
        sort::by_key(&mut list, |p| std::cmp::Reverse(p.created_at));
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

    /// The signed-in user's clients a bulk proposal would go to.
    pub async fn bulk_recipients(&self, audience: &Audience) -> Result<Picked, ApiError> {
        let me = self.me()?;
        let zone = self.zone();
        self.over_records(|m| {
            proposal_bulk::pick(
                Records {
                    cards: m.cards.as_slice(),
                    index: &m.cards.index(),
                    calls: m.calls.as_slice(),
                    last_contacts: m.card_last_contacts(),
                    follow_ups: m.follow_ups.as_slice(),
                    proposals: m.proposals.as_slice(),
                    contracts: m.contracts.as_slice(),
                },
                &me.id,
                audience,
                chrono::Utc::now(),
                &zone,
                me.cold_after,
            )
        })
        .await
    }

    /// The proposals among `ids` on this device (a bulk send's, to
    /// follow), each with its client's name.
    pub async fn proposals_among(
        &self,
        ids: &[String],
    ) -> Result<Vec<(Proposal, String)>, ApiError> {
        self.over_records(|m| {
            ids.iter()
                .filter_map(|id| {
                    let p = m.proposals.get(id)?.clone();
                    let name = m
                        .cards
                        .get(&p.fields.client_id)
                        .map(|c| c.fields.name.clone())
                        .unwrap_or_default();
                    Some((p, name))
                })
                .collect()
        })
        .await
    }
}
