//! The promise-to-pay kind's server half: made once by a device (a second
//! operation on the same record is refused by `Kind::admits`), always a
//! valid promise about a client its author works.

use super::by_field::{self, of_client_row};
use super::{Cx, Record};
use crate::ApiError;
use crate::access::Sight;
use crate::domain::receivables::promise::{Promise, PromiseFields, PromiseInput};
use crate::sync::kind::Kind;
use crate::sync::op::Op;
use crate::sync::protocol::Row;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::promise::KIND;

const DAY: &str = "%Y-%m-%d";

/// A promise as stored; days are `YYYY-MM-DD` text.
#[derive(Debug, Clone, SurrealValue)]
pub struct PromiseRow {
    pub id: String,
    pub client: String,
    pub amount: Decimal,
    pub due: String,
    pub made_on: String,
    pub note: Option<String>,
    pub by: String,
    pub on_behalf_of: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The client's owner (see `CallDoc::owner`).
    pub owner: Option<String>,
    pub version: i64,
    /// The operation that made it (its answer on a retry).
    pub op: Option<String>,
}

pub const PROMISE_FIELDS: &str = "record::id(id) AS id, client, amount, due, made_on, note, by, \
    on_behalf_of, created_at, owner, version, op";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, DAY).unwrap_or_default()
}

impl PromiseRow {
    pub fn promise(&self) -> Promise {
        Promise {
            id: self.id.clone(),
            fields: PromiseFields {
                client_id: self.client.clone(),
                amount: self.amount,
                due: day(&self.due),
                made_on: day(&self.made_on),
                note: self.note.clone(),
            },
            by: self.by.clone(),
            created_at: self.created_at,
        }
    }
}

/// The promise kind, for the engine.
pub struct Promises;

impl Record for Promises {
    const KIND: &'static Kind = &KIND;
    type Doc = PromiseRow;
    const FIELDS: &'static str = PROMISE_FIELDS;

    of_client_row!(PromiseRow);

    fn author(doc: &PromiseRow) -> Option<&str> {
        Some(&doc.by)
    }

    fn made_by_op(doc: &PromiseRow) -> Option<&str> {
        doc.op.as_deref()
    }

    async fn apply<'a>(
        cx: &'a Cx<'a>,
        op: &'a Op,
        _current: Option<&'a PromiseRow>,
    ) -> Result<PromiseRow, ApiError> {
        let input: PromiseInput = by_field::made_form(op, PromiseInput::FIELDS)?;
        let f = input.validate(crate::domain::latest_day::latest_day(cx.now))?;
        let owner = cx.working(&f.client_id)?;
        Ok(PromiseRow {
            id: op.record_id.clone(),
            on_behalf_of: cx.on_behalf_of(&f.client_id, &owner),
            client: f.client_id,
            amount: f.amount,
            due: f.due.format(DAY).to_string(),
            made_on: f.made_on.format(DAY).to_string(),
            note: f.note,
            by: cx.me.id.clone(),
            created_at: Utc::now(),
            owner: None,
            version: 0,
            op: Some(op.op_id.clone()),
        })
    }

    fn row(doc: PromiseRow, _names: &HashMap<String, String>, _sight: Sight) -> Row {
        Row::Promise {
            promise: doc.promise(),
        }
    }
}
