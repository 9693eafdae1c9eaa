//! Which refused changes the person has seen: the newest one's time, kept on
//! this device. The header warns of newer refusals until the sync page has
//! shown them, instead of saying all was sent.

use crate::sync::rejected;
use crate::ui::replica::browser::local_storage as storage;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

const KEY: &str = "kartoteka-refusals-seen";

#[derive(Clone, Copy)]
pub struct RefusalsSeen(RwSignal<Option<DateTime<Utc>>>);

/// For the frame: the header and the sync page share it.
pub fn provide() {
    let seen = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|t| t.parse().ok());
    provide_context(RefusalsSeen(RwSignal::new(seen)));
}

pub fn use_refusals_seen() -> RefusalsSeen {
    expect_context()
}

impl RefusalsSeen {
    /// How many of `list` the person has not seen yet.
    pub fn unseen(&self, list: &[rejected::Rejected]) -> usize {
        rejected::unseen(list, self.0.get())
    }

    /// The sync page showed `list`: all of it is seen.
    pub fn saw(&self, list: &[rejected::Rejected]) {
        let Some(newest) = rejected::newest(list) else {
            return;
        };
        if self.0.get_untracked().is_some_and(|s| s >= newest) {
            return;
        }
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &newest.to_rfc3339());
        }
        self.0.set(Some(newest));
    }
}
