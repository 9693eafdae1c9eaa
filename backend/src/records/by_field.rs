//! What every kind that merges field by field (`Merge::Fields`) does with
//! an operation (and how one made once reads its form), and the accessors
//! every `OfClient` row has alike.

use crate::ApiError;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::hlc::Hlc;
use crate::sync::merge;
use crate::sync::op::{Op, OpKind};
use crate::sync::record_fields;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

fn malformed(path: &str) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, Problem::Malformed)]))
}

/// Merges an operation into a record kept as its form `I` with each
/// field's clock (`None`: a new record): only `declared` names pass, the
/// shared merge decides each field, and the merged form comes back with
/// the new clocks as JSON text. The caller validates the form.
pub fn merge_form<I: Serialize + DeserializeOwned>(
    op: &Op,
    declared: &[&str],
    current: Option<(I, BTreeMap<String, Hlc>)>,
) -> Result<(I, String), ApiError> {
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
    merge::apply(&mut state, op);
    let (merged, new_clocks) = record_fields::split(&state);
    let form: I = record_fields::to(&merged).ok_or_else(|| malformed("fields"))?;
    let clocks = serde_json::to_string(&new_clocks).unwrap_or_else(|_| "{}".into());
    Ok((form, clocks))
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
        fn id(doc: &$doc) -> &str {
            &doc.id
        }
        fn version(doc: &$doc) -> i64 {
            doc.version
        }
        fn set_version(doc: &mut $doc, version: i64) {
            doc.version = version;
        }
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
