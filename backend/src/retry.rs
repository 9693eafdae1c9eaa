//! Retrying write transactions that lost a race.
//!
//! Every card write bumps one counter row, so concurrent writers conflict by
//! design and exactly one of each clash commits. The losers retry with a
//! jittered, growing pause; a fixed small attempt count is not enough when a
//! dozen writers arrive at once on a loaded machine (seen in CI), so the limit
//! is a time budget instead.

use super::db_error::{cause, internal, is_conflict};
use crate::ApiError;
use rand::Rng;
use std::time::{Duration, Instant};

/// How long a write keeps retrying before it reports the conflict.
const BUDGET: Duration = Duration::from_secs(10);
/// Longest pause between two attempts.
const MAX_PAUSE_MS: u64 = 200;

/// Pause before attempt `attempt + 1`: exponential with full jitter, so
/// writers that clashed once spread out instead of clashing again in step.
pub fn pause(attempt: u32) -> Duration {
    let ceiling = (2u64 << attempt.min(8)).min(MAX_PAUSE_MS);
    Duration::from_millis(rand::rng().random_range(1..=ceiling))
}

/// Runs a multi-statement transaction built by `query`, again while it fails
/// only because a concurrent transaction won. Answers the successful results.
pub async fn on_conflict<'a, F>(mut query: F) -> Result<surrealdb::IndexedResults, ApiError>
where
    F: FnMut() -> surrealdb::method::Query<'a, surrealdb::engine::any::Any>,
{
    let started = Instant::now();
    let mut attempt = 0;
    loop {
        let error = match query().await {
            Ok(mut res) => {
                let errors = res.take_errors();
                if errors.is_empty() {
                    return Ok(res);
                }
                cause(errors)
            }
            Err(e) => e,
        };
        if !is_conflict(&error) || started.elapsed() >= BUDGET {
            return Err(internal(error));
        }
        tokio::time::sleep(pause(attempt)).await;
        attempt += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_but_stay_bounded() {
        for attempt in 0..40 {
            let p = pause(attempt).as_millis() as u64;
            assert!((1..=MAX_PAUSE_MS).contains(&p), "attempt {attempt}: {p} ms");
            assert!(p <= 2u64 << attempt.min(8));
        }
    }
}
