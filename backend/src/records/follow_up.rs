//! The follow-up kind's server half: merged field by field (the newest
//! date or state wins), always a valid follow-up, and always about a
//! client its author works; it never moves to another client.

use super::by_field::{self, of_client_row};
use super::{Cx, Record};
use crate::access::Sight;
use crate::domain::follow_up::{FollowUp, FollowUpAction, FollowUpFields, FollowUpInput};
use crate::sync::kind::Kind;
use crate::sync::op::Op;
use crate::sync::protocol::Row;
use crate::{ApiError, Db};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::follow_up::KIND;

/// A follow-up as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct FollowUpDoc {
    pub id: String,
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

    /// A follow-up planned by `by`, not yet stored.
    pub fn new(id: &str, f: FollowUpFields, by: &str, created_at: DateTime<Utc>) -> FollowUpDoc {
        FollowUpDoc {
            id: id.to_string(),
            client: f.client_id,
            contact: f.contact_id,
            action: f.action.code().into(),
            due: f.due,
            note: f.note,
            done_at: f.done_at,
            call: f.call_id,
            by: by.to_string(),
            created_at,
            clocks: "{}".into(),
            owner: None,
            version: 0,
        }
    }
}

/// The follow-up kind, for the engine.
pub struct FollowUps;

impl Record for FollowUps {
    const KIND: &'static Kind = &KIND;
    type Doc = FollowUpDoc;
    const FIELDS: &'static str = FOLLOW_UP_FIELDS;

    of_client_row!(FollowUpDoc);

    fn author(doc: &FollowUpDoc) -> Option<&str> {
        Some(&doc.by)
    }

    async fn apply<'a>(
        cx: &'a Cx<'a>,
        op: &'a Op,
        current: Option<&'a FollowUpDoc>,
    ) -> Result<FollowUpDoc, ApiError> {
        let by_field::Merged {
            form: input,
            clocks,
            ..
        } = by_field::merge_form::<FollowUpInput>(
            op,
            FollowUpInput::FIELDS,
            current.map(|d| {
                (
                    FollowUpInput::of(&d.fields()),
                    by_field::clocks_of(&d.clocks),
                )
            }),
        )?;
        let valid = input.validate(cx.now)?;
        by_field::stays_with(current.map(|d| d.client.as_str()), &valid.client_id)?;
        cx.working(&valid.client_id)?;
        let (by, created_at) = match current {
            Some(d) => (d.by.clone(), d.created_at),
            None => (cx.me.id.clone(), Utc::now()),
        };
        let mut doc = FollowUpDoc::new(&op.record_id, valid, &by, created_at);
        doc.clocks = clocks;
        Ok(doc)
    }

    fn row(doc: FollowUpDoc, _names: &HashMap<String, String>, _sight: Sight) -> Row {
        let clocks = by_field::clocks_of(&doc.clocks);
        let follow_up = FollowUp {
            fields: doc.fields(),
            by: doc.by,
            created_at: doc.created_at,
            id: doc.id,
        };
        Row::FollowUp { follow_up, clocks }
    }
}

/// Writes many follow-ups at once (demo data, benchmarks): one transaction,
/// one version for all.
pub async fn import(db: &Db, follow_ups: Vec<FollowUpDoc>) -> Result<(), ApiError> {
    let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
         FOR $f IN $follow_ups { \
           CREATE type::record('follow_up', $f.id) CONTENT $f.extend({ version: $version, \
             owner: type::record('client', $f.client).owner }) RETURN NONE; \
         }; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", crate::version::NEXT_VERSION);
    crate::retry::on_conflict(|| {
        db.query(sql.as_str())
            .bind(("follow_ups", follow_ups.clone()))
    })
    .await?;
    Ok(())
}
