//! Server functions, grouped by area. Each body (compiled only with `ssr`)
//! finds the database and the signed-in user in the request context and calls
//! into `crate::backend`; the browser build gets a stub that POSTs JSON to the
//! stable endpoint named in the attribute.

pub mod audit;
pub mod auth;
pub mod clients;
pub mod contract_scans;
pub mod covers;
pub mod mail;
pub mod money;
pub mod prices;
pub mod receivables;
pub mod review;
pub mod schemes;
pub mod sessions;
pub mod sync;
pub mod team;
pub mod templates;
pub mod users;

pub use error::ApiError;
/// The error type lives in the core crate, which every layer depends on.
pub use kartoteka_core::error;
