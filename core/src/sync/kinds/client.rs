//! The client card, the root record kind: merged field by field with
//! visible conflicts, seen by whoever works its owner's clients (others
//! with sight of all cards get it without its commercial terms), audited
//! per change. Its fields are the form's fields plus the archive flag; both
//! ends convert through here, so a device and the server name and compare
//! fields the same way.

use crate::domain::client::{ClientCard, ClientFields};
use crate::domain::client_input::ClientInput;
use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::record_fields;
pub use crate::sync::record_fields::{Fields, changed, split, state};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::CLIENT,
    merge: Merge::FieldsWithConflicts,
    access: Access::Card,
    commercial: &ClientFields::COMMERCIAL,
    audit: Some("client"),
    own_fields: OWN_FIELDS,
};

/// The card's fields that only the card itself holds. Left out, because
/// other records or other cards depend on them: the owner (the records
/// that follow the card take it), the registration number (unique), the
/// contacts (their ids are claimed, and calls and follow-ups name them),
/// the key-client scheme and the price type (records of their own), and
/// the archive flag.
pub const OWN_FIELDS: &[&str] = &[
    "kind",
    "name",
    "vat_no",
    "segment",
    "source",
    "address",
    "city",
    "website",
    "payment_terms_days",
    "credit_limit",
    "tags",
    "needs",
];

/// The archive flag travels as a field of its own beside the form's fields.
pub const ARCHIVED: &str = "archived";

/// A card's fields in their canonical form (the form pre-filled from the
/// stored card), so an unchanged field compares equal on every device.
pub fn of_card(card: &ClientCard) -> Fields {
    of_input(&ClientInput::from_card(card), card.archived)
}

pub fn of_input(input: &ClientInput, archived: bool) -> Fields {
    let mut out = record_fields::of(input);
    out.insert(ARCHIVED.into(), serde_json::Value::Bool(archived));
    out
}

/// The names a card operation may set: the form's fields and the archive flag.
pub fn declared() -> Vec<String> {
    of_input(&ClientInput::default(), false)
        .into_keys()
        .collect()
}

/// Checks what an operation brings before it is merged: only declared
/// fields, each with a value the form accepts in the context of the card's
/// other fields (`current`). A value that would lose the merge is kept as a
/// conflict the owner may restore, so it is checked as strictly as one that
/// wins. The issues returned are those of the fields the operation sets.
pub fn check_incoming(
    current: &Fields,
    incoming: &Fields,
    today: chrono::NaiveDate,
) -> Result<(), crate::domain::validation::Issues> {
    use crate::domain::validation::{Issues, Problem};
    let declared = declared();
    let malformed = || {
        let mut i = Issues::default();
        i.push("fields", Problem::Malformed);
        i
    };
    record_fields::only_declared(incoming, declared.iter().map(String::as_str))
        .map_err(|_| malformed())?;
    let mut merged = of_input(&ClientInput::default(), false);
    merged.extend(current.iter().map(|(k, v)| (k.clone(), v.clone())));
    merged.extend(incoming.iter().map(|(k, v)| (k.clone(), v.clone())));
    let (input, _) = to_input(&merged).ok_or_else(malformed)?;
    match input.validate(today) {
        Ok(_) => Ok(()),
        Err(issues) => {
            let own: Vec<_> = issues
                .0
                .into_iter()
                .filter(|i| {
                    let field = i.path.split('.').next().unwrap_or_default();
                    incoming.contains_key(field)
                })
                .collect();
            if own.is_empty() {
                Ok(())
            } else {
                Err(Issues(own))
            }
        }
    }
}

/// The form and the archive flag back from fields; `None` when a value does
/// not have the form's shape (a corrupt or foreign operation).
pub fn to_input(fields: &Fields) -> Option<(ClientInput, bool)> {
    let mut fields = fields.clone();
    let archived = match fields.remove(ARCHIVED) {
        None => false,
        Some(v) => v.as_bool()?,
    };
    Some((record_fields::to(&fields)?, archived))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::{ClientKind, Segment, Source};

    #[test]
    fn a_cards_own_fields_are_fields_it_declares() {
        let declared = declared();
        for f in OWN_FIELDS {
            assert!(declared.iter().any(|d| d == f), "{f} is not a card field");
        }
    }

    fn input() -> ClientInput {
        ClientInput {
            kind: ClientKind::Company,
            name: "Kurzemes Koks".into(),
            reg_no: String::new(),
            vat_no: String::new(),
            segment: Segment::Prospect,
            source: Source::Exhibition,
            owner_id: Some("u1".into()),
            address: String::new(),
            city: "Kuldīga".into(),
            website: String::new(),
            price_type: String::new(),
            payment_terms_days: String::new(),
            credit_limit: String::new(),
            tags: String::new(),
            needs: String::new(),
            contacts: Vec::new(),
            scheme_id: String::new(),
        }
    }

    #[test]
    fn fields_round_trip_and_diff_names_only_what_changed() {
        let a = of_input(&input(), false);
        assert_eq!(to_input(&a), Some((input(), false)));
        let mut edited = input();
        edited.city = "Rīga".into();
        let b = of_input(&edited, true);
        let d = changed(&a, &b);
        assert_eq!(d.keys().collect::<Vec<_>>(), ["archived", "city"]);
    }

    #[test]
    fn incoming_changes_name_declared_fields_with_valid_values() {
        let current = of_input(&input(), false);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let ok: Fields = [("city".to_string(), serde_json::json!("Rīga"))].into();
        assert!(check_incoming(&current, &ok, today).is_ok());
        let unknown: Fields = [("<script>".to_string(), serde_json::json!("x"))].into();
        assert!(check_incoming(&current, &unknown, today).is_err());
        let shape: Fields = [("tags".to_string(), serde_json::json!({"a": 1}))].into();
        assert!(check_incoming(&current, &shape, today).is_err());
        let long: Fields = [("city".to_string(), serde_json::json!("x".repeat(500_000)))].into();
        let issues = check_incoming(&current, &long, today).unwrap_err();
        assert_eq!(issues.0[0].path, "city");
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_refused() {
        let mut f = of_input(&input(), false);
        f.insert("segment".into(), serde_json::json!("nav tāda"));
        assert_eq!(to_input(&f), None);
        f = of_input(&input(), false);
        f.insert(ARCHIVED.into(), serde_json::json!("jā"));
        assert_eq!(to_input(&f), None);
    }
}
