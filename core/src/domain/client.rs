//! The client card: what we know about a client or prospect.

use super::code_enum::code_enum;
use super::contact::Contact;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

code_enum!(
    /// A company (has registration and VAT numbers) or a private person.
    ClientKind { Company => "company", Person => "person" }
);

code_enum!(
    /// Where the client stands with us.
    Segment { Prospect => "prospect", Active => "active", Key => "key", Lost => "lost" }
);

code_enum!(
    /// How the client found us.
    Source {
        Exhibition => "exhibition",
        Advertising => "advertising",
        Referral => "referral",
        IncomingCall => "incoming_call",
        Website => "website",
        Store => "store",
        Other => "other",
    }
);

/// The validated, editable fields of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientFields {
    pub kind: ClientKind,
    pub name: String,
    pub reg_no: Option<String>,
    pub vat_no: Option<String>,
    pub segment: Segment,
    pub source: Source,
    pub address: Option<String>,
    pub city: Option<String>,
    pub website: Option<String>,
    pub price_type: Option<String>,
    pub payment_terms_days: Option<u16>,
    pub credit_limit: Option<Decimal>,
    pub tags: Vec<String>,
    pub needs: Option<String>,
    /// The key-client scheme the client is on (its special terms).
    #[serde(default)]
    pub scheme_id: Option<String>,
}

impl ClientFields {
    /// Names of the fields that carry commercial terms: seen only by the
    /// owner, their head, directors and an active deputy.
    pub const COMMERCIAL: [&'static str; 4] = [
        "price_type",
        "payment_terms_days",
        "credit_limit",
        "scheme_id",
    ];

    /// The card as someone without sight of its commercial terms gets it.
    pub fn without_commercial_terms(self) -> ClientFields {
        ClientFields {
            price_type: None,
            payment_terms_days: None,
            credit_limit: None,
            scheme_id: None,
            ..self
        }
    }
}

/// A whole card as shown on its page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientCard {
    pub id: String,
    pub fields: ClientFields,
    pub owner_id: String,
    pub owner_name: String,
    pub contacts: Vec<Contact>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by: String,
}

/// One row of the client list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientSummary {
    pub id: String,
    pub name: String,
    pub kind: ClientKind,
    pub segment: Segment,
    pub city: Option<String>,
    pub reg_no: Option<String>,
    pub owner_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub archived: bool,
    pub updated_at: DateTime<Utc>,
}

/// How the list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientSort {
    #[default]
    Name,
    RecentlyUpdated,
    Newest,
}

impl ClientSort {
    pub const ALL: [ClientSort; 3] = [
        ClientSort::Name,
        ClientSort::RecentlyUpdated,
        ClientSort::Newest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ClientSort::Name => "name",
            ClientSort::RecentlyUpdated => "updated",
            ClientSort::Newest => "newest",
        }
    }

    pub fn parse(s: &str) -> Option<ClientSort> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }
}

/// What the list asks for: search words, filters, order and page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientQuery {
    pub text: String,
    pub segment: Option<Segment>,
    pub owner_id: Option<String>,
    pub include_archived: bool,
    pub sort: ClientSort,
    pub page: u32,
}

pub const PAGE_SIZE: u32 = 50;

/// One page of the list and whether more follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientPage {
    pub items: Vec<ClientSummary>,
    pub page: u32,
    pub has_more: bool,
}
