//! The price list item kind's server half: reference data (no device
//! writes it through sync), written by the price list's import
//! (`crate::price_list`), pulled by every device; its prices only by those
//! who see commercial terms.

use super::Record;
use super::reference_row::{versioned_row, written_on_the_server};
use crate::access::Sight;
use crate::domain::price_list::{PriceItem, TypePrice};
use crate::sync::kind::Kind;
use crate::sync::protocol::Row;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::price_item::KIND;

#[derive(Debug, Clone, PartialEq, SurrealValue)]
pub struct PriceDoc {
    pub price_type: String,
    pub price: Decimal,
}

/// An item as stored; its record key is its code.
#[derive(Debug, Clone, SurrealValue)]
pub struct PriceItemDoc {
    pub id: String,
    pub name: String,
    pub product_group: Option<String>,
    pub unit: Option<String>,
    pub prices: Vec<PriceDoc>,
    pub withdrawn: bool,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

pub const PRICE_ITEM_FIELDS: &str =
    "record::id(id) AS id, name, product_group, unit, prices, withdrawn, updated_at, version";

impl PriceItemDoc {
    pub fn item(&self) -> PriceItem {
        PriceItem {
            code: self.id.clone(),
            name: self.name.clone(),
            group: self.product_group.clone(),
            unit: self.unit.clone(),
            prices: self
                .prices
                .iter()
                .map(|p| TypePrice {
                    price_type: p.price_type.clone(),
                    price: p.price,
                })
                .collect(),
            withdrawn: self.withdrawn,
        }
    }

    pub fn new(item: &PriceItem, at: DateTime<Utc>) -> PriceItemDoc {
        PriceItemDoc {
            id: item.code.clone(),
            name: item.name.clone(),
            product_group: item.group.clone(),
            unit: item.unit.clone(),
            prices: item
                .prices
                .iter()
                .map(|p| PriceDoc {
                    price_type: p.price_type.clone(),
                    price: p.price,
                })
                .collect(),
            withdrawn: item.withdrawn,
            updated_at: at,
            version: 0,
        }
    }
}

/// The price item kind, for the engine.
pub struct PriceItems;

impl Record for PriceItems {
    const KIND: &'static Kind = &KIND;
    type Doc = PriceItemDoc;
    const FIELDS: &'static str = PRICE_ITEM_FIELDS;

    versioned_row!(PriceItemDoc);

    written_on_the_server!(PriceItemDoc);

    fn row(doc: PriceItemDoc, _names: &HashMap<String, String>, sight: Sight) -> Row {
        let mut item = doc.item();
        if sight != Sight::Full {
            // `KIND.commercial` stays on the server.
            item.prices = Vec::new();
        }
        Row::PriceItem {
            item: Box::new(item),
        }
    }
}
