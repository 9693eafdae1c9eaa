//! `surreal`: the SurrealDB server, as its own binary is built.

// The server's deeply nested async bodies need more than the default.
#![recursion_limit = "512"]

fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
