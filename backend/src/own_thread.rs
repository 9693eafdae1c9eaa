//! Database work run from a thread of its own instead of from one of the
//! async runtime's workers.
//!
//! The embedded store does a transaction's work on the thread that polls
//! it. The same rows took about a tenth longer to write from a worker than
//! from the main thread, even with nothing else running (docs/BENCHMARKS.md,
//! "A push written from a thread of its own"; why was not found). So a
//! push's write is driven from a thread of the runtime's blocking pool, and
//! the workers stay free for the requests arriving meanwhile.
//!
//! What the request carries does not go along: Leptos' context (so the
//! test clock, `clock::now`, is not there) nor the request's log span. The
//! work gets its values from its caller.

use crate::ApiError;
use std::future::Future;

/// Runs the future `work` makes on a thread of the blocking pool and gives
/// its output. Only what `work` captures crosses threads: the future itself
/// is made and polled there. Once started it runs to its end even if the
/// caller is dropped (a transaction is not cut off half-way). A panic in it
/// is raised again here.
pub async fn on_own_thread<T, F, W>(work: W) -> Result<T, ApiError>
where
    W: FnOnce() -> F + Send + 'static,
    F: Future<Output = T>,
    T: Send + 'static,
{
    let runtime = tokio::runtime::Handle::current();
    match tokio::task::spawn_blocking(move || runtime.block_on(work())).await {
        Ok(done) => Ok(done),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        // Only a runtime shutting down cancels a blocking task.
        Err(_) => Err(ApiError::Network(
            "the server is stopping; try again".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_output_comes_back_and_the_runtime_serves_the_work() {
        let output = on_own_thread(|| async {
            // Timers and spawned tasks of the runtime work there.
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            tokio::spawn(async { 40 }).await.unwrap() + 2
        })
        .await
        .unwrap();
        assert_eq!(output, 42);
    }

    #[tokio::test]
    async fn on_a_single_threaded_runtime_too() {
        let output = on_own_thread(|| async {
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
            7
        })
        .await
        .unwrap();
        assert_eq!(output, 7);
    }

    #[tokio::test]
    #[should_panic(expected = "raised again")]
    async fn a_panic_in_the_work_is_raised_in_the_caller() {
        let _ = on_own_thread(|| async { panic!("raised again") }).await;
    }
}
