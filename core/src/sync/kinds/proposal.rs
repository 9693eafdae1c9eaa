//! A commercial proposal: merged field by field (the newest status, lines
//! or date wins; a proposal has one author working one client, so there
//! are no conflict records), seen by whoever works its client, every
//! change audited. Its lines and amounts are commercial: they never reach
//! a device whose user may not see commercial terms.

use crate::domain::proposal::ProposalInput;
use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::record_fields::{self, Fields};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::PROPOSAL,
    merge: Merge::Fields,
    access: Access::OfClient,
    commercial: &["lines"],
    audit: Some("proposal"),
    own_fields: &[],
};

/// The names a proposal operation may set.
pub const FIELDS: &[&str] = ProposalInput::FIELDS;

/// A proposal's fields in the form both ends compare.
pub fn of_input(input: &ProposalInput) -> Fields {
    record_fields::of(input)
}
