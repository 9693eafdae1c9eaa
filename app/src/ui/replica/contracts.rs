//! Contracts as pages read and change them, on the local replica: a card's
//! contracts, one contract, the one in force, and saving one.

use super::data::{api, internal};
use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::contract::{self, Contract, ContractInput};
use crate::sync::protocol::Row;
use crate::sync::tables;
use kartoteka_core::sort;

impl Replica {
    /// A client's contracts, newest first.
    pub async fn contracts_of(&self, client_id: &str) -> Result<Vec<Contract>, ApiError> {
        let mut list = self
            .of_client(
                tables::CONTRACT,
                client_id,
                |m| {
                    m.contracts
                        .as_slice()
                        .iter()
                        .filter(|c| c.fields.client_id == client_id)
                        .cloned()
                        .collect()
                },
                |row| match row {
                    Row::Contract { contract, .. } => Some(*contract),
                    _ => None,
                },
            )
            .await?;
        sort::by_key(&mut list, |c| std::cmp::Reverse(c.created_at));
        Ok(list)
    }

    /// The client's contract in force today (its terms are the card's).
    pub async fn contract_in_force(&self, client_id: &str) -> Result<Option<Contract>, ApiError> {
        let all = self.contracts_of(client_id).await?;
        let today = chrono::Local::now().date_naive();
        Ok(contract::in_force(&all, client_id, today).cloned())
    }

    pub async fn contract(&self, id: &str) -> Result<Contract, ApiError> {
        let (c, _) = self
            .device()?
            .contract(id)
            .await
            .map_err(internal)?
            .ok_or(ApiError::NotFound)?;
        Ok(c)
    }

    /// Drafts (`id` = `None`) or changes a contract.
    pub async fn save_contract(
        &self,
        id: Option<&str>,
        input: ContractInput,
    ) -> Result<Contract, ApiError> {
        let c = self.device()?.save_contract(id, input).await.map_err(api)?;
        self.changed_locally();
        Ok(c)
    }
}
