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
use std::path::Path;

/// Writes the database at `url` to `file` (with the server stopped, for the
/// embedded store: it has one user at a time).
pub async fn backup(url: &str, file: &Path) -> Result<()> {
    let db = crate::db::open(url).await?;
    db.export(file)
        .await
        .with_context(|| format!("cannot write the backup to {}", file.display()))?;
    crate::db::close(db, url).await;
    Ok(())
}

/// Loads `file` into the empty database at `url`, brings its schema up to
/// date and gives it a new epoch. Refuses a database that holds anything.
pub async fn restore(url: &str, file: &Path) -> Result<()> {
    if !file.is_file() {
        bail!("no backup file at {}", file.display());
    }
    let db = crate::db::connect(url).await?;
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
