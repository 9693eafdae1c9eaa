//! An item of the price list: reference data, written on the server by the
//! price list's import and received by every device, so a proposal takes an
//! item's price offline. Its prices are commercial: a device whose user
//! sees no commercial terms receives the item without them (what logistics
//! needs to name goods).

use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::PRICE_ITEM,
    merge: Merge::Reference,
    access: Access::Everyone,
    commercial: &["prices"],
    // An import is audited as one change of the list (`price_list.import`),
    // not as thousands of item rows.
    audit: None,
    own_fields: &[],
};
