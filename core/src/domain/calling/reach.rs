//! Whom a tap on "Call" reaches on a card: the named contact's first number,
//! else the first contact that has one. The contact is kept with the number
//! so the call form, back from the dialer, knows whom the call was with.

use crate::domain::client::ClientCard;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    pub contact_id: String,
    pub phone: String,
}

pub fn reach(card: &ClientCard, contact: Option<&str>) -> Option<Reach> {
    let first = |k: &crate::domain::contact::Contact| {
        k.fields.phones.first().map(|p| Reach {
            contact_id: k.id.clone(),
            phone: p.clone(),
        })
    };
    contact
        .and_then(|id| card.contacts.iter().find(|k| k.id == id))
        .and_then(first)
        .or_else(|| card.contacts.iter().find_map(first))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;

    fn card(contacts: &[(&str, &[&str])]) -> ClientCard {
        let contacts: Vec<_> = contacts
            .iter()
            .map(|(id, phones)| {
                serde_json::json!({"id": id, "fields": {
                    "name": id, "position": null, "phones": phones,
                    "emails": [], "birthday": null, "notes": null}})
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": "c", "owner_id": "u", "owner_name": "", "archived": false,
            "created_at": "2025-01-01T08:00:00Z", "created_by": "u",
            "updated_at": "2025-01-01T08:00:00Z", "updated_by": "u",
            "contacts": contacts,
            "fields": crate::domain::client_input::ClientInput {
                name: "SIA C".into(),
                ..Default::default()
            }.validate(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().fields,
        }))
        .unwrap()
    }

    #[test]
    fn the_named_contact_first_else_the_first_with_a_number() {
        let c = card(&[
            ("a", &[]),
            ("b", &["+37120000002", "+37120000003"]),
            ("d", &["+37120000004"]),
        ]);
        let got = |who| reach(&c, who).map(|r| (r.contact_id, r.phone));
        assert_eq!(got(Some("d")), Some(("d".into(), "+37120000004".into())));
        assert_eq!(got(Some("a")), Some(("b".into(), "+37120000002".into())));
        assert_eq!(got(None), Some(("b".into(), "+37120000002".into())));
        assert_eq!(got(Some("gone")), Some(("b".into(), "+37120000002".into())));
        assert_eq!(reach(&card(&[("a", &[])]), None), None);
    }
}
