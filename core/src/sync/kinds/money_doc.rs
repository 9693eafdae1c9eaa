//! An accounting document (invoice, credit note, payment): reference data
//! about one client. Accounting's system is the source of truth, so no
//! device writes one; imports do, on the server. It reaches only devices of
//! those who work the client (`OfClient`: never logistics), where the
//! balance and aging are computed from it offline. Audited by the import
//! (`money_doc.import`, and `money_doc.update` for a changed amount).

use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::MONEY_DOC,
    merge: Merge::Reference,
    access: Access::OfClient,
    // The whole record is money; `OfClient` already keeps it from every
    // role without commercial sight, so nothing is left to strip.
    commercial: &[],
    audit: Some("money_doc"),
    own_fields: &[],
};
