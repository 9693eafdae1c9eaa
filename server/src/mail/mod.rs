//! Sending the outbox's letters: the settings (flags and environment), the
//! MIME message a letter becomes, the transport that hands it on (an SMTP
//! server, or a directory of `.eml` files to try it out) and the worker
//! that takes due letters, sends them and records the answer.

pub mod message;
pub mod settings;
pub mod transport;
pub mod worker;
