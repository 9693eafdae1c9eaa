//! What every kind that merges field by field (`Merge::Fields`,
//! `Merge::FieldsWithConflicts`) does with an operation (and how one made once reads its form), and the accessors
//! every `OfClient` row has alike.

use super::Cx;
use super::conflict::ConflictDoc;
use crate::ApiError;
use crate::db_error::OrInternal;
use crate::domain::field_conflict::FieldConflict;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::hlc::Hlc;
use crate::sync::merge;
use crate::sync::op::{Op, OpKind};
use crate::sync::protocol::RecordKey;
use crate::sync::record_fields;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

fn malformed(path: &str) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, Problem::Malformed)]))
}

/// A record merged from an operation: its form, the new field clocks as
/// JSON text, and the values the merge let lose (see [`Merged::kept`]).
pub struct Merged<I> {
    pub form: I,
    pub clocks: String,
    pub lost: Vec<merge::Conflict>,
}

/// Merges an operation into a record kept as its form `I` with each
/// field's clock (`None`: a new record): only `declared` names pass, the
/// shared merge decides each field, and the merged form comes back with
/// the new clocks as JSON text. The caller validates the form.
pub fn merge_form<I: Serialize + DeserializeOwned>(
    op: &Op,
    declared: &[&str],
    current: Option<(I, BTreeMap<String, Hlc>)>,
) -> Result<Merged<I>, ApiError> {
    let OpKind::Patch {
        fields: incoming, ..
    } = &op.kind
    else {
        return Err(ApiError::Forbidden);
    };
    record_fields::only_declared(incoming, declared.iter().copied())
        .map_err(|_| malformed("fields"))?;
    let (fields, clocks) = match current {
        Some((form, clocks)) => (record_fields::of(&form), clocks),
        None => (record_fields::Fields::new(), BTreeMap::new()),
    };
    let mut state = record_fields::state(&fields, &clocks);
    let outcome = merge::apply(&mut state, op);
    let (merged, new_clocks) = record_fields::split(&state);
    let form: I = record_fields::to(&merged).ok_or_else(|| malformed("fields"))?;
    let clocks = serde_json::to_string(&new_clocks).unwrap_or_else(|_| "{}".into());
    Ok(Merged {
        form,
        clocks,
        lost: outcome.conflicts,
    })
}

impl<I> Merged<I> {
    /// The lost values of a kind that keeps them (`Merge::FieldsWithConflicts`)
    /// as conflict records on `record`, a record about `client`, for the
    /// batch to write with the record. Who wrote each side: the operation's
    /// author, and for the stored value the user whose device stamped it
    /// (`fallback`, the record's author, when no session knows the device,
    /// as for a value the server wrote).
    pub async fn kept(
        &self,
        cx: &Cx<'_>,
        op: &Op,
        record: RecordKey,
        client: &str,
        fallback: &str,
    ) -> Result<Vec<ConflictDoc>, ApiError> {
        let keeps = crate::sync::kinds::of(&record.table).is_some_and(|k| k.keeps_conflicts());
        if !keeps || self.lost.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::with_capacity(self.lost.len());
        for c in &self.lost {
            // The incoming value lost when the stored one is newer.
            let incoming_lost = c.lost.hlc == op.hlc;
            let stored = if incoming_lost {
                &c.winner
            } else {
                &c.lost.hlc
            };
            let stored_by = user_of_device(cx.db, &stored.device)
                .await?
                .unwrap_or_else(|| fallback.to_string());
            let (lost_by, winner_by) = if incoming_lost {
                (cx.me.id.clone(), stored_by)
            } else {
                (stored_by, cx.me.id.clone())
            };
            let conflict = FieldConflict {
                id: uuid::Uuid::now_v7().to_string(),
                client_id: client.to_string(),
                record: Some(record.clone()),
                field: c.field.clone(),
                lost_value: c.lost.value.clone(),
                lost_by,
                lost_by_name: String::new(),
                lost_hlc: c.lost.hlc.clone(),
                winner_by,
                winner_hlc: c.winner.clone(),
                resolved: false,
            };
            out.push(ConflictDoc::new(&conflict, cx.owner_of(client), cx.now));
        }
        Ok(out)
    }
}

/// The user a device signed in as (its newest session).
async fn user_of_device(db: &crate::Db, device: &str) -> Result<Option<String>, ApiError> {
    let mut res = db
        .query(
            "SELECT VALUE user FROM (SELECT user, created_at FROM session \
             WHERE device = $device ORDER BY created_at DESC LIMIT 1)",
        )
        .bind(("device", device.to_string()))
        .await
        .or_internal()?;
    let users: Vec<String> = res.take(0).or_internal()?;
    Ok(users.into_iter().next())
}

/// The form an operation that makes a record once (append-only) carries:
/// only `declared` names, read whole into `I`; the caller validates it.
pub fn made_form<I: DeserializeOwned>(op: &Op, declared: &[&str]) -> Result<I, ApiError> {
    let OpKind::Patch { fields, .. } = &op.kind else {
        return Err(ApiError::Forbidden);
    };
    record_fields::only_declared(fields, declared.iter().copied())
        .map_err(|_| malformed("fields"))?;
    let map: serde_json::Map<_, _> = fields.clone().into_iter().collect();
    serde_json::from_value(map.into()).map_err(|_| malformed("fields"))
}

/// A record merged by field stays with the client it was made for: moving
/// it would carry it past the other client's access checks (a new one is
/// made there instead).
pub fn stays_with(current_client: Option<&str>, client: &str) -> Result<(), ApiError> {
    match current_client {
        Some(c) if c != client => Err(ApiError::Invalid(Issues(vec![Issue::new(
            "client_id",
            Problem::Malformed,
        )]))),
        _ => Ok(()),
    }
}

/// Field clocks as stored (JSON text); text that does not parse counts as
/// "never written through sync".
pub fn clocks_of(text: &str) -> BTreeMap<String, Hlc> {
    serde_json::from_str(text).unwrap_or_default()
}

/// The `Record` accessors of a row about one client with the fields `id`,
/// `version`, `client`, `owner` and `by`.
macro_rules! of_client_row {
    ($doc:ty) => {
        super::reference_row::versioned_row!($doc);
        fn client(doc: &$doc) -> Option<&str> {
            Some(&doc.client)
        }
        fn owner(doc: &$doc) -> Option<&str> {
            doc.owner.as_deref()
        }
        fn set_owner(doc: &mut $doc, owner: Option<String>) {
            doc.owner = owner;
        }
    };
}

pub(crate) use of_client_row;
