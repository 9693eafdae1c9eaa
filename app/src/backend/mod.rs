//! The server side of the server functions (compiled with `ssr` only):
//! sessions, users, client cards and search over SurrealDB. Every query binds
//! its parameters; none is assembled from user input.

pub mod access;
pub mod audit;
pub mod client_addr;
pub mod client_rows;
pub mod clients;
pub mod clock;
pub mod context;
pub mod covers;
pub mod db_error;
pub mod janitor;
pub mod password;
pub mod retry;
pub mod review;
pub mod search_index;
pub mod sessions;
pub mod sync_calls;
pub mod sync_cards;
pub mod sync_follow_ups;
pub mod sync_pull;
pub mod sync_push;
pub mod throttle;
pub mod users;

/// The database handle: any engine (mem, surrealkv, ws) chosen by URL.
pub type Db = surrealdb::Surreal<surrealdb::engine::any::Any>;
