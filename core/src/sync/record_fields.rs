//! Any synced record as the merge sees it: named fields holding JSON values,
//! each with the clock of its last write. Cards and follow-ups both convert
//! through here.

use super::hlc::Hlc;
use super::merge::{RecordState, Stamped};
use super::op::FieldValue;
use std::collections::BTreeMap;

pub type Fields = BTreeMap<String, FieldValue>;

/// A serialisable form as fields (its JSON object's members).
pub fn of<T: serde::Serialize>(form: &T) -> Fields {
    match serde_json::to_value(form) {
        Ok(serde_json::Value::Object(map)) => map.into_iter().collect(),
        _ => Fields::new(),
    }
}

/// The form back from fields; `None` when a value does not have the form's
/// shape (a corrupt or foreign operation).
///
/// Read through JSON text rather than straight from the values: the byte
/// reader is the one every other path uses, so the browser's code holds one
/// reader per form, not a second one over `serde_json::Value`.
pub fn to<T: serde::de::DeserializeOwned>(fields: &Fields) -> Option<T> {
    let text = serde_json::to_vec(fields).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Refuses a change that names a field the record kind does not declare
/// (`declared`): an unknown name would otherwise stay in the record's
/// clocks and audit forever and travel to every device.
pub fn only_declared<'a>(
    fields: &Fields,
    declared: impl IntoIterator<Item = &'a str>,
) -> Result<(), crate::domain::validation::Problem> {
    let declared: Vec<&str> = declared.into_iter().collect();
    if fields.keys().all(|k| declared.contains(&k.as_str())) {
        Ok(())
    } else {
        Err(crate::domain::validation::Problem::Malformed)
    }
}

/// The fields whose value differs in `new`.
pub fn changed(old: &Fields, new: &Fields) -> Fields {
    new.iter()
        .filter(|(k, v)| old.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// The merge's view of a card: every field stamped with its clock, or with
/// the zero clock when it was never written through sync.
pub fn state(fields: &Fields, clocks: &BTreeMap<String, Hlc>) -> RecordState {
    RecordState {
        fields: fields
            .iter()
            .map(|(k, v)| {
                let hlc = clocks.get(k).cloned().unwrap_or_else(|| Hlc::zero(""));
                (
                    k.clone(),
                    Stamped {
                        value: v.clone(),
                        hlc,
                    },
                )
            })
            .collect(),
        deleted: None,
    }
}

/// Fields and clocks back out of the merge's view.
pub fn split(state: &RecordState) -> (Fields, BTreeMap<String, Hlc>) {
    let fields = state
        .fields
        .iter()
        .map(|(k, s)| (k.clone(), s.value.clone()))
        .collect();
    let clocks = state
        .fields
        .iter()
        .filter(|(_, s)| s.hlc.millis > 0 || s.hlc.counter > 0)
        .map(|(k, s)| (k.clone(), s.hlc.clone()))
        .collect();
    (fields, clocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_declared_fields_pass() {
        let ok: Fields = [("name".to_string(), json!("A"))].into();
        assert!(only_declared(&ok, ["name", "city"]).is_ok());
        let junk: Fields = [("<script>".to_string(), json!("x"))].into();
        assert!(only_declared(&junk, ["name", "city"]).is_err());
    }
}
