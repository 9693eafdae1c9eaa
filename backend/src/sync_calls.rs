//! Call logs arriving through sync: created once, never changed in place.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::call_log::{CallFields, CallInput, CallLog, Direction, Outcome};
use crate::domain::calling::call_kind::CallKind;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::op::{Op, OpKind};
use chrono::{DateTime, Utc};
use surrealdb::types::{SurrealValue, Value};

/// A call log as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct CallDoc {
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
}

#[derive(Debug, Clone, SurrealValue)]
pub struct CallWrite {
    pub id: String,
    pub doc: CallDoc,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct CallRow {
    pub id: String,
    #[surreal(flatten)]
    pub doc: CallDoc,
    pub version: i64,
}

pub const CALL_FIELDS: &str = "record::id(id) AS id, client, contact, at, direction, outcome, \
    kind, duration_s, note, by, on_behalf_of, logged_at, owner, version";

impl CallRow {
    pub fn call(self) -> CallLog {
        CallLog {
            fields: CallFields {
                client_id: self.doc.client,
                contact_id: self.doc.contact,
                at: self.doc.at,
                direction: Direction::parse(&self.doc.direction).unwrap_or(Direction::Outgoing),
                outcome: Outcome::parse(&self.doc.outcome).unwrap_or(Outcome::Connected),
                kind: CallKind::parse(&self.doc.kind).unwrap_or(CallKind::Ordinary),
                duration_s: u32::try_from(self.doc.duration_s).unwrap_or(0),
                note: self.doc.note,
            },
            by: self.doc.by,
            on_behalf_of: self.doc.on_behalf_of,
            logged_at: self.doc.logged_at,
            id: self.id,
        }
    }
}

fn invalid(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// Reads and checks a call-log operation: the validated call, or why not.
/// Whether the caller may see the client is checked by the batch.
pub fn read(op: &Op, by: &str) -> Result<CallWrite, ApiError> {
    let OpKind::Patch { fields, .. } = &op.kind else {
        // Corrections are new call logs; nothing is deleted.
        return Err(ApiError::Forbidden);
    };
    let map: serde_json::Map<_, _> = fields.clone().into_iter().collect();
    let input: CallInput =
        serde_json::from_value(map.into()).map_err(|_| invalid("fields", Problem::Malformed))?;
    let f = input.validate(super::clock::now())?;
    Ok(CallWrite {
        id: op.record_id.clone(),
        doc: CallDoc {
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
            logged_at: Utc::now(),
            owner: None,
        },
    })
}

/// The card a contact person belongs to, if the contact exists.
pub async fn contact_card(db: &Db, contact_id: &str) -> Result<Option<String>, ApiError> {
    let mut res = db
        .query("SELECT VALUE client FROM ONLY type::record('contact', $id)")
        .bind(("id", contact_id.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Writes many call logs at once (demo data, benchmarks): one transaction,
/// one version for all, no audit entries.
pub async fn import(db: &Db, calls: Vec<CallWrite>) -> Result<(), ApiError> {
    let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
         FOR $l IN $calls { \
           CREATE type::record('call_log', $l.id) CONTENT $l.doc; \
           UPDATE type::record('call_log', $l.id) SET version = $version, \
             owner = type::record('client', $l.doc.client).owner; \
         }; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", super::version::NEXT_VERSION);
    super::retry::on_conflict(|| db.query(sql.as_str()).bind(("calls", calls.clone()))).await?;
    Ok(())
}
