//! Mail the server sends on people's behalf. A change that asks for a
//! letter (a proposal queued, on a phone or the web) writes an outbox row in
//! its own transaction (`outbox`); the server's mail worker later composes
//! the letter from what is stored then (`letter`, `proposal`), sends it and
//! records what the mail server said, on the outbox row and on the record.
//!
//! The transport (SMTP, a directory of `.eml` files) is the server binary's;
//! this crate holds what is stored and what it means.

pub mod account_letter;
pub mod account_texts;
pub mod letter;
pub mod optout;
pub mod outbox;
pub mod pdf;
pub mod proposal;
mod proposal_letter;
pub mod settings_store;
pub mod texts;

use std::sync::OnceLock;
use tokio::sync::Notify;

/// Woken when a transaction has queued mail, so this process's worker does
/// not wait for its next round (other processes find it on theirs).
pub fn queued() -> &'static Notify {
    static QUEUED: OnceLock<Notify> = OnceLock::new();
    QUEUED.get_or_init(Notify::new)
}

use crate::{ApiError, Db};
use chrono::{DateTime, Utc};
use letter::Prepared;
use outbox::OutboxDoc;

/// How a letter's row ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closing {
    /// The mail server accepted it, with this Message-ID.
    Sent(String),
    /// Refused for good, or never sendable, for this reason.
    Failed(String),
    /// Its record no longer asks for it.
    Cancelled(String),
}

/// The letter row `mail` asks for, composed from its record as it stands.
pub async fn prepare(db: &Db, mail: &OutboxDoc) -> Result<Prepared, ApiError> {
    match mail.source() {
        ("proposal", id) => proposal::prepare(db, id).await,
        ("account_letter", id) => account_letter::prepare(db, id).await,
        (table, _) => Ok(Prepared::Fail(format!("no letter is made for {table:?}"))),
    }
}

/// Closes row `mail` and records on its record what became of the letter.
pub async fn close(
    db: &Db,
    mail: &OutboxDoc,
    how: Closing,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    match (mail.source().0, how) {
        ("proposal", how) => proposal::close(db, mail, &how, at).await,
        ("account_letter", how) => account_letter::close(db, mail, &how, at).await,
        (_, Closing::Sent(_)) => outbox::close(db, &mail.id, "sent", None, Some(at)).await,
        (_, Closing::Failed(reason)) => {
            outbox::close(db, &mail.id, "failed", Some(&reason), None).await
        }
        (_, Closing::Cancelled(reason)) => {
            outbox::close(db, &mail.id, "cancelled", Some(&reason), None).await
        }
    }
}
