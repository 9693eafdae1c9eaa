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

use super::client_rows::{SummaryRow, SUMMARY_FIELDS};
use super::access::Scope;
use super::db_error::OrInternal;
use super::Db;
use crate::api::ApiError;
use crate::domain::client::{ClientQuery, ClientSort, Segment, PAGE_SIZE};
use crate::domain::search;
#[cfg(test)]
use chrono::{DateTime, Utc};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use surrealdb::types::{SurrealValue, Value};
use tokio::sync::Mutex;

/// Deep pages are not useful; refine the search instead.
pub const MAX_PAGE: u32 = 200;

#[derive(Debug, Clone)]
struct Entry {
    row: SummaryRow,
    segment: Segment,
    /// Folded words, sorted, for binary-searched prefix matching.
    words: Vec<String>,
}

impl Entry {
    fn new(row: SummaryRow, search_text: &str) -> Entry {
        let mut words: Vec<String> = search_text.split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
        words.extend(search::words(&row.name));
        words.sort();
        words.dedup();
        Entry {
            segment: Segment::parse(&row.segment).unwrap_or(Segment::Prospect),
            row,
            words,
        }
    }

    fn has_prefix(&self, term: &str) -> bool {
        let i = self.words.partition_point(|w| w.as_str() < term);
        self.words.get(i).is_some_and(|w| w.starts_with(term))
    }

    fn key(&self) -> (&str, &str) {
        (&self.row.name_key, &self.row.id)
    }
}

#[derive(Default)]
struct Inner {
    /// Sorted by (name_key, id).
    by_name: Vec<Arc<Entry>>,
    by_id: HashMap<String, Arc<Entry>>,
    loaded: bool,
    /// Newest `version` held.
    seen_version: i64,
}

impl Inner {
    fn upsert(&mut self, entry: Entry) {
        let entry = Arc::new(entry);
        if let Some(old) = self.by_id.get(&entry.row.id) {
            if old.row.version > entry.row.version {
                return; // a stale read; we already have newer
            }
            let old_key = (old.row.name_key.clone(), old.row.id.clone());
            if let Ok(i) = self
                .by_name
                .binary_search_by(|e| e.key().cmp(&(old_key.0.as_str(), old_key.1.as_str())))
            {
                self.by_name.remove(i);
            }
        }
        let at = self.by_name.partition_point(|e| e.key() < entry.key());
        self.by_name.insert(at, entry.clone());
        self.seen_version = self.seen_version.max(entry.row.version);
        self.by_id.insert(entry.row.id.clone(), entry);
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct IndexRow {
    #[surreal(flatten)]
    row: SummaryRow,
    search: String,
}

/// Shared by all requests of one server.
#[derive(Default)]
pub struct SearchIndex {
    inner: RwLock<Inner>,
    /// One refresh at a time; others wait and then see its result.
    refreshing: Mutex<()>,
}

impl SearchIndex {
    pub fn new() -> Arc<SearchIndex> {
        Arc::new(SearchIndex::default())
    }

    pub fn len(&self) -> usize {
        self.inner.read().expect("index lock").by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Puts a card the caller has just written.
    pub fn put(&self, row: SummaryRow, search_text: &str) {
        self.inner.write().expect("index lock").upsert(Entry::new(row, search_text));
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
            // Bulk load: sort once instead of inserting one by one.
            let mut entries: Vec<Arc<Entry>> =
                rows.into_iter().map(|r| Arc::new(Entry::new(r.row, &r.search))).collect();
            entries.sort_by(|a, b| a.key().cmp(&b.key()));
            inner.seen_version = entries.iter().map(|e| e.row.version).max().unwrap_or(0);
            inner.by_id = entries.iter().map(|e| (e.row.id.clone(), e.clone())).collect();
            inner.by_name = entries;
            inner.loaded = true;
        } else {
            for r in rows {
                inner.upsert(Entry::new(r.row, &r.search));
            }
        }
        Ok(())
    }

    /// One page of the cards `scope` allows that match `q`, and whether more follow.
    pub fn query(&self, scope: &Scope, q: &ClientQuery) -> (Vec<SummaryRow>, bool) {
        if *scope == Scope::Nothing {
            return (Vec::new(), false);
        }
        let terms = search::query_terms(&q.text);
        let size = PAGE_SIZE as usize;
        let page = q.page.min(MAX_PAGE) as usize;
        let wanted = (page + 1) * size + 1;
        let inner = self.inner.read().expect("index lock");
        let keep = |e: &&Arc<Entry>| {
            let r = &e.row;
            scope.allows(&r.owner)
                && (q.include_archived || !r.archived)
                && q.segment.is_none_or(|s| s == e.segment)
                && q.owner_id.as_ref().is_none_or(|o| *o == r.owner)
                && terms.iter().all(|t| e.has_prefix(t))
        };
        let mut hits: Vec<&Arc<Entry>> = match q.sort {
            // Already in order: stop as soon as the page is full.
            ClientSort::Name => inner.by_name.iter().filter(keep).take(wanted).collect(),
            ClientSort::RecentlyUpdated | ClientSort::Newest => {
                let mut all: Vec<&Arc<Entry>> = inner.by_name.iter().filter(keep).collect();
                let by = |e: &&Arc<Entry>| match q.sort {
                    ClientSort::Newest => (Reverse(e.row.created_at), e.row.id.clone()),
                    _ => (Reverse(e.row.updated_at), e.row.id.clone()),
                };
                if all.len() > wanted {
                    all.select_nth_unstable_by_key(wanted, by);
                    all.truncate(wanted);
                }
                all.sort_by_key(by);
                all
            }
        };
        let has_more = hits.len() > (page + 1) * size && q.page < MAX_PAGE;
        hits.truncate((page + 1) * size);
        let items = hits.into_iter().skip(page * size).map(|e| e.row.clone()).collect();
        (items, has_more)
    }
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
        let q = ClientQuery { text: text.into(), ..Default::default() };
        index.query(scope, &q).0.into_iter().map(|r| r.name).collect()
    }

    #[test]
    fn prefix_words_in_name_order_within_scope() {
        let idx = SearchIndex::default();
        idx.put(row("1", "Zaļā Zeme", "u1", 1), "zala zeme");
        idx.put(row("2", "Ābols", "u1", 2), "abols 29123456");
        idx.put(row("3", "Bērziņš", "u2", 3), "berzins");
        assert_eq!(names(&idx, &Scope::All, ""), ["Ābols", "Bērziņš", "Zaļā Zeme"]);
        assert_eq!(names(&idx, &Scope::All, "ze za"), ["Zaļā Zeme"]);
        assert_eq!(names(&idx, &Scope::All, "2912"), ["Ābols"]);
        assert_eq!(names(&idx, &Scope::Owners(vec!["u1".into()]), "berz"), Vec::<String>::new());
        // A rename moves the card in the order.
        idx.put(row("1", "Aaa", "u1", 4), "aaa");
        assert_eq!(names(&idx, &Scope::All, ""), ["Aaa", "Ābols", "Bērziņš"]);
        // A stale copy does not overwrite a newer one.
        idx.put(row("1", "Old", "u1", 0), "old");
        assert_eq!(names(&idx, &Scope::All, "aaa"), ["Aaa"]);
        assert_eq!(idx.len(), 3);
    }

    proptest! {
        /// The model answers exactly what the reference matcher says, in name order.
        #[test]
        fn agrees_with_the_reference(
            cards in proptest::collection::vec(("[a-zāēšž ]{1,14}", 0u8..3), 1..60),
            query in "[a-zāēšž ]{0,6}",
        ) {
            let idx = SearchIndex::default();
            for (i, (name, owner)) in cards.iter().enumerate() {
                let text = search::words(name).join(" ");
                idx.put(row(&format!("{i:03}"), name, &format!("u{owner}"), i as i64), &text);
            }
            let scope = Scope::Owners(vec!["u1".into()]);
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
