//! A follow-up (the next step with a client): merged field by field, the
//! newest date or state winning without conflict records, seen by whoever
//! works its client; done, never deleted.

use crate::domain::follow_up::FollowUpInput;
use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::record_fields::{self, Fields};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::FOLLOW_UP,
    merge: Merge::Fields,
    access: Access::OfClient,
    commercial: &[],
    audit: None,
    own_fields: &[],
};

/// The names a follow-up operation may set.
pub const FIELDS: &[&str] = FollowUpInput::FIELDS;

/// A follow-up's fields in the form both ends compare.
pub fn of_input(input: &FollowUpInput) -> Fields {
    record_fields::of(input)
}
