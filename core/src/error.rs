//! The one error type every server function returns. The UI matches on it to
//! say what happened in the user's language; the HTTP status says it to
//! everyone else.

use crate::domain::validation::Issues;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// No valid session: sign in (again).
    #[error("sign-in required")]
    Unauthorized,
    /// This device was signed out (from another device, by a head or an
    /// admin, or the user was deactivated): it pushes what it may, then
    /// wipes the user's data.
    #[error("this device was signed out")]
    SignedOut,
    /// Signed in, but this is not yours to see or do.
    #[error("not allowed for your role")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Input rejected; nothing was saved.
    #[error("invalid input: {0}")]
    Invalid(Issues),
    /// Unique value already taken (the field's path).
    #[error("{0} is already used")]
    Duplicate(String),
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("too many failed sign-ins; try again in {retry_after_s} s")]
    Throttled { retry_after_s: u64 },
    /// The server failed; the message is for logs and support.
    #[error("server error: {0}")]
    Internal(String),
    /// The request did not reach the server or the answer did not come back.
    #[error("no connection: {0}")]
    Network(String),
}

/// What an `Internal` error says outside the server: its cause is for the
/// server's log, never for the client (it may name tables, queries, paths).
pub const INTERNAL_PUBLIC: &str = "see the server log";

impl ApiError {
    fn malformed_request() -> ApiError {
        ApiError::Invalid(Issues(vec![crate::domain::validation::Issue::new(
            "request",
            crate::domain::validation::Problem::Malformed,
        )]))
    }

    pub fn status(&self) -> u16 {
        match self {
            ApiError::Unauthorized | ApiError::SignedOut | ApiError::BadCredentials => 401,
            ApiError::Forbidden => 403,
            ApiError::NotFound => 404,
            ApiError::Duplicate(_) => 409,
            ApiError::Invalid(_) => 422,
            ApiError::Throttled { .. } => 429,
            ApiError::Internal(_) => 500,
            ApiError::Network(_) => 503,
        }
    }
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(e: ServerFnErrorErr) -> Self {
        match e {
            ServerFnErrorErr::Request(m) => ApiError::Network(m),
            // On the server, a body that does not decode into the
            // function's arguments is the caller's mistake, answered as such
            // (the decoder's own words stay out of the answer). In the
            // browser the same error means the server's answer did not
            // decode: that one is ours.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => Self::malformed_request(),
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                Self::malformed_request()
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<ServerFnErrorErr> for ApiError {
    fn from(e: ServerFnErrorErr) -> Self {
        Self::from_server_fn_error(e)
    }
}

impl From<Issues> for ApiError {
    fn from(i: Issues) -> Self {
        ApiError::Invalid(i)
    }
}
