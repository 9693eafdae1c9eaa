//! A promise to pay: made once on the device where the manager heard it,
//! never edited (a new promise is a new record), seen by whoever works its
//! client. Like a call it names its author and time, so it is its own
//! account and needs no audit row.

use crate::domain::receivables::promise::PromiseInput;
use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::PROMISE,
    merge: Merge::AppendOnly,
    access: Access::OfClient,
    commercial: &[],
    audit: None,
    own_fields: &[],
};

/// The names a promise operation carries.
pub const FIELDS: &[&str] = PromiseInput::FIELDS;
