//! The sync client a device runs: local edits go to the store and the
//! outbox at once (`edit`); `sync` pushes the outbox (`push`), then pulls
//! what changed (`pull`), laying unsent edits over what it pulls (`rebase`).
//! The browser and the native simulation run this same code.

mod batch;
mod edit;
mod money;
mod pull;
mod push;
mod rebase;
mod records_mark;
#[cfg(test)]
mod scripted;

pub use rebase::rebase;
pub use records_mark::RecordsMark;

use super::hlc::{Clock, Hlc};
use super::kinds;
use super::local_card::{self, Author};
use super::merge;
use super::op::{Op, OpKind};
use super::protocol::{AckStatus, PullAnswer, PullRequest, PushBatch, RecordKey, Row};
use super::record_fields;
use super::rejected;
use super::store::{LocalStore, Meta, MetaChange, Rejected, StoreError};
use super::tables;
use super::transport::Transport;
use crate::ApiError;
use crate::domain::call_log::{CallInput, CallLog};
use crate::domain::client::ClientCard;
use crate::domain::client_input::ClientInput;
use crate::domain::contract::{Contract, ContractInput};
use crate::domain::field_conflict::FieldConflict;
use crate::domain::follow_up::{FollowUp, FollowUpInput};
use crate::domain::proposal::{Proposal, ProposalInput};
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
    /// Most operations per push (`PUSH_BATCH`; fewer in the simulation, so
    /// that every sync sends several batches back to back).
    push_batch: usize,
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
            push_batch: PUSH_BATCH,
        })
    }

    /// The same device pushing at most `n` operations per batch.
    pub fn with_push_batch(mut self, n: usize) -> Self {
        self.push_batch = n.clamp(1, PUSH_BATCH);
        self
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

    /// A new operation's id and clock stamp, and the change to keep with it
    /// (its order is given by the store when it is queued).
    fn stamp(meta: &Meta) -> (String, Hlc, MetaChange) {
        let mut clock = Clock::resume(meta.clock.clone());
        let hlc = clock.tick(now_ms());
        let change = MetaChange {
            clock: Some(hlc.clone()),
            ..Default::default()
        };
        (uuid::Uuid::now_v7().to_string(), hlc, change)
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
        self.store
            .update_meta(&MetaChange {
                last_sync: Some(Utc::now()),
                ..Default::default()
            })
            .await?;
        Ok(p)
    }
}
