//! The merge: per-field last writer wins by HLC; a value overwritten by a
//! concurrent edit is kept as a conflict the user can see and restore.
//! Applying the same set of operations in any order gives the same fields.

use super::hlc::Hlc;
use super::op::{FieldValue, Op, OpKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped {
    pub value: FieldValue,
    pub hlc: Hlc,
}

/// A record as the merge sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordState {
    pub fields: BTreeMap<String, Stamped>,
    pub deleted: Option<Hlc>,
}

/// A value that lost to a concurrent edit of the same field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub field: String,
    pub lost: Stamped,
    pub winner: Hlc,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Fields whose value changed.
    pub changed: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

/// Applies one operation to a record.
pub fn apply(state: &mut RecordState, op: &Op) -> Outcome {
    let mut out = Outcome::default();
    match &op.kind {
        OpKind::Delete => {
            if state.deleted.as_ref().is_none_or(|d| op.hlc > *d) {
                state.deleted = Some(op.hlc.clone());
            }
        }
        OpKind::Patch { fields, base } => {
            for (name, value) in fields {
                let incoming = Stamped {
                    value: value.clone(),
                    hlc: op.hlc.clone(),
                };
                let saw = base.get(name);
                match state.fields.get(name) {
                    None => {
                        state.fields.insert(name.clone(), incoming);
                        out.changed.push(name.clone());
                    }
                    Some(current) if incoming.hlc > current.hlc => {
                        // The author had not seen the value it replaces.
                        let concurrent = saw.is_none_or(|b| *b < current.hlc);
                        if concurrent && current.value != incoming.value {
                            out.conflicts.push(Conflict {
                                field: name.clone(),
                                lost: current.clone(),
                                winner: incoming.hlc.clone(),
                            });
                        }
                        if current.value != incoming.value {
                            out.changed.push(name.clone());
                        }
                        state.fields.insert(name.clone(), incoming);
                    }
                    Some(current)
                        if incoming.hlc < current.hlc && current.value != incoming.value =>
                    {
                        out.conflicts.push(Conflict {
                            field: name.clone(),
                            lost: incoming,
                            winner: current.hlc.clone(),
                        });
                    }
                    Some(_) => {}
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn hlc(ms: u64, dev: &str) -> Hlc {
        Hlc {
            millis: ms,
            counter: 0,
            device: dev.into(),
        }
    }

    fn patch(ms: u64, dev: &str, field: &str, v: &str, base: Option<Hlc>) -> Op {
        Op {
            op_id: format!("{dev}-{ms}-{field}"),
            device_id: dev.into(),
            seq: ms,
            table: "client".into(),
            record_id: "c1".into(),
            hlc: hlc(ms, dev),
            kind: OpKind::Patch {
                fields: [(field.to_string(), json!(v))].into(),
                base: base
                    .map(|b| [(field.to_string(), b)].into())
                    .unwrap_or_default(),
            },
        }
    }

    #[test]
    fn a_sequential_edit_is_not_a_conflict() {
        let mut s = RecordState::default();
        apply(&mut s, &patch(1, "a", "city", "Rīga", None));
        let out = apply(&mut s, &patch(2, "b", "city", "Liepāja", Some(hlc(1, "a"))));
        assert!(out.conflicts.is_empty());
        assert_eq!(s.fields["city"].value, json!("Liepāja"));
    }

    #[test]
    fn concurrent_edits_keep_the_loser_as_a_conflict_in_either_order() {
        let base = Some(hlc(1, "a"));
        let x = patch(2, "a", "city", "Cēsis", base.clone());
        let y = patch(3, "b", "city", "Talsi", base);
        for order in [[&x, &y], [&y, &x]] {
            let mut s = RecordState::default();
            apply(&mut s, &patch(1, "a", "city", "Rīga", None));
            let mut conflicts = Vec::new();
            for op in order {
                conflicts.extend(apply(&mut s, op).conflicts);
            }
            assert_eq!(s.fields["city"].value, json!("Talsi"));
            assert_eq!(conflicts.len(), 1);
            assert_eq!(conflicts[0].lost.value, json!("Cēsis"));
        }
    }

    fn arb_op() -> impl Strategy<Value = Op> {
        (0u64..20, 0usize..3, 0usize..3, 0usize..4, any::<bool>()).prop_map(
            |(ms, dev, field, val, del)| {
                let dev = ["a", "b", "c"][dev];
                if del && val == 0 {
                    Op {
                        op_id: format!("{dev}-{ms}-del"),
                        device_id: dev.into(),
                        seq: ms,
                        table: "client".into(),
                        record_id: "c1".into(),
                        hlc: hlc(ms, dev),
                        kind: OpKind::Delete,
                    }
                } else {
                    patch(
                        ms,
                        dev,
                        ["name", "city", "segment"][field],
                        &format!("v{val}"),
                        None,
                    )
                }
            },
        )
    }

    /// A device never stamps two operations alike (its clock ticks).
    fn unique(mut ops: Vec<Op>) -> Vec<Op> {
        for (i, op) in ops.iter_mut().enumerate() {
            op.hlc.counter = i as u32;
            op.op_id = format!("{}-{i}", op.op_id);
        }
        ops
    }

    proptest! {
        /// Convergence: any order of the same operations gives the same record.
        #[test]
        fn order_does_not_matter(ops in proptest::collection::vec(arb_op(), 0..25), seed in any::<u64>()) {
            let ops = unique(ops);
            let mut a = RecordState::default();
            for op in &ops { apply(&mut a, op); }
            let mut shuffled = ops.clone();
            // A deterministic shuffle from the seed.
            let n = shuffled.len();
            let mut x = seed;
            for i in (1..n).rev() {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (x >> 33) as usize % (i + 1));
            }
            let mut b = RecordState::default();
            for op in &shuffled { apply(&mut b, op); }
            prop_assert_eq!(a, b);
        }

        /// Applying an operation twice changes nothing the second time.
        #[test]
        fn idempotent(ops in proptest::collection::vec(arb_op(), 1..15)) {
            let ops = unique(ops);
            let mut s = RecordState::default();
            for op in &ops { apply(&mut s, op); }
            let before = s.clone();
            for op in &ops {
                let out = apply(&mut s, op);
                prop_assert!(out.changed.is_empty());
            }
            prop_assert_eq!(s, before);
        }
    }
}
