//! The contract kind's server half: merged field by field (a value lost to
//! a concurrent edit is kept as a conflict on the client's card), always a
//! valid contract on the same client, for a client its author works. Each change
//! is audited with what changed: those rows are the draft's versions.

use super::by_field::{self, of_client_row};
use super::{Cx, Record};
use crate::ApiError;
use crate::access::Sight;
use crate::domain::contract::{
    Contract, ContractFields, ContractInput, ContractKind, ContractStatus, Obligation,
    ObligationKind, Point, PointState,
};
use crate::sync::kind::Kind;
use crate::sync::op::Op;
use crate::sync::protocol::{RecordKey, Row};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::contract::KIND;

#[derive(Debug, Clone, SurrealValue)]
pub struct PointDoc {
    pub text: String,
    pub state: String,
}

#[derive(Debug, Clone, SurrealValue)]
pub struct ObligationDoc {
    pub kind: String,
    pub text: String,
    /// A calendar day, `YYYY-MM-DD`.
    pub due: String,
    pub done: bool,
}

/// A contract as stored; days are `YYYY-MM-DD` text.
#[derive(Debug, Clone, SurrealValue)]
pub struct ContractDoc {
    pub id: String,
    pub client: String,
    pub number: String,
    pub kind: String,
    pub status: String,
    pub signed_on: Option<String>,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub renew_by: Option<String>,
    pub price_type: Option<String>,
    pub payment_days: Option<i64>,
    pub credit_limit: Option<Decimal>,
    pub scheme: Option<String>,
    pub delivery_terms: Option<String>,
    pub accelerated_delivery: bool,
    pub conditions: Option<String>,
    pub points: Vec<PointDoc>,
    pub obligations: Vec<ObligationDoc>,
    pub by: String,
    pub created_at: DateTime<Utc>,
    /// Each field's last write stamp, as JSON text.
    pub clocks: String,
    /// The client's owner (see `CallDoc::owner`).
    pub owner: Option<String>,
    pub version: i64,
}

pub const CONTRACT_FIELDS: &str = "record::id(id) AS id, client, number, kind, status, \
    signed_on, valid_from, valid_to, renew_by, price_type, payment_days, credit_limit, scheme, \
    delivery_terms, accelerated_delivery, conditions, points, obligations, by, created_at, \
    clocks, owner, version";

const DAY: &str = "%Y-%m-%d";

fn day(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, DAY).ok())
}

fn text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format(DAY).to_string())
}

impl ContractDoc {
    pub fn fields(&self) -> ContractFields {
        ContractFields {
            client_id: self.client.clone(),
            number: self.number.clone(),
            kind: ContractKind::parse(&self.kind).unwrap_or(ContractKind::Other),
            status: ContractStatus::parse(&self.status).unwrap_or(ContractStatus::Draft),
            signed_on: day(&self.signed_on),
            valid_from: day(&self.valid_from),
            valid_to: day(&self.valid_to),
            renew_by: day(&self.renew_by),
            price_type: self.price_type.clone(),
            payment_days: self.payment_days.and_then(|d| u16::try_from(d).ok()),
            credit_limit: self.credit_limit,
            scheme_id: self.scheme.clone(),
            delivery_terms: self.delivery_terms.clone(),
            accelerated_delivery: self.accelerated_delivery,
            conditions: self.conditions.clone(),
            points: self
                .points
                .iter()
                .map(|p| Point {
                    text: p.text.clone(),
                    state: PointState::parse(&p.state).unwrap_or(PointState::Open),
                })
                .collect(),
            obligations: self
                .obligations
                .iter()
                .filter_map(|o| {
                    Some(Obligation {
                        kind: ObligationKind::parse(&o.kind).unwrap_or(ObligationKind::Other),
                        text: o.text.clone(),
                        due: NaiveDate::parse_from_str(&o.due, DAY).ok()?,
                        done: o.done,
                    })
                })
                .collect(),
        }
    }

    fn new(id: &str, f: &ContractFields, by: &str, created_at: DateTime<Utc>) -> ContractDoc {
        ContractDoc {
            id: id.to_string(),
            client: f.client_id.clone(),
            number: f.number.clone(),
            kind: f.kind.code().into(),
            status: f.status.code().into(),
            signed_on: text(f.signed_on),
            valid_from: text(f.valid_from),
            valid_to: text(f.valid_to),
            renew_by: text(f.renew_by),
            price_type: f.price_type.clone(),
            payment_days: f.payment_days.map(i64::from),
            credit_limit: f.credit_limit,
            scheme: f.scheme_id.clone(),
            delivery_terms: f.delivery_terms.clone(),
            accelerated_delivery: f.accelerated_delivery,
            conditions: f.conditions.clone(),
            points: f
                .points
                .iter()
                .map(|p| PointDoc {
                    text: p.text.clone(),
                    state: p.state.code().into(),
                })
                .collect(),
            obligations: f
                .obligations
                .iter()
                .map(|o| ObligationDoc {
                    kind: o.kind.code().into(),
                    text: o.text.clone(),
                    due: o.due.format(DAY).to_string(),
                    done: o.done,
                })
                .collect(),
            by: by.to_string(),
            created_at,
            clocks: "{}".into(),
            owner: None,
            version: 0,
        }
    }
}

/// The client a stored contract is about.
pub async fn client_of(db: &crate::Db, id: &str) -> Result<Option<String>, ApiError> {
    use crate::db_error::OrInternal;
    let mut res = db
        .query("SELECT VALUE client FROM ONLY $id")
        .bind(("id", surrealdb::types::RecordId::new("contract", id)))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// The contract kind, for the engine.
pub struct Contracts;

impl Record for Contracts {
    const KIND: &'static Kind = &KIND;
    type Doc = ContractDoc;
    const FIELDS: &'static str = CONTRACT_FIELDS;

    of_client_row!(ContractDoc);

    fn author(doc: &ContractDoc) -> Option<&str> {
        Some(&doc.by)
    }
    fn audited(doc: &ContractDoc) -> serde_json::Value {
        serde_json::to_value(ContractInput::of(&doc.fields())).unwrap_or_default()
    }

    async fn apply<'a>(
        cx: &'a Cx<'a>,
        op: &'a Op,
        current: Option<&'a ContractDoc>,
    ) -> Result<ContractDoc, ApiError> {
        let merged = by_field::merge_form::<ContractInput>(
            op,
            ContractInput::FIELDS,
            current.map(|d| {
                (
                    ContractInput::of(&d.fields()),
                    by_field::clocks_of(&d.clocks),
                )
            }),
        )?;
        let valid = merged.form.validate(crate::clock::latest_day(cx.now))?;
        by_field::stays_with(current.map(|d| d.client.as_str()), &valid.client_id)?;
        cx.working(&valid.client_id)?;
        let (by, created_at) = match current {
            Some(d) => (d.by.clone(), d.created_at),
            None => (cx.me.id.clone(), Utc::now()),
        };
        let key = RecordKey::new(KIND.table, &op.record_id);
        let kept = merged.kept(cx, op, key, &valid.client_id, &by).await?;
        cx.keep_conflicts(kept);
        let mut doc = ContractDoc::new(&op.record_id, &valid, &by, created_at);
        doc.clocks = merged.clocks;
        Ok(doc)
    }

    fn row(doc: ContractDoc, _names: &HashMap<String, String>, _sight: Sight) -> Row {
        let clocks = by_field::clocks_of(&doc.clocks);
        let contract = Contract {
            fields: doc.fields(),
            by: doc.by,
            created_at: doc.created_at,
            id: doc.id,
        };
        Row::Contract {
            contract: Box::new(contract),
            clocks,
        }
    }
}
