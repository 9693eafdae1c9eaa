//! Who owns which cards and who leads whom: the facts the access rules,
//! covers, the audit and the push all ask for, in one place below them.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::user::{Me, Role};
use std::collections::HashMap;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, Clone, SurrealValue)]
struct OwnerOf {
    id: String,
    owner: String,
}

/// Everyone in `me`'s department (just `me` without one).
pub async fn department_members(db: &Db, me: &Me) -> Result<Vec<String>, ApiError> {
    let Some(dep) = me.department.clone() else {
        return Ok(vec![me.id.clone()]);
    };
    // Inactive members too: their clients stay with the department until
    // the head hands them to someone else.
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM user WHERE department = $dep")
        .bind(("dep", dep))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Does `me` lead `person` (a head their department's people, a director
/// everyone)? Nobody leads themselves.
pub fn leads(me: &Me, person_id: &str, person_department: Option<&str>) -> bool {
    if me.id == person_id {
        return false;
    }
    match me.role {
        Role::Director => true,
        Role::Head => me.department.is_some() && me.department.as_deref() == person_department,
        _ => false,
    }
}

/// The owner of each of these cards that exists.
pub async fn owners_of(db: &Db, mut ids: Vec<String>) -> Result<HashMap<String, String>, ApiError> {
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rids: Vec<RecordId> = ids
        .iter()
        .map(|i| RecordId::new("client", i.as_str()))
        .collect();
    let mut res = db
        .query("SELECT record::id(id) AS id, owner FROM $ids")
        .bind(("ids", rids))
        .await
        .or_internal()?;
    let rows: Vec<OwnerOf> = res.take(0).or_internal()?;
    Ok(rows.into_iter().map(|r| (r.id, r.owner)).collect())
}
