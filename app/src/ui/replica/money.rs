//! A client's money as pages read it, on the local replica: the accounting
//! documents synced to this device and what they add up to today, so the
//! balance, aging and the lists of clients to chase are there offline.

use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::client::{ClientPage, ClientQuery};
use crate::domain::contract;
use crate::domain::receivables::account_letter::{LetterPurpose, LetterStatus};
use crate::domain::receivables::document::MoneyDoc;
use crate::domain::receivables::position::{Position, position};
use crate::domain::receivables::promise::{self, Keeping, Promise};
use crate::domain::receivables::shipment_stop::ShipmentStop;
use crate::domain::receivables::standing::{self, MoneyFilter, Standing, credit_limit};
use crate::sync::protocol::Row;
use crate::sync::tables;
use rust_decimal::Decimal;
use std::collections::HashSet;

/// A client's position with the credit limit it is measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Receivables {
    pub position: Position,
    pub limit: Option<Decimal>,
    /// How many documents the device holds for the client.
    pub documents: usize,
}

/// A client to chase, with the name the list shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Chase {
    pub name: String,
    pub standing: Standing,
    /// The client's newest promise to pay and where it stands.
    pub promise: Option<(Promise, Keeping)>,
    /// Where today's newest payment reminder to the client stands.
    pub reminded: Option<LetterStatus>,
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
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

    /// Whether shipments to the client are stopped, and by whom (none:
    /// never set). Every device that shows the card has it.
    pub async fn shipment_stop_of(
        &self,
        client_id: &str,
    ) -> Result<Option<ShipmentStop>, ApiError> {
        let stops = self
            .of_client(
                tables::SHIPMENT_STOP,
                client_id,
                |m| {
                    m.shipment_stops
                        .get(client_id)
                        .cloned()
                        .into_iter()
                        .collect()
                },
                |row| match row {
                    Row::ShipmentStop { stop } => Some(stop),
                    _ => None,
                },
            )
            .await?;
        Ok(stops.into_iter().next())
    }

    /// The client's receivables today (none: no documents on this device).
    pub async fn receivables_of(&self, client_id: &str) -> Result<Option<Receivables>, ApiError> {
        let docs = self.money_docs_of(client_id).await?;
        if docs.is_empty() {
            return Ok(None);
        }
        let card = self
            .get_client(client_id)
            .await
            .ok()
            .and_then(|c| c.fields.credit_limit);
        let in_force = self.contract_in_force(client_id).await?;
        Ok(Some(Receivables {
            position: position(&docs, today()),
            limit: credit_limit(card, in_force.as_ref()),
            documents: docs.len(),
        }))
    }

    /// Every client's standing today, from the documents on this device.
    pub async fn standings(&self) -> Result<Vec<Standing>, ApiError> {
        let day = today();
        self.over_records(|m| {
            let contracts = m.contracts.as_slice();
            standing::standings(
                m.money_docs.as_slice(),
                |client| {
                    let card = m.cards.get(client).and_then(|c| c.fields.credit_limit);
                    credit_limit(card, contract::in_force(contracts, client, day))
                },
                day,
            )
        })
        .await
    }

    /// The client list, among the clients `money` picks out when given.
    pub async fn list_clients_by_money(
        &self,
        q: ClientQuery,
        money: Option<MoneyFilter>,
    ) -> Result<ClientPage, ApiError> {
        let Some(filter) = money else {
            return self.list_clients(q).await;
        };
        let only: HashSet<String> = self
            .standings()
            .await?
            .into_iter()
            .filter(|s| s.matches(filter))
            .map(|s| s.client_id)
            .collect();
        Ok(self.index().await?.query_among(&q, Some(&only)))
    }

    /// Clients with overdue invoices, the largest overdue first, at most
    /// `limit` (archived cards left out).
    pub async fn to_chase(&self, limit: usize) -> Result<Vec<Chase>, ApiError> {
        let chase = standing::to_chase(self.standings().await?);
        self.over_records(|m| {
            chase
                .into_iter()
                .filter_map(|s| {
                    let card = m.cards.get(&s.client_id).filter(|c| !c.archived)?;
                    let promise = promise::latest(m.promises.as_slice(), &s.client_id).map(|p| {
                        let keeping = promise::keeping(&p.fields, m.money_docs.as_slice(), today());
                        (p.clone(), keeping)
                    });
                    let reminded = m
                        .account_letters
                        .as_slice()
                        .iter()
                        .filter(|l| {
                            l.fields.client_id == s.client_id
                                && l.fields.purpose == LetterPurpose::Reminder
                                && l.created_at.with_timezone(&chrono::Local).date_naive()
                                    == today()
                        })
                        .max_by_key(|l| l.created_at)
                        .map(|l| l.status());
                    Some(Chase {
                        name: card.fields.name.clone(),
                        standing: s,
                        promise,
                        reminded,
                    })
                })
                .take(limit)
                .collect()
        })
        .await
    }
}
