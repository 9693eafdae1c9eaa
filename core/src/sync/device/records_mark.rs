//! What tells one state of a device's records from another without reading
//! them. Every step that changes records moves a part of the metadata in
//! its own transaction: a local edit takes the next sequence number, a
//! pulled page moves the cursor or answers a record asked for again, a full
//! download starts from no cursor. So two equal marks mean the same records,
//! and whatever was worked out from them (Today's screen) still holds.

use super::Device;
use crate::sync::protocol::{Cursor, RecordKey};
use crate::sync::store::{LocalStore, Meta, StoreError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordsMark {
    device_id: String,
    next_seq: u64,
    cursor: Option<Cursor>,
    refetch: Vec<RecordKey>,
}

impl RecordsMark {
    pub fn of(meta: &Meta) -> RecordsMark {
        RecordsMark {
            device_id: meta.device_id.clone(),
            next_seq: meta.next_seq,
            cursor: meta.cursor.clone(),
            refetch: meta.refetch.clone(),
        }
    }
}

impl<S: LocalStore> Device<S> {
    /// The mark of the records as stored now. Read it *before* working
    /// something out from them: a change stored in between then leaves a
    /// mark that no longer matches, never a match for stale work.
    pub async fn records_mark(&self) -> Result<RecordsMark, StoreError> {
        Ok(RecordsMark::of(&self.meta().await?))
    }
}

#[cfg(test)]
mod tests {
    use super::super::scripted::Scripted;
    use super::*;
    use crate::domain::client_input::ClientInput;
    use crate::sync::memory_store::MemoryStore;
    use crate::sync::protocol::{Ack, AckStatus, PullAnswer};
    use futures::executor::block_on;

    fn device() -> Device<MemoryStore> {
        block_on(Device::open(MemoryStore::default(), "u1", "Ilze")).unwrap()
    }

    fn card(name: &str) -> ClientInput {
        ClientInput {
            name: name.into(),
            ..Default::default()
        }
    }

    fn page(version: i64) -> PullAnswer {
        PullAnswer::Page {
            rows: Vec::new(),
            gone: Vec::new(),
            cursor: Cursor {
                epoch: "e".into(),
                version,
                scope: "s".into(),
                within: None,
            },
            more: false,
            remaining: Some(0),
        }
    }

    fn mark(d: &Device<MemoryStore>) -> RecordsMark {
        block_on(d.records_mark()).unwrap()
    }

    #[test]
    fn a_local_edit_moves_the_mark() {
        let d = device();
        let before = mark(&d);
        let saved = block_on(d.save_card(None, card("Pirmā"), false)).unwrap();
        let created = mark(&d);
        assert_ne!(before, created);
        let mut edit = card("Pirmā");
        edit.city = "Cēsis".into();
        block_on(d.save_card(Some(&saved.id), edit, false)).unwrap();
        assert_ne!(created, mark(&d));
    }

    #[test]
    fn a_pulled_page_moves_the_mark_and_a_sync_that_changed_nothing_keeps_it() {
        let d = device();
        block_on(d.save_card(None, card("Otrā"), false)).unwrap();
        let ops = block_on(d.store().outbox()).unwrap();
        let edited = mark(&d);
        // Sending the outbox changes no record; the first download does.
        let t = Scripted::default()
            .push_answers(Ok(vec![Ack {
                op_id: ops[0].op_id.clone(),
                status: AckStatus::Applied,
            }]))
            .pull_answers(Ok(page(1)));
        block_on(d.sync(&t, |_| {})).unwrap();
        let pulled = mark(&d);
        assert_ne!(edited, pulled);

        let t = Scripted::default().pull_answers(Ok(page(1)));
        block_on(d.sync(&t, |_| {})).unwrap();
        assert_eq!(pulled, mark(&d), "nothing new: the same records");

        // A page with changes always comes with a newer cursor.
        let t = Scripted::default().pull_answers(Ok(page(2)));
        block_on(d.sync(&t, |_| {})).unwrap();
        assert_ne!(pulled, mark(&d));
    }

    #[test]
    fn a_full_download_again_moves_the_mark() {
        let d = device();
        let t = Scripted::default().pull_answers(Ok(page(3)));
        block_on(d.sync(&t, |_| {})).unwrap();
        let synced = mark(&d);
        block_on(d.store().clear_records()).unwrap();
        assert_ne!(synced, mark(&d));
    }
}
