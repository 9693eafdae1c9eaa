//! The account letter kind's server half: asked for once by a device (a
//! second operation on it is refused by `Kind::admits`), always about a
//! client its author works and, when it names a contact, one of that
//! card's. Its creation queues the letter in the outbox in the same
//! transaction; what the mail server and the client say later is written
//! by `crate::mail::account_letter` and `crate::account_letters`.

use super::by_field::{self, of_client_row};
use super::{Cx, Record};
use crate::ApiError;
use crate::access::Sight;
use crate::domain::receivables::account_letter::{
    AccountLetter, LetterFields, LetterInput, LetterPurpose, LetterState, LetterStatus,
};
use crate::domain::receivables::statement::Month;
use crate::domain::user::Language;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::kind::Kind;
use crate::sync::op::Op;
use crate::sync::protocol::Row;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::account_letter::KIND;

/// A letter as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct AccountLetterRow {
    pub id: String,
    pub client: String,
    pub purpose: String,
    /// `YYYY-MM` (a statement).
    pub month: Option<String>,
    pub contact: Option<String>,
    pub language: String,
    pub template: Option<String>,
    pub status: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub failure: Option<String>,
    pub our_balance: Option<Decimal>,
    pub their_balance: Option<Decimal>,
    pub answer_note: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub by: String,
    pub on_behalf_of: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The client's owner (see `CallDoc::owner`).
    pub owner: Option<String>,
    pub version: i64,
    pub op: Option<String>,
}

pub const ACCOUNT_LETTER_FIELDS: &str = "record::id(id) AS id, client, purpose, month, contact, \
    language, template, status, sent_at, failure, our_balance, their_balance, answer_note, answered_at, \
    by, on_behalf_of, created_at, owner, version, op";

impl AccountLetterRow {
    pub fn fields(&self) -> LetterFields {
        LetterFields {
            client_id: self.client.clone(),
            purpose: LetterPurpose::parse(&self.purpose).unwrap_or(LetterPurpose::Reminder),
            month: self.month.as_deref().and_then(Month::parse),
            contact_id: self.contact.clone(),
            language: Language::parse(&self.language).unwrap_or_default(),
            template_id: self.template.clone(),
        }
    }

    pub fn status(&self) -> LetterStatus {
        LetterStatus::parse(&self.status).unwrap_or(LetterStatus::Queued)
    }

    pub fn letter(&self) -> AccountLetter {
        AccountLetter {
            id: self.id.clone(),
            fields: self.fields(),
            state: LetterState {
                status: Some(self.status()),
                sent_at: self.sent_at,
                failure: self.failure.clone(),
                our_balance: self.our_balance,
                their_balance: self.their_balance,
                answer_note: self.answer_note.clone(),
                answered_at: self.answered_at,
            },
            by: self.by.clone(),
            created_at: self.created_at,
        }
    }
}

fn invalid(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// The account letter kind, for the engine.
pub struct AccountLetters;

impl Record for AccountLetters {
    const KIND: &'static Kind = &KIND;
    type Doc = AccountLetterRow;
    const FIELDS: &'static str = ACCOUNT_LETTER_FIELDS;

    of_client_row!(AccountLetterRow);

    fn author(doc: &AccountLetterRow) -> Option<&str> {
        Some(&doc.by)
    }

    fn made_by_op(doc: &AccountLetterRow) -> Option<&str> {
        doc.op.as_deref()
    }

    async fn apply<'a>(
        cx: &'a Cx<'a>,
        op: &'a Op,
        _current: Option<&'a AccountLetterRow>,
    ) -> Result<AccountLetterRow, ApiError> {
        let input: LetterInput = by_field::made_form(op, LetterInput::FIELDS)?;
        let f = input.validate(crate::domain::latest_day::latest_day(cx.now))?;
        let owner = cx.working(&f.client_id)?;
        if let Some(contact) = &f.contact_id {
            let known = cx
                .card_contacts(&f.client_id)
                .is_some_and(|ids| ids.contains(contact));
            if !known
                && super::call_log::contact_card(cx.db, contact)
                    .await?
                    .as_deref()
                    != Some(f.client_id.as_str())
            {
                return Err(invalid("contact_id", Problem::Required));
            }
        }
        Ok(AccountLetterRow {
            id: op.record_id.clone(),
            on_behalf_of: cx.on_behalf_of(&f.client_id, &owner),
            client: f.client_id,
            purpose: f.purpose.code().into(),
            month: f.month.map(Month::code),
            contact: f.contact_id,
            language: f.language.code().into(),
            template: f.template_id,
            status: LetterStatus::Queued.code().into(),
            sent_at: None,
            failure: None,
            our_balance: None,
            their_balance: None,
            answer_note: None,
            answered_at: None,
            by: cx.me.id.clone(),
            created_at: Utc::now(),
            owner: None,
            version: 0,
            op: Some(op.op_id.clone()),
        })
    }

    fn mails(before: Option<&AccountLetterRow>, after: &AccountLetterRow) -> bool {
        before.is_none() && after.status() == LetterStatus::Queued
    }

    fn row(doc: AccountLetterRow, _names: &HashMap<String, String>, _sight: Sight) -> Row {
        Row::AccountLetter {
            letter: Box::new(doc.letter()),
        }
    }
}
