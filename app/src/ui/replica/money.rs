//! A client's money as pages read it, on the local replica: the accounting
//! documents synced to this device and what they add up to today, so the
//! balance and aging are there offline.

use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::receivables::document::MoneyDoc;
use crate::domain::receivables::position::{Position, position};
use crate::sync::protocol::Row;
use crate::sync::tables;
use rust_decimal::Decimal;

/// A client's position with the credit limit it is measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Receivables {
    pub position: Position,
    /// The contract in force's limit, else the card's.
    pub limit: Option<Decimal>,
    /// How many documents the device holds for the client.
    pub documents: usize,
}

impl Replica {
    pub async fn money_docs_of(&self, client_id: &str) -> Result<Vec<MoneyDoc>, ApiError> {
        self.of_client(
            tables::MONEY_DOC,
            client_id,
            |m| {
                m.money_docs
                    .as_slice()
                    .iter()
                    .filter(|d| d.fields.client_id == client_id)
                    .cloned()
                    .collect()
            },
            |row| match row {
                Row::MoneyDoc { doc } => Some(*doc),
                _ => None,
            },
        )
        .await
    }

    /// The client's receivables today (none: no documents on this device).
    pub async fn receivables_of(&self, client_id: &str) -> Result<Option<Receivables>, ApiError> {
        let docs = self.money_docs_of(client_id).await?;
        if docs.is_empty() {
            return Ok(None);
        }
        let today = chrono::Local::now().date_naive();
        let card_limit = self
            .get_client(client_id)
            .await
            .ok()
            .and_then(|c| c.fields.credit_limit);
        let contract_limit = self
            .contract_in_force(client_id)
            .await?
            .and_then(|c| c.fields.credit_limit);
        Ok(Some(Receivables {
            position: position(&docs, today),
            limit: contract_limit.or(card_limit),
            documents: docs.len(),
        }))
    }
}
