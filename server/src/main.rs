//! `kartoteka`: serve the app, manage users, seed demo data, run benchmarks.

use clap::Parser;
use server::config::{BenchCommand, Cli, Command, ImportCommand, ServeArgs};
use tracing_subscriber::EnvFilter;

// mimalloc for the database engine's many small values, the system
// allocator for the store's huge buffers (see `server::alloc`).
#[global_allocator]
static GLOBAL: server::alloc::Allocator = server::alloc::Allocator;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    // The storage engine warns at every close that it found no async runtime
    // (it then closes synchronously, correctly); that is noise unless asked for.
    let log = cli.common.log_filter(cli.command.as_ref());
    let wanted = if log.contains("surrealkv") {
        log
    } else {
        format!("{log},surrealkv::lsm=error")
    };
    let filter = EnvFilter::try_new(&wanted).unwrap_or_else(|_| EnvFilter::new("info"));
    let fmt = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if cli.common.log_json {
        fmt.json().init();
    } else {
        fmt.init();
    }
    server::tls::install_provider();
    let result = match cli.command {
        None => match ServeArgs::from_env() {
            Ok(args) => server::serve::run(&cli.common, &args).await,
            Err(e) => e.exit(),
        },
        Some(Command::Serve(args)) => server::serve::run(&cli.common, &args).await,
        Some(Command::User(cmd)) => server::cli::user(&cli.common, cmd).await,
        Some(Command::Seed(args)) => server::seed::run(&cli.common, &args).await,
        Some(Command::Import(ImportCommand::Documents(args))) => {
            server::import::documents(&cli.common, &args).await
        }
        Some(Command::ApiToken(cmd)) => server::api_token_cli::run(&cli.common, cmd).await,
        Some(Command::Backup { file }) => {
            server::backup::backup(&cli.common.database(), &file).await
        }
        Some(Command::Restore { file }) => {
            if cli.common.db.is_none() {
                let _ = std::fs::create_dir_all(&cli.common.data_dir);
            }
            server::backup::restore(&cli.common.database(), &file).await
        }
        Some(Command::Bench(BenchCommand::Search {
            clients,
            queries,
            db,
        })) => server::bench_search::run(clients, queries, db).await,
        Some(Command::Bench(BenchCommand::SignIn { parallel })) => {
            server::bench_sign_in::run(parallel).await
        }
        Some(Command::Bench(BenchCommand::Sync {
            calls,
            cards,
            edits,
        })) => server::bench_sync::run(calls, cards, edits).await,
        Some(Command::Bench(BenchCommand::Store {
            calls,
            cards,
            edits,
            batch,
        })) => server::bench_store::run(calls, cards, edits, batch).await,
        Some(Command::Bench(BenchCommand::Import {
            rows,
            clients,
            xlsx,
        })) => server::bench_import::run(rows, clients, xlsx).await,
        Some(Command::Bench(BenchCommand::Mail {
            proposals,
            smtp_port,
        })) => server::bench_mail::run(proposals, smtp_port).await,
        Some(Command::Bench(BenchCommand::Load {
            devices,
            seconds,
            searchers,
            cards,
        })) => server::bench_load::run(devices, seconds, searchers, cards).await,
        Some(Command::Bench(BenchCommand::Today {
            cards,
            calls,
            follow_ups,
            rounds,
        })) => server::bench_today::run(cards, calls, follow_ups, rounds),
        Some(Command::Bench(BenchCommand::SyncFuzz { seeds, from })) => {
            server::sync_sim::fuzz(from, seeds).await
        }
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kartoteka: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
