//! Client cards in the database: read, create, update, archive, each checked
//! against the caller's scope.

use super::access::{Scope, Sight};
use super::card_rules::{contact_fields, contact_writes};
use super::client_rows::*;
use super::db_error::OrInternal;
use super::records::client::CardWork;
use super::search_index::SearchIndex;
use super::{Db, records, users};
use crate::ApiError;
use crate::domain::client::{ClientCard, ClientPage, ClientQuery};
use crate::domain::client_input::{ClientInput, ValidClient};
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::hlc::{Clock, Hlc};
use crate::sync::kinds;
use crate::sync::local_card::{self, Author};
use crate::sync::op::{Op, OpKind};
use crate::sync::protocol::{AckStatus, PushBatch};
use crate::sync::tables;
use chrono::Utc;
use std::collections::BTreeMap;

/// The most cards one export may hold (a narrower filter exports the rest).
pub const MAX_EXPORT_ROWS: usize = 20_000;

/// Refuses a search text no one types before any work is done on it.
fn check_query(q: &ClientQuery) -> Result<(), ApiError> {
    crate::domain::search::check_query(&q.text)
        .map_err(|p| ApiError::Invalid(Issues(vec![Issue::new("text", p)])))
}

pub async fn list(
    db: &Db,
    index: &SearchIndex,
    me: &Me,
    q: &ClientQuery,
) -> Result<ClientPage, ApiError> {
    check_query(q)?;
    let scope = Scope::load(db, me, super::clock::now()).await?;
    index.refresh(db).await?;
    let (rows, has_more) = index.query(&scope, q);
    let names = users::names(db).await?;
    Ok(ClientPage {
        items: rows.into_iter().map(|r| r.summary(&names)).collect(),
        page: q.page,
        has_more,
    })
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

/// A card the caller may see and how much of it, or `NotFound` (also when
/// it exists but is not theirs: that it exists is itself confidential). The
/// query itself asks only for a card the caller sees.
async fn visible_row(db: &Db, me: &Me, id: &str) -> Result<(ClientRow, Sight), ApiError> {
    let scope = Scope::load(db, me, super::clock::now()).await?;
    let filter = scope.query_filter();
    let query = db
        .query(format!(
            "SELECT {CLIENT_FIELDS} FROM ONLY type::record('client', $id) WHERE {}",
            super::access::QueryFilter::SEES
        ))
        .bind(("id", id.to_string()));
    let mut res = filter.bind(query).await.or_internal()?;
    let row: Option<ClientRow> = res.take(0).or_internal()?;
    match row {
        Some(row) => match scope.sight(id, &row.doc.owner) {
            Sight::None => Err(ApiError::NotFound),
            sight => Ok((row, sight)),
        },
        None => Err(ApiError::NotFound),
    }
}

/// How much of a card the caller sees; `NotFound` when nothing.
pub async fn sight_of(db: &Db, me: &Me, id: &str) -> Result<Sight, ApiError> {
    visible_row(db, me, id).await.map(|(_, sight)| sight)
}

/// The list's cards matching `q` as an export's rows, for someone with the
/// export permission, audited with its filters, size and `format`.
pub async fn export_audited(
    db: &Db,
    index: &SearchIndex,
    me: &Me,
    q: &ClientQuery,
    format: &str,
) -> Result<(Vec<&'static str>, Vec<Vec<String>>), ApiError> {
    if !me.may_export {
        return Err(ApiError::Forbidden);
    }
    let (header, rows) = export(db, index, me, q).await?;
    super::audit::record(
        db,
        &me.id,
        "export.clients",
        &format!("user:{}", me.id),
        serde_json::json!({ "rows": rows.len(), "query": q, "format": format }),
    )
    .await?;
    Ok((header, rows))
}

/// The list's cards matching `q` as rows (the caller checks the
/// permission and audits the export).
pub async fn export(
    db: &Db,
    index: &SearchIndex,
    me: &Me,
    q: &ClientQuery,
) -> Result<(Vec<&'static str>, Vec<Vec<String>>), ApiError> {
    check_query(q)?;
    let scope = Scope::load(db, me, super::clock::now()).await?;
    index.refresh(db).await?;
    let names = users::names(db).await?;
    let header = vec![
        "name",
        "kind",
        "segment",
        "reg_no",
        "city",
        "phone",
        "email",
        "owner",
        "updated_at",
    ];
    let found = index.all(&scope, q);
    if found.len() > MAX_EXPORT_ROWS {
        return Err(ApiError::Invalid(Issues(vec![Issue::new(
            "rows",
            Problem::TooManyItems {
                max: MAX_EXPORT_ROWS,
            },
        )])));
    }
    let rows = found
        .into_iter()
        .map(|r| r.summary(&names))
        .map(|c| {
            vec![
                c.name,
                c.kind.code().to_string(),
                c.segment.code().to_string(),
                c.reg_no.unwrap_or_default(),
                c.city.unwrap_or_default(),
                c.phone.unwrap_or_default(),
                c.email.unwrap_or_default(),
                c.owner_name,
                c.updated_at.to_rfc3339(),
            ]
        })
        .collect();
    Ok((header, rows))
}

pub async fn get(db: &Db, me: &Me, id: &str) -> Result<ClientCard, ApiError> {
    let (row, sight) = visible_row(db, me, id).await?;
    let contacts = load_contacts(db, id).await?;
    let names = users::names(db).await?;
    let mut card = row.card(
        contacts.into_iter().map(ContactRow::contact).collect(),
        &names,
    );
    if sight == Sight::Basic {
        card.fields = card.fields.without_commercial_terms();
    }
    Ok(card)
}

/// Online edits are operations too, applied by the same code as a device's
/// push: one write path, one merge, one audit trail.
async fn apply_online(
    db: &Db,
    me: &Me,
    id: &str,
    fields: kinds::client::Fields,
    clocks: &BTreeMap<String, Hlc>,
) -> Result<(), ApiError> {
    if fields.is_empty() {
        return Ok(());
    }
    const DEVICE: &str = "web";
    // Later than every stamp on the card: the person at the form saw it all.
    let newest = clocks
        .values()
        .max()
        .cloned()
        .unwrap_or_else(|| Hlc::zero(DEVICE));
    let mut clock = Clock::resume(Hlc {
        device: DEVICE.into(),
        ..newest
    });
    let hlc = clock.tick(Utc::now().timestamp_millis().max(0) as u64);
    let base = fields
        .keys()
        .filter_map(|k| clocks.get(k).map(|h| (k.clone(), h.clone())))
        .collect();
    let op = Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: DEVICE.into(),
        seq: 0,
        table: tables::CLIENT.into(),
        record_id: id.to_string(),
        hlc,
        kind: OpKind::Patch { fields, base },
    };
    let batch = PushBatch {
        device_id: DEVICE.into(),
        ops: vec![op],
        after: None,
    };
    let acks = records::push(db, me, &batch, None).await?;
    match acks.into_iter().next().map(|a| a.status) {
        Some(AckStatus::Rejected { reason }) => Err(reason),
        Some(_) => Ok(()),
        None => Err(ApiError::Internal("no answer for the edit".into())),
    }
}

fn author(me: &Me) -> Author<'_> {
    Author {
        id: &me.id,
        name: &me.name,
    }
}

pub async fn create(db: &Db, me: &Me, input: &ClientInput) -> Result<ClientCard, ApiError> {
    if !me.role.works_clients() {
        return Err(ApiError::Forbidden);
    }
    let input = local_card::with_contact_ids(input.clone());
    let v = input.validate(crate::clock::latest_day(Utc::now()))?;
    let id = uuid::Uuid::now_v7().to_string();
    let card = local_card::card(&id, &v, None, false, &author(me), Utc::now());
    apply_online(db, me, &id, kinds::client::of_card(&card), &BTreeMap::new()).await?;
    get(db, me, &id).await
}

pub async fn update(
    db: &Db,
    me: &Me,
    id: &str,
    input: &ClientInput,
) -> Result<ClientCard, ApiError> {
    let old = get(db, me, id).await?;
    let work = CardWork::load(db, id).await?.ok_or(ApiError::NotFound)?;
    let input = local_card::with_contact_ids(input.clone());
    let v = input.validate(crate::clock::latest_day(Utc::now()))?;
    let card = local_card::card(id, &v, Some(&old), old.archived, &author(me), Utc::now());
    let patch = kinds::client::changed(&work.fields, &kinds::client::of_card(&card));
    apply_online(db, me, id, patch, &work.clocks()).await?;
    get(db, me, id).await
}

pub async fn set_archived(
    db: &Db,
    me: &Me,
    id: &str,
    archived: bool,
) -> Result<ClientCard, ApiError> {
    let old = get(db, me, id).await?;
    if old.archived != archived {
        let work = CardWork::load(db, id).await?.ok_or(ApiError::NotFound)?;
        let patch = [(kinds::client::ARCHIVED.to_string(), archived.into())].into();
        apply_online(db, me, id, patch, &work.clocks()).await?;
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
        clocks: String,
    }
    let now = Utc::now();
    // Every field carries the import's stamp, as if written through sync:
    // the first edit sees it as its base (a plain edit), not as a value it
    // never saw (which would record a conflict against nobody).
    let imported = |by: &str| {
        let stamp = super::records::client::FieldStamp {
            hlc: Hlc {
                millis: now.timestamp_millis().max(0) as u64,
                counter: 0,
                device: "import".into(),
            },
            by: by.to_string(),
        };
        let stamps = kinds::client::declared()
            .into_iter()
            .map(|f| (f, stamp.clone()))
            .collect();
        super::records::client::stamps_to_db(&stamps)
    };
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
                clocks: imported(by),
                id,
            }
        })
        .collect();
    let ids = rows.iter().map(|r| r.id.clone()).collect();
    let sql = "BEGIN TRANSACTION; {NEXT_VERSION} \
         FOR $r IN $rows { \
           CREATE type::record('client', $r.id) CONTENT $r.doc; \
           UPDATE type::record('client', $r.id) SET version = $version, clocks = $r.clocks; \
           FOR $c IN $r.contacts { CREATE type::record('contact', $c.id) CONTENT $c.doc; }; \
         }; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", super::version::NEXT_VERSION);
    super::retry::on_conflict(|| db.query(sql.as_str()).bind(("rows", rows.clone()))).await?;
    Ok(ids)
}
