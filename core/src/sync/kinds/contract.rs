//! A contract with a client: merged field by field (the newest status,
//! dates, terms or list of points wins, and the value it replaced unseen is
//! kept as a conflict its people may restore: a contract is negotiated by
//! whoever works its client, often from two devices), seen by whoever works the client and by nobody else
//! (a logistics device receives none), every change audited: the audit's
//! changes are the draft's versions.

use crate::domain::contract::ContractInput;
use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::record_fields::{self, Fields};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::CONTRACT,
    merge: Merge::FieldsWithConflicts,
    access: Access::OfClient,
    commercial: &["price_type", "payment_days", "credit_limit", "scheme_id"],
    audit: Some("contract"),
    own_fields: &[],
};

/// The names a contract operation may set.
pub const FIELDS: &[&str] = ContractInput::FIELDS;

/// A contract's fields in the form both ends compare.
pub fn of_input(input: &ContractInput) -> Fields {
    record_fields::of(input)
}
