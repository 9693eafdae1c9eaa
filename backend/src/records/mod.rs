//! The record engine's server half. A record kind is declared once in the
//! core crate (`sync::kinds`: table, merge policy, access rule, hidden
//! fields, audit) and once here, in a file of its own: its stored row and
//! how an operation changes it (a [`Record`]). Everything else is written
//! once, for every kind: the push (`push.rs`: one transaction per batch,
//! op-id idempotence, acks, refusals, audit rows) and the pull (`pull.rs`:
//! statements filtered by the access rule in the query, pages, parts of a
//! large change, refetches).
//!
//! Kinds that merge field by field share `by_field.rs`. Proposals were the
//! first kind added this way (see docs/ARCHITECTURE.md, "Adding a record
//! kind").
//!
//! The client card is the root kind: every `OfClient` record's access
//! follows its card's owner, so the engine holds the batch's cards itself
//! (`client.rs`) and answers the other kinds' questions about them
//! through [`Cx`].

pub mod account_letter;
mod after;
pub(crate) mod by_field;
pub mod call_log;
mod card_pull;
mod card_work;
pub mod client;
mod commits;
pub mod conflict;
pub mod contract;
mod cx;
pub mod follow_up;
pub mod money_doc;
pub mod price_item;
pub mod promise;
pub mod proposal;
mod pull;
pub mod push;
mod reference_row;
pub mod scheme;
pub mod shipment_stop;
mod table;
pub mod template;

pub use cx::Cx;
pub use pull::pull;
pub use push::push;

use crate::ApiError;
use crate::access::Sight;
use crate::sync::kind::Kind;
use crate::sync::op::{Op, OpKind};
use crate::sync::protocol::Row;
use std::collections::HashMap;
use std::future::Future;
use surrealdb::types::SurrealValue;

/// The server half of a record kind stored one row per record.
pub trait Record: Send + Sync + 'static {
    /// The declaration both ends share.
    const KIND: &'static Kind;
    /// The stored row: one shape, read and written whole (its `id` is the
    /// record's key, without the table).
    type Doc: SurrealValue + Clone + Send + Sync + 'static;
    /// The projection that reads a [`Self::Doc`].
    const FIELDS: &'static str;

    fn id(doc: &Self::Doc) -> &str;
    fn version(doc: &Self::Doc) -> i64;
    fn set_version(doc: &mut Self::Doc, version: i64);

    /// The client an `OfClient` record is about, and the owner kept with
    /// it (moved with the card, so the pull filters in its query).
    fn client(_doc: &Self::Doc) -> Option<&str> {
        None
    }
    fn owner(_doc: &Self::Doc) -> Option<&str> {
        None
    }
    fn set_owner(_doc: &mut Self::Doc, _owner: Option<String>) {}
    /// Who made the record (`Author` kinds are seen by them alone).
    fn author(_doc: &Self::Doc) -> Option<&str> {
        None
    }
    /// The department an `Department` record belongs to.
    fn department(_doc: &Self::Doc) -> Option<&str> {
        None
    }
    /// The operation that created an append-only record: a retry of it is
    /// answered from the record itself, which needs no answer row of its own.
    fn made_by_op(_doc: &Self::Doc) -> Option<&str> {
        None
    }
    /// What the audit shows of a record (`audit` kinds): its fields as a
    /// JSON object; a change is audited as the difference of two of these.
    fn audited(_doc: &Self::Doc) -> serde_json::Value {
        serde_json::Value::Null
    }

    /// Whether a change (from `before`, `None` for a new record) asks the
    /// server to send the record by mail: the batch then queues a letter
    /// in its own transaction (see `mail`).
    fn mails(_before: Option<&Self::Doc>, _after: &Self::Doc) -> bool {
        false
    }

    /// Applies an operation the merge policy admitted to the stored record
    /// (`None`: a new one) and answers the record to store, or why not. The
    /// record must be one its author may write (ask `cx`).
    fn apply<'a>(
        cx: &'a Cx<'a>,
        op: &'a Op,
        current: Option<&'a Self::Doc>,
    ) -> impl Future<Output = Result<Self::Doc, ApiError>> + Send + 'a;

    /// The record as a device receives it; fields of `KIND.commercial` are
    /// left out unless `sight` is full.
    fn row(doc: Self::Doc, names: &HashMap<String, String>, sight: Sight) -> Row;
}

/// The client id an operation names in its `client_id` field.
pub fn client_of_op(op: &Op) -> Option<String> {
    match &op.kind {
        OpKind::Patch { fields, .. } => fields.get("client_id")?.as_str().map(str::to_string),
        OpKind::Delete => None,
    }
}

/// Every kind stored one row per record, in the order of `sync::kinds::ALL`
/// (the card, the root kind, is not among them).
fn tables() -> Vec<Box<dyn table::Table>> {
    vec![
        Box::new(table::Of::<call_log::Calls>::default()),
        Box::new(table::Of::<conflict::Conflicts>::default()),
        Box::new(table::Of::<follow_up::FollowUps>::default()),
        Box::new(table::Of::<proposal::Proposals>::default()),
        Box::new(table::Of::<contract::Contracts>::default()),
        Box::new(table::Of::<template::Templates>::default()),
        Box::new(table::Of::<scheme::Schemes>::default()),
        Box::new(table::Of::<money_doc::MoneyDocs>::default()),
        Box::new(table::Of::<shipment_stop::ShipmentStops>::default()),
        Box::new(table::Of::<promise::Promises>::default()),
        Box::new(table::Of::<account_letter::AccountLetters>::default()),
        Box::new(table::Of::<price_item::PriceItems>::default()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_declared_kind_has_a_server_half() {
        let mut served: Vec<&str> = tables().iter().map(|t| t.pull().kind().table).collect();
        served.insert(0, client::KIND.table);
        let declared: Vec<&str> = crate::sync::kinds::ALL.iter().map(|k| k.table).collect();
        assert_eq!(served, declared);
    }
}
