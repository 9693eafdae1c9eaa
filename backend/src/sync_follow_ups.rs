//! Follow-ups arriving through sync: merged field by field with the shared
//! merge (last writer wins per field, no conflict records: a follow-up is
//! small and its newest date or state is what matters), and always about a
//! client the author may see.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::follow_up::{FollowUp, FollowUpAction, FollowUpFields, FollowUpInput};
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::hlc::Hlc;
use crate::sync::merge;
use crate::sync::op::{Op, OpKind};
use crate::sync::record_fields;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use surrealdb::types::{RecordId, SurrealValue, Value};

/// A follow-up as stored (without its id and version).
#[derive(Debug, Clone, SurrealValue)]
pub struct FollowUpDoc {
    pub client: String,
    pub contact: Option<String>,
    pub action: String,
    pub due: DateTime<Utc>,
    pub note: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub call: Option<String>,
    pub by: String,
    pub created_at: DateTime<Utc>,
    /// Each field's last write stamp, as JSON text.
    pub clocks: String,
    /// The client's owner (see `CallDoc::owner`).
    pub owner: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct FollowUpRow {
    pub id: String,
    #[surreal(flatten)]
    pub doc: FollowUpDoc,
    pub version: i64,
}

pub const FOLLOW_UP_FIELDS: &str = "record::id(id) AS id, client, contact, action, due, note, \
    done_at, call, by, created_at, clocks, owner, version";

impl FollowUpDoc {
    fn fields(&self) -> FollowUpFields {
        FollowUpFields {
            client_id: self.client.clone(),
            contact_id: self.contact.clone(),
            action: FollowUpAction::parse(&self.action).unwrap_or(FollowUpAction::Call),
            due: self.due,
            note: self.note.clone(),
            done_at: self.done_at,
            call_id: self.call.clone(),
        }
    }

    fn clocks(&self) -> BTreeMap<String, Hlc> {
        serde_json::from_str(&self.clocks).unwrap_or_default()
    }
}

impl FollowUpRow {
    /// What devices receive: the follow-up and its field clocks.
    pub fn follow_up(self) -> (FollowUp, BTreeMap<String, Hlc>) {
        let clocks = self.doc.clocks();
        let f = FollowUp {
            fields: self.doc.fields(),
            by: self.doc.by,
            created_at: self.doc.created_at,
            id: self.id,
        };
        (f, clocks)
    }
}

/// A follow-up as a push batch works on it, and as it is written.
#[derive(Debug, Clone, SurrealValue)]
pub struct FollowUpWork {
    pub id: String,
    pub doc: FollowUpDoc,
}

/// Writes many follow-ups at once (demo data, benchmarks): one transaction,
/// one version for all.
pub async fn import(db: &Db, follow_ups: Vec<FollowUpWork>) -> Result<(), ApiError> {
    let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
         FOR $f IN $follow_ups { \
           CREATE type::record('follow_up', $f.id) CONTENT $f.doc.extend({ version: $version, \
             owner: type::record('client', $f.doc.client).owner }) RETURN NONE; \
         }; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", super::version::NEXT_VERSION);
    super::retry::on_conflict(|| {
        db.query(sql.as_str())
            .bind(("follow_ups", follow_ups.clone()))
    })
    .await?;
    Ok(())
}

/// The stored follow-ups a batch touches, read at once.
pub async fn load_many(db: &Db, ids: &[String]) -> Result<HashMap<String, FollowUpWork>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rids: Vec<RecordId> = ids
        .iter()
        .map(|id| RecordId::new("follow_up", id.as_str()))
        .collect();
    let mut res = db
        .query(format!("SELECT {FOLLOW_UP_FIELDS} FROM $ids"))
        .bind(("ids", rids))
        .await
        .or_internal()?;
    let rows: Vec<FollowUpRow> = res.take(0).or_internal()?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.id.clone(),
                FollowUpWork {
                    id: r.id,
                    doc: r.doc,
                },
            )
        })
        .collect())
}

fn invalid(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// Merges one operation into the follow-up (`None`: a new one). The result
/// must be a valid follow-up on the same client; whether the author may see
/// that client is `allowed`'s answer, asked by the batch.
pub fn apply(
    me: &Me,
    op: &Op,
    slot: &mut Option<FollowUpWork>,
    may_work_client: impl Fn(&str) -> bool,
) -> Result<(), ApiError> {
    let OpKind::Patch {
        fields: incoming, ..
    } = &op.kind
    else {
        // A follow-up is done, not deleted: the history keeps it.
        return Err(ApiError::Forbidden);
    };
    record_fields::only_declared(incoming, FollowUpInput::FIELDS.iter().copied())
        .map_err(|p| invalid("fields", p))?;
    let (fields, clocks) = match slot.as_ref() {
        Some(w) => (
            record_fields::of(&FollowUpInput::of(&w.doc.fields())),
            w.doc.clocks(),
        ),
        None => (record_fields::Fields::new(), BTreeMap::new()),
    };
    let mut state = record_fields::state(&fields, &clocks);
    merge::apply(&mut state, op);
    let (merged, new_clocks) = record_fields::split(&state);
    let input: FollowUpInput =
        record_fields::to(&merged).ok_or_else(|| invalid("fields", Problem::Malformed))?;
    let valid = input.validate(super::clock::now())?;
    if let Some(w) = slot.as_ref()
        && w.doc.client != valid.client_id
    {
        // Moving a follow-up to another client would carry it past the
        // other client's access checks; plan a new one there instead.
        return Err(invalid("client_id", Problem::Malformed));
    }
    if !may_work_client(&valid.client_id) {
        return Err(ApiError::NotFound);
    }
    let (by, created_at) = match slot.as_ref() {
        Some(w) => (w.doc.by.clone(), w.doc.created_at),
        None => (me.id.clone(), Utc::now()),
    };
    *slot = Some(FollowUpWork {
        id: op.record_id.clone(),
        doc: FollowUpDoc {
            client: valid.client_id,
            contact: valid.contact_id,
            action: valid.action.code().into(),
            due: valid.due,
            note: valid.note,
            done_at: valid.done_at,
            call: valid.call_id,
            by,
            created_at,
            clocks: serde_json::to_string(&new_clocks).unwrap_or_else(|_| "{}".into()),
            // Set by the batch, which knows the client's owner.
            owner: None,
        },
    });
    Ok(())
}
