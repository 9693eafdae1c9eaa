//! Database failures become `ApiError::Internal` with a log line; the user
//! sees "server error", the operator sees the cause.

use crate::ApiError;

pub fn internal(e: surrealdb::Error) -> ApiError {
    super::metrics::add(&super::metrics::DB_ERRORS, 1);
    tracing::error!(error = %e, "database error");
    ApiError::Internal(e.to_string())
}

/// Whether the error is a UNIQUE index refusing a duplicate value.
pub fn is_unique_violation(e: &surrealdb::Error) -> bool {
    e.to_string().contains("already contains")
}

/// Whether a transaction failed because another one wrote the same keys
/// first; retrying it is safe.
pub fn is_conflict(e: &surrealdb::Error) -> bool {
    let m = e.to_string().to_lowercase();
    m.contains("conflict") || m.contains("failed transaction") || m.contains("can be retried")
}

pub trait OrInternal<T> {
    fn or_internal(self) -> Result<T, ApiError>;
}

impl<T> OrInternal<T> for Result<T, surrealdb::Error> {
    fn or_internal(self) -> Result<T, ApiError> {
        self.map_err(internal)
    }
}

/// The error that made a transaction fail. `check()` reports the first
/// statement, which is only "not executed due to a failed transaction"; the
/// cause is the one statement whose error says something else.
pub fn transaction_result(mut res: surrealdb::IndexedResults) -> Result<(), surrealdb::Error> {
    let errors = res.take_errors();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(cause(errors))
    }
}

/// The telling error among a failed transaction's per-statement errors
/// (`errors` must not be empty).
pub fn cause(errors: std::collections::HashMap<usize, surrealdb::Error>) -> surrealdb::Error {
    let mut errors: Vec<(usize, surrealdb::Error)> = errors.into_iter().collect();
    errors.sort_by_key(|(i, _)| *i);
    let generic = |e: &surrealdb::Error| {
        let m = e.to_string();
        m.contains("not executed")
            || m.contains("Cannot COMMIT")
            || m.contains("cancelled transaction")
    };
    let pos = errors.iter().position(|(_, e)| !generic(e)).unwrap_or(0);
    errors.swap_remove(pos).1
}
