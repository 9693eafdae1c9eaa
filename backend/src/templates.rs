//! Proposal templates are written here, on the server, by those who lead
//! people (heads, directors): a template is reference data every device
//! pulls (see `records::template`), so a save takes the change counter's
//! next version like any synced write, and is audited in the same
//! transaction.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::template::{Template, TemplateFields};
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::records::template::{TEMPLATE_FIELDS, TemplateDoc};
use chrono::Utc;
use surrealdb::types::RecordId;

/// Whether `me` may write templates.
pub fn may_manage(me: &Me) -> bool {
    me.role.leads_people()
}

async fn load(db: &Db, id: &str) -> Result<Option<TemplateDoc>, ApiError> {
    let mut res = db
        .query(format!("SELECT {TEMPLATE_FIELDS} FROM ONLY $id"))
        .bind(("id", RecordId::new("template", id)))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Whether another template already has `name` (names are what people pick
/// from, so two alike would be a trap).
async fn name_taken(db: &Db, name: &str, id: &str) -> Result<bool, ApiError> {
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM template WHERE name = $name")
        .bind(("name", name.to_string()))
        .await
        .or_internal()?;
    let ids: Vec<String> = res.take(0).or_internal()?;
    Ok(ids.iter().any(|other| other != id))
}

/// Creates (`id` is `None`) or changes a template; answers it as stored.
pub async fn save(
    db: &Db,
    me: &Me,
    id: Option<&str>,
    input: TemplateFields,
) -> Result<Template, ApiError> {
    if !may_manage(me) {
        return Err(ApiError::Forbidden);
    }
    let fields = input.validate().map_err(ApiError::Invalid)?;
    let before = match id {
        Some(id) => Some(load(db, id).await?.ok_or(ApiError::NotFound)?),
        None => None,
    };
    let id = id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string);
    if name_taken(db, &fields.name, &id).await? {
        return Err(ApiError::Invalid(Issues(vec![Issue::new(
            "name",
            Problem::Taken,
        )])));
    }
    let doc = TemplateDoc::new(&id, &fields, &me.id, Utc::now());
    let after = serde_json::to_value(&fields).unwrap_or_default();
    let (action, changes) = match &before {
        Some(b) => (
            "template.update",
            crate::audit::diff(
                &serde_json::to_value(b.fields()).unwrap_or_default(),
                &after,
            ),
        ),
        None => ("template.create", after),
    };
    let device = crate::request::request_info().user_agent;
    let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
         UPSERT type::record('template', $id) CONTENT $doc.extend({ version: $version }) RETURN NONE; \
         CREATE audit CONTENT { at: time::now(), actor: $me, action: $action, record: $id, \
           changes: $changes, device: $device } RETURN NONE; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", crate::version::NEXT_VERSION);
    crate::retry::on_conflict(|| {
        db.query(sql.as_str())
            .bind(("id", id.clone()))
            .bind(("doc", doc.clone()))
            .bind(("me", me.id.clone()))
            .bind(("action", action))
            .bind(("changes", changes.clone()))
            .bind(("device", device.clone()))
    })
    .await?;
    Ok(Template {
        id,
        fields,
        updated_by: doc.updated_by,
        updated_at: doc.updated_at,
    })
}
