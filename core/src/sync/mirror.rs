//! The device's records in memory (every kind screens read), kept current from the stored changes
//! (`watched_store.rs`): the calling day's screens read tens of thousands of
//! cards and calls at each visit, and reading them from IndexedDB took
//! seconds where a pass over memory takes milliseconds.
//!
//! It is filled once from the store when the app opens. Changes that arrive
//! while it is being filled are queued and applied after it, so none is lost
//! or applied before the older state it replaces.

use super::protocol::{RecordKey, Row};
use super::tables;
use super::watched_store::Change;
use crate::domain::call_log::CallLog;
use crate::domain::calling::last_contact::LastContacts;
use crate::domain::card_index::CardIndex;
use crate::domain::client::ClientCard;
use crate::domain::contract::Contract;
use crate::domain::field_conflict::FieldConflict;
use crate::domain::follow_up::FollowUp;
use crate::domain::price_list::PriceItem;
use crate::domain::proposal::Proposal;
use crate::domain::receivables::account_letter::AccountLetter;
use crate::domain::receivables::document::MoneyDoc;
use crate::domain::receivables::promise::Promise;
use crate::domain::receivables::shipment_stop::ShipmentStop;
use crate::domain::scheme::Scheme;
use crate::domain::template::Template;
use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;

/// Values in a vector (so screens get a slice) with their position by id
/// (hashed for short keys: a download puts 120,000 of them).
#[derive(Debug, Clone)]
pub struct Keyed<T> {
    items: Vec<T>,
    at: FxHashMap<String, usize>,
}

impl Keyed<ClientCard> {
    /// The cards by id, without hashing them again.
    pub fn index(&self) -> CardIndex<'_> {
        CardIndex::over(&self.items, &self.at)
    }
}

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed {
            items: Vec::new(),
            at: FxHashMap::default(),
        }
    }
}

impl<T> Keyed<T> {
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.at.get(id).map(|&i| &self.items[i])
    }

    fn position(&self, id: &str) -> Option<usize> {
        self.at.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether `id` is new (its value then goes at the end).
    fn put(&mut self, id: &str, value: T) -> bool {
        match self.at.get(id) {
            Some(&i) => {
                self.items[i] = value;
                false
            }
            None => {
                self.at.insert(id.to_string(), self.items.len());
                self.items.push(value);
                true
            }
        }
    }

    /// The position `id` left, which the last value now fills (as
    /// `Vec::swap_remove`); `None`: not held.
    fn remove(&mut self, id: &str, id_of: impl Fn(&T) -> &str) -> Option<usize> {
        let i = self.at.remove(id)?;
        self.items.swap_remove(i);
        if let Some(moved) = self.items.get(i) {
            self.at.insert(id_of(moved).to_string(), i);
        }
        Some(i)
    }

    fn clear(&mut self) {
        self.items.clear();
        self.at.clear();
    }
}

#[derive(Debug, Clone, Default)]
pub struct Mirror {
    pub cards: Keyed<ClientCard>,
    pub calls: Keyed<CallLog>,
    pub follow_ups: Keyed<FollowUp>,
    pub conflicts: Keyed<FieldConflict>,
    pub proposals: Keyed<Proposal>,
    pub contracts: Keyed<Contract>,
    pub templates: Keyed<Template>,
    pub schemes: Keyed<Scheme>,
    pub money_docs: Keyed<MoneyDoc>,
    pub shipment_stops: Keyed<ShipmentStop>,
    pub promises: Keyed<Promise>,
    pub account_letters: Keyed<AccountLetter>,
    pub price_items: Keyed<PriceItem>,
    /// Each client's latest call among `calls`, kept as they come and go.
    pub last_contacts: LastContacts,
    /// The same for each of `cards`, in their order: Today reads it for
    /// every card without hashing thousands of ids at each visit.
    card_last_contacts: Vec<Option<DateTime<Utc>>>,
    /// A call it rested on went or changed: counted again from `calls`
    /// once the changes at hand are in.
    contacts_stale: bool,
    /// Filled from the store; until then changes wait in `queued`.
    filled: bool,
    queued: Vec<Change>,
    /// Counts resets: a fill started before the latest reset is stale.
    generation: u64,
}

impl Mirror {
    pub fn is_filled(&self) -> bool {
        self.filled
    }

    /// Each of `cards`' last contact, in the same order (`None`: never).
    pub fn card_last_contacts(&self) -> &[Option<DateTime<Utc>>] {
        &self.card_last_contacts
    }

    /// The store's records, read when the app opened; then the changes that
    /// arrived meanwhile.
    pub fn fill(&mut self, rows: Vec<Row>) {
        self.clear();
        for row in rows {
            self.put(row);
        }
        self.filled = true;
        for change in std::mem::take(&mut self.queued) {
            self.apply(change);
        }
        self.settle();
    }

    /// Forgets everything and waits to be filled again (another tab changed
    /// the store, or another user signed in). Answers the fill to wait for.
    pub fn reset(&mut self) -> u64 {
        let generation = self.generation + 1;
        *self = Mirror {
            generation,
            ..Mirror::default()
        };
        generation
    }

    /// Fills from `rows` if no reset came after the one that answered
    /// `generation`; a stale read (overtaken by a later fill) is dropped,
    /// since the changes it would replay went to the later one's queue.
    pub fn fill_from(&mut self, generation: u64, rows: Vec<Row>) -> bool {
        if generation != self.generation {
            return false;
        }
        self.fill(rows);
        true
    }

    pub fn apply_all(&mut self, changes: Vec<Change>) {
        for c in changes {
            self.apply(c);
        }
        self.settle();
    }

    /// Counts the last contacts again if a change left them unsure (rare:
    /// calls are appended, and taken away only with their card).
    fn settle(&mut self) {
        if std::mem::take(&mut self.contacts_stale) {
            self.last_contacts = LastContacts::of(self.calls.as_slice());
            self.card_last_contacts = self.last_contacts.of_cards(self.cards.as_slice());
        }
    }

    fn apply(&mut self, change: Change) {
        if !self.filled {
            self.queued.push(change);
            return;
        }
        match change {
            Change::Put(row) => self.put(row),
            Change::Remove(key) => self.remove(&key),
            Change::Clear => self.clear(),
        }
    }

    fn clear(&mut self) {
        self.cards.clear();
        self.calls.clear();
        self.follow_ups.clear();
        self.conflicts.clear();
        self.proposals.clear();
        self.contracts.clear();
        self.templates.clear();
        self.schemes.clear();
        self.money_docs.clear();
        self.shipment_stops.clear();
        self.promises.clear();
        self.account_letters.clear();
        self.price_items.clear();
        self.last_contacts = LastContacts::default();
        self.card_last_contacts.clear();
        self.contacts_stale = false;
    }

    fn put(&mut self, row: Row) {
        match row {
            Row::Client { card, .. } => {
                let id = card.id.clone();
                if self.cards.put(&id, *card) {
                    self.card_last_contacts.push(self.last_contacts.get(&id));
                }
            }
            Row::CallLog { call } => {
                let id = call.id.clone();
                // The same call coming back from the server changes nothing.
                if let Some(old) = self.calls.get(&id)
                    && (old.fields.at, &old.fields.client_id)
                        != (call.fields.at, &call.fields.client_id)
                    && self.last_contacts.rests_on(old)
                {
                    self.contacts_stale = true;
                }
                self.last_contacts.add(&call);
                if let Some(i) = self.cards.position(&call.fields.client_id) {
                    self.card_last_contacts[i] = self.last_contacts.get(&call.fields.client_id);
                }
                self.calls.put(&id, call);
            }
            Row::FollowUp { follow_up, .. } => {
                let id = follow_up.id.clone();
                self.follow_ups.put(&id, follow_up);
            }
            Row::Conflict { conflict } => {
                let id = conflict.id.clone();
                self.conflicts.put(&id, conflict);
            }
            Row::Proposal { proposal, .. } => {
                let id = proposal.id.clone();
                self.proposals.put(&id, *proposal);
            }
            Row::Contract { contract, .. } => {
                let id = contract.id.clone();
                self.contracts.put(&id, *contract);
            }
            Row::Template { template } => {
                let id = template.id.clone();
                self.templates.put(&id, *template);
            }
            Row::Scheme { scheme } => {
                let id = scheme.id.clone();
                self.schemes.put(&id, *scheme);
            }
            Row::MoneyDoc { doc } => {
                let id = doc.id.clone();
                self.money_docs.put(&id, *doc);
            }
            Row::AccountLetter { letter } => {
                let id = letter.id.clone();
                self.account_letters.put(&id, *letter);
            }
            Row::Promise { promise } => {
                let id = promise.id.clone();
                self.promises.put(&id, promise);
            }
            Row::ShipmentStop { stop } => {
                let id = stop.client_id.clone();
                self.shipment_stops.put(&id, stop);
            }
            Row::PriceItem { item } => {
                let id = item.code.clone();
                self.price_items.put(&id, *item);
            }
        }
    }

    fn remove(&mut self, key: &RecordKey) {
        match key.table.as_str() {
            tables::CLIENT => {
                if let Some(i) = self.cards.remove(&key.id, |c| &c.id) {
                    self.card_last_contacts.swap_remove(i);
                }
            }
            tables::CALL_LOG => {
                if self
                    .calls
                    .get(&key.id)
                    .is_some_and(|c| self.last_contacts.rests_on(c))
                {
                    self.contacts_stale = true;
                }
                self.calls.remove(&key.id, |c| &c.id);
            }
            tables::FOLLOW_UP => {
                self.follow_ups.remove(&key.id, |f| &f.id);
            }
            tables::CONFLICT => {
                self.conflicts.remove(&key.id, |c| &c.id);
            }
            tables::PROPOSAL => {
                self.proposals.remove(&key.id, |p| &p.id);
            }
            tables::CONTRACT => {
                self.contracts.remove(&key.id, |c| &c.id);
            }
            tables::TEMPLATE => {
                self.templates.remove(&key.id, |t| &t.id);
            }
            tables::SCHEME => {
                self.schemes.remove(&key.id, |s| &s.id);
            }
            tables::MONEY_DOC => {
                self.money_docs.remove(&key.id, |d| &d.id);
            }
            tables::ACCOUNT_LETTER => {
                self.account_letters.remove(&key.id, |l| &l.id);
            }
            tables::PROMISE => {
                self.promises.remove(&key.id, |p| &p.id);
            }
            tables::SHIPMENT_STOP => {
                self.shipment_stops.remove(&key.id, |s| &s.client_id);
            }
            tables::PRICE_ITEM => {
                self.price_items.remove(&key.id, |i| &i.code);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use crate::sync::memory_store::MemoryStore;
    use crate::sync::store::LocalStore;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn call(id: u8, client: u8) -> Row {
        Row::CallLog {
            call: serde_json::from_value(serde_json::json!({
                "id": format!("c{id}"),
                "fields": {
                    "client_id": format!("k{client}"), "contact_id": null,
                    "at": "2026-03-10T08:00:00Z", "direction": "outgoing",
                    "outcome": "busy", "kind": "ordinary", "duration_s": id, "note": null,
                },
                "by": "me", "logged_at": "2026-03-10T08:00:00Z",
            }))
            .unwrap(),
        }
    }

    #[derive(Debug, Clone)]
    enum Step {
        Put(u8, u8),
        Remove(u8),
        Clear,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            6 => (0u8..12, 0u8..4).prop_map(|(i, k)| Step::Put(i, k)),
            3 => (0u8..12).prop_map(Step::Remove),
            1 => Just(Step::Clear),
        ]
    }

    fn change(s: &Step) -> Change {
        match s {
            Step::Put(i, k) => Change::Put(call(*i, *k)),
            Step::Remove(i) => Change::Remove(RecordKey::new(tables::CALL_LOG, &format!("c{i}"))),
            Step::Clear => Change::Clear,
        }
    }

    /// What the store holds, as comparable ids and values.
    fn held(rows: &[CallLog]) -> BTreeSet<(String, u32)> {
        rows.iter()
            .map(|c| (c.id.clone(), c.fields.duration_s))
            .collect()
    }

    proptest! {
        /// However the changes fall before, during and after the fill, the
        /// mirror ends as the store: the fill reads the store at some point
        /// between, and every change after that point is queued or applied.
        #[test]
        fn the_mirror_ends_as_the_store(
            before in prop::collection::vec(step(), 0..20),
            during in prop::collection::vec(step(), 0..20),
            after in prop::collection::vec(step(), 0..20),
            read_at in 0usize..20,
        ) {
            let store = MemoryStore::default();
            let mut mirror = Mirror::default();
            let apply = |store: &MemoryStore, s: &Step| {
                let meta = crate::sync::store::MetaChange::default();
                futures::executor::block_on(async {
                    match s {
                        Step::Put(i, k) => store.apply_page(vec![call(*i, *k)], vec![], &meta).await,
                        Step::Remove(i) => store.apply_page(vec![], vec![RecordKey::new(tables::CALL_LOG, &format!("c{i}"))], &meta).await,
                        Step::Clear => store.clear_records().await,
                    }
                }).unwrap();
            };
            for s in &before {
                apply(&store, s);
                mirror.apply_all(vec![change(s)]);
            }
            let read_at = read_at.min(during.len());
            let mut snapshot = None;
            for (n, s) in during.iter().enumerate() {
                if n == read_at {
                    snapshot = Some(futures::executor::block_on(store.all(tables::CALL_LOG)).unwrap());
                }
                apply(&store, s);
                mirror.apply_all(vec![change(s)]);
            }
            let snapshot = snapshot.unwrap_or_else(|| futures::executor::block_on(store.all(tables::CALL_LOG)).unwrap());
            mirror.fill(snapshot);
            for s in &after {
                apply(&store, s);
                mirror.apply_all(vec![change(s)]);
            }
            let stored: Vec<CallLog> = futures::executor::block_on(store.all(tables::CALL_LOG))
                .unwrap()
                .into_iter()
                .filter_map(|r| match r { Row::CallLog { call } => Some(call), _ => None })
                .collect();
            prop_assert_eq!(held(mirror.calls.as_slice()), held(&stored));
            for c in &stored {
                prop_assert_eq!(mirror.calls.get(&c.id).map(|m| m.fields.duration_s), Some(c.fields.duration_s));
            }
        }
    }

    /// The card of client `k{client}`.
    fn card_row(client: u8) -> Row {
        let card: ClientCard = serde_json::from_value(serde_json::json!({
            "id": format!("k{client}"), "owner_id": "me", "owner_name": "", "archived": false,
            "created_at": "2025-01-01T08:00:00Z", "created_by": "me",
            "updated_at": "2025-01-01T08:00:00Z", "updated_by": "me",
            "contacts": [],
            "fields": crate::domain::client_input::ClientInput {
                name: format!("SIA {client}"),
                ..Default::default()
            }.validate(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().fields,
        }))
        .unwrap();
        Row::Client {
            card: Box::new(card),
            clocks: Default::default(),
        }
    }

    /// A call `id` with client `k{client}` at `hour` o'clock.
    fn call_at(id: u8, client: u8, hour: u8) -> Row {
        let mut row = call(id, client);
        if let Row::CallLog { call } = &mut row {
            call.fields.at = format!("2026-03-10T{hour:02}:00:00Z").parse().unwrap();
        }
        row
    }

    proptest! {
        /// Whatever calls and cards come, change and go, the last contacts
        /// the mirror keeps, by client and by card, are those counted
        /// afresh from the calls it holds.
        #[test]
        fn last_contacts_follow_the_calls(
            batches in prop::collection::vec(
                prop::collection::vec(
                    prop_oneof![
                        6 => (0u8..12, 0u8..4, 0u8..24)
                            .prop_map(|(i, k, h)| Change::Put(call_at(i, k, h))),
                        3 => (0u8..12).prop_map(|i| Change::Remove(
                            RecordKey::new(tables::CALL_LOG, &format!("c{i}")))),
                        2 => (0u8..5).prop_map(|k| Change::Put(card_row(k))),
                        2 => (0u8..5).prop_map(|k| Change::Remove(
                            RecordKey::new(tables::CLIENT, &format!("k{k}")))),
                        1 => Just(Change::Clear),
                    ],
                    0..8,
                ),
                0..8,
            ),
        ) {
            let mut mirror = Mirror::default();
            mirror.fill(vec![]);
            for batch in batches {
                mirror.apply_all(batch);
                prop_assert_eq!(
                    &mirror.last_contacts,
                    &LastContacts::of(mirror.calls.as_slice())
                );
                let counted = mirror.last_contacts.of_cards(mirror.cards.as_slice());
                prop_assert_eq!(mirror.card_last_contacts(), counted.as_slice());
            }
        }
    }

    #[test]
    fn a_fill_overtaken_by_a_later_one_is_dropped() {
        let mut m = Mirror::default();
        let first = m.reset();
        let second = m.reset();
        // The later read already holds the call; the earlier read finishes
        // last and must not replace it with what it saw before.
        assert!(m.fill_from(second, vec![call(1, 1)]));
        assert!(!m.fill_from(first, vec![]));
        assert_eq!(m.calls.as_slice().len(), 1);
    }
}
