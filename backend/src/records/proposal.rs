//! The proposal kind's server half: merged field by field, always a valid
//! proposal on the same client, for a client its author works; a device
//! may move it to queued, accepted or declined, never claim it was sent
//! (the mail outbox says that). Its total is stored with it for the
//! reports that sum proposals.

use super::by_field::{self, of_client_row};
use super::{Cx, Record};
use crate::ApiError;
use crate::access::Sight;
use crate::db_error::OrInternal;
use crate::domain::proposal::{Line, Proposal, ProposalFields, ProposalInput, ProposalStatus};
use crate::domain::user::Language;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::sync::kind::Kind;
use crate::sync::op::{Op, OpKind};
use crate::sync::protocol::Row;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::{RecordId, SurrealValue};

pub use crate::sync::kinds::proposal::KIND;

/// A proposal line as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct LineDoc {
    pub item: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub discount_pct: Decimal,
    pub group: Option<String>,
    /// The rounded amount (see `domain::proposal`).
    pub amount: Decimal,
}

/// A proposal as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct ProposalDoc {
    pub id: String,
    pub client: String,
    pub contacts: Vec<String>,
    pub language: String,
    pub lines: Vec<LineDoc>,
    pub total: Decimal,
    /// A calendar day, `YYYY-MM-DD`.
    pub valid_until: String,
    pub status: String,
    pub note: Option<String>,
    /// The template its letter is written from.
    pub template: Option<String>,
    pub by: String,
    pub created_at: DateTime<Utc>,
    /// When the mail server accepted it, and why it refused it: the mail
    /// worker's findings (see `mail::proposal`), never a device's.
    pub sent_at: Option<DateTime<Utc>>,
    pub failure: Option<String>,
    /// Each field's last write stamp, as JSON text.
    pub clocks: String,
    /// The client's owner (see `CallDoc::owner`).
    pub owner: Option<String>,
    pub version: i64,
}

pub const PROPOSAL_FIELDS: &str = "record::id(id) AS id, client, contacts, language, lines, \
    total, valid_until, status, note, template, by, created_at, sent_at, failure, clocks, owner, version";

impl ProposalDoc {
    pub fn fields(&self) -> ProposalFields {
        ProposalFields {
            client_id: self.client.clone(),
            contact_ids: self.contacts.clone(),
            language: Language::parse(&self.language).unwrap_or_default(),
            lines: self
                .lines
                .iter()
                .map(|l| Line {
                    item: l.item.clone(),
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    discount_pct: l.discount_pct,
                    group: l.group.clone(),
                })
                .collect(),
            valid_until: NaiveDate::parse_from_str(&self.valid_until, "%Y-%m-%d")
                .unwrap_or_default(),
            status: ProposalStatus::parse(&self.status).unwrap_or(ProposalStatus::Draft),
            note: self.note.clone(),
            template_id: self.template.clone(),
        }
    }

    fn new(id: &str, f: &ProposalFields, by: &str, created_at: DateTime<Utc>) -> ProposalDoc {
        ProposalDoc {
            id: id.to_string(),
            client: f.client_id.clone(),
            contacts: f.contact_ids.clone(),
            language: f.language.code().into(),
            lines: f
                .lines
                .iter()
                .map(|l| LineDoc {
                    item: l.item.clone(),
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    discount_pct: l.discount_pct,
                    group: l.group.clone(),
                    amount: l.amount(),
                })
                .collect(),
            total: f.total(),
            valid_until: f.valid_until.format("%Y-%m-%d").to_string(),
            status: f.status.code().into(),
            note: f.note.clone(),
            template: f.template_id.clone(),
            by: by.to_string(),
            created_at,
            sent_at: None,
            failure: None,
            clocks: "{}".into(),
            owner: None,
            version: 0,
        }
    }

    fn queued(&self) -> bool {
        self.status == ProposalStatus::Queued.code()
    }
}

/// Every contact person a proposal is addressed to is one of its client's.
async fn addressed_to_the_clients_people(cx: &Cx<'_>, f: &ProposalFields) -> Result<(), ApiError> {
    let known = cx.card_contacts(&f.client_id).unwrap_or_default();
    let others: Vec<RecordId> = f
        .contact_ids
        .iter()
        .filter(|c| !known.contains(c))
        .map(|c| RecordId::new("contact", c.as_str()))
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    let n = others.len();
    let mut res = cx
        .db
        .query("SELECT VALUE client FROM $ids")
        .bind(("ids", others))
        .await
        .or_internal()?;
    let clients: Vec<String> = res.take(0).or_internal()?;
    if clients.len() == n && clients.iter().all(|c| *c == f.client_id) {
        Ok(())
    } else {
        Err(invalid("contact_ids", Problem::Malformed))
    }
}

/// A proposal names a template that exists and is still offered (one
/// archived later stays with the proposals already written from it).
async fn written_from_a_template(cx: &Cx<'_>, f: &ProposalFields) -> Result<(), ApiError> {
    let Some(id) = &f.template_id else {
        return Ok(());
    };
    let mut res = cx
        .db
        .query("SELECT VALUE archived FROM ONLY $id")
        .bind(("id", RecordId::new("template", id.as_str())))
        .await
        .or_internal()?;
    let archived: Option<bool> = res.take(0).or_internal()?;
    match archived {
        Some(false) => Ok(()),
        _ => Err(invalid("template_id", Problem::Malformed)),
    }
}

fn invalid(path: &str, problem: Problem) -> ApiError {
    ApiError::Invalid(Issues(vec![Issue::new(path, problem)]))
}

/// The proposal kind, for the engine.
pub struct Proposals;

impl Record for Proposals {
    const KIND: &'static Kind = &KIND;
    type Doc = ProposalDoc;
    const FIELDS: &'static str = PROPOSAL_FIELDS;

    of_client_row!(ProposalDoc);

    fn author(doc: &ProposalDoc) -> Option<&str> {
        Some(&doc.by)
    }
    fn audited(doc: &ProposalDoc) -> serde_json::Value {
        let mut v = serde_json::to_value(ProposalInput::of(&doc.fields())).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("total".into(), doc.total.to_string().into());
        }
        v
    }

    async fn apply<'a>(
        cx: &'a Cx<'a>,
        op: &'a Op,
        current: Option<&'a ProposalDoc>,
    ) -> Result<ProposalDoc, ApiError> {
        // Sent, failed and expired are the server's findings.
        if let OpKind::Patch { fields, .. } = &op.kind
            && let Some(status) = fields.get("status")
        {
            let ok = status
                .as_str()
                .and_then(ProposalStatus::parse)
                .is_some_and(ProposalStatus::set_by_people);
            if !ok {
                return Err(invalid("status", Problem::Malformed));
            }
        }
        let by_field::Merged {
            form: input,
            clocks,
            ..
        } = by_field::merge_form::<ProposalInput>(
            op,
            ProposalInput::FIELDS,
            current.map(|d| {
                (
                    ProposalInput::of(&d.fields()),
                    by_field::clocks_of(&d.clocks),
                )
            }),
        )?;
        let valid = input.validate(cx.now)?;
        by_field::stays_with(current.map(|d| d.client.as_str()), &valid.client_id)?;
        cx.working(&valid.client_id)?;
        addressed_to_the_clients_people(cx, &valid).await?;
        if current.and_then(|d| d.template.as_ref()) != valid.template_id.as_ref() {
            written_from_a_template(cx, &valid).await?;
        }
        let (by, created_at) = match current {
            Some(d) => (d.by.clone(), d.created_at),
            None => (cx.me.id.clone(), Utc::now()),
        };
        let mut doc = ProposalDoc::new(&op.record_id, &valid, &by, created_at);
        doc.clocks = clocks;
        if let Some(d) = current {
            doc.sent_at = d.sent_at;
            // Queued again: the last refusal is history (it is audited).
            doc.failure = if doc.queued() {
                None
            } else {
                d.failure.clone()
            };
        }
        Ok(doc)
    }

    fn mails(before: Option<&ProposalDoc>, after: &ProposalDoc) -> bool {
        after.queued() && !before.is_some_and(ProposalDoc::queued)
    }

    fn row(doc: ProposalDoc, _names: &HashMap<String, String>, _sight: Sight) -> Row {
        let clocks = by_field::clocks_of(&doc.clocks);
        let proposal = Proposal {
            fields: doc.fields(),
            by: doc.by,
            created_at: doc.created_at,
            sent_at: doc.sent_at,
            failure: doc.failure,
            id: doc.id,
        };
        Row::Proposal {
            proposal: Box::new(proposal),
            clocks,
        }
    }
}
