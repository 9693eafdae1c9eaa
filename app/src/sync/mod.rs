//! The sync core (issue 3, in progress): protocol types, the hybrid logical
//! clock and the merge. Pure and deterministic, so the same code runs on the
//! device (wasm) and on the server, and one native property test proves both.
//! Not wired to storage or HTTP yet.

pub mod hlc;
pub mod merge;
pub mod op;
pub mod protocol;
