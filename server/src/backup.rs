//! `kartoteka backup FILE` and `kartoteka restore FILE`: the whole database
//! as SurrealQL text, and back into an empty database.
//!
//! A restored database is a new database as far as devices are concerned:
//! its change counter is back where the backup left it, so a device whose
//! cursor is at or below that would otherwise skip every change made after
//! the restore under the version numbers it already passed. Restoring gives
//! the database a new epoch; every device's next pull answers "reset" and it
//! downloads afresh, keeping its unsent work.

use anyhow::{Context, Result, bail};
use app::backend::Db;
use std::path::{Path, PathBuf};

/// Backups `write_into` makes are named `kartoteka-<UTC time>.surql`.
const PREFIX: &str = "kartoteka-";
const SUFFIX: &str = ".surql";

/// Writes a backup of the running server's database into `dir` and keeps
/// the newest `keep` of them. The export reads one snapshot, so a push
/// committing meanwhile is in it whole or not at all. The file appears
/// under its final name only once complete.
pub async fn write_into(db: &Db, dir: &Path, keep: usize) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the backup folder {}", dir.display()))?;
    let name = format!(
        "{PREFIX}{}{SUFFIX}",
        chrono::Utc::now().format("%Y%m%d-%H%M%S%.3f")
    );
    let partial = dir.join(format!(".{name}.partial"));
    db.export(&partial)
        .await
        .with_context(|| format!("cannot write the backup to {}", partial.display()))?;
    let done = dir.join(&name);
    std::fs::rename(&partial, &done)?;
    let mut all: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    all.sort();
    let excess = all.len().saturating_sub(keep.max(1));
    for old in &all[..excess] {
        std::fs::remove_file(old)
            .with_context(|| format!("cannot remove the old backup {}", old.display()))?;
    }
    Ok(done)
}

/// Inside `serve`: a backup every `every`, the first a minute after start.
pub async fn schedule(db: Db, dir: PathBuf, keep: usize, every: std::time::Duration) {
    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        match write_into(&db, &dir, keep).await {
            Ok(file) => tracing::info!(file = %file.display(), "backup written"),
            Err(e) => tracing::error!(error = %format!("{e:#}"), "backup failed"),
        }
    }
}

/// Writes the database at `target` to `file` (with the server stopped, for
/// the embedded store: it has one user at a time).
pub async fn backup(target: impl Into<crate::db::Target>, file: &Path) -> Result<()> {
    let target = target.into();
    let url = target.url.as_str();
    let db = crate::db::open(&target).await?;
    db.export(file)
        .await
        .with_context(|| format!("cannot write the backup to {}", file.display()))?;
    crate::db::close(db, url).await;
    Ok(())
}

/// Loads `file` into the empty database at `target`, brings its schema up
/// to date and gives it a new epoch. Refuses a database that holds anything.
pub async fn restore(target: impl Into<crate::db::Target>, file: &Path) -> Result<()> {
    let target = target.into();
    let url = target.url.as_str();
    if !file.is_file() {
        bail!("no backup file at {}", file.display());
    }
    let db = crate::db::connect(&target).await?;
    if !is_empty(&db).await? {
        bail!(
            "the database at {url} is not empty; restore into a new data directory \
             (--data-dir) or an empty database"
        );
    }
    db.import(file)
        .await
        .with_context(|| format!("cannot restore {}", file.display()))?;
    crate::db::migrate(&db).await?;
    let epoch = new_epoch(&db).await?;
    tracing::info!(%epoch, "restored; devices will download afresh");
    crate::db::close(db, url).await;
    Ok(())
}

async fn is_empty(db: &Db) -> Result<bool> {
    let mut res = db.query("INFO FOR DB").await?;
    let info: Option<serde_json::Value> = res.take(0)?;
    let tables = info
        .as_ref()
        .and_then(|i| i.get("tables"))
        .and_then(|t| t.as_object())
        .map_or(0, |t| t.len());
    Ok(tables == 0)
}

/// Gives the database a new identity (see the module's comment).
pub async fn new_epoch(db: &Db) -> Result<String> {
    let mut res = db
        .query("UPSERT meta:epoch SET value = <string>rand::uuid::v7() RETURN VALUE value")
        .await?;
    let epoch: Option<String> = res.take(0)?;
    epoch.context("the epoch was not written")
}
