//! Plain Rust types and rules of the business. No Leptos, no database, no I/O:
//! this module compiles natively and to wasm and is tested natively.

pub mod audit;
pub mod call_log;
pub mod calling;
pub mod client;
pub mod client_input;
pub mod code_enum;
pub mod contact;
pub mod content_line;
pub mod contract;
pub mod contract_scan;
pub mod contract_text;
pub mod cover;
pub mod csv;
pub mod device_session;
pub mod email;
pub mod field_conflict;
pub mod follow_up;
pub mod icalendar;
pub mod key_clients;
pub mod latest_day;
pub mod mail;
pub mod money;
pub mod phone;
pub mod proposal;
pub mod proposal_bulk;
pub mod proposal_text;
pub mod registration;
pub mod review;
pub mod scheme;
pub mod search;
pub mod template;
pub mod text;
pub mod user;
pub mod validation;
pub mod vcard;
