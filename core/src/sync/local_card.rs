//! A card as a device shows it between its edit and the server's answer:
//! built from the validated form, keeping what only the server knows.

use crate::domain::client::ClientCard;
use crate::domain::client_input::{ClientInput, ValidClient};
use crate::domain::contact::Contact;
use chrono::{DateTime, Utc};

/// Who is editing, as the card records it.
pub struct Author<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// Gives every new, non-blank contact person an id made on the device, so a
/// later edit before the next sync refers to the same person.
pub fn with_contact_ids(mut input: ClientInput) -> ClientInput {
    for c in input.contacts.iter_mut() {
        if c.id.is_none() && !c.is_blank() {
            c.id = Some(uuid::Uuid::now_v7().to_string());
        }
    }
    input
}

pub fn card(
    id: &str,
    v: &ValidClient,
    before: Option<&ClientCard>,
    archived: bool,
    by: &Author<'_>,
    now: DateTime<Utc>,
) -> ClientCard {
    let owner_id = v
        .owner_id
        .clone()
        .or_else(|| before.map(|b| b.owner_id.clone()))
        .unwrap_or_else(|| by.id.to_string());
    let owner_name = match before {
        Some(b) if b.owner_id == owner_id => b.owner_name.clone(),
        _ if owner_id == by.id => by.name.to_string(),
        _ => owner_id.clone(),
    };
    ClientCard {
        id: id.to_string(),
        fields: v.fields.clone(),
        owner_name,
        owner_id,
        contacts: v
            .contacts
            .iter()
            .map(|(cid, fields)| Contact {
                id: cid
                    .clone()
                    .unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
                fields: fields.clone(),
            })
            .collect(),
        archived,
        created_at: before.map_or(now, |b| b.created_at),
        created_by: before.map_or_else(|| by.name.to_string(), |b| b.created_by.clone()),
        updated_at: now,
        updated_by: by.name.to_string(),
    }
}
