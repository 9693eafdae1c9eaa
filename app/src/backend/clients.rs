//! Client cards in the database: read, create, update, archive, each checked
//! against the caller's scope.

use super::access::Scope;
use super::client_rows::*;
use super::db_error::OrInternal;
use super::search_index::SearchIndex;
use super::{Db, audit, users};
use crate::api::ApiError;
use crate::domain::client::{ClientCard, ClientPage, ClientQuery};
use crate::domain::client_input::{ClientInput, ValidClient};
use crate::domain::contact::ContactFields;
use crate::domain::user::{Me, Role};
use chrono::Utc;

pub async fn list(
    db: &Db,
    index: &SearchIndex,
    me: &Me,
    q: &ClientQuery,
) -> Result<ClientPage, ApiError> {
    let scope = Scope::of(me);
    index.refresh(db).await?;
    let (rows, has_more) = index.query(&scope, q);
    let names = users::names(db).await?;
    Ok(ClientPage {
        items: rows.into_iter().map(|r| r.summary(&names)).collect(),
        page: q.page,
        has_more,
    })
}

async fn load_row(db: &Db, id: &str) -> Result<Option<ClientRow>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {CLIENT_FIELDS} FROM ONLY type::record('client', $id)"
        ))
        .bind(("id", id.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

async fn load_contacts(db: &Db, id: &str) -> Result<Vec<ContactRow>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {CONTACT_FIELDS}, pos FROM contact WHERE client = $id ORDER BY pos ASC"
        ))
        .bind(("id", id.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// A card the caller may see, or `NotFound` (also when it exists but is not
/// theirs: that it exists is itself confidential).
async fn visible_row(db: &Db, me: &Me, id: &str) -> Result<ClientRow, ApiError> {
    match load_row(db, id).await? {
        Some(row) if Scope::of(me).allows(&row.doc.owner) => Ok(row),
        _ => Err(ApiError::NotFound),
    }
}

pub async fn get(db: &Db, me: &Me, id: &str) -> Result<ClientCard, ApiError> {
    let row = visible_row(db, me, id).await?;
    let contacts = load_contacts(db, id).await?;
    let names = users::names(db).await?;
    Ok(row.card(
        contacts.into_iter().map(ContactRow::contact).collect(),
        &names,
    ))
}

/// The owner a save should record, after checking the caller may choose it.
async fn resolve_owner(
    db: &Db,
    me: &Me,
    requested: Option<&str>,
    current: Option<&str>,
) -> Result<String, ApiError> {
    let fallback = current.unwrap_or(&me.id).to_string();
    let Some(req) = requested.filter(|r| *r != fallback) else {
        return Ok(fallback);
    };
    if !me.role.assigns_owners() {
        return Err(ApiError::Forbidden);
    }
    match users::get(db, req).await? {
        Some(u) if u.active && Role::parse(&u.role).is_some_and(Role::works_clients) => Ok(u.id),
        _ => Err(ApiError::Invalid(crate::domain::validation::Issues(vec![
            crate::domain::validation::Issue::new(
                "owner_id",
                crate::domain::validation::Problem::Required,
            ),
        ]))),
    }
}

async fn ensure_unique_reg_no(db: &Db, v: &ValidClient, id: &str) -> Result<(), ApiError> {
    let Some(reg) = &v.fields.reg_no else {
        return Ok(());
    };
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM client WHERE reg_no = $reg AND archived = false")
        .bind(("reg", reg.clone()))
        .await
        .or_internal()?;
    let ids: Vec<String> = res.take(0).or_internal()?;
    if ids.iter().any(|other| other != id) {
        return Err(ApiError::Duplicate("reg_no".into()));
    }
    Ok(())
}

fn contact_writes(client_id: &str, v: &ValidClient, existing: &[String]) -> Vec<ContactWrite> {
    v.contacts
        .iter()
        .enumerate()
        .map(|(pos, (id, fields))| {
            // An id from the browser is kept only if it is this card's contact.
            let id = id
                .clone()
                .filter(|i| existing.contains(i))
                .unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
            ContactWrite {
                id,
                doc: ContactDoc::new(client_id, pos, fields),
            }
        })
        .collect()
}

/// Bumps the card change counter inside the caller's transaction; every
/// changed card carries the new value in `version`, so readers can ask for
/// "everything after version N" (see `search_index`). Transactions bumping the
/// same counter row conflict and commit in version order.
pub const NEXT_VERSION: &str = "UPSERT counter:clients SET value = IF value = NONE THEN 1 ELSE value + 1 END; \
    LET $version = (SELECT VALUE value FROM ONLY counter:clients);";

const SAVE_CARD: &str = "BEGIN TRANSACTION; \
    {NEXT_VERSION} \
    UPSERT type::record('client', $id) CONTENT $doc; \
    UPDATE type::record('client', $id) SET version = $version; \
    DELETE contact WHERE client = $id AND record::id(id) NOT IN $keep; \
    FOR $c IN $contacts { UPSERT type::record('contact', $c.id) CONTENT $c.doc; }; \
    COMMIT TRANSACTION;";

async fn save(
    db: &Db,
    id: &str,
    doc: ClientDoc,
    contacts: Vec<ContactWrite>,
) -> Result<(), ApiError> {
    let keep: Vec<String> = contacts.iter().map(|c| c.id.clone()).collect();
    let sql = SAVE_CARD.replace("{NEXT_VERSION}", NEXT_VERSION);
    super::retry::on_conflict(|| {
        db.query(sql.as_str())
            .bind(("id", id.to_string()))
            .bind(("doc", doc.clone()))
            .bind(("keep", keep.clone()))
            .bind(("contacts", contacts.clone()))
    })
    .await?;
    Ok(())
}

fn contact_fields(v: &ValidClient) -> Vec<ContactFields> {
    v.contacts.iter().map(|(_, c)| c.clone()).collect()
}

pub async fn create(db: &Db, me: &Me, input: &ClientInput) -> Result<ClientCard, ApiError> {
    if !me.role.works_clients() {
        return Err(ApiError::Forbidden);
    }
    let v = input.validate(Utc::now().date_naive())?;
    let id = uuid::Uuid::now_v7().to_string();
    let owner = resolve_owner(db, me, v.owner_id.as_deref(), None).await?;
    ensure_unique_reg_no(db, &v, &id).await?;
    let now = Utc::now();
    let stamp = Stamp {
        archived: false,
        created_at: now,
        created_by: &me.id,
        updated_at: now,
        updated_by: &me.id,
    };
    let doc = ClientDoc::new(&v.fields, &owner, &contact_fields(&v), stamp);
    save(db, &id, doc, contact_writes(&id, &v, &[])).await?;
    let fields = serde_json::to_value(&v.fields).unwrap_or_default();
    audit::record(
        db,
        &me.id,
        "client.create",
        &id,
        serde_json::json!({ "fields": fields, "owner": owner }),
    )
    .await?;
    get(db, me, &id).await
}

pub async fn update(
    db: &Db,
    me: &Me,
    id: &str,
    input: &ClientInput,
) -> Result<ClientCard, ApiError> {
    let old = visible_row(db, me, id).await?;
    let v = input.validate(Utc::now().date_naive())?;
    let owner = resolve_owner(db, me, v.owner_id.as_deref(), Some(&old.doc.owner)).await?;
    ensure_unique_reg_no(db, &v, id).await?;
    let existing: Vec<String> = load_contacts(db, id)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let stamp = Stamp {
        archived: old.doc.archived,
        created_at: old.doc.created_at,
        created_by: &old.doc.created_by,
        updated_at: Utc::now(),
        updated_by: &me.id,
    };
    let doc = ClientDoc::new(&v.fields, &owner, &contact_fields(&v), stamp);
    let writes = contact_writes(id, &v, &existing);
    save(db, id, doc, writes).await?;
    let mut changes = audit::diff(
        &serde_json::to_value(old.fields()).unwrap_or_default(),
        &serde_json::to_value(&v.fields).unwrap_or_default(),
    );
    if owner != old.doc.owner {
        changes["owner"] = serde_json::json!({ "old": old.doc.owner, "new": owner });
    }
    changes["contacts"] = serde_json::json!({ "old": existing.len(), "new": v.contacts.len() });
    audit::record(db, &me.id, "client.update", id, changes).await?;
    get(db, me, id).await
}

pub async fn set_archived(
    db: &Db,
    me: &Me,
    id: &str,
    archived: bool,
) -> Result<ClientCard, ApiError> {
    let old = visible_row(db, me, id).await?;
    if old.doc.archived != archived {
        let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
             UPDATE type::record('client', $id) SET archived = $archived, \
             updated_at = time::now(), updated_by = $me, version = $version; \
             COMMIT TRANSACTION;"
            .replace("{NEXT_VERSION}", NEXT_VERSION);
        super::retry::on_conflict(|| {
            db.query(sql.as_str())
                .bind(("id", id.to_string()))
                .bind(("archived", archived))
                .bind(("me", me.id.clone()))
        })
        .await?;
        audit::record(
            db,
            &me.id,
            "client.archive",
            id,
            serde_json::json!({ "archived": archived }),
        )
        .await?;
    }
    get(db, me, id).await
}

/// Writes many validated cards at once (demo data, benchmarks, imports):
/// one transaction per call, no per-card audit entry.
pub async fn import(
    db: &Db,
    owner: &str,
    by: &str,
    cards: &[ValidClient],
) -> Result<Vec<String>, ApiError> {
    use surrealdb::types::SurrealValue;
    #[derive(Clone, SurrealValue)]
    struct Card {
        id: String,
        doc: ClientDoc,
        contacts: Vec<ContactWrite>,
    }
    let now = Utc::now();
    let rows: Vec<Card> = cards
        .iter()
        .map(|v| {
            let id = uuid::Uuid::now_v7().to_string();
            let stamp = Stamp {
                archived: false,
                created_at: now,
                created_by: by,
                updated_at: now,
                updated_by: by,
            };
            let owner = v.owner_id.clone().unwrap_or_else(|| owner.to_string());
            Card {
                doc: ClientDoc::new(&v.fields, &owner, &contact_fields(v), stamp),
                contacts: contact_writes(&id, v, &[]),
                id,
            }
        })
        .collect();
    let ids = rows.iter().map(|r| r.id.clone()).collect();
    let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
         FOR $r IN $rows { \
           CREATE type::record('client', $r.id) CONTENT $r.doc; \
           UPDATE type::record('client', $r.id) SET version = $version; \
           FOR $c IN $r.contacts { CREATE type::record('contact', $c.id) CONTENT $c.doc; }; \
         }; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", NEXT_VERSION);
    super::retry::on_conflict(|| db.query(sql.as_str()).bind(("rows", rows.clone()))).await?;
    Ok(ids)
}
