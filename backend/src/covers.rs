//! Deputy covers in the database: appointing, ending early, listing, and
//! the grants [`super::access::Scope`] reads.

use super::db_error::OrInternal;
use super::owners::leads;
use super::{Db, audit, users};
use crate::ApiError;
use crate::domain::cover::{CoverView, ValidCover};
use crate::domain::user::{Me, Role};
use crate::domain::validation::{Issue, Issues, Problem};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

/// What a cover gives its deputy.
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
pub struct Grant {
    pub id: String,
    pub owner: String,
    /// `None`: every client of the owner.
    pub clients: Option<Vec<String>>,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    /// Ended before its planned end: no late delivery after it.
    pub ended_early: bool,
}

impl Grant {
    /// Does it name this client of this owner? A client handed to someone
    /// else leaves the cover with it.
    pub fn covers(&self, client_id: &str, owner: &str) -> bool {
        self.owner == owner
            && self
                .clients
                .as_ref()
                .is_none_or(|ids| ids.iter().any(|c| c == client_id))
    }

    /// Identifies what the grant gives, for the scope's fingerprint.
    pub fn key(&self) -> String {
        match &self.clients {
            None => format!("{}:{}", self.id, self.owner),
            Some(ids) => format!("{}:{}:{}", self.id, self.owner, ids.join(",")),
        }
    }
}

/// Covers naming `deputy` that end after `since`.
pub async fn grants_for(
    db: &Db,
    deputy: &str,
    since: DateTime<Utc>,
) -> Result<Vec<Grant>, ApiError> {
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, owner, clients, starts, ends, \
             ended_early ?? false AS ended_early FROM cover \
             WHERE deputy = $deputy AND ends > $since",
        )
        .bind(("deputy", deputy.to_string()))
        .bind(("since", since))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

const COVER_FIELDS: &str =
    "record::id(id) AS id, owner, deputy, starts, ends, clients, note, created_by";

#[derive(Debug, Clone, SurrealValue)]
struct CoverRow {
    id: String,
    owner: String,
    deputy: String,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    clients: Option<Vec<String>>,
    note: Option<String>,
    created_by: String,
}

impl CoverRow {
    fn view(self, names: &HashMap<String, String>) -> CoverView {
        let name = |id: &str| names.get(id).cloned().unwrap_or_default();
        CoverView {
            owner_name: name(&self.owner),
            deputy_name: name(&self.deputy),
            id: self.id,
            owner_id: self.owner,
            deputy_id: self.deputy,
            starts: self.starts,
            ends: self.ends,
            clients: self.clients,
            note: self.note,
        }
    }
}

fn invalid(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// May `me` appoint or end covers for `owner`: the owner themselves, or
/// whoever leads them.
fn may_arrange(me: &Me, owner_id: &str, owner_department: Option<&str>) -> bool {
    (me.id == owner_id && me.role.works_clients()) || leads(me, owner_id, owner_department)
}

/// May `me` name this deputy for `owner`? Whoever leads the owner may name
/// anyone who works clients; the owner only a colleague of their own
/// department (naming someone changes what that person's devices hold, so
/// nobody may do it to a stranger).
fn may_name(me: &Me, owner: &super::users::UserRow, deputy: &super::users::UserRow) -> bool {
    if leads(me, &owner.id, owner.department.as_deref()) {
        return true;
    }
    owner.department.is_some() && owner.department == deputy.department
}

/// Appoints a deputy, after checking who asks, who is covered, who covers
/// and that chosen clients are the owner's.
pub async fn create(db: &Db, me: &Me, v: ValidCover) -> Result<CoverView, ApiError> {
    let owner = users::get(db, &v.owner_id)
        .await?
        .filter(|u| Role::parse(&u.role).is_some_and(Role::works_clients))
        .ok_or(ApiError::NotFound)?;
    if !may_arrange(me, &owner.id, owner.department.as_deref()) {
        return Err(ApiError::Forbidden);
    }
    let deputy = users::get(db, &v.deputy_id)
        .await?
        .filter(|u| u.active && Role::parse(&u.role).is_some_and(Role::works_clients))
        .ok_or_else(|| invalid("deputy_id", Problem::Required))?;
    if !may_name(me, &owner, &deputy) {
        return Err(ApiError::Forbidden);
    }
    // A cover starts when it is made at the earliest: one dated back would
    // let the deputy's devices deliver work stamped before anyone agreed.
    let starts = v.starts.max(super::clock::now());
    if let Some(ids) = &v.clients {
        let mut res = db
            .query("SELECT VALUE record::id(id) FROM client WHERE id IN $ids AND owner = $owner")
            .bind((
                "ids",
                ids.iter()
                    .map(|i| surrealdb::types::RecordId::new("client", i.as_str()))
                    .collect::<Vec<_>>(),
            ))
            .bind(("owner", owner.id.clone()))
            .await
            .or_internal()?;
        let found: Vec<String> = res.take(0).or_internal()?;
        if found.len() != ids.len() {
            return Err(invalid("clients", Problem::Malformed));
        }
    }
    let id = uuid::Uuid::now_v7().to_string();
    let mut res = db
        .query(format!(
            "CREATE ONLY type::record('cover', $id) CONTENT {{ owner: $owner, deputy: $deputy, \
             starts: $starts, ends: $ends, clients: $clients, note: $note, \
             created_by: $me, created_at: time::now() }} RETURN {COVER_FIELDS}"
        ))
        .bind(("id", id.clone()))
        .bind(("owner", v.owner_id.clone()))
        .bind(("deputy", v.deputy_id.clone()))
        .bind(("starts", starts))
        .bind(("ends", v.ends))
        .bind(("clients", v.clients.clone()))
        .bind(("note", v.note.clone()))
        .bind(("me", me.id.clone()))
        .await
        .or_internal()?;
    let row: Option<CoverRow> = res.take(0).or_internal()?;
    let row = row.ok_or_else(|| ApiError::Internal("cover not created".into()))?;
    audit::record(
        db,
        &me.id,
        "cover.create",
        &format!("cover:{id}"),
        serde_json::json!({
            "owner": v.owner_id, "deputy": v.deputy_id, "starts": starts,
            "ends": v.ends, "clients": v.clients, "note": v.note,
        }),
    )
    .await?;
    Ok(row.view(&users::names(db).await?))
}

async fn load(db: &Db, id: &str) -> Result<Option<CoverRow>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {COVER_FIELDS} FROM ONLY type::record('cover', $id)"
        ))
        .bind(("id", id.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Ends a cover now (or cancels one not yet started).
pub async fn end(db: &Db, me: &Me, id: &str, now: DateTime<Utc>) -> Result<CoverView, ApiError> {
    let row = load(db, id).await?.ok_or(ApiError::NotFound)?;
    let owner_department = users::get(db, &row.owner).await?.and_then(|u| u.department);
    let allowed = may_arrange(me, &row.owner, owner_department.as_deref())
        || row.created_by == me.id
        || row.deputy == me.id;
    if !allowed {
        return Err(ApiError::NotFound);
    }
    let ends = now.max(row.starts).min(row.ends);
    let mut res = db
        .query(format!(
            "UPDATE ONLY type::record('cover', $id) SET ends = $ends, \
             ended_early = ended_early OR $early RETURN {COVER_FIELDS}"
        ))
        .bind(("id", id.to_string()))
        .bind(("ends", ends))
        .bind(("early", ends < row.ends))
        .await
        .or_internal()?;
    let updated: Option<CoverRow> = res.take(0).or_internal()?;
    let updated = updated.ok_or(ApiError::NotFound)?;
    audit::record(
        db,
        &me.id,
        "cover.end",
        &format!("cover:{id}"),
        serde_json::json!({ "ends": { "old": row.ends, "new": ends } }),
    )
    .await?;
    Ok(updated.view(&users::names(db).await?))
}

/// Covers `me` is part of or arranges (their own, ones they cover, their
/// people's), running or ended within the last 30 days, newest first.
pub async fn list(db: &Db, me: &Me, now: DateTime<Utc>) -> Result<Vec<CoverView>, ApiError> {
    let led: Vec<String> = match me.role {
        Role::Head => super::owners::department_members(db, me).await?,
        _ => Vec::new(),
    };
    let mut res = db
        .query(format!(
            "SELECT {COVER_FIELDS} FROM cover WHERE ends > $since AND \
             ($all OR owner = $me OR deputy = $me OR created_by = $me OR owner IN $led) \
             ORDER BY starts DESC"
        ))
        .bind(("since", now - Duration::days(30)))
        .bind(("all", me.role == Role::Director))
        .bind(("me", me.id.clone()))
        .bind(("led", led))
        .await
        .or_internal()?;
    let rows: Vec<CoverRow> = res.take(0).or_internal()?;
    let names = users::names(db).await?;
    Ok(rows.into_iter().map(|r| r.view(&names)).collect())
}

/// Covers running now in which `user` is the deputy or the one covered.
pub async fn current(db: &Db, user: &str, now: DateTime<Utc>) -> Result<Vec<CoverView>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {COVER_FIELDS} FROM cover WHERE (owner = $u OR deputy = $u) \
             AND starts <= $now AND ends > $now ORDER BY ends ASC"
        ))
        .bind(("u", user.to_string()))
        .bind(("now", now))
        .await
        .or_internal()?;
    let rows: Vec<CoverRow> = res.take(0).or_internal()?;
    let names = users::names(db).await?;
    Ok(rows.into_iter().map(|r| r.view(&names)).collect())
}
