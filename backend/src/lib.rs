//! Kartoteka's data layer, server only: sessions, users, access, client
//! cards, search and the sync engine's server half over SurrealDB. Every
//! query binds its parameters; none is assembled from user input. It builds
//! on the core crate and knows nothing of the UI; the app's server functions
//! call into it (with the app's `ssr` feature), so a change here never
//! rebuilds the browser's wasm.

pub use kartoteka_core::ApiError;
use kartoteka_core::{domain, format, sync};

pub mod access;
pub mod account;
pub mod account_letters;
pub mod accounts;
pub mod audit;
pub mod card_rules;
pub mod client_addr;
pub mod client_rows;
pub mod clients;
pub mod clock;
pub mod company;
pub mod context;
pub mod contract_drafts;
pub mod contract_scans;
pub mod covers;
pub mod db_error;
pub mod first_admin;
pub mod janitor;
pub mod mail;
pub mod metrics;
pub mod money_import;
pub mod own_thread;
pub mod owners;
pub mod password;
pub mod price_list;
pub mod records;
pub mod reference;
pub mod request;
pub mod retry;
pub mod review;
pub mod schemes;
pub mod search_index;
pub mod sessions;
pub mod settings;
pub mod shipment_stops;
pub mod templates;
pub mod throttle;
pub mod token;
pub mod users;
pub mod version;
pub mod xlsx_table;

/// The database handle: any engine (mem, surrealkv, ws) chosen by URL.
pub type Db = surrealdb::Surreal<surrealdb::engine::any::Any>;
