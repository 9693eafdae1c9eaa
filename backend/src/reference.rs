//! Writing reference data (templates, key-client schemes): records no
//! device writes through sync, saved here by the roles allowed to. A save
//! takes the change counter's next version, as every synced write does, so
//! devices pull it; and it is audited in the same transaction.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::validation::{Issue, Issues, Problem};
use surrealdb::types::{RecordId, SurrealValue};

/// The stored record `id` of `table`, read with `fields`.
pub async fn load<D: SurrealValue>(
    db: &Db,
    table: &str,
    fields: &str,
    id: &str,
) -> Result<Option<D>, ApiError> {
    let mut res = db
        .query(format!("SELECT {fields} FROM ONLY $id"))
        .bind(("id", RecordId::new(table, id)))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Refuses a name another record of `table` already has (names are what
/// people pick from, so two alike would be a trap).
pub async fn name_free(db: &Db, table: &str, name: &str, id: &str) -> Result<(), ApiError> {
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM type::table($table) WHERE name = $name")
        .bind(("table", table.to_string()))
        .bind(("name", name.to_string()))
        .await
        .or_internal()?;
    let ids: Vec<String> = res.take(0).or_internal()?;
    if ids.iter().any(|other| other != id) {
        Err(ApiError::Invalid(Issues(vec![Issue::new(
            "name",
            Problem::Taken,
        )])))
    } else {
        Ok(())
    }
}

/// One reference record's write: what is stored and what the audit says.
pub struct Write<D> {
    pub table: &'static str,
    pub id: String,
    pub doc: D,
    pub actor: String,
    /// `template.create`, `scheme.update`…
    pub action: String,
    pub changes: serde_json::Value,
}

/// Stores `w.doc` under the next version and audits it, in one transaction.
pub async fn write<D: SurrealValue + Clone + Send + 'static>(
    db: &Db,
    w: Write<D>,
) -> Result<(), ApiError> {
    let device = crate::request::request_info().user_agent;
    let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
         UPSERT type::record($table, $id) CONTENT $doc.extend({ version: $version }) RETURN NONE; \
         CREATE audit CONTENT { at: time::now(), actor: $actor, action: $action, record: $id, \
           changes: $changes, device: $device } RETURN NONE; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", crate::version::NEXT_VERSION);
    crate::retry::on_conflict(|| {
        db.query(sql.as_str())
            .bind(("table", w.table))
            .bind(("id", w.id.clone()))
            .bind(("doc", w.doc.clone()))
            .bind(("actor", w.actor.clone()))
            .bind(("action", w.action.clone()))
            .bind(("changes", w.changes.clone()))
            .bind(("device", device.clone()))
    })
    .await?;
    Ok(())
}

/// The audit's account of a save: the whole record when new, else what
/// changed.
pub fn changes(
    before: Option<serde_json::Value>,
    after: serde_json::Value,
    prefix: &str,
) -> (String, serde_json::Value) {
    match before {
        Some(b) => (format!("{prefix}.update"), crate::audit::diff(&b, &after)),
        None => (format!("{prefix}.create"), after),
    }
}
