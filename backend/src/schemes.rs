//! Key-client schemes are written here, on the server, by those who lead
//! people: reference data every device pulls (see `records::scheme` and
//! `reference`); a card names its scheme among its commercial terms.

use super::Db;
use super::reference::{self, Write};
use crate::ApiError;
use crate::domain::scheme::{Scheme, SchemeInput};
use crate::domain::user::Me;
use crate::records::scheme::{SCHEME_FIELDS, SchemeDoc};
use chrono::Utc;

/// Creates (`id` is `None`) or changes a scheme; answers it as stored.
pub async fn save(
    db: &Db,
    me: &Me,
    id: Option<&str>,
    input: SchemeInput,
) -> Result<Scheme, ApiError> {
    if !me.role.leads_people() {
        return Err(ApiError::Forbidden);
    }
    let fields = input.validate().map_err(ApiError::Invalid)?;
    let before = match id {
        Some(id) => Some(
            reference::load::<SchemeDoc>(db, "scheme", SCHEME_FIELDS, id)
                .await?
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    let id = id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string);
    reference::name_free(db, "scheme", &fields.name, &id).await?;
    let doc = SchemeDoc::new(&id, &fields, &me.id, Utc::now());
    let (action, changes) = reference::changes(
        before.map(|b| serde_json::to_value(b.fields()).unwrap_or_default()),
        serde_json::to_value(&fields).unwrap_or_default(),
        "scheme",
    );
    reference::write(
        db,
        Write {
            table: "scheme",
            id: id.clone(),
            doc: doc.clone(),
            actor: me.id.clone(),
            action,
            changes,
        },
    )
    .await?;
    Ok(Scheme {
        id,
        fields,
        updated_by: doc.updated_by,
        updated_at: doc.updated_at,
    })
}
