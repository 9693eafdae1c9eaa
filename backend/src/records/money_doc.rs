//! The accounting document kind's server half: reference data no device
//! writes (`Kind::admits` refuses every operation), written by the import
//! (`crate::money_import`), pulled by whoever works the client.

use super::Record;
use super::by_field::of_client_row;
use super::reference_row::written_on_the_server;
use crate::ApiError;
use crate::access::Sight;
use crate::domain::receivables::document::{DocFields, DocKind, MoneyDoc};
use crate::sync::kind::Kind;
use crate::sync::protocol::Row;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::money_doc::KIND;

const DAY: &str = "%Y-%m-%d";

/// A document as stored; days are `YYYY-MM-DD` text.
#[derive(Debug, Clone, SurrealValue)]
pub struct MoneyDocRow {
    pub id: String,
    pub client: String,
    pub kind: String,
    pub number: String,
    pub date: String,
    pub due: Option<String>,
    pub amount: Decimal,
    pub currency: String,
    pub reference: Option<String>,
    /// The import source it last came from.
    pub source: String,
    pub imported_at: DateTime<Utc>,
    /// The client's owner (see `CallDoc::owner`).
    pub owner: Option<String>,
    pub version: i64,
}

pub const MONEY_DOC_FIELDS: &str = "record::id(id) AS id, client, kind, number, date, due, \
    amount, currency, reference, source, imported_at, owner, version";

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, DAY).ok()
}

impl MoneyDocRow {
    pub fn new(
        id: &str,
        f: &DocFields,
        source: &str,
        owner: Option<String>,
        at: DateTime<Utc>,
    ) -> MoneyDocRow {
        MoneyDocRow {
            id: id.to_string(),
            client: f.client_id.clone(),
            kind: f.kind.code().into(),
            number: f.number.clone(),
            date: f.date.format(DAY).to_string(),
            due: f.due.map(|d| d.format(DAY).to_string()),
            amount: f.amount,
            currency: f.currency.clone(),
            reference: f.reference.clone(),
            source: source.to_string(),
            imported_at: at,
            owner,
            version: 0,
        }
    }

    /// The document as the domain reads it.
    pub fn doc(&self) -> MoneyDoc {
        MoneyDoc {
            id: self.id.clone(),
            fields: self.fields(),
        }
    }

    pub fn fields(&self) -> DocFields {
        DocFields {
            client_id: self.client.clone(),
            kind: DocKind::parse(&self.kind).unwrap_or(DocKind::Invoice),
            number: self.number.clone(),
            date: day(&self.date).unwrap_or_default(),
            due: self.due.as_deref().and_then(day),
            amount: self.amount,
            currency: self.currency.clone(),
            reference: self.reference.clone(),
        }
    }
}

/// Documents of `client`, or every client's with `None`.
pub async fn read(db: &crate::Db, client: Option<&str>) -> Result<Vec<MoneyDoc>, ApiError> {
    use crate::db_error::OrInternal;
    let mut res = db
        .query(format!(
            "SELECT {MONEY_DOC_FIELDS} FROM money_doc WHERE $client = NONE OR client = $client"
        ))
        .bind(("client", client.map(str::to_string)))
        .await
        .or_internal()?;
    let rows: Vec<MoneyDocRow> = res.take(0).or_internal()?;
    Ok(rows.iter().map(MoneyDocRow::doc).collect())
}

/// The document kind, for the engine.
pub struct MoneyDocs;

impl Record for MoneyDocs {
    const KIND: &'static Kind = &KIND;
    type Doc = MoneyDocRow;
    const FIELDS: &'static str = MONEY_DOC_FIELDS;

    of_client_row!(MoneyDocRow);

    fn audited(doc: &MoneyDocRow) -> serde_json::Value {
        serde_json::to_value(doc.fields()).unwrap_or_default()
    }

    written_on_the_server!(MoneyDocRow);

    fn row(doc: MoneyDocRow, _names: &HashMap<String, String>, _sight: Sight) -> Row {
        Row::MoneyDoc {
            doc: Box::new(MoneyDoc {
                fields: doc.fields(),
                id: doc.id,
            }),
        }
    }
}
