//! What crosses the wire between a device and the server.

use super::hlc::Hlc;
use super::op::Op;
use crate::ApiError;
use crate::domain::call_log::CallLog;
use crate::domain::client::ClientCard;
use crate::domain::contract::Contract;
use crate::domain::field_conflict::FieldConflict;
use crate::domain::follow_up::FollowUp;
use crate::domain::price_list::PriceItem;
use crate::domain::proposal::Proposal;
use crate::domain::receivables::account_letter::AccountLetter;
use crate::domain::receivables::document::MoneyDoc;
use crate::domain::receivables::promise::Promise;
use crate::domain::receivables::shipment_stop::ShipmentStop;
use crate::domain::scheme::Scheme;
use crate::domain::template::Template;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Most operations one push may carry; the device splits its outbox.
pub const MAX_PUSH_OPS: usize = 1000;
/// Most rows one pull page may carry.
pub const MAX_PULL_ROWS: u32 = 2000;

/// Operations in the order the device made them. The server applies a batch
/// in one transaction and answers one ack per operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushBatch {
    pub device_id: String,
    pub ops: Vec<Op>,
    /// The last operation of the batch this one was sent behind while that
    /// batch's answer was still on its way. The server applies this batch
    /// only once that operation has its answer, so batches sent back to back
    /// are applied in the order they were made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<OpRef>,
}

/// Names one operation: enough for the server to find its answer, which is
/// either its answer row or, for an append-only record, the record itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpRef {
    pub table: String,
    pub record_id: String,
    pub op_id: String,
}

impl OpRef {
    pub fn of(op: &Op) -> OpRef {
        OpRef {
            table: op.table.clone(),
            record_id: op.record_id.clone(),
            op_id: op.op_id.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AckStatus {
    Applied,
    /// Applied earlier (a retry after a lost answer): drop it from the outbox.
    Duplicate,
    /// Refused for good (the reason is shown to the user); never blocks the queue.
    Rejected {
        reason: ApiError,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ack {
    pub op_id: String,
    pub status: AckStatus,
}

/// Where a device's copy stands: everything up to `version` of the server's
/// change counter, on the server database identified by `epoch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub epoch: String,
    pub version: i64,
    /// What the user could see when the cursor was made (the server's
    /// digest of their access). A different one answers `Reset`, so records
    /// the user may no longer see leave the device.
    #[serde(default)]
    pub scope: String,
    /// One change too large for a page (a card moved with its history, an
    /// import) is sent over several: the last row of version `version + 1`
    /// already sent, in the order (table, id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<RecordKey>,
}

/// "Everything newer than my cursor", one page at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullRequest {
    /// `None` the first time (a full download).
    pub cursor: Option<Cursor>,
    pub limit: u32,
    /// Records to send again whatever their version: ones whose local edit
    /// the server refused, so the device shows the server's state again.
    #[serde(default)]
    pub refetch: Vec<RecordKey>,
    /// Count the rows still to come (costs a scan; asked on a sync's first page).
    #[serde(default)]
    pub count: bool,
}

/// Which record a row or a tombstone is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RecordKey {
    pub table: String,
    pub id: String,
}

impl RecordKey {
    pub fn new(table: &str, id: &str) -> RecordKey {
        RecordKey {
            table: table.into(),
            id: id.into(),
        }
    }
}

super::row_decode::rows! {
    "client" => Client {
        /// Boxed: a card is far larger than a call log, and a device holds
        /// tens of thousands of rows.
        card: Box<ClientCard>,
        /// The stamp of each field's last write (the merge's input).
        clocks: BTreeMap<String, Hlc>,
    },
    "call_log" => CallLog {
        call: CallLog,
    },
    "conflict" => Conflict {
        conflict: FieldConflict,
    },
    "follow_up" => FollowUp {
        follow_up: FollowUp,
        /// The stamp of each field's last write, as for a card.
        clocks: BTreeMap<String, Hlc>,
    },
    "proposal" => Proposal {
        proposal: Box<Proposal>,
        clocks: BTreeMap<String, Hlc>,
    },
    "contract" => Contract {
        contract: Box<Contract>,
        clocks: BTreeMap<String, Hlc>,
    },
    "template" => Template {
        template: Box<Template>,
    },
    "scheme" => Scheme {
        scheme: Box<Scheme>,
    },
    "money_doc" => MoneyDoc {
        doc: Box<MoneyDoc>,
    },
    "shipment_stop" => ShipmentStop {
        stop: ShipmentStop,
    },
    "promise" => Promise {
        promise: Promise,
    },
    "account_letter" => AccountLetter {
        letter: Box<AccountLetter>,
    },
    "price_item" => PriceItem {
        item: Box<PriceItem>,
    },
}

impl Row {
    /// The card this record belongs to (a card belongs to itself);
    /// reference data belongs to none.
    pub fn client_id(&self) -> Option<&str> {
        match self {
            Row::Client { card, .. } => Some(&card.id),
            Row::CallLog { call } => Some(&call.fields.client_id),
            Row::Conflict { conflict } => Some(&conflict.client_id),
            Row::FollowUp { follow_up, .. } => Some(&follow_up.fields.client_id),
            Row::Proposal { proposal, .. } => Some(&proposal.fields.client_id),
            Row::Contract { contract, .. } => Some(&contract.fields.client_id),
            Row::MoneyDoc { doc } => Some(&doc.fields.client_id),
            Row::ShipmentStop { stop } => Some(&stop.client_id),
            Row::Promise { promise } => Some(&promise.fields.client_id),
            Row::AccountLetter { letter } => Some(&letter.fields.client_id),
            Row::Template { .. } | Row::Scheme { .. } | Row::PriceItem { .. } => None,
        }
    }

    pub fn key(&self) -> RecordKey {
        match self {
            Row::Client { card, .. } => RecordKey::new(super::tables::CLIENT, &card.id),
            Row::CallLog { call } => RecordKey::new(super::tables::CALL_LOG, &call.id),
            Row::Conflict { conflict } => RecordKey::new(super::tables::CONFLICT, &conflict.id),
            Row::FollowUp { follow_up, .. } => {
                RecordKey::new(super::tables::FOLLOW_UP, &follow_up.id)
            }
            Row::Proposal { proposal, .. } => RecordKey::new(super::tables::PROPOSAL, &proposal.id),
            Row::Contract { contract, .. } => RecordKey::new(super::tables::CONTRACT, &contract.id),
            Row::Template { template } => RecordKey::new(super::tables::TEMPLATE, &template.id),
            Row::Scheme { scheme } => RecordKey::new(super::tables::SCHEME, &scheme.id),
            Row::MoneyDoc { doc } => RecordKey::new(super::tables::MONEY_DOC, &doc.id),
            Row::Promise { promise } => RecordKey::new(super::tables::PROMISE, &promise.id),
            Row::AccountLetter { letter } => {
                RecordKey::new(super::tables::ACCOUNT_LETTER, &letter.id)
            }
            Row::ShipmentStop { stop } => {
                RecordKey::new(super::tables::SHIPMENT_STOP, &stop.client_id)
            }
            Row::PriceItem { item } => RecordKey::new(super::tables::PRICE_ITEM, &item.code),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PullAnswer {
    Page {
        rows: Vec<Row>,
        /// Records deleted or no longer visible to this user.
        gone: Vec<RecordKey>,
        cursor: Cursor,
        more: bool,
        /// Rows still to come after this page (for the progress bar); only
        /// when the request asked to `count`, else `None`.
        remaining: Option<u64>,
    },
    /// The cursor cannot be served (another database, or one that lost its
    /// state): download everything again, keeping the unsent outbox.
    Reset,
}
