//! Database failures become `ApiError::Internal` with a log line; the user
//! sees "server error", the operator sees the cause.

use crate::api::ApiError;

pub fn internal(e: surrealdb::Error) -> ApiError {
    tracing::error!(error = %e, "database error");
    ApiError::Internal(e.to_string())
}

/// Whether the error is a UNIQUE index refusing a duplicate value.
pub fn is_unique_violation(e: &surrealdb::Error) -> bool {
    e.to_string().contains("already contains")
}

pub trait OrInternal<T> {
    fn or_internal(self) -> Result<T, ApiError>;
}

impl<T> OrInternal<T> for Result<T, surrealdb::Error> {
    fn or_internal(self) -> Result<T, ApiError> {
        self.map_err(internal)
    }
}
