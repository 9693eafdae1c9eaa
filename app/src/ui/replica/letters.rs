//! Letters about clients' accounts as pages read and ask for them, on the
//! local replica: a card's letters, asking for one (offline too; the
//! server's outbox sends it once synced), and the month's reconciliation
//! progress over the clients this device holds.

use super::data::api;
use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::receivables::account_letter::{
    AccountLetter, LetterInput, LetterPurpose, reconciled_month,
};
use crate::domain::receivables::reconciliation::{self, Progress};
use crate::domain::template::TemplatePurpose;
use crate::domain::user::Language;
use crate::sync::protocol::Row;
use crate::sync::tables;
use kartoteka_core::sort;
use std::collections::HashMap;

impl Replica {
    pub async fn ask_letter(&self, input: LetterInput) -> Result<AccountLetter, ApiError> {
        let l = self.device()?.ask_letter(input).await.map_err(api)?;
        self.changed_locally();
        Ok(l)
    }

    /// A payment reminder in one tap: to the card's first contact person
    /// with an address (else the card's own), in `language`, from the
    /// newest reminder template (else the standard letter).
    pub async fn remind(
        &self,
        client_id: &str,
        language: Language,
    ) -> Result<AccountLetter, ApiError> {
        let card = self.get_client(client_id).await?;
        let contact_id = card
            .contacts
            .iter()
            .find(|p| !p.fields.emails.is_empty())
            .map(|p| p.id.clone());
        let template_id = self
            .templates_for(TemplatePurpose::Reminder)
            .await?
            .into_iter()
            .filter(|t| !t.fields.archived)
            .max_by_key(|t| t.updated_at)
            .map(|t| t.id);
        self.ask_letter(LetterInput {
            client_id: client_id.to_string(),
            purpose: LetterPurpose::Reminder,
            month: String::new(),
            contact_id,
            language,
            template_id,
        })
        .await
    }

    /// A client's letters, newest first.
    pub async fn letters_of(&self, client_id: &str) -> Result<Vec<AccountLetter>, ApiError> {
        let mut list = self
            .of_client(
                tables::ACCOUNT_LETTER,
                client_id,
                |m| {
                    m.account_letters
                        .as_slice()
                        .iter()
                        .filter(|l| l.fields.client_id == client_id)
                        .cloned()
                        .collect()
                },
                |row| match row {
                    Row::AccountLetter { letter } => Some(*letter),
                    _ => None,
                },
            )
            .await?;
        sort::by(&mut list, |a, b| {
            (b.created_at, &b.id).cmp(&(a.created_at, &a.id))
        });
        Ok(list)
    }

    /// Last month's reconciliations over the clients on this device (the
    /// manager's own, a head's department, a director's all), with each
    /// client's name and the contact person a statement would go to.
    pub async fn reconciliation_progress(&self) -> Result<Reconciling, ApiError> {
        let month = reconciled_month(chrono::Local::now().date_naive());
        self.over_records(|m| {
            let progress = reconciliation::progress(
                m.money_docs.as_slice(),
                m.account_letters.as_slice(),
                |c| m.cards.get(c).is_some_and(|card| !card.archived),
                month,
            );
            let clients = progress
                .clients
                .iter()
                .filter_map(|(id, _)| {
                    let card = m.cards.get(id)?;
                    let contact = card
                        .contacts
                        .iter()
                        .find(|p| !p.fields.emails.is_empty())
                        .map(|p| p.id.clone());
                    Some((id.clone(), (card.fields.name.clone(), contact)))
                })
                .collect();
            Reconciling { progress, clients }
        })
        .await
    }
}

/// The month's reconciliations as Today shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Reconciling {
    pub progress: Progress,
    /// Each counted client's name and the contact a statement goes to.
    pub clients: HashMap<String, (String, Option<String>)>,
}
