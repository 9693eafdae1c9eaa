//! The company's details (`company:current`), printed on its statements:
//! read by the mail worker, saved by administrators.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::company::{Company, CompanyInput};
use crate::domain::user::Me;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, Clone, SurrealValue)]
struct CompanyRow {
    name: String,
    reg_no: Option<String>,
    vat_no: Option<String>,
    address: Option<String>,
    bank: Option<String>,
}

/// The details as saved; empty until an administrator saves them.
pub async fn load(db: &Db) -> Result<Company, ApiError> {
    let mut res = db
        .query("SELECT name, reg_no, vat_no, address, bank FROM ONLY $id")
        .bind(("id", RecordId::new("company", "current")))
        .await
        .or_internal()?;
    let row: Option<CompanyRow> = res.take(0).or_internal()?;
    Ok(row
        .map(|r| Company {
            name: r.name,
            reg_no: r.reg_no,
            vat_no: r.vat_no,
            address: r.address,
            bank: r.bank,
        })
        .unwrap_or_default())
}

/// Saves the details (administrators only), audited.
pub async fn save(db: &Db, me: &Me, input: CompanyInput) -> Result<Company, ApiError> {
    if !me.manages_users() {
        return Err(ApiError::Forbidden);
    }
    let c = input.validate().map_err(ApiError::Invalid)?;
    let before = load(db).await?;
    db.query(
        "BEGIN TRANSACTION; \
         UPSERT $id CONTENT { name: $name, reg_no: $reg_no, vat_no: $vat_no, address: $address, \
           bank: $bank, updated_by: $by, updated_at: time::now() } RETURN NONE; \
         CREATE audit CONTENT { at: time::now(), actor: $by, action: 'company.update', \
           record: 'company', changes: $changes } RETURN NONE; \
         COMMIT TRANSACTION;",
    )
    .bind(("id", RecordId::new("company", "current")))
    .bind(("name", c.name.clone()))
    .bind(("reg_no", c.reg_no.clone()))
    .bind(("vat_no", c.vat_no.clone()))
    .bind(("address", c.address.clone()))
    .bind(("bank", c.bank.clone()))
    .bind(("by", me.id.clone()))
    .bind((
        "changes",
        crate::audit::diff(
            &serde_json::to_value(&before).unwrap_or_default(),
            &serde_json::to_value(&c).unwrap_or_default(),
        ),
    ))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(c)
}

/// The details for the settings page (administrators only).
pub async fn get(db: &Db, me: &Me) -> Result<Company, ApiError> {
    if !me.manages_users() {
        return Err(ApiError::Forbidden);
    }
    load(db).await
}
