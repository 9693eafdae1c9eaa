//! Templates (of proposals' letters and of contracts' drafts) are written here, on the server, by those who lead
//! people (heads, directors): reference data every device pulls (see
//! `records::template` and `reference`).

use super::Db;
use super::reference::{self, Write};
use crate::ApiError;
use crate::domain::template::{Template, TemplateFields};
use crate::domain::user::Me;
use crate::records::template::{TEMPLATE_FIELDS, TemplateDoc};
use chrono::Utc;

/// Whether `me` may write templates.
pub fn may_manage(me: &Me) -> bool {
    me.role.leads_people()
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
        Some(id) => Some(
            reference::load::<TemplateDoc>(db, "template", TEMPLATE_FIELDS, id)
                .await?
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    // Proposals name their template: a template keeps its purpose.
    if before
        .as_ref()
        .is_some_and(|b| b.fields().purpose != fields.purpose)
    {
        let mut issues = crate::domain::validation::Issues::default();
        issues.push("purpose", crate::domain::validation::Problem::Malformed);
        return Err(ApiError::Invalid(issues));
    }
    let id = id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string);
    reference::name_free(db, "template", &fields.name, &id).await?;
    let doc = TemplateDoc::new(&id, &fields, &me.id, Utc::now());
    let (action, changes) = reference::changes(
        before.map(|b| serde_json::to_value(b.fields()).unwrap_or_default()),
        serde_json::to_value(&fields).unwrap_or_default(),
        "template",
    );
    reference::write(
        db,
        Write {
            table: "template",
            id: id.clone(),
            doc: doc.clone(),
            actor: me.id.clone(),
            action,
            changes,
        },
    )
    .await?;
    Ok(Template {
        id,
        fields,
        updated_by: doc.updated_by,
        updated_at: doc.updated_at,
    })
}
