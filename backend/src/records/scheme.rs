//! The key-client scheme kind's server half: reference data (no device
//! writes it through sync), written by `crate::schemes`, pulled by every
//! device; its commercial fields only by those who see commercial terms.

use super::Record;
use super::reference_row::{versioned_row, written_on_the_server};
use crate::access::Sight;
use crate::domain::scheme::{GroupDiscount, Scheme, SchemeFields};
use crate::sync::kind::Kind;
use crate::sync::protocol::Row;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::scheme::KIND;

#[derive(Debug, Clone, SurrealValue)]
pub struct GroupDoc {
    pub group: String,
    pub discount_pct: Decimal,
}

/// A scheme as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct SchemeDoc {
    pub id: String,
    pub name: String,
    pub discount_pct: Decimal,
    pub groups: Vec<GroupDoc>,
    pub payment_days: Option<i64>,
    pub lead_days: Option<i64>,
    pub service: Option<String>,
    pub conditions: Option<String>,
    pub archived: bool,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

pub const SCHEME_FIELDS: &str = "record::id(id) AS id, name, discount_pct, groups, \
    payment_days, lead_days, service, conditions, archived, updated_by, updated_at, version";

fn days(d: Option<i64>) -> Option<u16> {
    d.and_then(|d| u16::try_from(d).ok())
}

impl SchemeDoc {
    pub fn fields(&self) -> SchemeFields {
        SchemeFields {
            name: self.name.clone(),
            discount_pct: self.discount_pct,
            groups: self
                .groups
                .iter()
                .map(|g| GroupDiscount {
                    group: g.group.clone(),
                    discount_pct: g.discount_pct,
                })
                .collect(),
            payment_days: days(self.payment_days),
            lead_days: days(self.lead_days),
            service: self.service.clone(),
            conditions: self.conditions.clone(),
            archived: self.archived,
        }
    }

    pub fn new(id: &str, f: &SchemeFields, by: &str, at: DateTime<Utc>) -> SchemeDoc {
        SchemeDoc {
            id: id.to_string(),
            name: f.name.clone(),
            discount_pct: f.discount_pct,
            groups: f
                .groups
                .iter()
                .map(|g| GroupDoc {
                    group: g.group.clone(),
                    discount_pct: g.discount_pct,
                })
                .collect(),
            payment_days: f.payment_days.map(i64::from),
            lead_days: f.lead_days.map(i64::from),
            service: f.service.clone(),
            conditions: f.conditions.clone(),
            archived: f.archived,
            updated_by: by.to_string(),
            updated_at: at,
            version: 0,
        }
    }
}

/// The scheme kind, for the engine.
pub struct Schemes;

impl Record for Schemes {
    const KIND: &'static Kind = &KIND;
    type Doc = SchemeDoc;
    const FIELDS: &'static str = SCHEME_FIELDS;

    versioned_row!(SchemeDoc);
    fn audited(doc: &SchemeDoc) -> serde_json::Value {
        serde_json::to_value(doc.fields()).unwrap_or_default()
    }

    written_on_the_server!(SchemeDoc);

    fn row(doc: SchemeDoc, _names: &HashMap<String, String>, sight: Sight) -> Row {
        let mut fields = doc.fields();
        if sight != Sight::Full {
            // `KIND.commercial` stays on the server.
            fields.discount_pct = Decimal::ZERO;
            fields.groups = Vec::new();
            fields.payment_days = None;
            fields.conditions = None;
        }
        Row::Scheme {
            scheme: Box::new(Scheme {
                id: doc.id,
                fields,
                updated_by: doc.updated_by,
                updated_at: doc.updated_at,
            }),
        }
    }
}
