//! Which operations go in the next push. The outbox is sent in order,
//! except that an edit touching only its record's own fields (see
//! `Kind::own_fields`) rides with its record's earlier operation: a card
//! created and then edited twice offline goes up as three operations side by
//! side, and the server writes the card once for all three while still
//! answering, merging and auditing each one as it was made.

use super::*;
use std::collections::HashSet;

/// How far past a batch's size (as a multiple of it) the device looks for
/// later edits of the records in it: three operations per record cover a
/// record made and edited twice in a row of other work.
pub(super) const WINDOW_BATCHES: usize = 3;

/// The next batch from `window`, the outbox's head in order: at most `max`
/// operations and `max_bytes` bytes of JSON (one always goes). Each record's
/// operations keep their order; an operation is sent ahead of other
/// records' only if it edits its own fields and every earlier operation of
/// its record is in the batch before it.
pub(super) fn next_batch(window: Vec<Op>, max: usize, max_bytes: usize) -> Vec<Op> {
    let mut later: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, op) in window.iter().enumerate() {
        later
            .entry((op.table.as_str(), op.record_id.as_str()))
            .or_default()
            .push(i);
    }
    let mut taken: HashSet<usize> = HashSet::new();
    let mut order: Vec<usize> = Vec::new();
    for (i, op) in window.iter().enumerate() {
        if order.len() >= max {
            break;
        }
        if !taken.insert(i) {
            continue;
        }
        order.push(i);
        let Some(kind) = kinds::of(&op.table) else {
            continue;
        };
        let same_record = &later[&(op.table.as_str(), op.record_id.as_str())];
        for &j in same_record.iter().filter(|&&j| j > i) {
            if order.len() >= max || taken.contains(&j) || !kind.edits_own_fields(&window[j]) {
                break;
            }
            taken.insert(j);
            order.push(j);
        }
    }
    let mut slots: Vec<Option<Op>> = window.into_iter().map(Some).collect();
    let ops = order.into_iter().filter_map(|i| slots[i].take()).collect();
    fit_bytes(ops, max_bytes)
}

/// The leading operations whose JSON fits in `max` bytes, at least one.
fn fit_bytes(mut ops: Vec<Op>, max: usize) -> Vec<Op> {
    let mut total = 0;
    let keep = ops
        .iter()
        .position(|op| {
            total += serde_json::to_vec(op).map_or(0, |b| b.len());
            total > max
        })
        .unwrap_or(ops.len())
        .max(1);
    ops.truncate(keep);
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn op(n: usize, table: &str, record: &str, fields: &[&str]) -> Op {
        Op {
            op_id: format!("op-{n}"),
            device_id: "d".into(),
            seq: n as u64 + 1,
            table: table.into(),
            record_id: record.into(),
            hlc: Hlc::zero("d"),
            kind: OpKind::Patch {
                fields: fields
                    .iter()
                    .map(|f| (f.to_string(), serde_json::json!("x")))
                    .collect(),
                base: Default::default(),
            },
        }
    }

    fn ids(ops: &[Op]) -> Vec<&str> {
        ops.iter().map(|o| o.op_id.as_str()).collect()
    }

    #[test]
    fn a_push_stops_growing_at_its_byte_budget_but_always_carries_one() {
        let ops: Vec<Op> = (0..10)
            .map(|n| op(n, tables::CALL_LOG, &format!("r-{n}"), &["note"]))
            .collect();
        let one = serde_json::to_vec(&ops[0]).unwrap().len();
        assert_eq!(fit_bytes(ops.clone(), one * 3 + 1).len(), 3);
        assert_eq!(fit_bytes(ops.clone(), 0).len(), 1);
        assert_eq!(fit_bytes(ops.clone(), usize::MAX).len(), 10);
        assert!(fit_bytes(Vec::new(), 10).is_empty());
    }

    #[test]
    fn a_cards_later_edits_of_its_own_fields_ride_with_its_creation() {
        let window = vec![
            op(0, tables::CLIENT, "a", &["name", "contacts"]),
            op(1, tables::CLIENT, "b", &["name"]),
            op(2, tables::CALL_LOG, "c1", &["client_id"]),
            op(3, tables::CLIENT, "a", &["needs"]),
            op(4, tables::CLIENT, "b", &["city", "needs"]),
            op(5, tables::CLIENT, "a", &["needs"]),
        ];
        assert_eq!(
            ids(&next_batch(window, 10, usize::MAX)),
            ["op-0", "op-3", "op-5", "op-1", "op-4", "op-2"]
        );
    }

    #[test]
    fn an_edit_others_depend_on_keeps_its_place_and_so_do_the_edits_after_it() {
        let window = vec![
            op(0, tables::CLIENT, "a", &["name"]),
            op(1, tables::CALL_LOG, "c1", &["client_id"]),
            op(2, tables::CLIENT, "a", &["owner_id"]),
            op(3, tables::CLIENT, "a", &["needs"]),
            op(4, tables::CLIENT, "b", &["contacts"]),
        ];
        assert_eq!(
            ids(&next_batch(window, 10, usize::MAX)),
            ["op-0", "op-1", "op-2", "op-3", "op-4"]
        );
    }

    #[test]
    fn records_of_kinds_without_own_fields_are_sent_in_order() {
        let window = vec![
            op(0, tables::FOLLOW_UP, "f", &["note"]),
            op(1, tables::CALL_LOG, "c1", &["client_id"]),
            op(2, tables::FOLLOW_UP, "f", &["note"]),
        ];
        assert_eq!(
            ids(&next_batch(window, 10, usize::MAX)),
            ["op-0", "op-1", "op-2"]
        );
    }

    #[test]
    fn a_full_batch_leaves_the_rest_for_the_next() {
        let window = vec![
            op(0, tables::CLIENT, "a", &["name"]),
            op(1, tables::CLIENT, "b", &["name"]),
            op(2, tables::CLIENT, "a", &["needs"]),
            op(3, tables::CLIENT, "a", &["needs"]),
        ];
        assert_eq!(ids(&next_batch(window, 2, usize::MAX)), ["op-0", "op-2"]);
    }

    const TABLES: [&str; 3] = [tables::CLIENT, tables::CALL_LOG, tables::FOLLOW_UP];
    const FIELDS: [&str; 4] = ["needs", "city", "owner_id", "contacts"];

    fn window() -> impl Strategy<Value = Vec<Op>> {
        prop::collection::vec((0..3usize, 0..4usize, 0..4usize, 0..4usize), 0..40).prop_map(
            |picks| {
                picks
                    .into_iter()
                    .enumerate()
                    .map(|(n, (t, r, f1, f2))| {
                        op(n, TABLES[t], &format!("r{r}"), &[FIELDS[f1], FIELDS[f2]])
                    })
                    .collect()
            },
        )
    }

    proptest! {
        /// Whatever the outbox holds, a batch is a reordering that the
        /// server cannot tell from the outbox's own order: per record the
        /// operations are the first ones, in order; an operation passes
        /// another record's only if it edits its own fields; nothing is
        /// sent twice or invented; and the batch is as full as it may be.
        #[test]
        fn a_batch_only_moves_what_commutes(window in window(), max in 1..12usize) {
            let batch = next_batch(window.clone(), max, usize::MAX);
            prop_assert_eq!(batch.len(), max.min(window.len()));
            let pos = |o: &Op| window.iter().position(|w| w.op_id == o.op_id).unwrap();
            let at: Vec<usize> = batch.iter().map(pos).collect();
            let unique: HashSet<usize> = at.iter().copied().collect();
            prop_assert_eq!(unique.len(), at.len());
            for (k, &i) in at.iter().enumerate() {
                let o = &window[i];
                let mine = |w: &Op| w.table == o.table && w.record_id == o.record_id;
                // Every earlier operation of the record is sent, before it.
                for (j, w) in window[..i].iter().enumerate() {
                    if mine(w) {
                        prop_assert!(at[..k].contains(&j), "{} before {}", w.op_id, o.op_id);
                    }
                }
                // It passes another record's operation only when it commutes.
                let passes = window[..i].iter().enumerate().any(|(j, w)| !mine(w) && !at[..k].contains(&j));
                if passes {
                    let kind = kinds::of(&o.table).unwrap();
                    prop_assert!(kind.edits_own_fields(o), "{} moved ahead", o.op_id);
                }
            }
        }
    }
}
