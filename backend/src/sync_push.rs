//! Push: a device's operations, applied in order, once each, in one
//! transaction per batch, answered with one ack per operation.

use super::access::Scope;
use super::client_rows::ContactWrite;
use super::db_error::{OrInternal, cause, internal, is_conflict};
use super::sync_calls::{self, CallWrite};
use super::sync_cards::{self, CardWork, Claims};
use super::sync_follow_ups::{self, FollowUpWork};
use super::{Db, retry};
use crate::ApiError;
use crate::domain::field_conflict::FieldConflict;
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::hlc::Hlc;
use crate::sync::op::{Op, OpKind};
use crate::sync::protocol::{Ack, AckStatus, MAX_PUSH_OPS, PushBatch};
use crate::sync::tables;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};
use surrealdb::types::{RecordId, SurrealValue};

/// How long a batch keeps retrying when writers of other processes keep
/// winning (within one process batches take turns and never clash).
const BUDGET: Duration = Duration::from_secs(60);

/// One batch at a time in this process. Every applied batch writes the one
/// change counter, so two batches can never commit together anyway; taking
/// turns here costs nothing and spares the losers a wasted plan and write.
fn turn() -> &'static tokio::sync::Mutex<()> {
    static TURN: std::sync::OnceLock<tokio::sync::Mutex<()>> = std::sync::OnceLock::new();
    TURN.get_or_init(|| tokio::sync::Mutex::new(()))
}

/// Applies a batch for `me`. `device_since` is when the pushing device's
/// session began (`None` for the web form), which bounds what a deputy's
/// device may still deliver after a cover (see `access::late_delivery`).
pub async fn push(
    db: &Db,
    me: &Me,
    batch: &PushBatch,
    device_since: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Vec<Ack>, ApiError> {
    if batch.ops.len() > MAX_PUSH_OPS {
        return Err(ApiError::Invalid(Issues(vec![Issue::new(
            "ops",
            Problem::TooManyItems { max: MAX_PUSH_OPS },
        )])));
    }
    let _turn = turn().lock().await;
    let started = Instant::now();
    let mut attempt = 0;
    loop {
        let t = Instant::now();
        let plan = plan(db, me, batch, device_since).await?;
        let planned = t.elapsed();
        let result = write(db, me, batch, &plan).await;
        tracing::debug!(
            ops = batch.ops.len(),
            plan_ms = planned.as_millis() as u64,
            write_ms = (t.elapsed() - planned).as_millis() as u64,
            "push batch"
        );
        match result {
            Ok(()) => {
                let refused = plan
                    .acks
                    .iter()
                    .filter(|a| matches!(a.status, AckStatus::Rejected { .. }))
                    .count() as u64;
                let applied = plan
                    .acks
                    .iter()
                    .filter(|a| a.status == AckStatus::Applied)
                    .count() as u64;
                super::metrics::add(&super::metrics::OPS_APPLIED, applied);
                super::metrics::add(&super::metrics::OPS_REFUSED, refused);
                for (op, ack) in batch.ops.iter().zip(&plan.acks) {
                    if let AckStatus::Rejected { reason } = &ack.status {
                        tracing::info!(
                            user = %me.id, device = %batch.device_id, op = %op.op_id,
                            table = %op.table, status = reason.status(), %reason,
                            "push: operation refused"
                        );
                    }
                }
                return Ok(plan.acks);
            }
            Err(e) if retryable(&e) && started.elapsed() < BUDGET => {
                tokio::time::sleep(retry::pause(attempt)).await;
                attempt += 1;
            }
            Err(e) if retryable(&e) => {
                // Still losing to other processes: the device keeps its
                // outbox and tries again later.
                tracing::warn!(
                    ops = batch.ops.len(),
                    attempts = attempt,
                    "push: database busy"
                );
                return Err(ApiError::Network("the server is busy; try again".into()));
            }
            Err(e) => return Err(internal(e)),
        }
    }
}

/// Lost a race: another transaction changed a card this batch read, applied
/// one of its operations, or bumped the version counter first.
fn retryable(e: &surrealdb::Error) -> bool {
    let m = e.to_string();
    is_conflict(e) || m.contains("sync: stale") || m.contains("already exists")
}

/// What call-log operations need, read for the whole batch at once: which
/// call ids exist already, and who owns each card they are about.
#[derive(Default)]
struct CallFacts {
    /// Call ids stored already, with the operation that created each (none
    /// for calls stored before operations were kept on the call).
    existing: HashMap<String, Option<String>>,
    owners: HashMap<String, String>,
}

async fn call_facts(db: &Db, batch: &PushBatch) -> Result<CallFacts, ApiError> {
    let calls: Vec<&Op> = batch
        .ops
        .iter()
        .filter(|o| o.table == tables::CALL_LOG)
        .collect();
    if calls.is_empty() {
        return Ok(CallFacts::default());
    }
    let call_ids: Vec<RecordId> = calls
        .iter()
        .map(|o| RecordId::new("call_log", o.record_id.as_str()))
        .collect();
    let client_ids: Vec<RecordId> = calls
        .iter()
        .filter_map(|o| match &o.kind {
            OpKind::Patch { fields, .. } => fields.get("client_id")?.as_str().map(str::to_string),
            OpKind::Delete => None,
        })
        .collect::<HashSet<String>>()
        .into_iter()
        .map(|id| RecordId::new("client", id))
        .collect();
    #[derive(SurrealValue)]
    struct Stored {
        id: String,
        op: Option<String>,
    }
    #[derive(SurrealValue)]
    struct Owner {
        id: String,
        owner: String,
    }
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, op FROM $calls; \
             SELECT record::id(id) AS id, owner FROM $clients",
        )
        .bind(("calls", call_ids))
        .bind(("clients", client_ids))
        .await
        .or_internal()?;
    let existing: Vec<Stored> = res.take(0).or_internal()?;
    let owners: Vec<Owner> = res.take(1).or_internal()?;
    Ok(CallFacts {
        existing: existing.into_iter().map(|s| (s.id, s.op)).collect(),
        owners: owners.into_iter().map(|o| (o.id, o.owner)).collect(),
    })
}

/// What a batch will write, decided before writing.
#[derive(Default)]
struct Plan {
    /// The change counter when planned; the batch writes `counter + 1`.
    counter: i64,
    acks: Vec<Ack>,
    cards: HashMap<String, Option<CardWork>>,
    calls: Vec<PlannedCall>,
    conflicts: Vec<FieldConflict>,
    resolved: Vec<String>,
    /// Follow-ups the batch touches, as loaded (`None`: new) and then merged.
    follow_ups: HashMap<String, Option<FollowUpWork>>,
    /// Owners of the clients the batch's follow-ups are about.
    follow_up_owners: HashMap<String, String>,
    /// Who pushes from which device, and when the batch was planned: what
    /// the operation and audit rows say.
    actor: String,
    device: String,
    at: chrono::DateTime<chrono::Utc>,
    ops: Vec<SyncOpRow>,
    audits: Vec<AuditRow>,
}

struct PlannedCall {
    call: CallWrite,
    op_id: String,
}

/// A `sync_op` row: the answer kept for a retried operation.
#[derive(Debug, Clone, SurrealValue)]
struct SyncOpRow {
    id: RecordId,
    user: String,
    device: String,
    record: String,
    status: String,
    reason: Option<String>,
    at: chrono::DateTime<chrono::Utc>,
}

/// An `audit` row of a card operation.
#[derive(Debug, Clone, SurrealValue)]
struct AuditRow {
    at: chrono::DateTime<chrono::Utc>,
    actor: String,
    action: String,
    record: String,
    changes: serde_json::Value,
    device: Option<String>,
    on_behalf_of: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct Earlier {
    id: String,
    status: String,
    reason: Option<String>,
}

/// What the server knew when the batch was planned: answers for operations
/// it has seen before (by op id) and the change counter, read first, so a
/// write that lands after it fails the batch's guard and the batch is
/// planned again.
struct Seen {
    answers: HashMap<String, AckStatus>,
    counter: i64,
}

async fn seen(db: &Db, batch: &PushBatch) -> Result<Seen, ApiError> {
    let ids: Vec<RecordId> = batch
        .ops
        .iter()
        .map(|o| RecordId::new("sync_op", o.op_id.as_str()))
        .collect();
    let mut res = db
        .query(
            "SELECT VALUE value FROM ONLY counter:clients; \
             SELECT record::id(id) AS id, status, reason FROM $ids",
        )
        .bind(("ids", ids))
        .await
        .or_internal()?;
    let counter: Option<i64> = res.take(0).or_internal()?;
    let rows: Vec<Earlier> = res.take(1).or_internal()?;
    let answers = rows
        .into_iter()
        .map(|r| {
            let status = match r.reason.and_then(|j| serde_json::from_str(&j).ok()) {
                Some(reason) if r.status == "rejected" => AckStatus::Rejected { reason },
                _ => AckStatus::Duplicate,
            };
            (r.id, status)
        })
        .collect();
    Ok(Seen {
        answers,
        counter: counter.unwrap_or(0),
    })
}

async fn plan(
    db: &Db,
    me: &Me,
    batch: &PushBatch,
    device_since: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Plan, ApiError> {
    let mut scope = Scope::load(db, me, super::clock::now()).await?;
    if let Some(since) = device_since {
        scope = scope.for_device(since);
    }
    let Seen {
        answers: seen,
        counter,
    } = seen(db, batch).await?;
    let facts = call_facts(db, batch).await?;
    let mut plan = Plan {
        counter,
        actor: me.id.clone(),
        device: batch.device_id.clone(),
        at: chrono::Utc::now(),
        ..Plan::default()
    };
    // Every card the batch edits, read at once (missing ones are new cards).
    let card_ids: Vec<String> = batch
        .ops
        .iter()
        .filter(|o| o.table == tables::CLIENT && !seen.contains_key(&o.op_id))
        .map(|o| o.record_id.clone())
        .collect::<HashSet<String>>()
        .into_iter()
        .collect();
    let mut loaded = CardWork::load_many(db, &card_ids).await?;
    for id in card_ids {
        let work = loaded.remove(&id);
        plan.cards.insert(id, work);
    }
    load_follow_ups(db, batch, &seen, &mut plan).await?;
    let now_ms = super::clock::now().timestamp_millis().max(0) as u64;
    let mut in_batch: HashSet<&str> = HashSet::new();
    let card_ops: Vec<&Op> = batch
        .ops
        .iter()
        .filter(|o| o.table == tables::CLIENT)
        .collect();
    let mut claims = Claims::load(db, &card_ops).await?;
    for op in &batch.ops {
        if let Some(status) = seen.get(&op.op_id) {
            plan.acks.push(ack(op, status.clone()));
            continue;
        }
        if !in_batch.insert(op.op_id.as_str()) {
            plan.acks.push(ack(op, AckStatus::Duplicate));
            continue;
        }
        // A call log records the operation that created it, so a retried
        // create is answered from the call itself.
        if op.table == tables::CALL_LOG
            && facts.existing.get(&op.record_id) == Some(&Some(op.op_id.clone()))
        {
            plan.acks.push(ack(op, AckStatus::Duplicate));
            continue;
        }
        let mut op = op.clone();
        // A stamp that cannot be real is refused, never wrapped or clamped.
        let plausible = op.hlc.is_plausible();
        op.hlc = op.hlc.clamped(now_ms);
        let result = match op.table.as_str() {
            _ if !plausible => Err(ApiError::Invalid(Issues(vec![Issue::new(
                "hlc",
                Problem::Malformed,
            )]))),
            tables::CLIENT => apply_card(db, me, &scope, &op, &mut plan, &mut claims).await,
            tables::CALL_LOG => apply_call(db, me, &scope, &op, &mut plan, &facts).await,
            tables::CONFLICT => apply_resolve(db, &scope, &op, &mut plan).await,
            tables::FOLLOW_UP => apply_follow_up(me, &scope, &op, &mut plan),
            _ => Err(ApiError::NotFound),
        };
        let status = match result {
            Ok(()) => AckStatus::Applied,
            Err(ApiError::Internal(m)) => return Err(ApiError::Internal(m)),
            Err(reason) => AckStatus::Rejected { reason },
        };
        // An applied call log is its own record of the operation (created
        // once, never changed, with the op id, device and author on it): a
        // second row per call would double the cost of the commonest write.
        if op.table == tables::CALL_LOG && status == AckStatus::Applied {
            plan.acks.push(ack(&op, status));
            continue;
        }
        plan.ops.push(SyncOpRow {
            id: RecordId::new("sync_op", op.op_id.as_str()),
            user: plan.actor.clone(),
            device: plan.device.clone(),
            at: plan.at,
            record: format!("{}:{}", op.table, op.record_id),
            status: match status {
                AckStatus::Rejected { .. } => "rejected".into(),
                _ => "applied".into(),
            },
            reason: match &status {
                AckStatus::Rejected { reason } => serde_json::to_string(reason).ok(),
                _ => None,
            },
        });
        plan.acks.push(ack(&op, status));
    }
    Ok(plan)
}

fn ack(op: &Op, status: AckStatus) -> Ack {
    Ack {
        op_id: op.op_id.clone(),
        status,
    }
}

/// The card from the batch's working set, loading it on first use.
async fn card_slot<'p>(
    db: &Db,
    plan: &'p mut Plan,
    id: &str,
) -> Result<&'p mut Option<CardWork>, ApiError> {
    if !plan.cards.contains_key(id) {
        let work = CardWork::load(db, id).await?;
        plan.cards.insert(id.to_string(), work);
    }
    plan.cards
        .get_mut(id)
        .ok_or_else(|| ApiError::Internal("card missing from the batch".into()))
}

async fn apply_card(
    db: &Db,
    me: &Me,
    scope: &Scope,
    op: &Op,
    plan: &mut Plan,
    claims: &mut Claims,
) -> Result<(), ApiError> {
    let slot = card_slot(db, plan, &op.record_id).await?;
    let creating = slot.is_none();
    let stored_owner = slot.as_ref().map(|w| w.owner.clone());
    let applied = sync_cards::apply(db, me, scope, op, slot, claims).await?;
    if let Some(work) = slot.as_ref() {
        claims.take(work);
    }
    plan.conflicts.extend(applied.conflicts);
    if let Some(changes) = applied.audit {
        let on_behalf_of =
            stored_owner.and_then(|owner| scope.on_behalf_of(&op.record_id, &owner, op.made_at()));
        plan.audits.push(AuditRow {
            at: plan.at,
            actor: plan.actor.clone(),
            action: audit_action(creating, &changes).into(),
            record: op.record_id.clone(),
            changes,
            device: Some(plan.device.clone()),
            on_behalf_of,
        });
    }
    Ok(())
}

fn audit_action(creating: bool, changes: &serde_json::Value) -> &'static str {
    let only_archived = changes
        .as_object()
        .is_some_and(|m| m.len() == 1 && m.contains_key(crate::sync::card_fields::ARCHIVED));
    match (creating, only_archived) {
        (true, _) => "client.create",
        (false, true) => "client.archive",
        (false, false) => "client.update",
    }
}

async fn apply_call(
    db: &Db,
    me: &Me,
    scope: &Scope,
    op: &Op,
    plan: &mut Plan,
    facts: &CallFacts,
) -> Result<(), ApiError> {
    let mut call = sync_calls::read(op, &me.id)?;
    if facts.existing.contains_key(&call.id) || plan.calls.iter().any(|c| c.call.id == call.id) {
        return Err(ApiError::Duplicate("call_log".into()));
    }
    // A card changed or created earlier in this batch counts as it is now.
    let (owner, card_contacts) = match plan.cards.get(&call.doc.client) {
        Some(Some(card)) => (Some(card.owner.clone()), Some(card.contact_ids.clone())),
        Some(None) => (None, None),
        None => (facts.owners.get(&call.doc.client).cloned(), None),
    };
    let Some(owner) = owner.filter(|o| scope.works_at(&call.doc.client, o, op.made_at())) else {
        return Err(ApiError::NotFound);
    };
    call.doc.on_behalf_of = scope.on_behalf_of(&call.doc.client, &owner, op.made_at());
    call.doc.owner = Some(owner.clone());
    if let Some(contact) = &call.doc.contact {
        let known = match &card_contacts {
            Some(ids) => ids.contains(contact),
            None => false,
        };
        if !known
            && sync_calls::contact_card(db, contact).await?.as_deref()
                != Some(call.doc.client.as_str())
        {
            return Err(ApiError::Invalid(Issues(vec![Issue::new(
                "contact_id",
                Problem::Required,
            )])));
        }
    }
    plan.calls.push(PlannedCall {
        call,
        op_id: op.op_id.clone(),
    });
    Ok(())
}

/// The follow-ups the batch changes, and who owns the clients they are
/// about, read at once.
async fn load_follow_ups(
    db: &Db,
    batch: &PushBatch,
    seen: &HashMap<String, AckStatus>,
    plan: &mut Plan,
) -> Result<(), ApiError> {
    let ops: Vec<&Op> = batch
        .ops
        .iter()
        .filter(|o| o.table == tables::FOLLOW_UP && !seen.contains_key(&o.op_id))
        .collect();
    if ops.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = ops
        .iter()
        .map(|o| o.record_id.clone())
        .collect::<HashSet<String>>()
        .into_iter()
        .collect();
    let mut loaded = sync_follow_ups::load_many(db, &ids).await?;
    let mut clients: Vec<String> = loaded.values().map(|w| w.doc.client.clone()).collect();
    clients.extend(ops.iter().filter_map(|o| match &o.kind {
        OpKind::Patch { fields, .. } => fields.get("client_id")?.as_str().map(str::to_string),
        OpKind::Delete => None,
    }));
    plan.follow_up_owners = super::owners::owners_of(db, clients).await?;
    for id in ids {
        let work = loaded.remove(&id);
        plan.follow_ups.insert(id, work);
    }
    Ok(())
}

fn apply_follow_up(me: &Me, scope: &Scope, op: &Op, plan: &mut Plan) -> Result<(), ApiError> {
    let Plan {
        cards,
        follow_ups,
        follow_up_owners,
        ..
    } = plan;
    // A card created or moved earlier in this batch counts as it is now.
    let owner_of = |client: &str| match cards.get(client) {
        Some(Some(card)) => Some(card.owner.clone()),
        Some(None) => None,
        None => follow_up_owners.get(client).cloned(),
    };
    let slot = follow_ups
        .get_mut(&op.record_id)
        .ok_or_else(|| ApiError::Internal("follow-up missing from the batch".into()))?;
    let before = slot.clone();
    let at = op.made_at();
    let may_work = |client: &str| owner_of(client).is_some_and(|o| scope.works_at(client, &o, at));
    let result = sync_follow_ups::apply(me, op, slot, may_work);
    match (&result, slot.as_mut()) {
        (Ok(()), Some(work)) => work.doc.owner = owner_of(&work.doc.client),
        (Err(_), _) => *slot = before,
        _ => {}
    }
    result
}

/// Marks a field conflict as dealt with (restoring its value, if the user
/// chose that, is a card operation of its own).
async fn apply_resolve(db: &Db, scope: &Scope, op: &Op, plan: &mut Plan) -> Result<(), ApiError> {
    if !matches!(op.kind, OpKind::Patch { .. }) {
        return Err(ApiError::Forbidden);
    }
    let mut res = db
        .query("SELECT VALUE client FROM ONLY type::record('conflict', $id)")
        .bind(("id", op.record_id.clone()))
        .await
        .or_internal()?;
    let client: Option<String> = res.take(0).or_internal()?;
    let Some(client) = client else {
        return Err(ApiError::NotFound);
    };
    let slot = card_slot(db, plan, &client).await?;
    if !slot
        .as_ref()
        .is_some_and(|w| scope.works_at(&w.id, &w.owner, op.made_at()))
    {
        return Err(ApiError::NotFound);
    }
    plan.resolved.push(op.record_id.clone());
    Ok(())
}

/// Rows written with one bulk INSERT each (a statement per row costs more
/// than the row).
#[derive(Debug, Clone, SurrealValue)]
struct CallInsert {
    id: RecordId,
    client: String,
    contact: Option<String>,
    at: chrono::DateTime<chrono::Utc>,
    direction: String,
    outcome: String,
    kind: String,
    duration_s: i64,
    note: Option<String>,
    by: String,
    on_behalf_of: Option<String>,
    owner: Option<String>,
    logged_at: chrono::DateTime<chrono::Utc>,
    version: i64,
    op: String,
    device: String,
}

/// A card handed to someone else in this batch: its history follows.
#[derive(Debug, Clone, SurrealValue)]
struct Moved {
    id: String,
    owner: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct CardWrite {
    id: String,
    /// The whole stored card, version included.
    doc: super::client_rows::ClientDoc,
    clocks: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct ConflictInsert {
    id: RecordId,
    client: String,
    field: String,
    lost_value: serde_json::Value,
    lost_by: String,
    lost_hlc: serde_json::Value,
    winner_by: String,
    winner_hlc: serde_json::Value,
    resolved: bool,
    at: chrono::DateTime<chrono::Utc>,
    version: i64,
    owner: Option<String>,
}

/// One transaction per batch. The guards fail it (and the batch is planned
/// again) when anything was written since it was planned: every writer bumps
/// the counter, and the cards must still have the versions they were read at.
const WRITE_BATCH: &str = "BEGIN TRANSACTION; \
    IF ((SELECT VALUE value FROM ONLY counter:clients) ?? 0) != $counter \
      { THROW 'sync: stale counter'; }; \
    UPSERT counter:clients SET value = $version RETURN NONE; \
    IF (SELECT VALUE version FROM $card_ids) != $guards { THROW 'sync: stale card'; }; \
    FOR $c IN $cards { \
      UPSERT type::record('client', $c.id) CONTENT $c.doc.extend({ clocks: $c.clocks }) RETURN NONE; \
    }; \
    IF array::len($removed) > 0 { DELETE $removed RETURN NONE; }; \
    FOR $k IN $contacts { UPSERT type::record('contact', $k.id) CONTENT $k.doc RETURN NONE; }; \
    FOR $m IN $moved { \
      UPDATE call_log SET version = $version, owner = $m.owner WHERE client = $m.id RETURN NONE; \
      UPDATE conflict SET version = $version, owner = $m.owner WHERE client = $m.id RETURN NONE; \
      UPDATE follow_up SET version = $version, owner = $m.owner WHERE client = $m.id RETURN NONE; \
    }; \
    IF array::len($calls) > 0 { INSERT INTO call_log $calls RETURN NONE; }; \
    FOR $f IN $follow_ups { \
      UPSERT type::record('follow_up', $f.id) CONTENT $f.doc.extend({ version: $version }) RETURN NONE; \
    }; \
    IF array::len($conflicts) > 0 { INSERT INTO conflict $conflicts RETURN NONE; }; \
    IF array::len($resolved) > 0 { UPDATE $resolved SET resolved = true, version = $version RETURN NONE; }; \
    IF array::len($ops) > 0 { INSERT INTO sync_op $ops RETURN NONE; }; \
    IF array::len($audits) > 0 { INSERT INTO audit $audits RETURN NONE; }; \
    COMMIT TRANSACTION;";

/// A batch whose operations were all refused changes no record: only its
/// answers are kept (for a retry), and the change counter is left alone, so
/// a stream of refused pushes cannot hold up anyone's real work.
const WRITE_REFUSED: &str = "INSERT IGNORE INTO sync_op $ops RETURN NONE;";

async fn write(db: &Db, me: &Me, batch: &PushBatch, plan: &Plan) -> Result<(), surrealdb::Error> {
    if plan.ops.is_empty() && plan.calls.is_empty() {
        return Ok(());
    }
    let applied_any = plan.acks.iter().any(|a| a.status == AckStatus::Applied);
    let version = plan.counter + 1;
    let written: Vec<&CardWork> = plan
        .cards
        .values()
        .flatten()
        .filter(|w| w.valid.is_some())
        .collect();
    let card_ids: Vec<RecordId> = written
        .iter()
        .map(|w| RecordId::new("client", w.id.as_str()))
        .collect();
    let guards: Vec<i64> = written.iter().filter_map(|w| w.loaded_version).collect();
    let cards: Vec<CardWrite> = written
        .iter()
        .filter_map(|w| {
            let mut doc = w.doc(&me.id)?;
            doc.version = version;
            Some(CardWrite {
                id: w.id.clone(),
                doc,
                clocks: sync_cards::stamps_to_db(&w.stamps),
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
    // The owner changed: the card's history is sent again, so the new
    // owner's devices receive it (the old owner's drop it with the card).
    let moved: Vec<Moved> = written
        .iter()
        .filter(|w| w.stored_owner.as_ref().is_some_and(|o| *o != w.owner))
        .map(|w| Moved {
            id: w.id.clone(),
            owner: w.owner.clone(),
        })
        .collect();
    let now = chrono::Utc::now();
    let hlc_json = |h: &Hlc| serde_json::to_value(h).unwrap_or_default();
    let conflicts: Vec<ConflictInsert> = plan
        .conflicts
        .iter()
        .map(|c| ConflictInsert {
            id: RecordId::new("conflict", c.id.as_str()),
            client: c.client_id.clone(),
            field: c.field.clone(),
            lost_value: c.lost_value.clone(),
            lost_by: c.lost_by.clone(),
            lost_hlc: hlc_json(&c.lost_hlc),
            winner_by: c.winner_by.clone(),
            winner_hlc: hlc_json(&c.winner_hlc),
            resolved: false,
            at: now,
            version,
            owner: plan
                .cards
                .get(&c.client_id)
                .and_then(|w| w.as_ref())
                .map(|w| w.owner.clone()),
        })
        .collect();
    let resolved: Vec<RecordId> = plan
        .resolved
        .iter()
        .map(|id| RecordId::new("conflict", id.as_str()))
        .collect();
    let calls: Vec<CallInsert> = plan
        .calls
        .iter()
        .map(|PlannedCall { call: c, op_id }| CallInsert {
            id: RecordId::new("call_log", c.id.as_str()),
            client: c.doc.client.clone(),
            contact: c.doc.contact.clone(),
            at: c.doc.at,
            direction: c.doc.direction.clone(),
            outcome: c.doc.outcome.clone(),
            kind: c.doc.kind.clone(),
            duration_s: c.doc.duration_s,
            note: c.doc.note.clone(),
            by: c.doc.by.clone(),
            on_behalf_of: c.doc.on_behalf_of.clone(),
            owner: c.doc.owner.clone(),
            logged_at: c.doc.logged_at,
            version,
            op: op_id.clone(),
            device: batch.device_id.clone(),
        })
        .collect();
    let follow_ups: Vec<FollowUpWork> = plan.follow_ups.values().flatten().cloned().collect();
    let ops = plan.ops.clone();
    if !applied_any {
        let res = db.query(WRITE_REFUSED).bind(("ops", ops)).await?;
        return super::db_error::transaction_result(res);
    }
    let audits = plan.audits.clone();
    let mut res = db
        .query(WRITE_BATCH)
        .bind(("counter", plan.counter))
        .bind(("version", version))
        .bind(("card_ids", card_ids))
        .bind(("guards", guards))
        .bind(("cards", cards))
        .bind(("removed", removed))
        .bind(("contacts", contacts))
        .bind(("moved", moved))
        .bind(("calls", calls))
        .bind(("follow_ups", follow_ups))
        .bind(("conflicts", conflicts))
        .bind(("resolved", resolved))
        .bind(("ops", ops))
        .bind(("audits", audits))
        .await?;
    let errors = res.take_errors();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(cause(errors))
    }
}
