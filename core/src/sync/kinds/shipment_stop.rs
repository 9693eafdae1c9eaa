//! A client's shipment stop: reference data written on the server by those
//! allowed to stop shipments (heads, directors, accounting), one per
//! client. It is the one money fact logistics receives, so it goes to
//! everyone who sees the card (`WithCard`); audited as
//! `shipment_stop.create` / `shipment_stop.update`.

use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::SHIPMENT_STOP,
    merge: Merge::Reference,
    access: Access::WithCard,
    commercial: &[],
    audit: Some("shipment_stop"),
    own_fields: &[],
};
