//! A client card as the merge sees it: named fields holding the form's
//! values, each with the clock of its last write. Both ends convert through
//! here, so a device and the server name and compare fields the same way.

use super::record_fields;
pub use super::record_fields::{Fields, changed, split, state};
use crate::domain::client::ClientCard;
use crate::domain::client_input::ClientInput;

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
    fn a_value_of_the_wrong_shape_is_refused() {
        let mut f = of_input(&input(), false);
        f.insert("segment".into(), serde_json::json!("nav tāda"));
        assert_eq!(to_input(&f), None);
        f = of_input(&input(), false);
        f.insert(ARCHIVED.into(), serde_json::json!("jā"));
        assert_eq!(to_input(&f), None);
    }
}
