//! Applying card operations on the server: the stored card is loaded once per
//! batch, each operation is merged into it with the shared merge, and the
//! result must still be a valid card the author may write.

use super::access::Scope;
use super::client_rows::{
    CLIENT_FIELDS, CONTACT_FIELDS, ClientDoc, ClientRow, ContactRow, ContactWrite, Stamp,
};
use super::clients::{contact_fields, contact_writes, ensure_unique_reg_no, resolve_owner};
use super::db_error::OrInternal;
use super::{Db, audit};
use crate::api::ApiError;
use crate::domain::client_input::ValidClient;
use crate::domain::field_conflict::FieldConflict;
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::card_fields::{self, Fields};
use crate::sync::hlc::Hlc;
use crate::sync::merge;
use crate::sync::op::{Op, OpKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use surrealdb::types::{RecordId, SurrealValue, Value};

/// Who wrote a field last, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldStamp {
    pub hlc: Hlc,
    pub by: String,
}

/// A card as a push batch works on it.
#[derive(Debug, Clone)]
pub struct CardWork {
    pub id: String,
    /// The stored version when loaded (`None`: a new card); the write checks
    /// nobody changed it meanwhile.
    pub loaded_version: Option<i64>,
    pub owner: String,
    /// The owner when loaded (`None`: a new card).
    pub stored_owner: Option<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub contact_ids: Vec<String>,
    /// The contacts stored when loaded; those no longer in `contact_ids`
    /// are deleted by the write.
    pub stored_contact_ids: Vec<String>,
    pub fields: Fields,
    pub stamps: BTreeMap<String, FieldStamp>,
    /// Set once an operation changed it: what to write.
    pub valid: Option<ValidClient>,
    pub contact_writes: Vec<ContactWrite>,
}

impl CardWork {
    pub async fn load(db: &Db, id: &str) -> Result<Option<CardWork>, ApiError> {
        let mut many = Self::load_many(db, &[id.to_string()]).await?;
        Ok(many.remove(id))
    }

    /// The stored cards among `ids`, with their contacts and clocks, in two
    /// reads whatever their number.
    pub async fn load_many(db: &Db, ids: &[String]) -> Result<HashMap<String, CardWork>, ApiError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        #[derive(SurrealValue)]
        struct WithClocks {
            #[surreal(flatten)]
            row: ClientRow,
            clocks: serde_json::Value,
        }
        #[derive(SurrealValue)]
        struct OfCard {
            client: String,
            #[surreal(flatten)]
            row: ContactRow,
        }
        let rids: Vec<RecordId> = ids
            .iter()
            .map(|i| RecordId::new("client", i.as_str()))
            .collect();
        let mut res = db
            .query(format!(
                "SELECT {CLIENT_FIELDS}, clocks FROM $rids; \
                 SELECT client, {CONTACT_FIELDS}, pos FROM contact WHERE client IN $ids ORDER BY pos"
            ))
            .bind(("rids", rids))
            .bind(("ids", ids.to_vec()))
            .await
            .or_internal()?;
        let rows: Vec<WithClocks> = res.take(0).or_internal()?;
        let contacts: Vec<OfCard> = res.take(1).or_internal()?;
        let mut by_card: HashMap<String, Vec<ContactRow>> = HashMap::new();
        for c in contacts {
            by_card.entry(c.client).or_default().push(c.row);
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let own = by_card.remove(&r.row.id).unwrap_or_default();
                let work = Self::from_parts(r.row, own, r.clocks);
                (work.id.clone(), work)
            })
            .collect())
    }

    fn from_parts(
        row: ClientRow,
        contacts: Vec<ContactRow>,
        clocks: serde_json::Value,
    ) -> CardWork {
        let contact_ids: Vec<String> = contacts.iter().map(|c| c.id.clone()).collect();
        let stamps = serde_json::from_value(clocks).unwrap_or_default();
        let doc = row.doc.clone();
        let id = row.id.clone();
        let card = row.card(
            contacts.into_iter().map(|c| c.contact()).collect(),
            &HashMap::new(),
        );
        CardWork {
            id,
            loaded_version: Some(doc.version),
            stored_owner: Some(doc.owner.clone()),
            owner: doc.owner,
            archived: doc.archived,
            created_at: doc.created_at,
            created_by: doc.created_by,
            stored_contact_ids: contact_ids.clone(),
            contact_ids,
            fields: card_fields::of_card(&card),
            stamps,
            valid: None,
            contact_writes: Vec::new(),
        }
    }

    fn new_card(id: &str, me: &Me) -> CardWork {
        CardWork {
            id: id.to_string(),
            loaded_version: None,
            stored_owner: None,
            owner: me.id.clone(),
            archived: false,
            created_at: Utc::now(),
            created_by: me.id.clone(),
            contact_ids: Vec::new(),
            stored_contact_ids: Vec::new(),
            fields: Fields::new(),
            stamps: BTreeMap::new(),
            valid: None,
            contact_writes: Vec::new(),
        }
    }

    /// Stored contacts the card no longer has.
    pub fn removed_contacts(&self) -> Vec<String> {
        self.stored_contact_ids
            .iter()
            .filter(|id| !self.contact_ids.contains(id))
            .cloned()
            .collect()
    }

    pub fn clocks(&self) -> BTreeMap<String, Hlc> {
        self.stamps
            .iter()
            .map(|(k, s)| (k.clone(), s.hlc.clone()))
            .collect()
    }

    /// The document to store, once an operation changed the card.
    pub fn doc(&self, updated_by: &str) -> Option<ClientDoc> {
        let v = self.valid.as_ref()?;
        Some(ClientDoc::new(
            &v.fields,
            &self.owner,
            &contact_fields(v),
            Stamp {
                archived: self.archived,
                created_at: self.created_at,
                created_by: &self.created_by,
                updated_at: Utc::now(),
                updated_by,
            },
        ))
    }
}

/// What applying one operation produced besides the new card state.
pub struct Applied {
    pub conflicts: Vec<FieldConflict>,
    pub audit: Option<serde_json::Value>,
}

fn invalid(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// Applies a card operation to `slot` (the card, or `None` if it does not
/// exist yet). Nothing changes in `slot` when the operation is refused.
pub async fn apply(
    db: &Db,
    me: &Me,
    op: &Op,
    slot: &mut Option<CardWork>,
    reg_nos_in_batch: &HashMap<String, String>,
) -> Result<Applied, ApiError> {
    let OpKind::Patch { .. } = &op.kind else {
        // Cards are archived, never deleted: their history stays.
        return Err(ApiError::Forbidden);
    };
    if !me.role.works_clients() {
        return Err(ApiError::Forbidden);
    }
    let creating = slot.is_none();
    let mut work = match slot {
        Some(w) if Scope::of(me).allows(&w.owner) => w.clone(),
        Some(_) => return Err(ApiError::NotFound),
        None => CardWork::new_card(&op.record_id, me),
    };
    let mut state = card_fields::state(&work.fields, &work.clocks());
    let outcome = merge::apply(&mut state, op);
    let (fields, clocks) = card_fields::split(&state);
    let Some((input, archived)) = card_fields::to_input(&fields) else {
        return Err(invalid("fields", Problem::Malformed));
    };
    let v = input.validate(Utc::now().date_naive())?;
    let owner = resolve_owner(
        db,
        me,
        v.owner_id.as_deref(),
        (!creating).then_some(work.owner.as_str()),
    )
    .await?;
    ensure_unique_reg_no(db, &v, &work.id).await?;
    if let Some(reg) = &v.fields.reg_no
        && reg_nos_in_batch
            .get(reg)
            .is_some_and(|other| *other != work.id)
    {
        return Err(ApiError::Duplicate("reg_no".into()));
    }
    let allowed = allowed_contact_ids(db, &work, &v).await?;

    let conflicts = outcome
        .conflicts
        .iter()
        .map(|c| {
            let stored_by = |field: &str| {
                work.stamps
                    .get(field)
                    .map(|s| s.by.clone())
                    .unwrap_or_else(|| work.created_by.clone())
            };
            // The incoming value lost when the stored one is the winner.
            let incoming_lost = c.lost.hlc == op.hlc;
            let (lost_by, winner_by) = if incoming_lost {
                (me.id.clone(), stored_by(&c.field))
            } else {
                (stored_by(&c.field), me.id.clone())
            };
            FieldConflict {
                id: uuid::Uuid::now_v7().to_string(),
                client_id: work.id.clone(),
                field: c.field.clone(),
                lost_value: c.lost.value.clone(),
                lost_by_name: String::new(),
                lost_by,
                lost_hlc: c.lost.hlc.clone(),
                winner_by,
                winner_hlc: c.winner.clone(),
                resolved: false,
            }
        })
        .collect();
    let audit = (!outcome.changed.is_empty()).then(|| {
        let old: serde_json::Map<_, _> = outcome
            .changed
            .iter()
            .map(|f| (f.clone(), work.fields.get(f).cloned().unwrap_or_default()))
            .collect();
        let new: serde_json::Map<_, _> = outcome
            .changed
            .iter()
            .map(|f| (f.clone(), fields.get(f).cloned().unwrap_or_default()))
            .collect();
        audit::diff(&old.into(), &new.into())
    });

    for (field, hlc) in clocks {
        if work.stamps.get(&field).is_none_or(|s| s.hlc != hlc) {
            work.stamps.insert(
                field,
                FieldStamp {
                    hlc,
                    by: me.id.clone(),
                },
            );
        }
    }
    work.contact_writes = contact_writes(&work.id, &v, &allowed);
    work.contact_ids = work.contact_writes.iter().map(|c| c.id.clone()).collect();
    work.fields = fields;
    work.owner = owner;
    work.archived = archived;
    work.valid = Some(v);
    *slot = Some(work);
    Ok(Applied { conflicts, audit })
}

/// Contact ids the card may use: its own, and new ones the device made that
/// no other card uses.
async fn allowed_contact_ids(
    db: &Db,
    work: &CardWork,
    v: &ValidClient,
) -> Result<Vec<String>, ApiError> {
    let mut allowed = work.contact_ids.clone();
    for id in v.contacts.iter().filter_map(|(id, _)| id.as_ref()) {
        if allowed.contains(id) || uuid::Uuid::parse_str(id).is_err() {
            continue;
        }
        let mut res = db
            .query("SELECT VALUE client FROM ONLY type::record('contact', $id)")
            .bind(("id", id.clone()))
            .await
            .or_internal()?;
        let owner_card: Option<String> = res.take(0).or_internal()?;
        if owner_card.is_none() {
            allowed.push(id.clone());
        }
    }
    Ok(allowed)
}
