//! A card's contact people as a vCard file ("save to phone contacts"), so
//! the phone shows who is calling before the manager answers. vCard 3.0
//! (RFC 2426), which every phone's contacts app imports: one entry per
//! contact with the client as its organisation, or one for the client
//! itself when it has no contacts yet. Text is escaped and long lines are
//! folded at 75 bytes without splitting a letter.

use super::client::ClientCard;
use super::contact::ContactFields;
use super::content_line::{escape, fold};

/// The MIME type of what [`card`] writes.
pub const MIME: &str = "text/vcard;charset=utf-8";

/// A file name for `client`'s contacts: the name without the characters
/// file systems refuse.
pub fn file_name(client: &str) -> String {
    super::text::file_name(client, "vcf")
}

/// The file for `card`'s contacts.
pub fn card(card: &ClientCard) -> String {
    let org = card.fields.name.as_str();
    if card.contacts.is_empty() {
        let itself = ContactFields {
            name: org.to_string(),
            position: None,
            phones: Vec::new(),
            emails: Vec::new(),
            birthday: None,
            notes: None,
        };
        return entry(&itself, org, &card.id);
    }
    card.contacts
        .iter()
        .map(|c| entry(&c.fields, org, &c.id))
        .collect()
}

fn entry(c: &ContactFields, org: &str, uid: &str) -> String {
    let mut lines = vec!["BEGIN:VCARD".to_string(), "VERSION:3.0".to_string()];
    // The family name is the last word, the rest given names: how Latvian
    // and Russian names are written on a card ("Jānis Bērziņš").
    let (given, family) = match c.name.trim().rsplit_once(' ') {
        Some((given, family)) => (given.trim(), family),
        None => ("", c.name.trim()),
    };
    lines.push(format!("N:{};{};;;", escape(family), escape(given)));
    lines.push(format!("FN:{}", escape(c.name.trim())));
    if c.name.trim() != org {
        lines.push(format!("ORG:{}", escape(org)));
    }
    if let Some(position) = c.position.as_deref().filter(|p| !p.is_empty()) {
        lines.push(format!("TITLE:{}", escape(position)));
    }
    for phone in &c.phones {
        lines.push(format!("TEL;TYPE=VOICE:{}", escape(phone)));
    }
    for email in &c.emails {
        lines.push(format!("EMAIL;TYPE=INTERNET:{}", escape(email)));
    }
    if let Some(day) = c.birthday {
        lines.push(format!("BDAY:{}", day.format("%Y-%m-%d")));
    }
    if let Some(notes) = c.notes.as_deref().filter(|n| !n.is_empty()) {
        lines.push(format!("NOTE:{}", escape(notes)));
    }
    lines.push(format!("UID:{}", escape(uid)));
    lines.push("END:VCARD".to_string());
    lines.iter().map(|l| fold(l) + "\r\n").collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::{ClientFields, ClientKind, Segment, Source};
    use crate::domain::contact::Contact;
    use chrono::{NaiveDate, TimeZone, Utc};
    use proptest::prelude::*;

    fn client(contacts: Vec<Contact>) -> ClientCard {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        ClientCard {
            id: "c1".into(),
            fields: ClientFields {
                kind: ClientKind::Company,
                name: "SIA Koks, Rīga".into(),
                reg_no: None,
                vat_no: None,
                segment: Segment::Prospect,
                source: Source::Exhibition,
                address: None,
                city: None,
                website: None,
                price_type: None,
                payment_terms_days: None,
                credit_limit: None,
                tags: Vec::new(),
                needs: None,
                scheme_id: None,
            },
            owner_id: "u1".into(),
            owner_name: "Anna".into(),
            contacts,
            archived: false,
            created_at: at,
            created_by: "u1".into(),
            updated_at: at,
            updated_by: "u1".into(),
        }
    }

    fn contact(name: &str) -> Contact {
        Contact {
            id: "k1".into(),
            fields: ContactFields {
                name: name.into(),
                position: Some("Valdes priekšsēdētājs".into()),
                phones: vec!["+37120000000".into(), "+37167000000".into()],
                emails: vec!["janis@koks.lv".into()],
                birthday: NaiveDate::from_ymd_opt(1980, 5, 1),
                notes: Some("Zvanīt pēc 10:00;\nne piektdienās".into()),
            },
        }
    }

    #[test]
    fn each_contact_is_an_entry_with_the_client_as_its_organisation() {
        let text = card(&client(vec![contact("Jānis Bērziņš"), contact("Ольга")]));
        assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), 2);
        assert!(text.contains("N:Bērziņš;Jānis;;;\r\n"));
        assert!(text.contains("FN:Jānis Bērziņš\r\n"));
        assert!(text.contains("N:Ольга;;;;\r\n"));
        assert!(text.contains("ORG:SIA Koks\\, Rīga\r\n"));
        assert!(text.contains("TEL;TYPE=VOICE:+37120000000\r\nTEL;TYPE=VOICE:+37167000000\r\n"));
        assert!(text.contains("EMAIL;TYPE=INTERNET:janis@koks.lv\r\n"));
        assert!(text.contains("BDAY:1980-05-01\r\n"));
        assert!(text.contains("NOTE:Zvanīt pēc 10:00\\;\\nne piektdienās\r\n"));
        assert!(text.ends_with("END:VCARD\r\n"));
    }

    #[test]
    fn the_file_is_named_for_the_client() {
        assert_eq!(file_name("SIA \"Koks\" / Rīga"), "SIA -Koks- - Rīga.vcf");
    }

    #[test]
    fn a_card_without_contacts_is_one_entry_for_the_client() {
        let text = card(&client(Vec::new()));
        assert_eq!(text.matches("BEGIN:VCARD").count(), 1);
        assert!(text.contains("FN:SIA Koks\\, Rīga\r\n"));
        assert!(!text.contains("ORG:"));
    }

    /// Unfolds and splits lines as a reader does.
    fn unfold(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .split("\r\n")
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    proptest! {
        #[test]
        fn any_name_and_note_stay_within_their_entry(name in "\\PC{1,60}", note in "\\PC{1,120}") {
            let mut c = contact(&name);
            c.fields.notes = Some(note);
            let lines = unfold(&card(&client(vec![c])));
            prop_assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCARD"));
            prop_assert_eq!(lines.last().map(String::as_str), Some("END:VCARD"));
            prop_assert_eq!(lines.iter().filter(|l| l.starts_with("FN:")).count(), 1);
            prop_assert_eq!(lines.iter().filter(|l| l.starts_with("NOTE:")).count(), 1);
        }
    }
}
