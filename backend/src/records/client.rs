//! The client card kind's server half, the root kind: the stored card is
//! loaded once per batch, each operation is merged into it with the shared
//! merge (a value lost to a concurrent edit becomes a conflict record),
//! and the result must still be a valid card the author may write, with a
//! registration number and contact people no other card holds. A card
//! handed to another owner takes the records that follow it along.

pub use super::card_work::{CardWork, FieldStamp, stamps_from_db, stamps_to_db};
use super::conflict::ConflictDoc;
use super::table::{Audited, Query};
use crate::access::Scope;
use crate::card_rules::{contact_writes, ensure_unique_reg_no, resolve_owner};
use crate::client_rows::{ContactWrite, StoredCard};
use crate::db_error::OrInternal;
use crate::domain::client_input::ValidClient;
use crate::domain::field_conflict::FieldConflict;
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::kinds;
use crate::sync::merge;
use crate::sync::op::{Op, OpKind};
use crate::{ApiError, Db, audit};
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};
use surrealdb::types::{RecordId, SurrealValue};

pub use crate::sync::kinds::client::KIND;

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
async fn apply(
    db: &Db,
    me: &Me,
    scope: &Scope,
    op: &Op,
    slot: &mut Option<CardWork>,
    claims: &mut Claims,
) -> Result<Applied, ApiError> {
    // Cards are archived, never deleted: their history stays.
    KIND.admits(op, slot.is_some())?;
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
            kinds::client::Fields::new()
        } else {
            work.fields.clone()
        };
        kinds::client::check_incoming(&current, fields, crate::clock::latest_day(Utc::now()))?;
    }
    let mut state = kinds::client::state(&work.fields, &work.clocks());
    let outcome = merge::apply(&mut state, op);
    let (fields, clocks) = kinds::client::split(&state);
    let Some((input, archived)) = kinds::client::to_input(&fields) else {
        return Err(invalid("fields", Problem::Malformed));
    };
    let v = input.validate(crate::clock::latest_day(Utc::now()))?;
    let owner = resolve_owner(
        db,
        me,
        v.owner_id.as_deref(),
        (!creating).then_some(work.owner.as_str()),
    )
    .await?;
    if let Some(reg) = &v.fields.reg_no {
        claims.asked_reg_nos.insert(reg.clone());
    }
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
                record: None,
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
    /// Registration numbers and contact ids looked up in the store: what a
    /// commit in between must not have changed for a plan made ahead to
    /// stand.
    pub asked_reg_nos: HashSet<String>,
    pub asked_contacts: HashSet<String>,
}

impl Claims {
    /// The stored owners of every contact id the operations mention.
    pub async fn load(db: &Db, ops: &[&Op]) -> Result<Claims, ApiError> {
        let asked: HashSet<String> = ops
            .iter()
            .filter_map(|o| match &o.kind {
                OpKind::Patch { fields, .. } => fields.get("contacts")?.as_array(),
                OpKind::Delete => None,
            })
            .flatten()
            .filter_map(|c| c.get("id")?.as_str())
            .map(str::to_string)
            .collect();
        if asked.is_empty() {
            return Ok(Claims::default());
        }
        let ids: Vec<RecordId> = asked
            .iter()
            .map(|id| RecordId::new("contact", id.as_str()))
            .collect();
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
            contacts: held.into_iter().map(|h| (h.id, h.client)).collect(),
            asked_contacts: asked,
            ..Claims::default()
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

fn audit_action(creating: bool, changes: &serde_json::Value) -> &'static str {
    let only_archived = changes
        .as_object()
        .is_some_and(|m| m.len() == 1 && m.contains_key(kinds::client::ARCHIVED));
    match (creating, only_archived) {
        (true, _) => "client.create",
        (false, true) => "client.archive",
        (false, false) => "client.update",
    }
}

/// The cards of one push batch: each as loaded (`None`: not stored yet)
/// and as the batch's operations left it.
#[derive(Default)]
pub struct Cards {
    pub(super) slots: HashMap<String, Option<CardWork>>,
    claims: Claims,
    /// Values lost to concurrent edits, to be stored as conflict records.
    conflicts: Vec<FieldConflict>,
}

/// A card as the write stores it: the whole document and its field stamps.
#[derive(Debug, Clone, SurrealValue)]
struct CardWrite {
    id: String,
    doc: StoredCard,
}

/// A card handed to someone else in this batch: its records follow.
#[derive(Debug, Clone, SurrealValue)]
struct Moved {
    id: String,
    owner: String,
}

impl Cards {
    /// Reads every card the operations name and the contact ids they claim.
    pub(super) async fn load(db: &Db, ops: &[&Op], unseen: &[&Op]) -> Result<Cards, ApiError> {
        let mut ids: Vec<String> = unseen.iter().map(|o| o.record_id.clone()).collect();
        ids.sort();
        ids.dedup();
        let mut loaded = CardWork::load_many(db, &ids).await?;
        let slots = ids
            .into_iter()
            .map(|id| {
                let work = loaded.remove(&id);
                (id, work)
            })
            .collect();
        Ok(Cards {
            slots,
            claims: Claims::load(db, ops).await?,
            conflicts: Vec::new(),
        })
    }

    /// Applies one card operation; nothing changes when it is refused.
    pub(super) async fn apply(
        &mut self,
        db: &Db,
        me: &Me,
        scope: &Scope,
        op: &Op,
    ) -> Result<Option<Audited>, ApiError> {
        if !self.slots.contains_key(&op.record_id) {
            let work = CardWork::load(db, &op.record_id).await?;
            self.slots.insert(op.record_id.clone(), work);
        }
        let Cards {
            slots,
            claims,
            conflicts,
        } = self;
        let slot = slots
            .get_mut(&op.record_id)
            .ok_or_else(|| ApiError::Internal("card missing from the batch".into()))?;
        let creating = slot.is_none();
        let stored_owner = slot.as_ref().map(|w| w.owner.clone());
        let applied = apply(db, me, scope, op, slot, claims).await?;
        if let Some(work) = slot.as_ref() {
            claims.take(work);
        }
        conflicts.extend(applied.conflicts);
        Ok(applied.audit.map(|changes| Audited {
            action: audit_action(creating, &changes).into(),
            on_behalf_of: stored_owner
                .and_then(|owner| scope.on_behalf_of(&op.record_id, &owner, op.made_at())),
            changes,
        }))
    }

    /// The ids of the cards the batch writes.
    pub(super) fn written_ids(&self) -> Vec<String> {
        self.written().into_iter().map(|w| w.id.clone()).collect()
    }

    /// What the cards' merges looked up beyond the cards themselves: the
    /// registration numbers checked for another holder, and the contact
    /// ids checked for another card (as `contact:id`).
    pub(super) fn asked(&self) -> (HashSet<String>, HashSet<String>) {
        (
            self.claims.asked_reg_nos.clone(),
            self.claims
                .asked_contacts
                .iter()
                .map(|id| format!("contact:{id}"))
                .collect(),
        )
    }

    /// What the batch's write changes for such look-ups: every registration
    /// number a written card held or holds (archiving or changing one frees
    /// it), and every contact id it held or holds (as `contact:id`).
    pub(super) fn claimed(&self) -> (HashSet<String>, HashSet<String>) {
        let mut reg_nos = HashSet::new();
        let mut contacts = HashSet::new();
        for w in self.written() {
            reg_nos.extend(w.stored_reg_no.iter().cloned());
            reg_nos.extend(w.valid.as_ref().and_then(|v| v.fields.reg_no.clone()));
            for id in w
                .stored_contacts
                .iter()
                .map(|c| &c.id)
                .chain(&w.contact_ids)
            {
                contacts.insert(format!("contact:{id}"));
            }
        }
        (reg_nos, contacts)
    }

    fn written(&self) -> Vec<&CardWork> {
        self.slots
            .values()
            .flatten()
            .filter(|w| w.valid.is_some())
            .collect()
    }

    /// The statements writing the cards, their contacts and conflicts. The
    /// guard fails the batch (it is planned again) when a card changed
    /// since it was read.
    pub(super) fn statement(&self) -> &'static str {
        "IF (SELECT VALUE version FROM $card_ids) != $guards { THROW 'sync: stale card'; }; \
         FOR $c IN $cards { \
           UPSERT type::record('client', $c.id) CONTENT $c.doc RETURN NONE; \
         }; \
         IF array::len($removed) > 0 { DELETE $removed RETURN NONE; }; \
         FOR $k IN $contacts { UPSERT type::record('contact', $k.id) CONTENT $k.doc RETURN NONE; }; \
         IF array::len($conflicts) > 0 { INSERT INTO conflict $conflicts RETURN NONE; };"
    }

    /// The statement moving the records that follow a card handed to a new
    /// owner: sent again with the card's new owner on them, so the new
    /// owner's devices receive them (the old owner's drop them with the card).
    pub(super) fn cascade(&self) -> String {
        let moves: String = kinds::following_client()
            .map(|k| {
                format!(
                    "UPDATE {} SET version = $version, owner = $m.owner WHERE client = $m.id RETURN NONE; ",
                    k.table
                )
            })
            .collect();
        format!("FOR $m IN $moved {{ {moves}}};")
    }

    pub(super) fn bind<'r>(
        &self,
        q: Query<'r>,
        version: i64,
        me: &Me,
        at: DateTime<Utc>,
    ) -> Query<'r> {
        let written = self.written();
        let card_ids: Vec<RecordId> = written
            .iter()
            .map(|w| RecordId::new(KIND.table, w.id.as_str()))
            .collect();
        let guards: Vec<i64> = written.iter().filter_map(|w| w.loaded_version).collect();
        let cards: Vec<CardWrite> = written
            .iter()
            .filter_map(|w| {
                let mut doc = w.doc(&me.id)?;
                doc.version = version;
                Some(CardWrite {
                    id: w.id.clone(),
                    doc: StoredCard {
                        doc,
                        clocks: stamps_to_db(&w.stamps),
                    },
                })
            })
            .collect();
        let removed: Vec<RecordId> = written
            .iter()
            .flat_map(|w| w.removed_contacts())
            .map(|id| RecordId::new("contact", id))
            .collect();
        let contacts: Vec<ContactWrite> = written
            .iter()
            .flat_map(|w| w.changed_contacts().cloned())
            .collect();
        let moved: Vec<Moved> = written
            .iter()
            .filter(|w| w.stored_owner.as_ref().is_some_and(|o| *o != w.owner))
            .map(|w| Moved {
                id: w.id.clone(),
                owner: w.owner.clone(),
            })
            .collect();
        let conflicts: Vec<ConflictDoc> = self
            .conflicts
            .iter()
            .map(|c| {
                let owner = self
                    .slots
                    .get(&c.client_id)
                    .and_then(|w| w.as_ref())
                    .map(|w| w.owner.clone());
                let mut doc = ConflictDoc::new(c, owner, at);
                doc.version = version;
                doc
            })
            .collect();
        q.bind(("card_ids", card_ids))
            .bind(("guards", guards))
            .bind(("cards", cards))
            .bind(("removed", removed))
            .bind(("contacts", contacts))
            .bind(("moved", moved))
            .bind(("conflicts", conflicts))
    }
}
