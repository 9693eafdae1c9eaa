//! The sync client a device runs: local edits go to the store and the
//! outbox at once; `sync` pushes the outbox, then pulls what changed. The
//! browser and the native simulation run this same code.

use super::card_fields;
use super::hlc::{Clock, Hlc};
use super::local_card::{self, Author};
use super::merge;
use super::op::{Op, OpKind};
use super::protocol::{AckStatus, PullAnswer, PullRequest, PushBatch, RecordKey, Row};
use super::record_fields;
use super::store::{LocalStore, Meta, Rejected, StoreError};
use super::tables;
use super::transport::Transport;
use crate::ApiError;
use crate::domain::call_log::{CallInput, CallLog};
use crate::domain::client::ClientCard;
use crate::domain::client_input::ClientInput;
use crate::domain::follow_up::{FollowUp, FollowUpInput};
use crate::domain::validation::Issues;
use chrono::Utc;
use std::collections::{BTreeMap, HashMap};

/// Operations per push request: large enough that a day of offline work goes
/// up in a few requests (each is one server transaction)...
pub const PUSH_BATCH: usize = 1000;
/// ...and small enough on a slow mobile connection: a request stops growing
/// at this many bytes of operations (one operation always goes).
pub const PUSH_BYTES: usize = 512 * 1024;
/// Rows per pull page.
pub const PULL_PAGE: u32 = crate::sync::protocol::MAX_PULL_ROWS;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("invalid: {0:?}")]
    Invalid(Issues),
    #[error("no such record")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    /// The server could not be reached or refused the session; nothing lost,
    /// try again later.
    #[error(transparent)]
    Server(#[from] ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How far a sync has come, for the progress bar.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub pushed: usize,
    pub rejected: usize,
    pub pulled: usize,
    /// Rows the server still has for us after the last page.
    pub remaining: u64,
}

pub struct Device<S> {
    store: S,
    user_id: String,
    user_name: String,
}

fn now_ms() -> u64 {
    Utc::now().timestamp_millis().max(0) as u64
}

impl<S: LocalStore> Device<S> {
    /// Opens the device's store for this user, making a device id the first time.
    pub async fn open(store: S, user_id: &str, user_name: &str) -> Result<Self, StoreError> {
        if store.meta().await?.is_none() {
            let device_id = uuid::Uuid::now_v7().to_string();
            store
                .put_meta(&Meta {
                    clock: Hlc::zero(&device_id),
                    device_id,
                    user_id: user_id.to_string(),
                    next_seq: 1,
                    cursor: None,
                    last_sync: None,
                    refetch: Vec::new(),
                })
                .await?;
        }
        Ok(Device {
            store,
            user_id: user_id.to_string(),
            user_name: user_name.to_string(),
        })
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub async fn meta(&self) -> Result<Meta, StoreError> {
        self.store
            .meta()
            .await?
            .ok_or_else(|| StoreError("device metadata missing".into()))
    }

    fn author(&self) -> Author<'_> {
        Author {
            id: &self.user_id,
            name: &self.user_name,
        }
    }

    /// A new operation's id, order and clock stamp, with the metadata to keep.
    fn stamp(meta: &Meta) -> (String, u64, Hlc, Meta) {
        let mut clock = Clock::resume(meta.clock.clone());
        let hlc = clock.tick(now_ms());
        let mut next = meta.clone();
        next.clock = hlc.clone();
        next.next_seq += 1;
        (uuid::Uuid::now_v7().to_string(), meta.next_seq, hlc, next)
    }

    pub async fn card(
        &self,
        id: &str,
    ) -> Result<Option<(ClientCard, BTreeMap<String, Hlc>)>, StoreError> {
        Ok(
            match self.store.get(&RecordKey::new(tables::CLIENT, id)).await? {
                Some(Row::Client { card, clocks }) => Some((*card, clocks)),
                _ => None,
            },
        )
    }

    /// Creates (`id` = `None`) or edits a card on the device.
    pub async fn save_card(
        &self,
        id: Option<&str>,
        input: ClientInput,
        archived: bool,
    ) -> Result<ClientCard, EditError> {
        let before = match id {
            Some(id) => Some(self.card(id).await?.ok_or(EditError::NotFound)?),
            None => None,
        };
        let input = local_card::with_contact_ids(input);
        let v = input
            .validate(Utc::now().date_naive())
            .map_err(EditError::Invalid)?;
        let id = id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string);
        let card = local_card::card(
            &id,
            &v,
            before.as_ref().map(|(c, _)| c),
            archived,
            &self.author(),
            Utc::now(),
        );
        let old_fields = before
            .as_ref()
            .map(|(c, _)| card_fields::of_card(c))
            .unwrap_or_default();
        let patch = card_fields::changed(&old_fields, &card_fields::of_card(&card));
        if patch.is_empty() {
            return Ok(card);
        }
        let clocks = before.map(|(_, c)| c).unwrap_or_default();
        self.commit_patch(tables::CLIENT, &id, patch, clocks, |clocks| Row::Client {
            card: Box::new(card.clone()),
            clocks,
        })
        .await?;
        Ok(card)
    }

    /// Stores an edit of some fields of a record and queues its operation:
    /// the fields' new clocks are the operation's stamp, and `base` says
    /// which stamps the author had seen.
    async fn commit_patch(
        &self,
        table: &str,
        id: &str,
        patch: record_fields::Fields,
        mut clocks: BTreeMap<String, Hlc>,
        row: impl FnOnce(BTreeMap<String, Hlc>) -> Row,
    ) -> Result<(), EditError> {
        let meta = self.meta().await?;
        let (op_id, seq, hlc, meta) = Self::stamp(&meta);
        let base = patch
            .keys()
            .filter_map(|k| clocks.get(k).map(|h| (k.clone(), h.clone())))
            .collect();
        for k in patch.keys() {
            clocks.insert(k.clone(), hlc.clone());
        }
        let op = Op {
            op_id,
            device_id: meta.device_id.clone(),
            seq,
            table: table.into(),
            record_id: id.to_string(),
            hlc,
            kind: OpKind::Patch {
                fields: patch,
                base,
            },
        };
        self.store.commit_local(row(clocks), op, &meta).await?;
        Ok(())
    }

    /// Logs a call on the device.
    pub async fn log_call(&self, input: CallInput) -> Result<CallLog, EditError> {
        let fields = input.validate(Utc::now()).map_err(EditError::Invalid)?;
        let meta = self.meta().await?;
        let (op_id, seq, hlc, meta) = Self::stamp(&meta);
        let id = uuid::Uuid::now_v7().to_string();
        let call = CallLog {
            id: id.clone(),
            fields,
            by: self.user_id.clone(),
            on_behalf_of: None,
            logged_at: Utc::now(),
        };
        let values = match serde_json::to_value(&input) {
            Ok(serde_json::Value::Object(m)) => m.into_iter().collect(),
            _ => BTreeMap::new(),
        };
        let op = Op {
            op_id,
            device_id: meta.device_id.clone(),
            seq,
            table: tables::CALL_LOG.into(),
            record_id: id,
            hlc,
            kind: OpKind::Patch {
                fields: values,
                base: BTreeMap::new(),
            },
        };
        self.store
            .commit_local(Row::CallLog { call: call.clone() }, op, &meta)
            .await?;
        Ok(call)
    }

    pub async fn follow_up(
        &self,
        id: &str,
    ) -> Result<Option<(FollowUp, BTreeMap<String, Hlc>)>, StoreError> {
        Ok(
            match self
                .store
                .get(&RecordKey::new(tables::FOLLOW_UP, id))
                .await?
            {
                Some(Row::FollowUp { follow_up, clocks }) => Some((follow_up, clocks)),
                _ => None,
            },
        )
    }

    /// Plans (`id` = `None`) or changes a follow-up on the device; only the
    /// fields that changed travel, so edits of different fields on two
    /// devices both survive.
    pub async fn save_follow_up(
        &self,
        id: Option<&str>,
        input: FollowUpInput,
    ) -> Result<FollowUp, EditError> {
        let before = match id {
            Some(id) => Some(self.follow_up(id).await?.ok_or(EditError::NotFound)?),
            None => None,
        };
        let fields = input.validate(Utc::now()).map_err(EditError::Invalid)?;
        let follow_up = FollowUp {
            id: id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string),
            fields,
            by: before
                .as_ref()
                .map_or_else(|| self.user_id.clone(), |(f, _)| f.by.clone()),
            created_at: before.as_ref().map_or_else(Utc::now, |(f, _)| f.created_at),
        };
        let old = before
            .as_ref()
            .map(|(f, _)| record_fields::of(&FollowUpInput::of(&f.fields)))
            .unwrap_or_default();
        let patch = record_fields::changed(
            &old,
            &record_fields::of(&FollowUpInput::of(&follow_up.fields)),
        );
        if patch.is_empty() {
            return Ok(follow_up);
        }
        let clocks = before.map(|(_, c)| c).unwrap_or_default();
        self.commit_patch(tables::FOLLOW_UP, &follow_up.id, patch, clocks, |clocks| {
            Row::FollowUp {
                follow_up: follow_up.clone(),
                clocks,
            }
        })
        .await?;
        Ok(follow_up)
    }

    /// Dismisses a field conflict; with `restore`, its lost value becomes the
    /// card's value again (a new edit, so it syncs like any other).
    pub async fn resolve_conflict(
        &self,
        conflict_id: &str,
        restore: bool,
    ) -> Result<(), EditError> {
        let key = RecordKey::new(tables::CONFLICT, conflict_id);
        let Some(Row::Conflict { mut conflict }) = self.store.get(&key).await? else {
            return Err(EditError::NotFound);
        };
        if restore {
            let (card, _) = self
                .card(&conflict.client_id)
                .await?
                .ok_or(EditError::NotFound)?;
            let mut fields = card_fields::of_card(&card);
            fields.insert(conflict.field.clone(), conflict.lost_value.clone());
            let (input, archived) = card_fields::to_input(&fields).ok_or(EditError::NotFound)?;
            self.save_card(Some(&card.id), input, archived).await?;
        }
        let meta = self.meta().await?;
        let (op_id, seq, hlc, meta) = Self::stamp(&meta);
        conflict.resolved = true;
        let op = Op {
            op_id,
            device_id: meta.device_id.clone(),
            seq,
            table: tables::CONFLICT.into(),
            record_id: conflict_id.to_string(),
            hlc,
            kind: OpKind::Patch {
                fields: [("resolved".to_string(), serde_json::Value::Bool(true))].into(),
                base: BTreeMap::new(),
            },
        };
        self.store
            .commit_local(Row::Conflict { conflict }, op, &meta)
            .await?;
        Ok(())
    }

    /// Pushes every queued operation, then pulls everything new. Stops at the
    /// first failure; what was acknowledged or pulled so far is kept.
    pub async fn sync<T: Transport>(
        &self,
        transport: &T,
        mut progress: impl FnMut(&Progress),
    ) -> Result<Progress, SyncError> {
        let mut p = Progress::default();
        self.push_all(transport, &mut p, &mut progress).await?;
        self.pull_all(transport, &mut p, &mut progress).await?;
        let mut meta = self.meta().await?;
        meta.last_sync = Some(Utc::now());
        self.store.put_meta(&meta).await?;
        Ok(p)
    }

    async fn push_all<T: Transport>(
        &self,
        transport: &T,
        p: &mut Progress,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let device_id = self.meta().await?.device_id;
        loop {
            let ops = fit_bytes(self.store.outbox_head(PUSH_BATCH).await?, PUSH_BYTES);
            if ops.is_empty() {
                return Ok(());
            }
            let acks = transport
                .push(PushBatch {
                    device_id: device_id.clone(),
                    ops: ops.clone(),
                })
                .await?;
            let by_id: HashMap<&str, &Op> = ops.iter().map(|o| (o.op_id.as_str(), o)).collect();
            let mut done = Vec::new();
            let mut rejected = Vec::new();
            for ack in &acks {
                let Some(op) = by_id.get(ack.op_id.as_str()) else {
                    continue;
                };
                done.push(ack.op_id.clone());
                if let AckStatus::Rejected { reason } = &ack.status {
                    rejected.push(Rejected {
                        op: (*op).clone(),
                        reason: reason.clone(),
                        at: Utc::now(),
                    });
                }
            }
            if done.is_empty() {
                return Err(ApiError::Internal("the server acknowledged nothing".into()).into());
            }
            p.pushed += done.len();
            p.rejected += rejected.len();
            if !rejected.is_empty() {
                let mut meta = self.meta().await?;
                meta.refetch.extend(
                    rejected
                        .iter()
                        .map(|r| RecordKey::new(&r.op.table, &r.op.record_id)),
                );
                self.store.put_meta(&meta).await?;
            }
            self.store.settle(&done, rejected).await?;
            progress(p);
        }
    }

    async fn pull_all<T: Transport>(
        &self,
        transport: &T,
        p: &mut Progress,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let mut resets = 0;
        let mut first_page = true;
        // The next page, asked for while the previous one was being stored.
        let mut prefetched: Option<Result<PullAnswer, ApiError>> = None;
        loop {
            let mut meta = self.meta().await?;
            let answer = match prefetched.take() {
                Some(answer) => answer?,
                None => {
                    transport
                        .pull(PullRequest {
                            cursor: meta.cursor.clone(),
                            limit: PULL_PAGE,
                            refetch: meta.refetch.clone(),
                            // Counted once per sync; later pages count down from it.
                            count: first_page,
                        })
                        .await?
                }
            };
            match answer {
                PullAnswer::Reset => {
                    resets += 1;
                    if resets > 2 {
                        return Err(ApiError::Internal(
                            "the server keeps asking for a reset".into(),
                        )
                        .into());
                    }
                    self.store.clear_records().await?;
                    meta.cursor = None;
                    self.store.put_meta(&meta).await?;
                }
                PullAnswer::Page {
                    rows,
                    gone,
                    cursor,
                    more,
                    remaining,
                } => {
                    // A card that left this device takes its calls and
                    // conflicts with it.
                    let mut gone = gone;
                    for key in gone.clone().iter().filter(|k| k.table == tables::CLIENT) {
                        for table in [tables::CALL_LOG, tables::CONFLICT, tables::FOLLOW_UP] {
                            for row in self.store.of_client(table, &key.id).await? {
                                gone.push(row.key());
                            }
                        }
                    }
                    let pending = self.pending_by_record().await?;
                    let mut clock = Clock::resume(meta.clock.clone());
                    let rows: Vec<Row> = rows
                        .into_iter()
                        .map(|row| {
                            if let Row::Client { clocks, .. } = &row
                                && let Some(newest) = clocks.values().max()
                            {
                                clock.observe(newest, now_ms());
                            }
                            match pending.get(&row.key()) {
                                Some(ops) => rebase(row, ops),
                                None => row,
                            }
                        })
                        .collect();
                    p.pulled += rows.len() + gone.len();
                    p.remaining = match remaining {
                        Some(r) => r,
                        None => p.remaining.saturating_sub((rows.len() + gone.len()) as u64),
                    };
                    first_page = false;
                    meta.clock = clock.last().clone();
                    meta.cursor = Some(cursor);
                    meta.refetch.clear();
                    if more {
                        // Store this page while the server prepares the next:
                        // the next request needs only this page's cursor.
                        let next = PullRequest {
                            cursor: meta.cursor.clone(),
                            limit: PULL_PAGE,
                            refetch: Vec::new(),
                            count: false,
                        };
                        let (stored, answer) = futures::future::join(
                            self.store.apply_page(rows, gone, &meta),
                            transport.pull(next),
                        )
                        .await;
                        stored?;
                        prefetched = Some(answer);
                    } else {
                        self.store.apply_page(rows, gone, &meta).await?;
                    }
                    progress(p);
                    if !more {
                        return Ok(());
                    }
                }
            }
        }
    }

    async fn pending_by_record(&self) -> Result<HashMap<RecordKey, Vec<Op>>, StoreError> {
        let mut out: HashMap<RecordKey, Vec<Op>> = HashMap::new();
        for op in self.store.outbox().await? {
            out.entry(RecordKey::new(&op.table, &op.record_id))
                .or_default()
                .push(op);
        }
        Ok(out)
    }
}

/// The server's row with this device's unsent edits laid over it again, so
/// a pull never hides what the user typed.
pub fn rebase(row: Row, pending: &[Op]) -> Row {
    match row {
        Row::Client { card, clocks } => {
            let mut state = card_fields::state(&card_fields::of_card(&card), &clocks);
            for op in pending {
                merge::apply(&mut state, op);
            }
            let (fields, new_clocks) = card_fields::split(&state);
            let rebased = card_fields::to_input(&fields).and_then(|(input, archived)| {
                let v = input.validate(Utc::now().date_naive()).ok()?;
                let by = Author {
                    id: &card.owner_id,
                    name: &card.updated_by,
                };
                Some(local_card::card(
                    &card.id,
                    &v,
                    Some(&card),
                    archived,
                    &by,
                    card.updated_at,
                ))
            });
            match rebased {
                Some(c) => Row::Client {
                    card: Box::new(c),
                    clocks: new_clocks,
                },
                None => Row::Client { card, clocks },
            }
        }
        Row::Conflict { mut conflict } => {
            conflict.resolved |= !pending.is_empty();
            Row::Conflict { conflict }
        }
        Row::FollowUp { follow_up, clocks } => {
            let fields = record_fields::of(&FollowUpInput::of(&follow_up.fields));
            let mut state = record_fields::state(&fields, &clocks);
            for op in pending {
                merge::apply(&mut state, op);
            }
            let (fields, new_clocks) = record_fields::split(&state);
            let rebased = record_fields::to::<FollowUpInput>(&fields)
                .and_then(|input| input.validate(Utc::now()).ok());
            match rebased {
                Some(f) => Row::FollowUp {
                    follow_up: FollowUp {
                        fields: f,
                        ..follow_up
                    },
                    clocks: new_clocks,
                },
                None => Row::FollowUp { follow_up, clocks },
            }
        }
        other => other,
    }
}
/// The leading operations whose JSON fits in `max` bytes, at least one.
fn fit_bytes(mut ops: Vec<Op>, max: usize) -> Vec<Op> {
    let mut total = 0;
    let keep = ops
        .iter()
        .position(|op| {
            total += serde_json::to_vec(op).map_or(0, |b| b.len());
            total > max
        })
        .unwrap_or(ops.len())
        .max(1);
    ops.truncate(keep);
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(n: usize) -> Op {
        Op {
            op_id: format!("op-{n}"),
            device_id: "d".into(),
            seq: n as u64,
            table: tables::CALL_LOG.into(),
            record_id: format!("r-{n}"),
            hlc: Hlc::zero("d"),
            kind: OpKind::Delete,
        }
    }

    #[test]
    fn a_push_stops_growing_at_its_byte_budget_but_always_carries_one() {
        let ops: Vec<Op> = (0..10).map(op).collect();
        let one = serde_json::to_vec(&ops[0]).unwrap().len();
        assert_eq!(fit_bytes(ops.clone(), one * 3 + 1).len(), 3);
        assert_eq!(fit_bytes(ops.clone(), 0).len(), 1);
        assert_eq!(fit_bytes(ops.clone(), usize::MAX).len(), 10);
        assert!(fit_bytes(Vec::new(), 10).is_empty());
    }
}
