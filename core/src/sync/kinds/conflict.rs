//! A value that lost to a concurrent edit of a card field: made by the
//! server's merge, never by a device; a device may only mark it dealt
//! with (restoring the value is a card edit of its own).

use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::CONFLICT,
    merge: Merge::Fields,
    access: Access::OfClient,
    commercial: &[],
    audit: None,
    own_fields: &[],
};

/// The one field a device sets.
pub const RESOLVED: &str = "resolved";
