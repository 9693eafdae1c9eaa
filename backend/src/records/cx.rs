//! What a kind's `apply` may ask of the batch it is part of.

use super::client::CardWork;
use super::conflict::ConflictDoc;
use crate::access::Scope;
use crate::domain::user::Me;
use crate::{ApiError, Db};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Cx<'a> {
    pub db: &'a Db,
    pub me: &'a Me,
    pub scope: &'a Scope,
    /// When the operation was made (its stamp, clamped to the server's clock).
    pub at: DateTime<Utc>,
    /// The server's clock when the batch was planned.
    pub now: DateTime<Utc>,
    pub(super) cards: &'a HashMap<String, Option<CardWork>>,
    /// Owners of the clients the batch's records are about, as stored.
    pub(super) owners: &'a HashMap<String, String>,
    /// Conflicts the operation's merge kept: written with the batch if the
    /// operation is applied, dropped if it is refused.
    pub(super) kept: &'a Mutex<Vec<ConflictDoc>>,
}

impl Cx<'_> {
    /// A client's owner as the batch has it now: a card created or moved
    /// earlier in the batch counts as it is now.
    pub fn owner_of(&self, client: &str) -> Option<String> {
        match self.cards.get(client) {
            Some(Some(card)) => Some(card.owner.clone()),
            Some(None) => None,
            None => self.owners.get(client).cloned(),
        }
    }

    /// The client's owner, if the author may work the client at the time
    /// the operation was made; else the client is "not found" to them.
    pub fn working(&self, client: &str) -> Result<String, ApiError> {
        self.owner_of(client)
            .filter(|o| self.scope.works_at(client, o, self.at))
            .ok_or(ApiError::NotFound)
    }

    /// The owner a deputy worked the client for, if it was under a cover.
    pub fn on_behalf_of(&self, client: &str, owner: &str) -> Option<String> {
        self.scope.on_behalf_of(client, owner, self.at)
    }

    /// Keeps values the operation's merge let lose, as conflict records.
    pub fn keep_conflicts(&self, conflicts: Vec<ConflictDoc>) {
        if let Ok(mut kept) = self.kept.lock() {
            kept.extend(conflicts);
        }
    }

    /// The contact ids of a card the batch has loaded or changed.
    pub fn card_contacts(&self, client: &str) -> Option<&[String]> {
        match self.cards.get(client) {
            Some(Some(card)) => Some(&card.contact_ids),
            _ => None,
        }
    }
}
