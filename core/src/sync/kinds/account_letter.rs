//! A letter about a client's account (a payment reminder, a reconciliation
//! statement): asked for once on a device, never edited there (another
//! letter is another record); what became of it — sent, failed, the
//! client's answer — the server writes, stamped by its own version, and
//! devices pull. Seen by whoever works the client; each of the server's
//! findings is audited by the server.

use crate::domain::receivables::account_letter::LetterInput;
use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::tables;

pub const KIND: Kind = Kind {
    table: tables::ACCOUNT_LETTER,
    merge: Merge::AppendOnly,
    access: Access::OfClient,
    commercial: &[],
    audit: None,
    own_fields: &[],
};

/// The names a letter operation carries.
pub const FIELDS: &[&str] = LetterInput::FIELDS;
