//! Records kept in chunks: the layout that makes a device's store fast in
//! the browser. IndexedDB pays for every stored value, whatever its size
//! (120,000 separate puts took ~13 s in Chromium; the same rows in 60 values
//! took 0.5 s), so a store keeps each table's records as an ordered log of
//! chunks of up to `CHUNK_ROWS` rows. A write appends a chunk; a record's
//! copy in a later chunk, or its removal, shadows the earlier ones. Each
//! chunk has a small index beside it (`ChunkIds`): which records it holds,
//! whose card each belongs to, which it removed. One record is found from
//! the indexes alone and only its chunk is read. When shadowed copies pile
//! up the table is written again whole (`needs_compaction`, then `pack`).
//!
//! The rules are here, pure, so they are tested natively; the browser's
//! store (`local/idb_store.rs`) only moves the values.

use super::protocol::Row;
use crate::sort;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Rows per chunk: a pulled page's worth, so a download writes one chunk a page.
pub const CHUNK_ROWS: usize = crate::sync::protocol::MAX_PULL_ROWS as usize;

/// Chunks a table may have beyond what its live rows fill before it is
/// written again whole (each local edit adds one of a single row).
const SPARE_CHUNKS: usize = 64;

/// What one chunk holds, without its rows: the records' ids in the rows'
/// order, each one's card (empty for reference data), and the ids it
/// removed. Removals apply before the chunk's rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChunkIds {
    pub ids: Vec<String>,
    pub clients: Vec<String>,
    #[serde(default)]
    pub gone: Vec<String>,
}

/// Where a record's live copy is: the chunk's place in the table's order
/// and the row's place in the chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub chunk: usize,
    pub row: usize,
}

/// One table's part of a write, as chunks to append in this order.
pub fn pack(rows: Vec<Row>, gone: Vec<String>) -> Vec<(ChunkIds, Vec<Row>)> {
    let mut out = Vec::with_capacity(rows.len().div_ceil(CHUNK_ROWS).max(1));
    let mut gone = Some(gone);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() || gone.is_some() {
        let part: Vec<Row> = rows.by_ref().take(CHUNK_ROWS).collect();
        let ids = ChunkIds {
            ids: part.iter().map(|r| r.key().id).collect(),
            clients: part
                .iter()
                .map(|r| r.client_id().unwrap_or_default().to_string())
                .collect(),
            gone: gone.take().unwrap_or_default(),
        };
        if ids.ids.is_empty() && ids.gone.is_empty() {
            break;
        }
        out.push((ids, part));
    }
    out
}

/// Every live record's place, from the table's indexes in order.
pub fn live(indexes: &[ChunkIds]) -> HashMap<&str, Place> {
    let mut out: HashMap<&str, Place> = HashMap::new();
    for (chunk, ix) in indexes.iter().enumerate() {
        for id in &ix.gone {
            out.remove(id.as_str());
        }
        for (row, id) in ix.ids.iter().enumerate() {
            out.insert(id.as_str(), Place { chunk, row });
        }
    }
    out
}

/// The live copy of one record, looked for from the newest chunk back.
pub fn locate(indexes: &[ChunkIds], id: &str) -> Option<Place> {
    for (chunk, ix) in indexes.iter().enumerate().rev() {
        if let Some(row) = ix.ids.iter().rposition(|i| i == id) {
            return Some(Place { chunk, row });
        }
        if ix.gone.iter().any(|g| g == id) {
            return None;
        }
    }
    None
}

/// The live copies of the given cards' records, in the order they are stored.
pub fn of_clients(indexes: &[ChunkIds], client_ids: &[String]) -> Vec<Place> {
    let wanted: std::collections::HashSet<&str> = client_ids.iter().map(String::as_str).collect();
    let live = live(indexes);
    let mut out: Vec<Place> = indexes
        .iter()
        .enumerate()
        .flat_map(|(chunk, ix)| {
            ix.ids
                .iter()
                .zip(&ix.clients)
                .enumerate()
                .filter(|(_, (_, c))| wanted.contains(c.as_str()))
                .map(move |(row, (id, _))| (id, Place { chunk, row }))
        })
        .filter(|(id, place)| live.get(id.as_str()) == Some(place))
        .map(|(_, place)| place)
        .collect();
    sort::by_key(&mut out, |p| (p.chunk, p.row));
    out
}

/// The table's live records in id order (the order a store lists them
/// in), from its indexes and every chunk's rows, both in the same order.
pub fn fold(indexes: &[ChunkIds], chunks: Vec<Vec<Row>>) -> Vec<Row> {
    let live = live(indexes);
    let mut out: Vec<(String, Row)> = Vec::with_capacity(live.len());
    for (chunk, rows) in chunks.into_iter().enumerate() {
        let Some(ix) = indexes.get(chunk) else { break };
        for (row, (r, id)) in rows.into_iter().zip(&ix.ids).enumerate() {
            if live.get(id.as_str()) == Some(&Place { chunk, row }) {
                out.push((id.clone(), r));
            }
        }
    }
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out.into_iter().map(|(_, r)| r).collect()
}

/// Whether the table is worth writing again whole: more chunks than its
/// `live` rows fill plus some spare, or as many shadowed copies as live
/// ones. The caller has just counted the live rows (`fold`).
pub fn needs_compaction(indexes: &[ChunkIds], live: usize) -> bool {
    let rows: usize = indexes.iter().map(|ix| ix.ids.len()).sum();
    let removals: usize = indexes.iter().map(|ix| ix.gone.len()).sum();
    indexes.len() > live.div_ceil(CHUNK_ROWS) + SPARE_CHUNKS || rows + removals > 2 * live + 1
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn call(id: &str, client: &str, duration: u32) -> Row {
        Row::CallLog {
            call: serde_json::from_value(serde_json::json!({
                "id": id,
                "fields": {
                    "client_id": client, "contact_id": null,
                    "at": "2026-03-10T08:00:00Z", "direction": "outgoing",
                    "outcome": "busy", "kind": "ordinary", "duration_s": duration, "note": null,
                },
                "by": "me", "logged_at": "2026-03-10T08:00:00Z",
            }))
            .unwrap(),
        }
    }

    fn duration(r: &Row) -> Option<u32> {
        match r {
            Row::CallLog { call } => Some(call.fields.duration_s),
            _ => None,
        }
    }

    /// Writes chunks the way a store appends them.
    #[derive(Default)]
    struct Log {
        indexes: Vec<ChunkIds>,
        chunks: Vec<Vec<Row>>,
    }

    impl Log {
        fn write(&mut self, rows: Vec<Row>, gone: Vec<String>) {
            for (ix, part) in pack(rows, gone) {
                self.indexes.push(ix);
                self.chunks.push(part);
            }
        }

        fn compact(&mut self) {
            let all = fold(&self.indexes, std::mem::take(&mut self.chunks));
            self.indexes.clear();
            self.write(all, Vec::new());
        }

        fn row_at(&self, p: Place) -> &Row {
            &self.chunks[p.chunk][p.row]
        }
    }

    #[test]
    fn a_later_copy_shadows_and_a_removal_hides() {
        let mut log = Log::default();
        log.write(vec![call("a", "k1", 1), call("b", "k1", 2)], vec![]);
        log.write(vec![call("a", "k1", 3)], vec![]);
        log.write(vec![], vec!["b".into()]);
        let rows = fold(&log.indexes, log.chunks.clone());
        assert_eq!(rows.iter().map(duration).collect::<Vec<_>>(), [Some(3)]);
        assert_eq!(locate(&log.indexes, "b"), None);
        assert_eq!(
            duration(log.row_at(locate(&log.indexes, "a").unwrap())),
            Some(3)
        );
        assert_eq!(of_clients(&log.indexes, &["k1".to_string()]).len(), 1);
    }

    #[test]
    fn a_write_that_removes_and_brings_back_a_record_keeps_it() {
        let mut log = Log::default();
        log.write(vec![call("a", "k1", 1)], vec![]);
        log.write(vec![call("a", "k1", 2)], vec!["a".into()]);
        assert_eq!(
            duration(log.row_at(locate(&log.indexes, "a").unwrap())),
            Some(2)
        );
    }

    #[test]
    fn a_large_write_is_split_into_chunks_of_a_page() {
        let rows: Vec<Row> = (0..CHUNK_ROWS * 2 + 1)
            .map(|i| call(&format!("c{i:05}"), "k", 1))
            .collect();
        let packed = pack(rows, vec!["x".into()]);
        assert_eq!(
            packed
                .iter()
                .map(|(ix, r)| (ix.ids.len(), r.len()))
                .collect::<Vec<_>>(),
            [(CHUNK_ROWS, CHUNK_ROWS), (CHUNK_ROWS, CHUNK_ROWS), (1, 1)]
        );
        assert_eq!(packed[0].0.gone, ["x"], "removals go first");
        assert!(packed[1].0.gone.is_empty());
        assert!(pack(Vec::new(), Vec::new()).is_empty(), "nothing to write");
    }

    #[test]
    fn many_small_writes_ask_for_compaction_and_one_write_does_not() {
        let mut log = Log::default();
        log.write(
            (0..500).map(|i| call(&format!("c{i}"), "k", 1)).collect(),
            vec![],
        );
        assert!(!needs_compaction(&log.indexes, live(&log.indexes).len()));
        for i in 0..SPARE_CHUNKS + 1 {
            log.write(vec![call(&format!("n{i}"), "k", 1)], vec![]);
        }
        assert!(needs_compaction(&log.indexes, live(&log.indexes).len()));
        log.compact();
        assert!(!needs_compaction(&log.indexes, live(&log.indexes).len()));
        assert_eq!(log.indexes.len(), 1);
    }

    #[derive(Debug, Clone)]
    enum Step {
        Put(Vec<(u8, u8, u32)>),
        Remove(Vec<u8>),
        Compact,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            4 => prop::collection::vec((0u8..12, 0u8..3, 0u32..100), 0..6).prop_map(Step::Put),
            2 => prop::collection::vec(0u8..12, 0..4).prop_map(Step::Remove),
            1 => Just(Step::Compact),
        ]
    }

    proptest! {
        /// Whatever is written, removed and compacted, the chunks read as
        /// a plain map of the same writes would.
        #[test]
        fn chunks_read_as_a_map_of_the_same_writes(steps in prop::collection::vec(step(), 0..30)) {
            let mut log = Log::default();
            let mut model: BTreeMap<String, (String, u32)> = BTreeMap::new();
            for s in steps {
                match s {
                    Step::Put(rows) => {
                        let rows: Vec<Row> = rows
                            .into_iter()
                            .map(|(id, client, d)| {
                                let (id, client) = (format!("c{id:02}"), format!("k{client}"));
                                model.insert(id.clone(), (client.clone(), d));
                                call(&id, &client, d)
                            })
                            .collect();
                        log.write(rows, Vec::new());
                    }
                    Step::Remove(ids) => {
                        let ids: Vec<String> = ids.into_iter().map(|i| format!("c{i:02}")).collect();
                        for id in &ids {
                            model.remove(id);
                        }
                        log.write(Vec::new(), ids);
                    }
                    Step::Compact => log.compact(),
                }
                let all = fold(&log.indexes, log.chunks.clone());
                let seen: Vec<(String, u32)> =
                    all.iter().map(|r| (r.key().id, duration(r).unwrap())).collect();
                let want: Vec<(String, u32)> =
                    model.iter().map(|(id, (_, d))| (id.clone(), *d)).collect();
                prop_assert_eq!(seen, want);
                for id in (0u8..12).map(|i| format!("c{i:02}")) {
                    let found = locate(&log.indexes, &id).map(|p| duration(log.row_at(p)).unwrap());
                    prop_assert_eq!(found, model.get(&id).map(|(_, d)| *d));
                }
                for client in ["k0", "k1", "k2"] {
                    let mut got: Vec<(String, u32)> = of_clients(&log.indexes, &[client.to_string()])
                        .into_iter()
                        .map(|p| (log.row_at(p).key().id, duration(log.row_at(p)).unwrap()))
                        .collect();
                    got.sort();
                    let want: Vec<(String, u32)> = model
                        .iter()
                        .filter(|(_, (c, _))| c == client)
                        .map(|(id, (_, d))| (id.clone(), *d))
                        .collect();
                    prop_assert_eq!(got, want);
                }
            }
        }
    }
}
