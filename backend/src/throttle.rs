//! Slowing down password guessing, per account and per network address.
//! The state lives in the database so that several app servers share it.
//! An attempt is counted before its password is checked (and the count of
//! a successful one cleared), so parallel guesses cannot outrun the count.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

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

#[derive(Debug, Clone)]
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

#[derive(Debug, Clone, SurrealValue)]
struct Held {
    key: String,
    failures: i64,
    last_failure: DateTime<Utc>,
}

/// One attempt per key at a time in this process: parallel guesses queue
/// here instead of racing in the database (where they would only conflict
/// and retry). Several processes still serialise through the transaction.
fn gate() -> &'static tokio::sync::Mutex<()> {
    static GATE: std::sync::OnceLock<tokio::sync::Mutex<()>> = std::sync::OnceLock::new();
    GATE.get_or_init(|| tokio::sync::Mutex::new(()))
}

/// The wait still to sit out for one key's row at `now`.
fn waiting(key: &str, row: Option<&Row>, now: DateTime<Utc>) -> Duration {
    let Some(row) = row else {
        return Duration::zero();
    };
    if now - row.last_failure > Duration::minutes(WINDOW_MINUTES) {
        return Duration::zero();
    }
    let until = row.last_failure + wait_after(row.failures, free_for(key));
    (until - now).max(Duration::zero())
}

/// Counts an attempt against every key *before* the password is checked,
/// atomically, or refuses with `Throttled` while any key is waiting. So
/// however many guesses arrive at once, no more than the free allowance
/// reach the password check; a successful sign-in then clears the account's
/// count ([`clear`]).
pub async fn reserve(db: &Db, keys: &[String], now: DateTime<Utc>) -> Result<(), ApiError> {
    let _one_at_a_time = gate().lock().await;
    let started = std::time::Instant::now();
    let mut attempt = 0;
    loop {
        match try_reserve(db, keys, now).await {
            Err(ReserveError::Lost) if started.elapsed() < std::time::Duration::from_secs(10) => {
                tokio::time::sleep(super::retry::pause(attempt)).await;
                attempt += 1;
            }
            Err(ReserveError::Lost) => {
                return Err(ApiError::Throttled { retry_after_s: 1 });
            }
            Err(ReserveError::Api(e)) => return Err(e),
            Ok(()) => return Ok(()),
        }
    }
}

enum ReserveError {
    /// Another process counted an attempt first: read again.
    Lost,
    Api(ApiError),
}

async fn try_reserve(db: &Db, keys: &[String], now: DateTime<Utc>) -> Result<(), ReserveError> {
    let ids: Vec<RecordId> = keys
        .iter()
        .map(|k| RecordId::new("login_throttle", k.as_str()))
        .collect();
    let mut res = db
        .query("SELECT record::id(id) AS key, failures, last_failure FROM $ids")
        .bind(("ids", ids))
        .await
        .map_err(|e| ReserveError::Api(super::db_error::internal(e)))?;
    let held: Vec<Held> = res
        .take(0)
        .map_err(|e| ReserveError::Api(super::db_error::internal(e)))?;
    let row_of = |key: &str| {
        held.iter().find(|h| h.key == key).map(|h| Row {
            failures: h.failures,
            last_failure: h.last_failure,
        })
    };
    let longest = keys
        .iter()
        .map(|k| waiting(k, row_of(k).as_ref(), now))
        .max()
        .unwrap_or_else(Duration::zero);
    if longest > Duration::zero() {
        let secs = (longest.num_milliseconds() + 999) / 1000;
        return Err(ReserveError::Api(ApiError::Throttled {
            retry_after_s: secs.max(1) as u64,
        }));
    }
    // Each key's count goes up by one, guarded by the count just read: a
    // concurrent attempt that counted first fails this transaction.
    let updates: Vec<Counted> = keys
        .iter()
        .map(|k| {
            let row = row_of(k);
            let seen = row.as_ref().map_or(-1, |r| r.failures);
            let failures = match row {
                Some(r) if now - r.last_failure <= Duration::minutes(WINDOW_MINUTES) => {
                    r.failures + 1
                }
                _ => 1,
            };
            Counted {
                id: RecordId::new("login_throttle", k.as_str()),
                seen,
                failures,
            }
        })
        .collect();
    let result = db
        .query(
            "BEGIN TRANSACTION; \
             FOR $u IN $updates { \
               IF ((SELECT VALUE failures FROM ONLY $u.id) ?? -1) != $u.seen \
                 { THROW 'throttle: stale'; }; \
               UPSERT $u.id SET failures = $u.failures, last_failure = $now RETURN NONE; \
             }; \
             COMMIT TRANSACTION;",
        )
        .bind(("updates", updates))
        .bind(("now", now))
        .await;
    let error = match result {
        Ok(res) => match super::db_error::transaction_result(res) {
            Ok(()) => return Ok(()),
            Err(e) => e,
        },
        Err(e) => e,
    };
    if super::db_error::is_conflict(&error) || error.to_string().contains("throttle: stale") {
        Err(ReserveError::Lost)
    } else {
        Err(ReserveError::Api(super::db_error::internal(error)))
    }
}

#[derive(Debug, Clone, SurrealValue)]
struct Counted {
    id: RecordId,
    seen: i64,
    failures: i64,
}

/// Old rows: nobody has failed on them within the window.
pub async fn purge(db: &Db, now: DateTime<Utc>) -> Result<(), ApiError> {
    db.query("DELETE login_throttle WHERE last_failure < $before RETURN NONE")
        .bind(("before", now - Duration::minutes(WINDOW_MINUTES)))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}

/// A successful sign-in: the account's count is forgotten and the address
/// gets back the attempt [`reserve`] counted (an office behind one address
/// signs in all morning without locking itself out).
pub async fn succeeded(db: &Db, keys: &[String]) -> Result<(), ApiError> {
    let (account, others) = keys
        .split_first()
        .ok_or(ApiError::Internal("no key".into()))?;
    clear(db, account).await?;
    for key in others {
        db.query(
            "UPDATE type::record('login_throttle', $key) \
             SET failures = math::max([failures - 1, 0]) RETURN NONE",
        )
        .bind(("key", key.clone()))
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
