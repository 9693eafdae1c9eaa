//! The client list's read model: every card's list fields and search words,
//! in memory, ordered by name. SurrealDB's full-text index answered prefix
//! searches over 40,000 cards in 30–400 ms (see docs/ARCHITECTURE.md,
//! "Search"); a scan of this model answers in a few.
//!
//! It is a cache, never the truth: it loads from the database at first use
//! and, before every query, reads the cards whose `version` (a counter bumped
//! in every writing transaction, see `clients::NEXT_VERSION`) is newer than
//! the newest it holds. So it sees every committed change, from this server
//! or any other, without clocks or messages between servers.

use super::Db;
use super::access::Scope;
use super::client_rows::{SUMMARY_FIELDS, SummaryRow};
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::client::{ClientQuery, ClientSort, PAGE_SIZE, Segment};
use crate::domain::search;
#[cfg(test)]
use chrono::{DateTime, Utc};
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use std::sync::{Arc, RwLock};
use surrealdb::types::{SurrealValue, Value};
use tokio::sync::Mutex;

/// Deep pages are not useful; refine the search instead.
pub const MAX_PAGE: u32 = 200;
/// Someone whose portfolios hold at most this many cards has just those
/// walked, not the whole order (past everyone else's cards).
const OWNERS_CHECKED: usize = 50_000;
/// A word this rare is searched through its postings, not by a walk.
const NARROW: usize = 5000;

#[derive(Debug, Clone)]
struct Entry {
    row: SummaryRow,
    segment: Segment,
    /// Folded words, sorted, for binary-searched prefix matching.
    words: Vec<String>,
    /// Which two-letter beginnings its words have (`starts_bit`).
    starts: u64,
}

/// One of 64 bits for a word's first two letters. A word can begin with a
/// search term only if its bit is the term's, so a walk rejects most cards
/// by one AND on a contiguous array, without reaching for the card.
fn starts_bit(word: &str) -> u64 {
    let mut h: u32 = 2_166_136_261;
    for c in word.chars().take(2) {
        h = (h ^ c as u32).wrapping_mul(16_777_619);
    }
    1 << (h % 64)
}

/// The bits every matching card has: one per term of two letters or more
/// (a one-letter term narrows nothing).
fn starts_needed(terms: &[String]) -> u64 {
    terms
        .iter()
        .filter(|t| t.chars().nth(1).is_some())
        .fold(0, |acc, t| acc | starts_bit(t))
}

impl Entry {
    fn new(row: SummaryRow, search_text: &str) -> Entry {
        let mut words: Vec<String> = search_text
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        words.sort();
        words.dedup();
        Entry {
            segment: Segment::parse(&row.segment).unwrap_or(Segment::Prospect),
            starts: words.iter().fold(0, |acc, w| acc | starts_bit(w)),
            row,
            words,
        }
    }

    fn has_prefix(&self, term: &str) -> bool {
        let i = self.words.partition_point(|w| w.as_str() < term);
        self.words.get(i).is_some_and(|w| w.starts_with(term))
    }
}

fn by_name(a: &Entry, b: &Entry) -> Ordering {
    (&a.row.name_key, &a.row.id).cmp(&(&b.row.name_key, &b.row.id))
}

fn by_updated(a: &Entry, b: &Entry) -> Ordering {
    (Reverse(a.row.updated_at), &a.row.id).cmp(&(Reverse(b.row.updated_at), &b.row.id))
}

fn by_created(a: &Entry, b: &Entry) -> Ordering {
    (Reverse(a.row.created_at), &a.row.id).cmp(&(Reverse(b.row.created_at), &b.row.id))
}

/// The entries kept in one order, for scans that stop when a page is full,
/// with each entry's `starts` beside it in a plain array (walked first).
struct Ordered {
    entries: Vec<Arc<Entry>>,
    starts: Vec<u64>,
    cmp: fn(&Entry, &Entry) -> Ordering,
}

impl Ordered {
    fn new(cmp: fn(&Entry, &Entry) -> Ordering) -> Self {
        Self {
            entries: Vec::new(),
            starts: Vec::new(),
            cmp,
        }
    }

    fn insert(&mut self, e: Arc<Entry>) {
        let at = self
            .entries
            .partition_point(|x| (self.cmp)(x, &e) == Ordering::Less);
        self.starts.insert(at, e.starts);
        self.entries.insert(at, e);
    }

    fn remove(&mut self, e: &Entry) {
        let at = self
            .entries
            .partition_point(|x| (self.cmp)(x, e) == Ordering::Less);
        if self.entries.get(at).is_some_and(|x| x.row.id == e.row.id) {
            self.entries.remove(at);
            self.starts.remove(at);
        }
    }

    fn load(&mut self, mut all: Vec<Arc<Entry>>) {
        let cmp = self.cmp;
        all.sort_by(|a, b| cmp(a, b));
        self.starts = all.iter().map(|e| e.starts).collect();
        self.entries = all;
    }

    /// The entries whose words could begin with every term (`needed`), in
    /// order.
    fn candidates(&self, needed: u64) -> impl Iterator<Item = &Arc<Entry>> {
        self.entries
            .iter()
            .zip(&self.starts)
            .filter(move |(_, s)| *s & needed == needed)
            .map(|(e, _)| e)
    }
}

/// The entries in each of the list's orders.
struct Orders([Ordered; 3]);

impl Orders {
    fn new() -> Self {
        Orders([
            Ordered::new(by_name),
            Ordered::new(by_updated),
            Ordered::new(by_created),
        ])
    }

    fn insert(&mut self, e: &Arc<Entry>) {
        for o in &mut self.0 {
            o.insert(e.clone());
        }
    }

    fn remove(&mut self, e: &Entry) {
        for o in &mut self.0 {
            o.remove(e);
        }
    }

    fn load(&mut self, all: Vec<Arc<Entry>>) {
        for o in &mut self.0 {
            o.load(all.clone());
        }
    }

    fn len(&self) -> usize {
        self.0[0].entries.len()
    }
}

struct Inner {
    by_id: HashMap<String, Arc<Entry>>,
    orders: Orders,
    /// Every word → the ids of the cards that have it, for narrow searches.
    postings: BTreeMap<String, HashSet<String>>,
    /// Every owner's cards in the same orders, for someone who sees a few
    /// portfolios (a manager's broad word walks only their own cards).
    by_owner: HashMap<String, Orders>,
    loaded: bool,
    /// Newest `version` held.
    seen_version: i64,
}

impl Default for Inner {
    fn default() -> Self {
        Self {
            by_id: HashMap::new(),
            orders: Orders::new(),
            postings: BTreeMap::new(),
            by_owner: HashMap::new(),
            loaded: false,
            seen_version: 0,
        }
    }
}

fn order_index(sort: ClientSort) -> usize {
    match sort {
        ClientSort::Name => 0,
        ClientSort::RecentlyUpdated => 1,
        ClientSort::Newest => 2,
    }
}

impl Inner {
    fn upsert(&mut self, entry: Entry) {
        if let Some(old) = self.by_id.get(&entry.row.id).cloned() {
            if old.row.version > entry.row.version {
                return; // a stale read; we already have newer
            }
            self.orders.remove(&old);
            for w in &old.words {
                if let Some(ids) = self.postings.get_mut(w) {
                    ids.remove(&old.row.id);
                }
            }
            if let Some(orders) = self.by_owner.get_mut(&old.row.owner) {
                orders.remove(&old);
            }
        }
        let entry = Arc::new(entry);
        self.orders.insert(&entry);
        self.by_owner
            .entry(entry.row.owner.clone())
            .or_insert_with(Orders::new)
            .insert(&entry);
        self.index_words(&entry);
        self.seen_version = self.seen_version.max(entry.row.version);
        self.by_id.insert(entry.row.id.clone(), entry);
    }

    fn index_words(&mut self, e: &Entry) {
        for w in &e.words {
            self.postings
                .entry(w.clone())
                .or_default()
                .insert(e.row.id.clone());
        }
    }

    /// How many cards these owners have.
    fn owned_by(&self, owners: &[&str]) -> usize {
        owners
            .iter()
            .filter_map(|o| self.by_owner.get(*o))
            .map(Orders::len)
            .sum()
    }

    fn load(&mut self, entries: Vec<Arc<Entry>>) {
        for e in &entries {
            self.index_words(e);
        }
        self.seen_version = entries.iter().map(|e| e.row.version).max().unwrap_or(0);
        self.by_id = entries
            .iter()
            .map(|e| (e.row.id.clone(), e.clone()))
            .collect();
        self.orders.load(entries.clone());
        let mut mine: HashMap<String, Vec<Arc<Entry>>> = HashMap::new();
        for e in &entries {
            mine.entry(e.row.owner.clone()).or_default().push(e.clone());
        }
        self.by_owner = mine
            .into_iter()
            .map(|(owner, list)| {
                let mut orders = Orders::new();
                orders.load(list);
                (owner, orders)
            })
            .collect();
        self.loaded = true;
    }

    /// How many cards have a word starting with `term`, counting no further
    /// than `cap`.
    fn count_prefix(&self, term: &str, cap: usize) -> usize {
        let mut n = 0;
        for (w, ids) in self
            .postings
            .range::<str, _>((Bound::Included(term), Bound::Unbounded))
        {
            if !w.starts_with(term) || n > cap {
                break;
            }
            n += ids.len();
        }
        n
    }

    fn with_prefix(&self, term: &str) -> HashSet<&str> {
        let mut out = HashSet::new();
        for (w, ids) in self
            .postings
            .range::<str, _>((Bound::Included(term), Bound::Unbounded))
        {
            if !w.starts_with(term) {
                break;
            }
            out.extend(ids.iter().map(String::as_str));
        }
        out
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct IndexRow {
    #[surreal(flatten)]
    row: SummaryRow,
    search: String,
}

/// Shared by all requests of one server.
pub struct SearchIndex {
    inner: RwLock<Inner>,
    /// One refresh at a time; others wait and then see its result.
    refreshing: Mutex<()>,
    /// Words held by at most this many cards are searched via postings.
    narrow: usize,
    /// Portfolios of at most this many cards are checked card by card.
    owners_checked: usize,
}

impl Default for SearchIndex {
    fn default() -> Self {
        Self::with_thresholds(NARROW, OWNERS_CHECKED)
    }
}

impl SearchIndex {
    pub fn new() -> Arc<SearchIndex> {
        Arc::new(SearchIndex::default())
    }

    /// With other thresholds between the three search paths (tests use 0
    /// for both to force the ordered walk).
    pub fn with_thresholds(narrow: usize, owners_checked: usize) -> SearchIndex {
        SearchIndex {
            inner: RwLock::default(),
            refreshing: Mutex::new(()),
            narrow,
            owners_checked,
        }
    }

    pub fn len(&self) -> usize {
        self.inner.read().expect("index lock").by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Puts a card the caller has just written.
    pub fn put(&self, row: SummaryRow, search_text: &str) {
        self.inner
            .write()
            .expect("index lock")
            .upsert(Entry::new(row, search_text));
    }

    /// Reads the cards changed since the last look (all of them the first time).
    pub async fn refresh(&self, db: &Db) -> Result<(), ApiError> {
        let _one = self.refreshing.lock().await;
        let (loaded, since) = {
            let inner = self.inner.read().expect("index lock");
            (inner.loaded, inner.seen_version)
        };
        let rows: Vec<IndexRow> = if loaded {
            let mut res = db
                .query(format!(
                    "SELECT {SUMMARY_FIELDS}, search FROM client WHERE version > $since"
                ))
                .bind(("since", since))
                .await
                .or_internal()?;
            res.take(0).or_internal()?
        } else {
            let mut res = db
                .query(format!("SELECT {SUMMARY_FIELDS}, search FROM client"))
                .await
                .or_internal()?;
            res.take(0).or_internal()?
        };
        let mut inner = self.inner.write().expect("index lock");
        if !loaded {
            inner.load(
                rows.into_iter()
                    .map(|r| Arc::new(Entry::new(r.row, &r.search)))
                    .collect(),
            );
        } else {
            for r in rows {
                inner.upsert(Entry::new(r.row, &r.search));
            }
        }
        Ok(())
    }

    /// One page of the cards `scope` allows that match `q`, and whether more follow.
    pub fn query(&self, scope: &Scope, q: &ClientQuery) -> (Vec<SummaryRow>, bool) {
        let size = PAGE_SIZE as usize;
        let page = q.page.min(MAX_PAGE) as usize;
        let mut hits = self.matching(scope, q, (page + 1) * size + 1);
        let has_more = hits.len() > (page + 1) * size && q.page < MAX_PAGE;
        hits.truncate((page + 1) * size);
        let items = hits.into_iter().skip(page * size).collect();
        (items, has_more)
    }

    /// Every card `scope` allows that matches `q`, in its order (an export).
    pub fn all(&self, scope: &Scope, q: &ClientQuery) -> Vec<SummaryRow> {
        self.matching(scope, q, usize::MAX)
    }

    /// The first `wanted` matches in the query's order.
    fn matching(&self, scope: &Scope, q: &ClientQuery, wanted: usize) -> Vec<SummaryRow> {
        if scope.sees_nothing() {
            return Vec::new();
        }
        let terms = search::query_terms(&q.text);
        let inner = self.inner.read().expect("index lock");
        let keep = |e: &Entry| {
            let r = &e.row;
            scope.sees(&r.id, &r.owner)
                && (q.include_archived || !r.archived)
                && q.segment.is_none_or(|s| s == e.segment)
                && q.owner_id.as_ref().is_none_or(|o| *o == r.owner)
                && terms.iter().all(|t| e.has_prefix(t))
        };
        let which = order_index(q.sort);
        let order = &inner.orders.0[which];
        // The rarest word decides: few cards have it → check just those;
        // many → walk the order, where a page fills quickly.
        let rarest = terms
            .iter()
            .map(|t| (inner.count_prefix(t, self.narrow), t))
            .min_by_key(|(n, _)| *n);
        // Someone who sees a few portfolios: only their cards are checked.
        let owners = scope.seen_owners();
        let few_owners = owners
            .as_ref()
            .is_some_and(|o| inner.owned_by(o) <= self.owners_checked);
        let hits: Vec<&Arc<Entry>> = match rarest {
            Some((n, term)) if n <= self.narrow => first(
                order,
                wanted,
                inner
                    .with_prefix(term)
                    .into_iter()
                    .filter_map(|id| inner.by_id.get(id))
                    .filter(|e| keep(e))
                    .collect(),
            ),
            // Each portfolio walked in order until it gives a page.
            _ if few_owners => first(
                order,
                wanted,
                owners
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|o| inner.by_owner.get(*o))
                    .flat_map(|orders| {
                        orders.0[which]
                            .candidates(starts_needed(&terms))
                            .filter(|e| keep(e))
                            .take(wanted)
                    })
                    .collect(),
            ),
            _ => order
                .candidates(starts_needed(&terms))
                .filter(|e| keep(e))
                .take(wanted)
                .collect(),
        };
        hits.into_iter().map(|e| e.row.clone()).collect()
    }
}

/// The first `wanted` of `found` in `order`: a partial selection, then a
/// sort of just those.
fn first<'a>(
    order: &Ordered,
    wanted: usize,
    mut found: Vec<&'a Arc<Entry>>,
) -> Vec<&'a Arc<Entry>> {
    if found.len() > wanted {
        found.select_nth_unstable_by(wanted, |a, b| (order.cmp)(a, b));
        found.truncate(wanted);
    }
    found.sort_by(|a, b| (order.cmp)(a, b));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(id: &str, name: &str, owner: &str, minute: i64) -> SummaryRow {
        let at = DateTime::<Utc>::from_timestamp(1_700_000_000 + minute * 60, 0).unwrap();
        SummaryRow {
            id: id.into(),
            name: name.into(),
            kind: "company".into(),
            segment: "active".into(),
            city: None,
            reg_no: None,
            owner: owner.into(),
            primary_phone: None,
            primary_email: None,
            archived: false,
            updated_at: at,
            name_key: search::sort_key(name),
            created_at: at,
            version: minute,
        }
    }

    fn names(index: &SearchIndex, scope: &Scope, text: &str) -> Vec<String> {
        let q = ClientQuery {
            text: text.into(),
            ..Default::default()
        };
        index
            .query(scope, &q)
            .0
            .into_iter()
            .map(|r| r.name)
            .collect()
    }

    #[test]
    fn prefix_words_in_name_order_within_scope() {
        for idx in [
            SearchIndex::with_thresholds(0, 0),
            SearchIndex::with_thresholds(0, OWNERS_CHECKED),
            SearchIndex::default(),
        ] {
            check_basic(idx);
        }
    }

    fn check_basic(idx: SearchIndex) {
        idx.put(row("1", "Zaļā Zeme", "u1", 1), "zala zeme");
        idx.put(row("2", "Ābols", "u1", 2), "abols 29123456");
        idx.put(row("3", "Bērziņš", "u2", 3), "berzins");
        assert_eq!(
            names(&idx, &Scope::all(), ""),
            ["Ābols", "Bērziņš", "Zaļā Zeme"]
        );
        assert_eq!(names(&idx, &Scope::all(), "ze za"), ["Zaļā Zeme"]);
        assert_eq!(names(&idx, &Scope::all(), "2912"), ["Ābols"]);
        assert_eq!(
            names(&idx, &Scope::owners(vec!["u1".into()]), "berz"),
            Vec::<String>::new()
        );
        // A rename moves the card in the order.
        idx.put(row("1", "Aaa", "u1", 4), "aaa");
        assert_eq!(names(&idx, &Scope::all(), ""), ["Aaa", "Ābols", "Bērziņš"]);
        // A stale copy does not overwrite a newer one.
        idx.put(row("1", "Old", "u1", 0), "old");
        assert_eq!(names(&idx, &Scope::all(), "aaa"), ["Aaa"]);
        assert_eq!(idx.len(), 3);
    }

    proptest! {
        /// A word has the two-letter bit of every term it begins with, so
        /// the walk's first filter never drops a match.
        #[test]
        fn a_word_has_the_bit_of_its_beginnings(word in "[a-zāēšž0-9]{2,12}", cut in 2usize..12) {
            let term: String = word.chars().take(cut).collect();
            prop_assert_eq!(starts_bit(&term), starts_bit(&word));
            prop_assert_eq!(starts_needed(&[term]) & starts_bit(&word), starts_bit(&word));
        }

        /// The model answers exactly what the reference matcher says, in name order.
        #[test]
        fn agrees_with_the_reference(
            cards in proptest::collection::vec(("[a-zāēšž ]{1,14}", 0u8..3), 1..60),
            query in "[a-zāēšž ]{0,6}",
            narrow in prop_oneof![Just(0usize), Just(NARROW)],
            owners_checked in prop_oneof![Just(0usize), Just(OWNERS_CHECKED)],
        ) {
            let idx = SearchIndex::with_thresholds(narrow, owners_checked);
            for (i, (name, owner)) in cards.iter().enumerate() {
                let text = search::words(name).join(" ");
                idx.put(row(&format!("{i:03}"), name, &format!("u{owner}"), i as i64), &text);
            }
            let scope = Scope::owners(vec!["u1".into()]);
            let q = ClientQuery { text: query.clone(), ..Default::default() };
            let got: Vec<String> = idx.query(&scope, &q).0.into_iter().map(|r| r.id).collect();
            let mut want: Vec<(String, String)> = cards
                .iter()
                .enumerate()
                .filter(|(_, (name, owner))| *owner == 1 && search::matches(&search::words(name).join(" "), &query))
                .map(|(i, (name, _))| (search::sort_key(name), format!("{i:03}")))
                .collect();
            want.sort();
            let want: Vec<String> = want.into_iter().map(|(_, id)| id).take(PAGE_SIZE as usize).collect();
            prop_assert_eq!(got, want);
        }
    }
}
