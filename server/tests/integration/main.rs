//! The server's integration tests, one binary: every module below would
//! otherwise link all of SurrealDB into a test executable of its own (about
//! 380 MB each), and linking them one by one was most of a warm rebuild.
//! Shared helpers live in `common` (an in-process server) and `mail_sink`
//! (a real SMTP server process). A module is one concern; run one with
//! `cargo test -p server --test integration -- access::`.

mod common;
mod mail_sink;

mod access;
mod account_letters;
mod auth;
mod backups;
mod bench_cli;
mod clients;
mod contract_drafts;
mod contract_scans;
mod contracts;
mod crash;
mod db_over_wss;
mod devices;
mod first_admin;
mod hardening;
mod http;
mod import_cli;
mod imported_cards;
mod mail;
mod migrations;
mod money_import;
mod money_push;
mod money_work;
mod passwords;
mod price_list;
mod process;
mod proposals;
mod push_behind;
mod scale_out;
mod schemes;
mod sync;
mod sync_follow_ups;
mod sync_sim;
mod team;
mod templates;
mod tls;
