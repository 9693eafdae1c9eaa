//! The sync engine (see docs/ARCHITECTURE.md, "Sync"). Pure and deterministic
//! apart from the device client's storage and transport, which are traits: the
//! same code runs on the device (wasm) and natively in the simulation tests.

pub mod chunks;
pub mod device;
pub mod hlc;
pub mod kept_today;
pub mod kind;
pub mod kinds;
pub mod local_card;
pub mod local_list;
pub mod memory_store;
pub mod merge;
pub mod mirror;
pub mod op;
pub mod protocol;
pub mod record_fields;
pub mod rejected;
mod row_decode;
pub mod store;
pub mod tables;
pub mod transport;
pub mod watched_store;
