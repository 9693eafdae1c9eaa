//! A logged call: created once on the device that made it, never edited
//! (a correction is a new call), seen by whoever works its client. The call
//! keeps the operation, device and author that made it, so it is its own
//! account of what happened and needs no audit row.

use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::CALL_LOG,
    merge: Merge::AppendOnly,
    access: Access::OfClient,
    commercial: &[],
    audit: None,
    own_fields: &[],
};

/// The names a call-log operation carries (the form's fields).
pub const FIELDS: &[&str] = &[
    "client_id",
    "contact_id",
    "at",
    "direction",
    "outcome",
    "kind",
    "duration",
    "note",
];
