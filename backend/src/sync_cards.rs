//! Applying card operations on the server: the stored card is loaded once per
//! batch, each operation is merged into it with the shared merge, and the
//! result must still be a valid card the author may write.

use super::access::Scope;
use super::card_rules::{contact_fields, contact_writes, ensure_unique_reg_no, resolve_owner};
use super::client_rows::{
    CLIENT_FIELDS, CONTACT_FIELDS, ClientDoc, ClientRow, ContactDoc, ContactRow, ContactWrite,
    Stamp,
};
use super::db_error::OrInternal;
use super::{Db, audit};
use crate::ApiError;
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

/// A card's field stamps as stored: JSON text (see migration 3). Text that
/// does not parse counts as "never written through sync".
pub fn stamps_from_db(text: &str) -> BTreeMap<String, FieldStamp> {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn stamps_to_db(stamps: &BTreeMap<String, FieldStamp>) -> String {
    serde_json::to_string(stamps).unwrap_or_else(|_| "{}".into())
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
    /// Owners it was reassigned away from before.
    pub former_owners: Vec<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub contact_ids: Vec<String>,
    /// The contacts stored when loaded: those no longer in `contact_ids`
    /// are deleted by the write, unchanged ones are not written again.
    pub stored_contacts: Vec<ContactWrite>,
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
            clocks: String,
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

    fn from_parts(row: ClientRow, contacts: Vec<ContactRow>, clocks: String) -> CardWork {
        let contact_ids: Vec<String> = contacts.iter().map(|c| c.id.clone()).collect();
        let id_of = row.id.clone();
        let stored_contacts = contacts
            .iter()
            .enumerate()
            .map(|(pos, c)| ContactWrite {
                id: c.id.clone(),
                doc: ContactDoc::new(&id_of, pos, &c.clone().contact().fields),
            })
            .collect();
        let stamps = stamps_from_db(&clocks);
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
            former_owners: doc.former_owners,
            owner: doc.owner,
            archived: doc.archived,
            created_at: doc.created_at,
            created_by: doc.created_by,
            stored_contacts,
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
            former_owners: Vec::new(),
            owner: me.id.clone(),
            archived: false,
            created_at: Utc::now(),
            created_by: me.id.clone(),
            contact_ids: Vec::new(),
            stored_contacts: Vec::new(),
            fields: Fields::new(),
            stamps: BTreeMap::new(),
            valid: None,
            contact_writes: Vec::new(),
        }
    }

    /// Stored contacts the card no longer has.
    pub fn removed_contacts(&self) -> Vec<String> {
        self.stored_contacts
            .iter()
            .filter(|c| !self.contact_ids.contains(&c.id))
            .map(|c| c.id.clone())
            .collect()
    }

    /// Contacts to write: new or changed since loaded.
    pub fn changed_contacts(&self) -> impl Iterator<Item = &ContactWrite> {
        self.contact_writes
            .iter()
            .filter(|c| !self.stored_contacts.contains(c))
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
        let mut doc = ClientDoc::new(
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
        );
        doc.former_owners = self.former_owners.clone();
        if let Some(was) = self.stored_owner.as_ref().filter(|o| **o != self.owner)
            && !doc.former_owners.contains(was)
        {
            doc.former_owners.push(was.clone());
        }
        Some(doc)
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
    scope: &Scope,
    op: &Op,
    slot: &mut Option<CardWork>,
    claims: &Claims,
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
        Some(w) if scope.works_at(&w.id, &w.owner, op.made_at()) => w.clone(),
        Some(_) => return Err(ApiError::NotFound),
        None => CardWork::new_card(&op.record_id, me),
    };
    if let OpKind::Patch { fields, .. } = &op.kind {
        let current = if creating {
            card_fields::Fields::new()
        } else {
            work.fields.clone()
        };
        card_fields::check_incoming(&current, fields, Utc::now().date_naive())?;
    }
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
    ensure_unique_reg_no(db, me, scope, &v, &work.id).await?;
    if let Some(reg) = &v.fields.reg_no
        && claims
            .reg_nos
            .get(reg)
            .is_some_and(|other| *other != work.id)
    {
        return Err(ApiError::Duplicate("reg_no".into()));
    }
    let allowed = allowed_contact_ids(&work, &v, claims);

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

/// Registration numbers and contact ids, each with the card that holds it,
/// as the batch goes: read once for the whole batch, then kept up to date
/// with the cards the batch changes, so two cards of one batch cannot both
/// take the same one.
#[derive(Default)]
pub struct Claims {
    pub reg_nos: HashMap<String, String>,
    pub contacts: HashMap<String, String>,
}

impl Claims {
    /// The stored owners of every contact id the operations mention.
    pub async fn load(db: &Db, ops: &[&Op]) -> Result<Claims, ApiError> {
        let ids: Vec<RecordId> = ops
            .iter()
            .filter_map(|o| match &o.kind {
                OpKind::Patch { fields, .. } => fields.get("contacts")?.as_array(),
                OpKind::Delete => None,
            })
            .flatten()
            .filter_map(|c| c.get("id")?.as_str())
            .map(|id| RecordId::new("contact", id))
            .collect();
        if ids.is_empty() {
            return Ok(Claims::default());
        }
        #[derive(SurrealValue)]
        struct Held {
            id: String,
            client: String,
        }
        let mut res = db
            .query("SELECT record::id(id) AS id, client FROM $ids")
            .bind(("ids", ids))
            .await
            .or_internal()?;
        let held: Vec<Held> = res.take(0).or_internal()?;
        Ok(Claims {
            reg_nos: HashMap::new(),
            contacts: held.into_iter().map(|h| (h.id, h.client)).collect(),
        })
    }

    /// Records what an applied card now holds.
    pub fn take(&mut self, work: &CardWork) {
        if let Some(Some(reg)) = work.valid.as_ref().map(|v| v.fields.reg_no.clone()) {
            self.reg_nos.insert(reg, work.id.clone());
        }
        for id in &work.contact_ids {
            self.contacts.insert(id.clone(), work.id.clone());
        }
    }
}

/// Contact ids the card may use: its own, and new ones the device made that
/// no other card holds.
fn allowed_contact_ids(work: &CardWork, v: &ValidClient, claims: &Claims) -> Vec<String> {
    let mut allowed = work.contact_ids.clone();
    for id in v.contacts.iter().filter_map(|(id, _)| id.as_ref()) {
        if allowed.contains(id) || uuid::Uuid::parse_str(id).is_err() {
            continue;
        }
        if claims.contacts.get(id).is_none_or(|card| *card == work.id) {
            allowed.push(id.clone());
        }
    }
    allowed
}
