//! The `kartoteka` binary's library: configuration, database, HTTP, CLI tasks
//! and benchmarks. Integration tests use it to run the real server in-process.

pub mod alloc;
pub mod api_token_cli;
pub mod backup;
pub mod bench_import;
pub mod bench_load;
pub mod bench_mail;
pub mod bench_search;
pub mod bench_sign_in;
pub mod bench_stats;
pub mod bench_store;
pub mod bench_sync;
pub mod bench_today;
pub mod cli;
pub mod config;
pub mod db;
pub mod http;
pub mod import;
pub mod mail;
pub mod secret;
pub mod seed;
pub mod serve;
pub mod sync_http;
pub mod sync_sim;
pub mod tls;
