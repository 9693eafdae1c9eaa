//! Reading the audit trail: one entry's view (shared with a card's
//! history), and `/audit`, the search by person and period.

pub mod entry;
pub mod page;
