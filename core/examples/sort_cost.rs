//! What sharing one sort costs in time: 20,000 cards sorted as the device's
//! list sorts them, by name and id and by newest first, with the standard
//! stable sort and with `kartoteka_core::sort`. Prints medians of 30 runs.
//! `cargo run --release -p kartoteka-core --example sort_cost`
//! (docs/BENCHMARKS.md, "One sort in the browser's code").
#![allow(clippy::disallowed_methods)] // the standard sort is what it is timed against

use kartoteka_core::sort;
use std::cmp::{Ordering, Reverse};
use std::time::Instant;

const CARDS: usize = 20_000;
const RUNS: usize = 30;

/// A card as the list sorts it: its folded name, its id, when it was made.
type Card = (String, String, i64);

fn by_name(a: &Card, b: &Card) -> Ordering {
    (a.0.as_str(), a.1.as_str()).cmp(&(b.0.as_str(), b.1.as_str()))
}

/// The cards in an order that repeats from run to run (many equal names).
fn cards() -> Vec<Card> {
    let mut state = 7u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    (0..CARDS)
        .map(|i| {
            let name = format!("sia {:04} {}", next() % 5000, next() % 97);
            (name, format!("{i:032x}"), (next() % 1_000_000) as i64)
        })
        .collect()
}

/// Milliseconds `f` takes, the median of `RUNS`; `f` gets a fresh copy each run.
fn median_ms<T: Clone>(input: &[T], mut f: impl FnMut(&mut Vec<T>)) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let mut v = input.to_vec();
            let t = Instant::now();
            f(&mut v);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(&v);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    let all = cards();
    let refs: Vec<&Card> = all.iter().collect();
    // Both sorts agree before either is timed.
    let (mut a, mut b) = (all.clone(), all.clone());
    a.sort_by(by_name);
    sort::by(&mut b, by_name);
    assert_eq!(a, b);

    let name_std = median_ms(&all, |v| v.sort_by(by_name));
    let name_one = median_ms(&all, |v| sort::by(v, by_name));
    let new_std = median_ms(&refs, |v| v.sort_by_key(|c| Reverse(c.2)));
    let new_one = median_ms(&refs, |v| sort::by_key(v, |c| Reverse(c.2)));
    println!(
        "sort-cost cards={CARDS} by_name_std_ms={name_std:.2} by_name_one_ms={name_one:.2} \
         newest_std_ms={new_std:.2} newest_one_ms={new_one:.2}"
    );
}
