//! The call log kind's server half: a call arrives once, is checked as the
//! form checks it, must be about a client its author works (and name one
//! of that client's contact people), and keeps the operation, device and
//! author that made it.

use super::by_field::of_client_row;
use super::{Cx, Record};
use crate::access::Sight;
use crate::db_error::OrInternal;
use crate::domain::call_log::{CallFields, CallInput, CallLog, Direction, Outcome};
use crate::domain::calling::call_kind::CallKind;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::kind::Kind;
use crate::sync::op::{Op, OpKind};
use crate::sync::protocol::Row;
use crate::{ApiError, Db};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::call_log::KIND;

/// A call log as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct CallDoc {
    pub id: String,
    pub client: String,
    pub contact: Option<String>,
    pub at: DateTime<Utc>,
    pub direction: String,
    pub outcome: String,
    pub kind: String,
    pub duration_s: i64,
    pub note: Option<String>,
    pub by: String,
    /// The owner a deputy logged it for, if it was logged under a cover.
    pub on_behalf_of: Option<String>,
    pub logged_at: DateTime<Utc>,
    /// The client's owner, kept with the call (and moved with the card) so
    /// the pull filters calls in its query without a lookup per row.
    pub owner: Option<String>,
    pub version: i64,
    /// The operation and device that created it (none for calls imported
    /// or stored before operations were kept on the call).
    pub op: Option<String>,
    pub device: Option<String>,
}

pub const CALL_FIELDS: &str = "record::id(id) AS id, client, contact, at, direction, outcome, \
    kind, duration_s, note, by, on_behalf_of, logged_at, owner, version, op, device";

impl CallDoc {
    pub fn call(self) -> CallLog {
        CallLog {
            fields: CallFields {
                client_id: self.client,
                contact_id: self.contact,
                at: self.at,
                direction: Direction::parse(&self.direction).unwrap_or(Direction::Outgoing),
                outcome: Outcome::parse(&self.outcome).unwrap_or(Outcome::Connected),
                kind: CallKind::parse(&self.kind).unwrap_or(CallKind::Ordinary),
                duration_s: u32::try_from(self.duration_s).unwrap_or(0),
                note: self.note,
            },
            by: self.by,
            on_behalf_of: self.on_behalf_of,
            logged_at: self.logged_at,
            id: self.id,
        }
    }

    /// A call as the form gave it, by `by`, not yet stored.
    pub fn new(id: &str, f: CallFields, by: &str, logged_at: DateTime<Utc>) -> CallDoc {
        CallDoc {
            id: id.to_string(),
            client: f.client_id,
            contact: f.contact_id,
            at: f.at,
            direction: f.direction.code().into(),
            outcome: f.outcome.code().into(),
            kind: f.kind.code().into(),
            duration_s: i64::from(f.duration_s),
            note: f.note,
            by: by.to_string(),
            on_behalf_of: None,
            logged_at,
            owner: None,
            version: 0,
            op: None,
            device: None,
        }
    }
}

fn invalid(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// The call log kind, for the engine.
pub struct Calls;

impl Record for Calls {
    const KIND: &'static Kind = &KIND;
    type Doc = CallDoc;
    const FIELDS: &'static str = CALL_FIELDS;

    of_client_row!(CallDoc);

    fn author(doc: &CallDoc) -> Option<&str> {
        Some(&doc.by)
    }
    fn made_by_op(doc: &CallDoc) -> Option<&str> {
        doc.op.as_deref()
    }

    async fn apply<'a>(
        cx: &'a Cx<'a>,
        op: &'a Op,
        _current: Option<&'a CallDoc>,
    ) -> Result<CallDoc, ApiError> {
        let OpKind::Patch { fields, .. } = &op.kind else {
            return Err(ApiError::Forbidden);
        };
        let map: serde_json::Map<_, _> = fields.clone().into_iter().collect();
        let input: CallInput = serde_json::from_value(map.into())
            .map_err(|_| invalid("fields", Problem::Malformed))?;
        let f = input.validate(cx.now)?;
        let mut doc = CallDoc::new(&op.record_id, f, &cx.me.id, chrono::Utc::now());
        let owner = cx.working(&doc.client)?;
        doc.on_behalf_of = cx.on_behalf_of(&doc.client, &owner);
        if let Some(contact) = &doc.contact {
            let known = cx
                .card_contacts(&doc.client)
                .is_some_and(|ids| ids.contains(contact));
            if !known && contact_card(cx.db, contact).await?.as_deref() != Some(&doc.client) {
                return Err(invalid("contact_id", Problem::Required));
            }
        }
        doc.op = Some(op.op_id.clone());
        doc.device = Some(op.device_id.clone());
        Ok(doc)
    }

    fn row(doc: CallDoc, _names: &HashMap<String, String>, _sight: Sight) -> Row {
        Row::CallLog { call: doc.call() }
    }
}

/// The card a contact person belongs to, if the contact exists.
pub(super) async fn contact_card(db: &Db, contact_id: &str) -> Result<Option<String>, ApiError> {
    let mut res = db
        .query("SELECT VALUE client FROM ONLY type::record('contact', $id)")
        .bind(("id", contact_id.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Writes many call logs at once (demo data, benchmarks): one transaction,
/// one version for all, no audit entries.
pub async fn import(db: &Db, calls: Vec<CallDoc>) -> Result<(), ApiError> {
    let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
         FOR $l IN $calls { \
           CREATE type::record('call_log', $l.id) CONTENT $l.extend({ version: $version, \
             owner: type::record('client', $l.client).owner }) RETURN NONE; \
         }; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", crate::version::NEXT_VERSION);
    crate::retry::on_conflict(|| db.query(sql.as_str()).bind(("calls", calls.clone()))).await?;
    Ok(())
}
