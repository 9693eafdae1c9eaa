//! Users in the database.

use super::db_error::{OrInternal, internal, is_unique_violation};
use super::{Db, password};
use crate::ApiError;
use crate::domain::calling::cold::ColdAfter;
use crate::domain::calling::quota::Targets;
use crate::domain::user::{Language, Me, NewUser, OwnerOption, Role, UserView};
use std::collections::HashMap;
use surrealdb::types::{SurrealValue, Value};

const USER_FIELDS: &str = "record::id(id) AS id, email, name, role, department, language, active, \
    target_calls, target_phone_offers, target_email_proposals, target_new_contracts, \
    cold_prospect, cold_active, cold_key, cold_lost, may_export, admin, \
    must_change_password ?? false AS must_change_password";

#[derive(Debug, Clone, SurrealValue)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub department: Option<String>,
    pub language: String,
    pub active: bool,
    pub target_calls: Option<i64>,
    pub target_phone_offers: Option<i64>,
    pub target_email_proposals: Option<i64>,
    pub target_new_contracts: Option<i64>,
    pub cold_prospect: Option<i64>,
    pub cold_active: Option<i64>,
    pub cold_key: Option<i64>,
    pub cold_lost: Option<i64>,
    /// `None`: the role's default (see `Role::exports_by_default`).
    pub may_export: Option<bool>,
    /// Also an administrator, beside the business role.
    pub admin: bool,
    /// Holds a temporary password an administrator issued.
    pub must_change_password: bool,
}

impl UserRow {
    /// Stored targets, each the default where none was set.
    pub fn targets(&self) -> Targets {
        let d = Targets::default();
        let or =
            |v: Option<i64>, default: u32| v.and_then(|v| u32::try_from(v).ok()).unwrap_or(default);
        Targets {
            calls: or(self.target_calls, d.calls),
            phone_offers: or(self.target_phone_offers, d.phone_offers),
            email_proposals: or(self.target_email_proposals, d.email_proposals),
            new_contracts: or(self.target_new_contracts, d.new_contracts),
        }
    }

    /// Stored cold thresholds: unset is the default, 0 is never.
    pub fn cold_after(&self) -> ColdAfter {
        let d = ColdAfter::default();
        let or = |v: Option<i64>, default: Option<u32>| match v {
            None => default,
            Some(n) => u32::try_from(n).ok().filter(|n| *n > 0),
        };
        ColdAfter {
            prospect: or(self.cold_prospect, d.prospect),
            active: or(self.cold_active, d.active),
            key: or(self.cold_key, d.key),
            lost: or(self.cold_lost, d.lost),
        }
    }

    pub fn may_export(&self) -> bool {
        self.may_export
            .unwrap_or_else(|| Role::parse(&self.role).is_some_and(Role::exports_by_default))
    }

    pub fn view(self) -> UserView {
        UserView {
            may_export: self.may_export(),
            admin: self.admin,
            targets: self.targets(),
            cold_after: self.cold_after(),
            role: Role::parse(&self.role).unwrap_or(Role::Manager),
            language: Language::parse(&self.language).unwrap_or_default(),
            id: self.id,
            email: self.email,
            name: self.name,
            department: self.department,
            active: self.active,
        }
    }

    pub fn me(self) -> Me {
        let self_must_change = self.must_change_password;
        let v = self.view();
        Me {
            id: v.id,
            email: v.email,
            name: v.name,
            role: v.role,
            department: v.department,
            language: v.language,
            targets: v.targets,
            cold_after: v.cold_after,
            may_export: v.may_export,
            covers: Vec::new(),
            admin: v.admin,
            must_change_password: self_must_change,
        }
    }
}

pub async fn any_exists(db: &Db) -> Result<bool, ApiError> {
    let mut res = db
        .query("SELECT VALUE id FROM user LIMIT 1")
        .await
        .or_internal()?;
    let ids: Vec<surrealdb::types::RecordId> = res.take(0).or_internal()?;
    Ok(!ids.is_empty())
}

pub async fn create(db: &Db, u: &NewUser) -> Result<UserView, ApiError> {
    let id = uuid::Uuid::now_v7().to_string();
    let hash = password::hash(u.password.clone()).await?;
    let res = db
        .query(format!(
            "CREATE ONLY type::record('user', $id) CONTENT {{ \
               email: $email, name: $name, role: $role, department: $department, \
               language: $language, password_hash: $hash, active: true, admin: $admin, \
               created_at: time::now() \
             }} RETURN {USER_FIELDS}"
        ))
        .bind(("id", id))
        .bind(("email", u.email.clone()))
        .bind(("name", u.name.clone()))
        .bind(("role", u.role.as_str().to_string()))
        .bind(("department", u.department.clone()))
        .bind(("language", u.language.code().to_string()))
        .bind(("hash", hash))
        .bind(("admin", u.admin || u.role == Role::Admin))
        .await
        .or_internal()?;
    let mut res = match res.check() {
        Ok(r) => r,
        Err(e) if is_unique_violation(&e) => return Err(ApiError::Duplicate("email".into())),
        Err(e) => return Err(internal(e)),
    };
    let row: Option<UserRow> = res.take(0).or_internal()?;
    row.map(UserRow::view)
        .ok_or_else(|| ApiError::Internal("user not created".into()))
}

pub async fn list(db: &Db) -> Result<Vec<UserView>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {USER_FIELDS} FROM user ORDER BY active DESC, name ASC"
        ))
        .await
        .or_internal()?;
    let rows: Vec<UserRow> = res.take(0).or_internal()?;
    Ok(rows.into_iter().map(UserRow::view).collect())
}

pub async fn get(db: &Db, id: &str) -> Result<Option<UserRow>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {USER_FIELDS} FROM ONLY type::record('user', $id)"
        ))
        .bind(("id", id.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// The user with this e-mail and their password hash.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<(UserRow, String)>, ApiError> {
    #[derive(SurrealValue)]
    struct WithHash {
        #[surreal(flatten)]
        user: UserRow,
        password_hash: String,
    }
    let mut res = db
        .query(format!(
            "SELECT {USER_FIELDS}, password_hash FROM user WHERE email = $email LIMIT 1"
        ))
        .bind(("email", email.trim().to_lowercase()))
        .await
        .or_internal()?;
    let rows: Vec<WithHash> = res.take(0).or_internal()?;
    Ok(rows.into_iter().next().map(|r| (r.user, r.password_hash)))
}

pub async fn set_active(db: &Db, id: &str, active: bool) -> Result<UserView, ApiError> {
    let mut res = db
        .query(format!(
            "UPDATE ONLY type::record('user', $id) SET active = $active RETURN {USER_FIELDS}; \
             IF !$active {{ UPDATE session SET revoked_at = time::now() WHERE user = $id AND revoked_at = NONE RETURN NONE }};"
        ))
        .bind(("id", id.to_string()))
        .bind(("active", active))
        .await
        .or_internal()?;
    let row: Option<UserRow> = res.take(0).or_internal()?;
    row.map(UserRow::view).ok_or(ApiError::NotFound)
}

/// Sets a user's targets and cold thresholds; the user as it now is.
pub async fn set_targets(
    db: &Db,
    id: &str,
    t: Targets,
    cold: ColdAfter,
) -> Result<UserView, ApiError> {
    let never = |d: Option<u32>| i64::from(d.unwrap_or(0));
    let mut res = db
        .query(format!(
            "UPDATE ONLY type::record('user', $id) SET target_calls = $calls, \
             target_phone_offers = $offers, target_email_proposals = $proposals, \
             target_new_contracts = $contracts, cold_prospect = $cp, cold_active = $ca, \
             cold_key = $ck, cold_lost = $cl RETURN {USER_FIELDS}"
        ))
        .bind(("cp", never(cold.prospect)))
        .bind(("ca", never(cold.active)))
        .bind(("ck", never(cold.key)))
        .bind(("cl", never(cold.lost)))
        .bind(("id", id.to_string()))
        .bind(("calls", i64::from(t.calls)))
        .bind(("offers", i64::from(t.phone_offers)))
        .bind(("proposals", i64::from(t.email_proposals)))
        .bind(("contracts", i64::from(t.new_contracts)))
        .await
        .or_internal()?;
    let row: Option<UserRow> = res.take(0).or_internal()?;
    row.map(UserRow::view).ok_or(ApiError::NotFound)
}

pub async fn set_language(db: &Db, id: &str, language: Language) -> Result<(), ApiError> {
    db.query("UPDATE type::record('user', $id) SET language = $language")
        .bind(("id", id.to_string()))
        .bind(("language", language.code().to_string()))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}

/// Active users who work client cards, with their departments.
pub async fn owners(db: &Db) -> Result<Vec<(OwnerOption, Option<String>)>, ApiError> {
    #[derive(SurrealValue)]
    struct Row {
        id: String,
        name: String,
        department: Option<String>,
    }
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, name, department FROM user \
             WHERE active = true AND role IN ['manager', 'head', 'director'] ORDER BY name ASC",
        )
        .await
        .or_internal()?;
    let rows: Vec<Row> = res.take(0).or_internal()?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                OwnerOption {
                    id: r.id,
                    name: r.name,
                },
                r.department,
            )
        })
        .collect())
}

/// Moves a user to a department (`None`: none).
pub async fn set_department(
    db: &Db,
    id: &str,
    department: Option<String>,
) -> Result<UserView, ApiError> {
    let mut res = db
        .query(format!(
            "UPDATE ONLY type::record('user', $id) SET department = $dep RETURN {USER_FIELDS}"
        ))
        .bind(("id", id.to_string()))
        .bind(("dep", department))
        .await
        .or_internal()?;
    let row: Option<UserRow> = res.take(0).or_internal()?;
    row.map(UserRow::view).ok_or(ApiError::NotFound)
}

/// Sets whether a user may export client lists.
pub async fn set_may_export(db: &Db, id: &str, may: bool) -> Result<UserView, ApiError> {
    let mut res = db
        .query(format!(
            "UPDATE ONLY type::record('user', $id) SET may_export = $may RETURN {USER_FIELDS}"
        ))
        .bind(("id", id.to_string()))
        .bind(("may", may))
        .await
        .or_internal()?;
    let row: Option<UserRow> = res.take(0).or_internal()?;
    row.map(UserRow::view).ok_or(ApiError::NotFound)
}

/// Names of all users by id, to show who owns or changed a card.
pub async fn names(db: &Db) -> Result<HashMap<String, String>, ApiError> {
    #[derive(SurrealValue)]
    struct Row {
        id: String,
        name: String,
    }
    let mut res = db
        .query("SELECT record::id(id) AS id, name FROM user")
        .await
        .or_internal()?;
    let rows: Vec<Row> = res.take(0).or_internal()?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}

/// Sets a user's password: their own new one (`must_change` false), or a
/// temporary one an administrator issued (`must_change` true).
pub async fn set_password(
    db: &Db,
    id: &str,
    password: String,
    must_change: bool,
) -> Result<(), ApiError> {
    let hash = password::hash(password).await?;
    db.query(
        "UPDATE type::record('user', $id) SET password_hash = $hash, \
         must_change_password = $must RETURN NONE",
    )
    .bind(("id", id.to_string()))
    .bind(("hash", hash))
    .bind(("must", must_change))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(())
}

/// The stored password hash of a user.
pub async fn password_hash(db: &Db, id: &str) -> Result<Option<String>, ApiError> {
    let mut res = db
        .query("SELECT VALUE password_hash FROM ONLY type::record('user', $id)")
        .bind(("id", id.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}
