//! How cards and contacts are stored, and the conversions to the domain types
//! that travel to the browser (rows with database types stay on the server).

use crate::domain::client::{ClientCard, ClientFields, ClientKind, ClientSummary, Segment, Source};
use crate::domain::contact::{Contact, ContactFields};
use crate::domain::search;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::{SurrealValue, Value};

/// The stored fields of a card (written with `CONTENT`/`MERGE`).
#[derive(Debug, Clone, SurrealValue)]
pub struct ClientDoc {
    pub kind: String,
    pub name: String,
    pub name_key: String,
    pub reg_no: Option<String>,
    pub vat_no: Option<String>,
    pub segment: String,
    pub source: String,
    pub owner: String,
    pub address: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub price_type: Option<String>,
    pub payment_terms_days: Option<i64>,
    pub credit_limit: Option<Decimal>,
    pub tags: Vec<String>,
    pub needs: Option<String>,
    pub scheme: Option<String>,
    /// Folded words for search (see `domain::search::card_text`).
    pub search: String,
    pub primary_phone: Option<String>,
    pub primary_email: Option<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by: String,
    /// Set by the saving transaction (see `clients::NEXT_VERSION`).
    pub version: i64,
    /// Everyone the card was reassigned away from: their devices learn at
    /// their next pull that it is gone (the pull filters in the query).
    pub former_owners: Vec<String>,
}

/// Who wrote a card and when.
pub struct Stamp<'a> {
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: &'a str,
    pub updated_at: DateTime<Utc>,
    pub updated_by: &'a str,
}

impl ClientDoc {
    pub fn new(
        f: &ClientFields,
        owner: &str,
        contacts: &[ContactFields],
        stamp: Stamp<'_>,
    ) -> Self {
        Self {
            archived: stamp.archived,
            created_at: stamp.created_at,
            created_by: stamp.created_by.to_string(),
            updated_at: stamp.updated_at,
            updated_by: stamp.updated_by.to_string(),
            version: 0,
            former_owners: Vec::new(),
            kind: f.kind.code().into(),
            name: f.name.clone(),
            name_key: search::sort_key(&f.name),
            reg_no: f.reg_no.clone(),
            vat_no: f.vat_no.clone(),
            segment: f.segment.code().into(),
            source: f.source.code().into(),
            owner: owner.to_string(),
            address: f.address.clone(),
            city: f.city.clone(),
            website: f.website.clone(),
            price_type: f.price_type.clone(),
            payment_terms_days: f.payment_terms_days.map(i64::from),
            credit_limit: f.credit_limit,
            tags: f.tags.clone(),
            needs: f.needs.clone(),
            scheme: f.scheme_id.clone(),
            search: search::card_text(f, contacts),
            primary_phone: contacts
                .iter()
                .flat_map(|c| c.phones.first())
                .next()
                .cloned(),
            primary_email: contacts
                .iter()
                .flat_map(|c| c.emails.first())
                .next()
                .cloned(),
        }
    }
}

/// A card as written: its fields and the field clocks its merges read
/// (JSON text: the database never looks inside them).
#[derive(Debug, Clone, SurrealValue)]
pub struct StoredCard {
    #[surreal(flatten)]
    pub doc: ClientDoc,
    pub clocks: String,
}

/// A stored card as read back: its id and its stored fields.
#[derive(Debug, Clone, SurrealValue)]
pub struct ClientRow {
    pub id: String,
    #[surreal(flatten)]
    pub doc: ClientDoc,
}

pub const CLIENT_FIELDS: &str = "record::id(id) AS id, kind, name, name_key, reg_no, vat_no, \
    segment, source, owner, address, city, website, price_type, payment_terms_days, credit_limit, \
    tags, needs, scheme, search, primary_phone, primary_email, archived, created_at, created_by, \
    updated_at, updated_by, version, former_owners";

impl ClientRow {
    pub fn fields(&self) -> ClientFields {
        ClientFields {
            kind: ClientKind::parse(&self.doc.kind).unwrap_or(ClientKind::Company),
            name: self.doc.name.clone(),
            reg_no: self.doc.reg_no.clone(),
            vat_no: self.doc.vat_no.clone(),
            segment: Segment::parse(&self.doc.segment).unwrap_or(Segment::Prospect),
            source: Source::parse(&self.doc.source).unwrap_or(Source::Other),
            address: self.doc.address.clone(),
            city: self.doc.city.clone(),
            website: self.doc.website.clone(),
            price_type: self.doc.price_type.clone(),
            payment_terms_days: self
                .doc
                .payment_terms_days
                .and_then(|d| u16::try_from(d).ok()),
            credit_limit: self.doc.credit_limit,
            tags: self.doc.tags.clone(),
            needs: self.doc.needs.clone(),
            scheme_id: self.doc.scheme.clone(),
        }
    }

    pub fn card(self, contacts: Vec<Contact>, names: &HashMap<String, String>) -> ClientCard {
        let name_of = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
        ClientCard {
            fields: self.fields(),
            owner_name: name_of(&self.doc.owner),
            created_by: name_of(&self.doc.created_by),
            updated_by: name_of(&self.doc.updated_by),
            id: self.id,
            owner_id: self.doc.owner,
            contacts,
            archived: self.doc.archived,
            created_at: self.doc.created_at,
            updated_at: self.doc.updated_at,
        }
    }
}

/// The stored fields of a contact person.
#[derive(Debug, Clone, PartialEq, SurrealValue)]
pub struct ContactDoc {
    pub client: String,
    pub pos: i64,
    pub name: String,
    pub position: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub birthday: Option<String>,
    pub notes: Option<String>,
}

impl ContactDoc {
    pub fn new(client: &str, pos: usize, c: &ContactFields) -> Self {
        Self {
            client: client.to_string(),
            pos: pos as i64,
            name: c.name.clone(),
            position: c.position.clone(),
            phones: c.phones.clone(),
            emails: c.emails.clone(),
            birthday: c.birthday.map(|d| d.format("%Y-%m-%d").to_string()),
            notes: c.notes.clone(),
        }
    }
}

/// A contact to write, with its record id.
#[derive(Debug, Clone, PartialEq, SurrealValue)]
pub struct ContactWrite {
    pub id: String,
    pub doc: ContactDoc,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct ContactRow {
    pub id: String,
    pub name: String,
    pub position: Option<String>,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub birthday: Option<String>,
    pub notes: Option<String>,
}

pub const CONTACT_FIELDS: &str =
    "record::id(id) AS id, name, position, phones, emails, birthday, notes";

impl ContactRow {
    pub fn contact(self) -> Contact {
        Contact {
            fields: ContactFields {
                name: self.name,
                position: self.position,
                phones: self.phones,
                emails: self.emails,
                birthday: self
                    .birthday
                    .and_then(|b| NaiveDate::parse_from_str(&b, "%Y-%m-%d").ok()),
                notes: self.notes,
            },
            id: self.id,
        }
    }
}

/// One row of the list.
#[derive(Debug, Clone, SurrealValue)]
pub struct SummaryRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub segment: String,
    pub city: Option<String>,
    pub reg_no: Option<String>,
    pub owner: String,
    pub primary_phone: Option<String>,
    pub primary_email: Option<String>,
    pub archived: bool,
    pub updated_at: DateTime<Utc>,
    pub name_key: String,
    pub created_at: DateTime<Utc>,
    /// The change counter's value when the card last changed.
    pub version: i64,
}

pub const SUMMARY_FIELDS: &str = "record::id(id) AS id, name, kind, segment, city, reg_no, owner, \
    primary_phone, primary_email, archived, updated_at, name_key, created_at, version";

impl SummaryRow {
    pub fn summary(self, names: &HashMap<String, String>) -> ClientSummary {
        ClientSummary {
            owner_name: names
                .get(&self.owner)
                .cloned()
                .unwrap_or_else(|| self.owner.clone()),
            id: self.id,
            name: self.name,
            kind: ClientKind::parse(&self.kind).unwrap_or(ClientKind::Company),
            segment: Segment::parse(&self.segment).unwrap_or(Segment::Prospect),
            city: self.city,
            reg_no: self.reg_no,
            phone: self.primary_phone,
            email: self.primary_email,
            archived: self.archived,
            updated_at: self.updated_at,
        }
    }
}
