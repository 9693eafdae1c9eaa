//! Password hashing with Argon2id (the crate's defaults follow OWASP advice).
//!
//! A hash costs tens of milliseconds of CPU and memory. It runs on the
//! blocking thread pool, at most [`limit`] at a time, so a burst of sign-ins
//! queues here instead of occupying the async workers every other request
//! (a health check, a sync) needs.

use crate::ApiError;
use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::Semaphore;

/// How many hashes may run at once: all cores but one (at least one), so
/// one core always stays free for everything else.
pub fn limit() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().saturating_sub(1))
        .unwrap_or(1)
        .max(1)
}

fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| Semaphore::new(limit()))
}

static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COMPUTED: AtomicUsize = AtomicUsize::new(0);

/// How many Argon2 computations this process has run.
pub fn computed() -> usize {
    COMPUTED.load(Ordering::Relaxed)
}

/// The most hashes that ever ran at once in this process (never above
/// [`limit`]); for the tests and the operator.
pub fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Runs one Argon2 computation off the async workers, within the limit.
/// Fails only when the runtime is shutting down.
async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = permits()
        .acquire()
        .await
        .map_err(|_| ApiError::Internal("password hashing is shut down".into()))?;
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(now, Ordering::SeqCst);
        let out = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        COMPUTED.fetch_add(1, Ordering::Relaxed);
        out
    })
    .await
    .map_err(|e| ApiError::Internal(format!("password hashing stopped: {e}")))
}

/// A temporary password an administrator hands over: 16 letters and digits
/// without look-alikes (no 0/O, 1/l/I), easy to read out and type once.
pub fn temporary() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..16)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

fn hash_now(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters cannot fail")
        .to_string()
}

fn verify_now(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

pub async fn hash(password: String) -> Result<String, ApiError> {
    bounded(move || hash_now(&password)).await
}

/// Whether `password` matches `stored`; a check that could not run counts
/// as no match.
pub async fn verify(password: String, stored: String) -> bool {
    bounded(move || verify_now(&password, &stored))
        .await
        .unwrap_or(false)
}

/// Verifies against a throwaway hash so that "no such user" takes as long as
/// "wrong password" and does not reveal which e-mails exist.
pub async fn burn_time(password: String) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    bounded(move || {
        let dummy = DUMMY.get_or_init(|| hash_now("not-a-real-password"));
        let _ = verify_now(&password, dummy);
    })
    .await
    .unwrap_or(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = hash("correct horse".into()).await.unwrap();
        let b = hash("correct horse".into()).await.unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify("correct horse".into(), a.clone()).await);
        assert!(!verify("wrong horse".into(), a).await);
        assert!(!verify("x".into(), "not a hash".into()).await);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_burst_runs_within_the_limit_off_the_async_workers() {
        let stored = hash("correct horse".into()).await.unwrap();
        let burst: Vec<_> = (0..12)
            .map(|_| tokio::spawn(verify("wrong".into(), stored.clone())))
            .collect();
        for b in burst {
            assert!(!b.await.unwrap());
        }
        assert!(peak() >= 1);
        assert!(peak() <= limit(), "{} at once, limit {}", peak(), limit());
    }
}
