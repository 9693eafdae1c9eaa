//! Each import source's mapping (`import_mapping`, keyed by the source's
//! name): saved when a file from it is imported with a mapping given, read
//! when the next comes without one.

use crate::ApiError;
use crate::Db;
use crate::db_error::OrInternal;
use crate::domain::receivables::import_row::Mapping;
use surrealdb::types::RecordId;

pub async fn load(db: &Db, source: &str) -> Result<Option<Mapping>, ApiError> {
    let mut res = db
        .query("SELECT VALUE mapping FROM ONLY $id")
        .bind(("id", RecordId::new("import_mapping", source)))
        .await
        .or_internal()?;
    let text: Option<String> = res.take(0).or_internal()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

pub async fn save(db: &Db, source: &str, mapping: &Mapping, by: &str) -> Result<(), ApiError> {
    let text = serde_json::to_string(mapping).map_err(|e| ApiError::Internal(e.to_string()))?;
    db.query("UPSERT $id CONTENT { mapping: $mapping, updated_by: $by, updated_at: time::now() } RETURN NONE")
        .bind(("id", RecordId::new("import_mapping", source)))
        .bind(("mapping", text))
        .bind(("by", by.to_string()))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}
