//! An incoming call, e-mail or visit: who is it? A phone number is matched
//! in E.164 (however it was typed), an e-mail address case-insensitively,
//! against every contact person on the device's cards.

use crate::domain::client::ClientCard;
use crate::domain::{email, phone};
use crate::sort;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Phone(String),
    Email(String),
}

/// What the person typed, as a phone number or an e-mail address; `None`
/// when it is neither.
pub fn read(input: &str) -> Option<Caller> {
    let t = input.trim();
    if t.contains('@') {
        return email::normalize(t).ok().map(Caller::Email);
    }
    phone::normalize(t).ok().map(Caller::Phone)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub client_id: String,
    pub client_name: String,
    pub contact_id: String,
    pub contact_name: String,
}

/// The contact persons with that number or address (archived cards too: a
/// returning client is still known), in name order.
pub fn find(cards: &[ClientCard], caller: &Caller) -> Vec<Match> {
    let mut out: Vec<Match> = cards
        .iter()
        .flat_map(|card| {
            card.contacts.iter().filter_map(move |k| {
                let hit = match caller {
                    Caller::Phone(p) => k.fields.phones.contains(p),
                    Caller::Email(e) => k.fields.emails.contains(e),
                };
                hit.then(|| Match {
                    client_id: card.id.clone(),
                    client_name: card.fields.name.clone(),
                    contact_id: k.id.clone(),
                    contact_name: k.fields.name.clone(),
                })
            })
        })
        .collect();
    sort::by(&mut out, |a, b| {
        a.client_name
            .cmp(&b.client_name)
            .then_with(|| a.contact_name.cmp(&b.contact_name))
    });
    out
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use crate::domain::contact::{Contact, ContactFields};

    fn card(id: &str, phones: &[&str], emails: &[&str]) -> ClientCard {
        let mut c: ClientCard = serde_json::from_value(serde_json::json!({
            "id": id, "owner_id": "me", "owner_name": "", "archived": false,
            "created_at": "2026-01-01T08:00:00Z", "created_by": "me",
            "updated_at": "2026-01-01T08:00:00Z", "updated_by": "me", "contacts": [],
            "fields": crate::domain::client_input::ClientInput { name: format!("SIA {id}"), ..Default::default() }
                .validate(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().fields,
        }))
        .unwrap();
        c.contacts = vec![Contact {
            id: format!("{id}-k"),
            fields: ContactFields {
                name: format!("Kontakts {id}"),
                position: None,
                phones: phones
                    .iter()
                    .map(|p| phone::normalize(p).unwrap())
                    .collect(),
                emails: emails
                    .iter()
                    .map(|e| email::normalize(e).unwrap())
                    .collect(),
                birthday: None,
                notes: None,
            },
        }];
        c
    }

    #[test]
    fn a_number_matches_however_it_was_typed() {
        let cards = [
            card("a", &["29 123 456"], &[]),
            card("b", &["+371 2000 0000"], &["Info@Firma.lv"]),
        ];
        for typed in ["29123456", "+371 29 123 456", "0037129123456"] {
            let m = find(&cards, &read(typed).unwrap());
            assert_eq!(m.len(), 1, "{typed}");
            assert_eq!(m[0].client_id, "a");
            assert_eq!(m[0].contact_id, "a-k");
        }
        let m = find(&cards, &read(" INFO@firma.lv ").unwrap());
        assert_eq!(m[0].client_id, "b");
        assert!(find(&cards, &read("29 999 999").unwrap()).is_empty());
        assert_eq!(read("nav numurs"), None);
    }
}
