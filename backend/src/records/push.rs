//! Push: a device's operations, applied in order, once each, in one
//! transaction per batch, answered with one ack per operation.

use super::client::{self, Cards};
use super::commits::{self, Touched};
use super::conflict::ConflictDoc;
use super::table::TableBatch;
use super::{Cx, client_of_op};
use crate::access::Scope;
use crate::db_error::{OrInternal, cause, internal, is_conflict};
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::kind::Merge;
use crate::sync::kinds;
use crate::sync::op::Op;
use crate::sync::protocol::{Ack, AckStatus, MAX_PUSH_OPS, PushBatch};
use crate::{ApiError, Db, own_thread, retry};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;
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
    // Sent behind a batch still on its way: planned now, while that one is
    // written, and written only once it has its answer.
    let mut ahead = match &batch.after {
        Some(op) => {
            let planned = plan(db, me, batch, device_since).await.ok();
            super::after::wait_for(db, op).await?;
            planned
        }
        None => None,
    };
    let mut my_turn = turn().lock().await;
    let started = Instant::now();
    let mut attempt = 0;
    loop {
        let t = Instant::now();
        let held = match ahead.take() {
            Some(early) => still_holds(db, batch, early).await?,
            None => None,
        };
        let kept_ahead = held.is_some();
        let plan = match held {
            Some(plan) => plan,
            None => plan(db, me, batch, device_since).await?,
        };
        let planned = t.elapsed();
        // Written from a thread of its own (see `own_thread`); the plan
        // and the turn go there and come back with the outcome, so a write
        // that goes on after the device's request is dropped keeps the turn
        // until it ends.
        let (db_there, me_there) = (db.clone(), me.clone());
        let (plan, result, turn_back) = own_thread::on_own_thread(move || async move {
            let result = write(&db_there, &me_there, &plan).await;
            (plan, result, my_turn)
        })
        .await?;
        my_turn = turn_back;
        let [scope_ms, seen_ms, load_ms, apply_ms] = plan.spent.map(|d| d.as_millis() as u64);
        tracing::debug!(
            ops = batch.ops.len(),
            ahead = kept_ahead,
            plan_ms = planned.as_millis() as u64,
            scope_ms,
            seen_ms,
            load_ms,
            apply_ms,
            write_ms = (t.elapsed() - planned).as_millis() as u64,
            "push batch"
        );
        match result {
            Ok(version) => {
                commits::record(&plan.epoch, version, plan.wrote(batch));
                if kept_ahead {
                    crate::metrics::add(&crate::metrics::PLANNED_AHEAD, 1);
                }
                if plan.tables.iter().any(|t| t.queues_mail()) {
                    crate::mail::queued().notify_one();
                }
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
                crate::metrics::add(&crate::metrics::OPS_APPLIED, applied);
                crate::metrics::add(&crate::metrics::OPS_REFUSED, refused);
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

/// A plan made ahead, checked under the turn. It stands if none of its
/// operations got an answer since, and every commit since it was planned
/// is one of this process's that wrote nothing it read; else it is `None`
/// and the batch is planned again.
async fn still_holds(db: &Db, batch: &PushBatch, mut plan: Plan) -> Result<Option<Plan>, ApiError> {
    let now = seen(db, batch).await?;
    if now.answers.len() != plan.answered || now.epoch != plan.epoch {
        return Ok(None);
    }
    if now.counter != plan.counter {
        if !commits::holds(&plan.epoch, &plan.read, plan.counter, now.counter) {
            return Ok(None);
        }
        plan.counter = now.counter;
    }
    Ok(Some(plan))
}

/// What a batch will write, decided before writing.
struct Plan {
    /// The change counter when planned; the batch writes `counter + 1`.
    counter: i64,
    /// Which database it was planned on.
    epoch: String,
    /// How many of its operations had an answer when planned.
    answered: usize,
    /// What the planning read: the operations' answers, the records, the
    /// clients' cards.
    read: Touched,
    /// Where the planning went, for the batch's debug log: the caller's
    /// scope, the earlier answers, the records and owners, then the merges.
    spent: [Duration; 4],
    acks: Vec<Ack>,
    cards: Cards,
    /// The other kinds' records the batch touches, one table each.
    tables: Vec<Box<dyn TableBatch>>,
    /// Who pushes from which device, and when the batch was planned: what
    /// the operation and audit rows say.
    actor: String,
    device: String,
    at: chrono::DateTime<chrono::Utc>,
    ops: Vec<SyncOpRow>,
    audits: Vec<AuditRow>,
    /// Conflicts kept by the merges of kinds other than the card (whose
    /// own are written with the cards).
    kept: Vec<ConflictDoc>,
}

/// A `sync_op` row: the answer kept for a retried operation. (Public for
/// the store benchmark, which writes the push's own rows.)
#[derive(Debug, Clone, SurrealValue)]
pub struct SyncOpRow {
    pub id: RecordId,
    pub user: String,
    pub device: String,
    pub record: String,
    pub status: String,
    pub reason: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// An `audit` row of an operation.
#[derive(Debug, Clone, SurrealValue)]
pub struct AuditRow {
    /// Ordered by creation (`next_id`), so entries recorded at the same
    /// moment keep the order they were made in.
    pub id: RecordId,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The operation's stamp, for a change that came by sync.
    pub made_at: Option<chrono::DateTime<chrono::Utc>>,
    pub actor: String,
    pub action: String,
    pub record: String,
    pub changes: serde_json::Value,
    pub device: Option<String>,
    pub on_behalf_of: Option<String>,
}

impl AuditRow {
    /// An id that sorts after every earlier one this process made.
    pub fn next_id() -> RecordId {
        RecordId::new("audit", uuid::Uuid::now_v7().to_string())
    }
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
    /// Which database: the counter is this database's.
    epoch: String,
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
             SELECT VALUE value FROM ONLY meta:epoch; \
             SELECT record::id(id) AS id, status, reason FROM $ids",
        )
        .bind(("ids", ids))
        .await
        .or_internal()?;
    let counter: Option<i64> = res.take(0).or_internal()?;
    let epoch: Option<String> = res.take(1).or_internal()?;
    let rows: Vec<Earlier> = res.take(2).or_internal()?;
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
        epoch: epoch.unwrap_or_default(),
    })
}

/// What a batch works on, read before its operations are applied.
struct Loaded {
    /// The records and clients read.
    read: Touched,
    cards: Cards,
    tables: Vec<Box<dyn TableBatch>>,
    /// Owners of the clients the batch's records are about, as stored.
    owners: HashMap<String, String>,
}

/// Every record the batch's new operations touch, read at once per kind,
/// and the owners of the clients they are about.
async fn load(
    db: &Db,
    batch: &PushBatch,
    seen: &HashMap<String, AckStatus>,
) -> Result<Loaded, ApiError> {
    let unseen: Vec<&Op> = batch
        .ops
        .iter()
        .filter(|o| !seen.contains_key(&o.op_id))
        .collect();
    let of_table = |ops: &[&Op], table: &str| -> Vec<String> {
        ops.iter()
            .filter(|o| o.table == table)
            .map(|o| o.record_id.clone())
            .collect::<HashSet<String>>()
            .into_iter()
            .collect()
    };
    let card_ops: Vec<&Op> = batch
        .ops
        .iter()
        .filter(|o| o.table == client::KIND.table)
        .collect();
    let unseen_cards: Vec<&Op> = unseen
        .iter()
        .copied()
        .filter(|o| o.table == client::KIND.table)
        .collect();
    let cards = Cards::load(db, &card_ops, &unseen_cards).await?;
    let mut read = Touched {
        ops: batch.ops.iter().map(|o| o.op_id.clone()).collect(),
        ..Default::default()
    };
    for o in &card_ops {
        read.records.insert(format!("{}:{}", o.table, o.record_id));
        read.clients.insert(o.record_id.clone());
    }
    let mut tables: Vec<Box<dyn TableBatch>> = super::tables().iter().map(|t| t.batch()).collect();
    let mut clients = Vec::new();
    for t in &mut tables {
        let ids = of_table(&unseen, t.kind().table);
        let table = t.kind().table;
        read.records
            .extend(ids.iter().map(|id| format!("{table}:{id}")));
        t.load(db, ids).await?;
        clients.extend(t.clients());
    }
    clients.extend(
        unseen
            .iter()
            .filter(|o| kinds::of(&o.table).is_some_and(|k| k.follows_client()))
            .filter_map(|o| client_of_op(o)),
    );
    read.clients.extend(clients.iter().cloned());
    let owners = crate::owners::owners_of(db, clients).await?;
    Ok(Loaded {
        read,
        cards,
        tables,
        owners,
    })
}

async fn plan(
    db: &Db,
    me: &Me,
    batch: &PushBatch,
    device_since: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Plan, ApiError> {
    let now = crate::clock::now();
    let t = Instant::now();
    let mut scope = Scope::load(db, me, now).await?;
    let scoped = t.elapsed();
    if let Some(since) = device_since {
        scope = scope.for_device(since);
    }
    let Seen {
        answers: seen,
        counter,
        epoch,
    } = seen(db, batch).await?;
    let answered = t.elapsed();
    let Loaded {
        read,
        cards,
        tables,
        owners,
    } = load(db, batch, &seen).await?;
    let loaded = t.elapsed();
    let mut plan = Plan {
        counter,
        epoch,
        answered: seen.len(),
        read,
        spent: [scoped, answered - scoped, loaded - answered, Duration::ZERO],
        acks: Vec::new(),
        cards,
        tables,
        actor: me.id.clone(),
        device: batch.device_id.clone(),
        at: chrono::Utc::now(),
        ops: Vec::new(),
        audits: Vec::new(),
        kept: Vec::new(),
    };
    let now_ms = now.timestamp_millis().max(0) as u64;
    let mut in_batch: HashSet<&str> = HashSet::new();
    for op in &batch.ops {
        if let Some(status) = seen.get(&op.op_id) {
            plan.acks.push(ack(op, status.clone()));
            continue;
        }
        if !in_batch.insert(op.op_id.as_str()) {
            plan.acks.push(ack(op, AckStatus::Duplicate));
            continue;
        }
        let table = plan.tables.iter().position(|t| t.kind().table == op.table);
        // An append-only record keeps the operation that created it, so a
        // retried create is answered from the record itself.
        if table.is_some_and(|i| plan.tables[i].made_by(&op.record_id, &op.op_id)) {
            plan.acks.push(ack(op, AckStatus::Duplicate));
            continue;
        }
        let mut op = op.clone();
        // A stamp that cannot be real is refused, never wrapped or clamped.
        let plausible = op.hlc.is_plausible();
        op.hlc = op.hlc.clamped(now_ms);
        let result = if !plausible {
            Err(ApiError::Invalid(Issues(vec![Issue::new(
                "hlc",
                Problem::Malformed,
            )])))
        } else if op.table == client::KIND.table {
            plan.cards.apply(db, me, &scope, &op).await
        } else if let Some(i) = table {
            let kept = Mutex::new(Vec::new());
            let cx = Cx {
                db,
                me,
                scope: &scope,
                at: op.made_at(),
                now,
                cards: &plan.cards.slots,
                owners: &owners,
                kept: &kept,
            };
            let result = plan.tables[i].apply(&cx, &op).await;
            if result.is_ok() {
                plan.kept.extend(kept.into_inner().unwrap_or_default());
            }
            result
        } else {
            Err(ApiError::NotFound)
        };
        let status = match result {
            Ok(Some(audited)) => {
                plan.audits.push(AuditRow {
                    id: AuditRow::next_id(),
                    at: plan.at,
                    // Never after the server recorded it, whatever the clocks.
                    made_at: Some(op.made_at().min(plan.at)),
                    actor: plan.actor.clone(),
                    action: audited.action,
                    record: op.record_id.clone(),
                    changes: audited.changes,
                    device: Some(plan.device.clone()),
                    on_behalf_of: audited.on_behalf_of,
                });
                AckStatus::Applied
            }
            Ok(None) => AckStatus::Applied,
            Err(ApiError::Internal(m)) => return Err(ApiError::Internal(m)),
            Err(reason) => AckStatus::Rejected { reason },
        };
        // An applied append-only record is its own account of the
        // operation (created once, with the op id, device and author on
        // it): a second row would double the cost of the commonest write.
        let own_record = kinds::of(&op.table).is_some_and(|k| k.merge == Merge::AppendOnly);
        if own_record && status == AckStatus::Applied {
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
    // The cards' merges looked beyond their own cards too.
    let (reg_nos, contacts) = plan.cards.asked();
    plan.read.reg_nos.extend(reg_nos);
    plan.read.records.extend(contacts);
    plan.spent[3] = t.elapsed() - loaded;
    Ok(plan)
}

impl Plan {
    /// What the batch's write changes, for the plans made ahead of it.
    fn wrote(&self, batch: &PushBatch) -> Touched {
        let cards = self.cards.written_ids();
        let mut records: HashSet<String> = cards
            .iter()
            .map(|id| format!("{}:{id}", client::KIND.table))
            .collect();
        for t in &self.tables {
            let table = t.kind().table;
            records.extend(t.written().into_iter().map(|id| format!("{table}:{id}")));
        }
        records.extend(self.kept.iter().map(|c| format!("conflict:{}", c.id)));
        let (reg_nos, contacts) = self.cards.claimed();
        records.extend(contacts);
        Touched {
            ops: batch.ops.iter().map(|o| o.op_id.clone()).collect(),
            records,
            clients: cards.into_iter().collect(),
            reg_nos,
        }
    }
}

fn ack(op: &Op, status: AckStatus) -> Ack {
    Ack {
        op_id: op.op_id.clone(),
        status,
    }
}

/// One transaction per batch. The guards fail it (and the batch is planned
/// again) when anything was written since it was planned: every writer bumps
/// the counter, and the cards must still have the versions they were read at.
fn write_statement(plan: &Plan) -> String {
    let tables: String = plan.tables.iter().map(|t| t.statement()).collect();
    format!(
        "BEGIN TRANSACTION; \
         IF ((SELECT VALUE value FROM ONLY counter:clients) ?? 0) != $counter \
           {{ THROW 'sync: stale counter'; }}; \
         UPSERT counter:clients SET value = $version RETURN NONE; \
         {cards} {tables} \
         IF array::len($kept) > 0 {{ INSERT INTO conflict $kept RETURN NONE; }}; \
         {cascade} \
         IF array::len($ops) > 0 {{ INSERT INTO sync_op $ops RETURN NONE; }}; \
         IF array::len($audits) > 0 {{ INSERT INTO audit $audits RETURN NONE; }}; \
         COMMIT TRANSACTION;",
        cards = plan.cards.statement(),
        cascade = plan.cards.cascade(),
    )
}

/// A batch whose operations were all refused changes no record: only its
/// answers are kept (for a retry), and the change counter is left alone, so
/// a stream of refused pushes cannot hold up anyone's real work.
const WRITE_REFUSED: &str = "INSERT IGNORE INTO sync_op $ops RETURN NONE;";

/// The batch's kept conflicts at the version it writes.
fn kept(plan: &Plan, version: i64) -> Vec<ConflictDoc> {
    plan.kept
        .iter()
        .cloned()
        .map(|mut c| {
            c.version = version;
            c
        })
        .collect()
}

/// Writes the plan; answers the change counter it wrote, if it changed any
/// record.
async fn write(db: &Db, me: &Me, plan: &Plan) -> Result<Option<i64>, surrealdb::Error> {
    let applied_any = plan.acks.iter().any(|a| a.status == AckStatus::Applied);
    if plan.ops.is_empty() && !applied_any {
        return Ok(None);
    }
    if !applied_any {
        let res = db
            .query(WRITE_REFUSED)
            .bind(("ops", plan.ops.clone()))
            .await?;
        return crate::db_error::transaction_result(res).map(|()| None);
    }
    let version = plan.counter + 1;
    let sql = write_statement(plan);
    let mut q = db
        .query(sql)
        .bind(("counter", plan.counter))
        .bind(("version", version))
        .bind(("ops", plan.ops.clone()))
        .bind(("audits", plan.audits.clone()))
        .bind(("kept", kept(plan, version)));
    q = plan.cards.bind(q, version, me, plan.at);
    for t in &plan.tables {
        q = t.bind(q, version);
    }
    let mut res = q.await?;
    let errors = res.take_errors();
    if errors.is_empty() {
        Ok(Some(version))
    } else {
        Err(cause(errors))
    }
}
