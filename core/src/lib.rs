//! Kartoteka's core: the business's types and rules (`domain`), the sync
//! engine that runs on devices and the server alike (`sync`: clock,
//! operations, merge, protocol, the device client over storage and
//! transport traits) and the one error type every layer speaks. No
//! database, no UI, no I/O of its own: it builds natively and for wasm, and
//! everything above it (the data crate, the app, the server) depends on it,
//! never the other way round.

pub mod domain;
pub mod error;
pub mod format;
pub mod html;
pub mod plural;
pub mod sort;
pub mod sync;

pub use error::ApiError;
