//! The shipment stop kind's server half: reference data no device writes
//! (`Kind::admits` refuses every operation), saved by
//! `crate::shipment_stops`, pulled by everyone who sees the client's card.

use super::Record;
use super::by_field::of_client_row;
use super::reference_row::written_on_the_server;
use crate::access::Sight;
use crate::domain::receivables::shipment_stop::ShipmentStop;
use crate::sync::kind::Kind;
use crate::sync::protocol::Row;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::shipment_stop::KIND;

/// A stop as stored, keyed by its client's id.
#[derive(Debug, Clone, SurrealValue)]
pub struct ShipmentStopRow {
    pub id: String,
    pub client: String,
    pub stopped: bool,
    pub reason: Option<String>,
    pub by: String,
    pub by_name: String,
    pub at: DateTime<Utc>,
    /// The client's owner (see `CallDoc::owner`).
    pub owner: Option<String>,
    pub version: i64,
}

pub const SHIPMENT_STOP_FIELDS: &str =
    "record::id(id) AS id, client, stopped, reason, by, by_name, at, owner, version";

impl ShipmentStopRow {
    pub fn stop(&self) -> ShipmentStop {
        ShipmentStop {
            client_id: self.client.clone(),
            stopped: self.stopped,
            reason: self.reason.clone(),
            by_name: self.by_name.clone(),
            at: self.at,
        }
    }
}

/// The shipment stop kind, for the engine.
pub struct ShipmentStops;

impl Record for ShipmentStops {
    const KIND: &'static Kind = &KIND;
    type Doc = ShipmentStopRow;
    const FIELDS: &'static str = SHIPMENT_STOP_FIELDS;

    of_client_row!(ShipmentStopRow);

    fn audited(doc: &ShipmentStopRow) -> serde_json::Value {
        serde_json::json!({ "stopped": doc.stopped, "reason": doc.reason })
    }

    written_on_the_server!(ShipmentStopRow);

    fn row(doc: ShipmentStopRow, _names: &HashMap<String, String>, _sight: Sight) -> Row {
        Row::ShipmentStop { stop: doc.stop() }
    }
}
