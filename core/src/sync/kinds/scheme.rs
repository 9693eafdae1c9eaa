//! A key-client scheme: reference data, written on the server by those who
//! lead people and received by every device, so a proposal takes its
//! discount offline. Its discounts, payment days and conditions are
//! commercial: a device whose user sees no commercial terms receives only
//! its name, delivery lead time and service level (what logistics needs).

use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::SCHEME,
    merge: Merge::Reference,
    access: Access::Everyone,
    commercial: &["discount_pct", "groups", "payment_days", "conditions"],
    audit: Some("scheme"),
    own_fields: &[],
};
