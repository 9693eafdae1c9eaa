//! Slowing down password guessing, per account and per network address.
//! The state lives in the database so that several app servers share it.

use super::Db;
use super::db_error::OrInternal;
use crate::api::ApiError;
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::SurrealValue;

/// Failures allowed before waiting starts.
pub const FREE_FAILURES_ACCOUNT: i64 = 5;
pub const FREE_FAILURES_ADDRESS: i64 = 20;
/// Failures older than this are forgotten.
pub const WINDOW_MINUTES: i64 = 15;
pub const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// How long to refuse after `failures` consecutive failures: nothing while
/// within the free allowance, then 1 s, 2 s, 4 s … capped at 15 minutes.
pub fn wait_after(failures: i64, free: i64) -> Duration {
    if failures < free {
        return Duration::zero();
    }
    let exp = (failures - free).min(20) as u32;
    Duration::seconds((1i64 << exp).min(MAX_WAIT_SECONDS))
}

#[derive(Debug, Clone, SurrealValue)]
struct Row {
    failures: i64,
    last_failure: DateTime<Utc>,
}

pub fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

pub fn address_key(ip: &str) -> String {
    format!("address:{ip}")
}

fn free_for(key: &str) -> i64 {
    if key.starts_with("address:") {
        FREE_FAILURES_ADDRESS
    } else {
        FREE_FAILURES_ACCOUNT
    }
}

async fn load(db: &Db, key: &str) -> Result<Option<Row>, ApiError> {
    let mut res = db
        .query("SELECT failures, last_failure FROM ONLY type::record('login_throttle', $key)")
        .bind(("key", key.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Refuses with `Throttled` while any of the keys is waiting.
pub async fn check(db: &Db, keys: &[String], now: DateTime<Utc>) -> Result<(), ApiError> {
    let mut longest = Duration::zero();
    for key in keys {
        let Some(row) = load(db, key).await? else {
            continue;
        };
        if now - row.last_failure > Duration::minutes(WINDOW_MINUTES) {
            continue;
        }
        let until = row.last_failure + wait_after(row.failures, free_for(key));
        if until > now {
            longest = longest.max(until - now);
        }
    }
    if longest > Duration::zero() {
        let secs = (longest.num_milliseconds() + 999) / 1000;
        return Err(ApiError::Throttled {
            retry_after_s: secs.max(1) as u64,
        });
    }
    Ok(())
}

/// Counts a failed attempt against every key. Two attempts racing may count
/// once; that is fine for slowing guessing down.
pub async fn fail(db: &Db, keys: &[String], now: DateTime<Utc>) -> Result<(), ApiError> {
    for key in keys {
        let failures = match load(db, key).await? {
            Some(r) if now - r.last_failure <= Duration::minutes(WINDOW_MINUTES) => r.failures + 1,
            _ => 1,
        };
        db.query(
            "UPSERT type::record('login_throttle', $key) \
             SET failures = $failures, last_failure = $now",
        )
        .bind(("key", key.clone()))
        .bind(("failures", failures))
        .bind(("now", now))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    }
    Ok(())
}

/// Forgets the failures of an account after a successful sign-in.
pub async fn clear(db: &Db, key: &str) -> Result<(), ApiError> {
    db.query("DELETE type::record('login_throttle', $key)")
        .bind(("key", key.to_string()))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiting_doubles_after_the_free_attempts() {
        assert_eq!(wait_after(4, 5), Duration::zero());
        assert_eq!(wait_after(5, 5), Duration::seconds(1));
        assert_eq!(wait_after(6, 5), Duration::seconds(2));
        assert_eq!(wait_after(9, 5), Duration::seconds(16));
        assert_eq!(wait_after(500, 5), Duration::seconds(MAX_WAIT_SECONDS));
    }
}
