//! Connecting to SurrealDB by URL and bringing the schema up to date.
//!
//! `mem://` (tests), `surrealkv://path` (the embedded default), `ws://` or
//! `wss://host:port` (a SurrealDB server, for several app servers; see
//! [`Target`] for signing in to it). Migrations are the `.surql`
//! files in `server/migrations/`, compiled into the binary, applied in order,
//! each exactly once, and recorded in the `migration` table.

use anyhow::{Context, Result, bail};
use app::backend::Db;
use surrealdb::types::SurrealValue;

mod target;

pub use target::{DATABASE, NAMESPACE, Target};

/// Every migration, in order. Never edit a released one; add the next.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../../migrations/0001_initial.surql"),
    ),
    (2, "sync", include_str!("../../migrations/0002_sync.surql")),
    (
        3,
        "lighter_sync_rows",
        include_str!("../../migrations/0003_lighter_sync_rows.surql"),
    ),
    (
        4,
        "call_kind",
        include_str!("../../migrations/0004_call_kind.surql"),
    ),
    (
        5,
        "follow_up",
        include_str!("../../migrations/0005_follow_up.surql"),
    ),
    (
        6,
        "targets",
        include_str!("../../migrations/0006_targets.surql"),
    ),
    (
        7,
        "access",
        include_str!("../../migrations/0007_access.surql"),
    ),
    (
        8,
        "devices",
        include_str!("../../migrations/0008_devices.surql"),
    ),
    (
        9,
        "hardening",
        include_str!("../../migrations/0009_hardening.surql"),
    ),
    (
        10,
        "password_change",
        include_str!("../../migrations/0010_password_change.surql"),
    ),
    (
        11,
        "setup_token",
        include_str!("../../migrations/0011_setup_token.surql"),
    ),
    (
        12,
        "proposal",
        include_str!("../../migrations/0012_proposal.surql"),
    ),
    (
        13,
        "mail_outbox",
        include_str!("../../migrations/0013_mail_outbox.surql"),
    ),
    (
        14,
        "mail_optout",
        include_str!("../../migrations/0014_mail_optout.surql"),
    ),
    (
        15,
        "template",
        include_str!("../../migrations/0015_template.surql"),
    ),
    (
        16,
        "scheme",
        include_str!("../../migrations/0016_scheme.surql"),
    ),
    (
        17,
        "mail_settings",
        include_str!("../../migrations/0017_mail_settings.surql"),
    ),
    (
        18,
        "contract",
        include_str!("../../migrations/0018_contract.surql"),
    ),
    (
        19,
        "unused_indexes",
        include_str!("../../migrations/0019_unused_indexes.surql"),
    ),
    (
        20,
        "contract_scan",
        include_str!("../../migrations/0020_contract_scan.surql"),
    ),
    (
        21,
        "template_purpose",
        include_str!("../../migrations/0021_template_purpose.surql"),
    ),
    (
        22,
        "money_doc",
        include_str!("../../migrations/0022_money_doc.surql"),
    ),
    (
        23,
        "receivables_call",
        include_str!("../../migrations/0023_receivables_call.surql"),
    ),
    (
        24,
        "api_token",
        include_str!("../../migrations/0024_api_token.surql"),
    ),
    (
        25,
        "money_work",
        include_str!("../../migrations/0025_money_work.surql"),
    ),
    (
        26,
        "contract_conflict",
        include_str!("../../migrations/0026_contract_conflict.surql"),
    ),
    (
        27,
        "price_list",
        include_str!("../../migrations/0027_price_list.surql"),
    ),
    (
        28,
        "audit_made_at",
        include_str!("../../migrations/0028_audit_made_at.surql"),
    ),
    (
        29,
        "call_log_rows",
        include_str!("../../migrations/0029_call_log_rows.surql"),
    ),
];

pub async fn connect(target: impl Into<Target>) -> Result<Db> {
    let target = target.into();
    if target.url.starts_with("surrealkv://") {
        recover(&target).await?;
    }
    let db = engine(&target).await?;
    target.sign_in(&db).await?;
    // Using a namespace or database defines it when missing; processes
    // starting at once against one SurrealDB server may conflict doing so,
    // and one of them simply tries again.
    let mut attempt = 0;
    loop {
        match db.use_ns(&target.namespace).use_db(&target.database).await {
            Ok(_) => return Ok(db),
            Err(e) if attempt < 5 && e.to_string().contains("conflict") => {
                attempt += 1;
                tokio::time::sleep(std::time::Duration::from_millis(50 * attempt)).await;
            }
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "cannot use namespace {} and database {} at {}",
                        target.namespace, target.database, target.url
                    )
                });
            }
        }
    }
}

/// Opens an embedded store once and closes it again, so that it is used on a
/// fresh write-ahead log.
///
/// After a crash SurrealKV 0.21 replays its log and, if the crash tore the
/// last record, rewrites that log file without it; but it opened the file for
/// writing *before* that, and keeps appending to the replaced file, so every
/// commit until the next clean close is lost at the next crash (found by
/// `server/tests/integration/crash.rs`). A clean close writes the replayed data into the
/// store's tables and retires the log; the next open starts a new one.
async fn recover(target: &Target) -> Result<()> {
    close(engine(target).await?, &target.url).await;
    Ok(())
}

async fn engine(target: &Target) -> Result<Db> {
    let url = &target.url;
    let config = target.config()?;
    surrealdb::engine::any::connect((url.as_str(), config)).await.with_context(|| {
        if url.starts_with("surrealkv://") {
            format!(
                "cannot open the database at {url} (if a kartoteka server is running on it, stop it first: an embedded store has one user at a time)"
            )
        } else if url.starts_with("wss://") && target.ca.is_none() {
            format!(
                "cannot open the database at {url} (if its certificate comes from a private CA, give that CA with --db-ca)"
            )
        } else if url.starts_with("wss://") {
            format!(
                "cannot open the database at {url} (is the --db-ca file the CA that signed its certificate, and does the certificate name this host?)"
            )
        } else {
            format!("cannot open the database at {url}")
        }
    })
}

/// Connects and migrates: what the server, the CLI and the tests all use.
pub async fn open(target: impl Into<Target>) -> Result<Db> {
    let target = target.into();
    let db = connect(&target).await?;
    migrate(&db).await.map_err(|e| {
        if target.is_remote() && target.user.is_none() {
            e.context(format!(
                "{} is a SurrealDB server and no --db-user was given: a SurrealDB 3 server \
                 lets no one in unless it runs --unauthenticated",
                target.url
            ))
        } else {
            e
        }
    })?;
    Ok(db)
}

/// Closes the store and waits until it is closed: the engine shuts down in
/// the background once the last handle is gone, flushing its memory table
/// into the directory. An embedded SurrealKV store is closed when its `LOCK`
/// file can be locked again (a directory removed before that makes the
/// engine fail its flush); other stores get a moment.
pub async fn close(db: Db, url: &str) {
    drop(db);
    let Some(dir) = url.strip_prefix("surrealkv://") else {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        return;
    };
    let lock = std::path::Path::new(dir).join("LOCK");
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(30) {
        let free = std::fs::File::open(&lock).is_ok_and(|f| f.try_lock().is_ok());
        if free {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    tracing::warn!(store = dir, "the store did not close within 30 s");
}

#[derive(SurrealValue)]
struct Applied {
    version: i64,
}

/// Applies the migrations the database has not seen yet. Each runs in one
/// transaction together with its record, so a crash leaves it applied or not.
pub async fn migrate(db: &Db) -> Result<Vec<i64>> {
    migrate_with(db, MIGRATIONS).await
}

/// [`migrate`] with a given list (tests give one with a broken migration:
/// it must leave the data as it was and unrecorded).
pub async fn migrate_with(db: &Db, migrations: &[(i64, &str, &str)]) -> Result<Vec<i64>> {
    // Another server preparing the same table at the same moment can make
    // this transaction fail; the table is there once either has committed.
    let mut tries = 0;
    loop {
        let prepared = db
            .query(
                "DEFINE TABLE IF NOT EXISTS migration SCHEMAFULL; \
                 DEFINE FIELD IF NOT EXISTS version ON migration TYPE int; \
                 DEFINE FIELD IF NOT EXISTS name ON migration TYPE string; \
                 DEFINE FIELD IF NOT EXISTS applied_at ON migration TYPE datetime; \
                 DEFINE INDEX IF NOT EXISTS migration_version ON migration FIELDS version UNIQUE;",
            )
            .await
            .and_then(|r| r.check());
        match prepared {
            Ok(_) => break,
            Err(_) if tries < 5 => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            Err(e) => return Err(e).context("cannot prepare the migration table"),
        }
    }
    let mut res = db.query("SELECT version FROM migration").await?;
    let done: Vec<Applied> = res.take(0)?;
    let known = migrations.last().map_or(0, |(v, _, _)| *v);
    if let Some(newer) = done.iter().map(|d| d.version).filter(|v| *v > known).max() {
        bail!(
            "the database's schema is version {newer}, newer than this kartoteka knows \
             (up to {known}): it was upgraded by a newer release. Run that release (or newer), \
             or restore a backup made by this one"
        );
    }
    let mut applied = Vec::new();
    for (version, name, sql) in migrations {
        if done.iter().any(|d| d.version == *version) {
            continue;
        }
        let script = format!(
            "BEGIN TRANSACTION;\n{sql}\n;CREATE migration CONTENT {{ version: $version, name: $name, applied_at: time::now() }};\nCOMMIT TRANSACTION;"
        );
        let ran = db
            .query(script)
            .bind(("version", *version))
            .bind(("name", name.to_string()))
            .await
            .and_then(|r| r.check())
            .with_context(|| format!("migration {version} ({name}) failed"));
        match ran {
            Ok(_) => {
                tracing::info!(version, name, "applied migration");
                applied.push(*version);
            }
            // Two servers starting together on one SurrealDB server both
            // try it; the other one's commit makes this one's fail.
            Err(e) if applied_elsewhere(db, *version).await => {
                tracing::info!(version, name, error = %format!("{e:#}"), "migration applied by another server");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(applied)
}

/// Whether `version` is recorded (by another server), waiting a moment for
/// a commit that may still be on its way.
async fn applied_elsewhere(db: &Db, version: i64) -> bool {
    for _ in 0..10 {
        let recorded = db
            .query("SELECT VALUE version FROM migration WHERE version = $version")
            .bind(("version", version))
            .await
            .and_then(|mut r| r.take::<Vec<i64>>(0));
        if recorded.is_ok_and(|v| !v.is_empty()) {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    false
}
