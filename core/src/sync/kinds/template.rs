//! A proposal template: reference data, written on the server by those who
//! manage templates (heads, directors) and received by every device, so a
//! proposal is composed from it offline. Its words are commercial: a device
//! whose user sees no commercial terms receives only its name.

use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::TEMPLATE,
    merge: Merge::Reference,
    access: Access::Everyone,
    commercial: &["lv", "en", "ru"],
    audit: Some("template"),
    own_fields: &[],
};
