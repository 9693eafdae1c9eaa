//! Stable sorting with one copy of the standard library's sort in the
//! binary.
//!
//! Each `slice::sort_by` with its own element type or comparison is a copy
//! of the whole standard sort (3 to 4 KB of wasm each), and the browser's
//! code had dozens. These functions sort the items' positions, always with
//! the same comparison type, and then move the items into that order, so
//! every call shares one copy. Equal items keep their order, as with
//! `sort_by`. (docs/BENCHMARKS.md, "One sort in the browser's code".)

use std::cmp::Ordering;

/// Sorts `items` by `cmp`; equal items keep their order.
pub fn by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = positions(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` by the key `key` gives each; equal keys keep their order.
/// Each key is worked out once, not twice per comparison.
pub fn by_key<T, K: Ord>(items: &mut [T], key: impl FnMut(&T) -> K) {
    if items.len() < 2 {
        return;
    }
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = positions(items.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(items, order);
}

/// Sorts `items` in their natural order.
pub fn natural<T: Ord>(items: &mut [T]) {
    by(items, Ord::cmp);
}

/// The positions `0..len` in the order `cmp` gives them; stable. Not
/// generic, so the standard sort is compiled once for all callers.
fn positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    #[allow(clippy::disallowed_methods)] // the one sort everything shares
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves `items` so that position `k` holds what was at `order[k]`, one
/// cycle of the permutation at a time (each item moves once).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            // A position whose item is in place points at itself.
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // the standard sort is the reference
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_and_keeps_ties_in_order() {
        let mut items = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd'), (1, 'e')];
        by_key(&mut items, |&(n, _)| n);
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn short_lists_are_left_alone() {
        let mut none: [u8; 0] = [];
        natural(&mut none);
        let mut one = [7];
        natural(&mut one);
        assert_eq!(one, [7]);
    }

    #[test]
    fn owned_items_move_without_copies() {
        let mut names: Vec<String> = ["ē", "a", "c", "b"].map(String::from).to_vec();
        natural(&mut names);
        assert_eq!(names, ["a", "b", "c", "ē"]);
    }

    proptest! {
        /// The same result as the standard stable sort, ties included.
        #[test]
        fn matches_the_standard_stable_sort(items in prop::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = items;
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn reverse_keys_match_too(items in prop::collection::vec(any::<i16>(), 0..100)) {
            let mut ours = items.clone();
            by_key(&mut ours, |&n| std::cmp::Reverse(n));
            let mut std_sorted = items;
            std_sorted.sort_by_key(|&n| std::cmp::Reverse(n));
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
