//! A contract with a client: its number and type, where it stands (draft →
//! sent for review → negotiating → signed → active → expired / terminated),
//! its dates, its commercial terms (price type, payment days, credit limit,
//! key-client scheme, delivery terms), the points still argued over in
//! negotiation (each open, agreed or dropped) and what the contract obliges
//! (deliveries, a minimum turnover, documents) by when.
//!
//! The month's new-contracts counter counts a client's first signed
//! contract; the card's terms are those of the contract in force.

use super::card_index::CardIndex;
use super::client_input::payment_days;
use super::code_enum::code_enum;
use super::money;
use super::text;
use super::validation::{Issues, Problem};
use crate::sort;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

code_enum!(
    ContractStatus {
        Draft => "draft",
        InReview => "in_review",
        Negotiating => "negotiating",
        Signed => "signed",
        Active => "active",
        Expired => "expired",
        Terminated => "terminated",
    }
);

impl ContractStatus {
    /// Signed at some point (what the new-contracts counter counts).
    pub fn was_signed(self) -> bool {
        matches!(
            self,
            ContractStatus::Signed
                | ContractStatus::Active
                | ContractStatus::Expired
                | ContractStatus::Terminated
        )
    }

    /// Binding now (its terms are the card's, its obligations fall due).
    pub fn in_force(self) -> bool {
        matches!(self, ContractStatus::Signed | ContractStatus::Active)
    }
}

code_enum!(
    ContractKind {
        Supply => "supply",
        Service => "service",
        Framework => "framework",
        Other => "other",
    }
);

code_enum!(
    /// A point argued over in negotiation.
    PointState {
        Open => "open",
        Agreed => "agreed",
        Dropped => "dropped",
    }
);

code_enum!(
    /// What a contract obliges someone to do by a date.
    ObligationKind {
        Delivery => "delivery",
        Turnover => "turnover",
        Document => "document",
        Other => "other",
    }
);

pub const MAX_POINTS: usize = 50;
pub const MAX_OBLIGATIONS: usize = 50;
/// How far ahead Today warns of a contract's end.
pub const EXPIRY_WARNING_DAYS: i64 = 30;
/// How far ahead Today lists obligations falling due.
pub const OBLIGATION_WARNING_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointInput {
    pub text: String,
    pub state: PointState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObligationInput {
    pub kind: ObligationKind,
    pub text: String,
    /// `YYYY-MM-DD`, as a date input gives it.
    pub due: String,
    #[serde(default)]
    pub done: bool,
}

/// The contract form: what people typed (dates as date inputs give them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractInput {
    pub client_id: String,
    pub number: String,
    pub kind: ContractKind,
    pub status: ContractStatus,
    pub signed_on: String,
    pub valid_from: String,
    pub valid_to: String,
    /// When to agree a renewal by (a reminder, not an end).
    pub renew_by: String,
    pub price_type: String,
    pub payment_days: String,
    pub credit_limit: String,
    pub scheme_id: String,
    pub delivery_terms: String,
    pub accelerated_delivery: bool,
    pub conditions: String,
    pub points: Vec<PointInput>,
    pub obligations: Vec<ObligationInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub text: String,
    pub state: PointState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Obligation {
    pub kind: ObligationKind,
    pub text: String,
    pub due: NaiveDate,
    pub done: bool,
}

/// A checked contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractFields {
    pub client_id: String,
    pub number: String,
    pub kind: ContractKind,
    pub status: ContractStatus,
    pub signed_on: Option<NaiveDate>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub renew_by: Option<NaiveDate>,
    pub price_type: Option<String>,
    pub payment_days: Option<u16>,
    pub credit_limit: Option<Decimal>,
    pub scheme_id: Option<String>,
    pub delivery_terms: Option<String>,
    pub accelerated_delivery: bool,
    pub conditions: Option<String>,
    pub points: Vec<Point>,
    pub obligations: Vec<Obligation>,
}

/// A contract as devices keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub id: String,
    pub fields: ContractFields,
    pub by: String,
    pub created_at: DateTime<Utc>,
}

const DATE: &str = "%Y-%m-%d";

fn date(input: &str) -> Result<Option<NaiveDate>, Problem> {
    match input.trim() {
        "" => Ok(None),
        t => NaiveDate::parse_from_str(t, DATE)
            .map(Some)
            .map_err(|_| Problem::InvalidDate),
    }
}

fn typed_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format(DATE).to_string()).unwrap_or_default()
}

impl ContractInput {
    /// The names a contract operation may set.
    pub const FIELDS: &'static [&'static str] = &[
        "client_id",
        "number",
        "kind",
        "status",
        "signed_on",
        "valid_from",
        "valid_to",
        "renew_by",
        "price_type",
        "payment_days",
        "credit_limit",
        "scheme_id",
        "delivery_terms",
        "accelerated_delivery",
        "conditions",
        "points",
        "obligations",
    ];

    /// An empty draft for `client_id`.
    pub fn draft(client_id: &str) -> ContractInput {
        ContractInput {
            client_id: client_id.into(),
            number: String::new(),
            kind: ContractKind::Supply,
            status: ContractStatus::Draft,
            signed_on: String::new(),
            valid_from: String::new(),
            valid_to: String::new(),
            renew_by: String::new(),
            price_type: String::new(),
            payment_days: String::new(),
            credit_limit: String::new(),
            scheme_id: String::new(),
            delivery_terms: String::new(),
            accelerated_delivery: false,
            conditions: String::new(),
            points: Vec::new(),
            obligations: Vec::new(),
        }
    }

    /// The form filled from a contract (its canonical form).
    pub fn of(f: &ContractFields) -> ContractInput {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        ContractInput {
            client_id: f.client_id.clone(),
            number: f.number.clone(),
            kind: f.kind,
            status: f.status,
            signed_on: typed_date(f.signed_on),
            valid_from: typed_date(f.valid_from),
            valid_to: typed_date(f.valid_to),
            renew_by: typed_date(f.renew_by),
            price_type: s(&f.price_type),
            payment_days: f.payment_days.map(|d| d.to_string()).unwrap_or_default(),
            credit_limit: f.credit_limit.map(|d| d.to_string()).unwrap_or_default(),
            scheme_id: s(&f.scheme_id),
            delivery_terms: s(&f.delivery_terms),
            accelerated_delivery: f.accelerated_delivery,
            conditions: s(&f.conditions),
            points: f
                .points
                .iter()
                .map(|p| PointInput {
                    text: p.text.clone(),
                    state: p.state,
                })
                .collect(),
            obligations: f
                .obligations
                .iter()
                .map(|o| ObligationInput {
                    kind: o.kind,
                    text: o.text.clone(),
                    due: o.due.format(DATE).to_string(),
                    done: o.done,
                })
                .collect(),
        }
    }

    /// Checks the form; `today` bounds the signing date.
    pub fn validate(&self, today: NaiveDate) -> Result<ContractFields, Issues> {
        let mut is = Issues::default();
        if self.client_id.trim().is_empty() {
            is.push("client_id", Problem::Required);
        }
        let number = is.check("number", text::required(&self.number, 40));
        let signed_on = is.check("signed_on", date(&self.signed_on));
        let valid_from = is.check("valid_from", date(&self.valid_from));
        let valid_to = is.check("valid_to", date(&self.valid_to));
        let renew_by = is.check("renew_by", date(&self.renew_by));
        match signed_on.flatten() {
            None if self.status.was_signed() => is.push("signed_on", Problem::Required),
            Some(d) if d > today => is.push("signed_on", Problem::DateInFuture),
            _ => {}
        }
        if let (Some(Some(from)), Some(Some(to))) = (valid_from, valid_to)
            && to < from
        {
            is.push("valid_to", Problem::EndsBeforeStart);
        }
        let price_type = is.check("price_type", text::optional(&self.price_type, 60));
        let days = is.check("payment_days", payment_days(&self.payment_days));
        let credit = is.check("credit_limit", money::parse_eur(&self.credit_limit));
        let scheme = is.check("scheme_id", text::optional(&self.scheme_id, 64));
        let delivery = is.check("delivery_terms", text::optional(&self.delivery_terms, 500));
        let conditions = is.check("conditions", text::optional(&self.conditions, 4000));
        if self.points.len() > MAX_POINTS {
            is.push("points", Problem::TooManyItems { max: MAX_POINTS });
        }
        let points: Vec<Point> = self
            .points
            .iter()
            .take(MAX_POINTS)
            .enumerate()
            .filter_map(|(i, p)| {
                let text = is.check(format!("points.{i}.text"), text::required(&p.text, 500))?;
                Some(Point {
                    text,
                    state: p.state,
                })
            })
            .collect();
        if self.obligations.len() > MAX_OBLIGATIONS {
            is.push(
                "obligations",
                Problem::TooManyItems {
                    max: MAX_OBLIGATIONS,
                },
            );
        }
        let obligations: Vec<Obligation> = self
            .obligations
            .iter()
            .take(MAX_OBLIGATIONS)
            .enumerate()
            .filter_map(|(i, o)| {
                let text = is.check(
                    format!("obligations.{i}.text"),
                    text::required(&o.text, 300),
                );
                let due = is.check(
                    format!("obligations.{i}.due"),
                    date(&o.due).and_then(|d| d.ok_or(Problem::Required)),
                );
                Some(Obligation {
                    kind: o.kind,
                    text: text?,
                    due: due?,
                    done: o.done,
                })
            })
            .collect();
        is.into_result(|| ContractFields {
            client_id: self.client_id.trim().to_string(),
            number: number.unwrap_or_default(),
            kind: self.kind,
            status: self.status,
            signed_on: signed_on.flatten(),
            valid_from: valid_from.flatten(),
            valid_to: valid_to.flatten(),
            renew_by: renew_by.flatten(),
            price_type: price_type.flatten(),
            payment_days: days.flatten(),
            credit_limit: credit.flatten(),
            scheme_id: scheme.flatten(),
            delivery_terms: delivery.flatten(),
            accelerated_delivery: self.accelerated_delivery,
            conditions: conditions.flatten(),
            points,
            obligations,
        })
    }
}

impl ContractFields {
    /// In force on `day`: signed or active, and `day` within its dates.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.status.in_force()
            && self.valid_from.is_none_or(|f| f <= day)
            && self.valid_to.is_none_or(|t| day <= t)
    }

    pub fn open_points(&self) -> usize {
        self.points
            .iter()
            .filter(|p| p.state == PointState::Open)
            .count()
    }
}

/// The contract whose terms are the client's on `day`: the one in force
/// signed last.
pub fn in_force<'a>(
    contracts: &'a [Contract],
    client_id: &str,
    day: NaiveDate,
) -> Option<&'a Contract> {
    contracts
        .iter()
        .filter(|c| c.fields.client_id == client_id && c.fields.in_force_on(day))
        .max_by_key(|c| (c.fields.signed_on, c.created_at))
}

/// The days `me` signed contracts with new clients: for each client, its
/// first signed contract (an earlier one makes a later one repeat
/// business), counted for whoever made it or owns the client.
pub fn new_clients_signed(
    contracts: &[Contract],
    cards: &CardIndex<'_>,
    me: &str,
) -> Vec<NaiveDate> {
    let mine = |client: &str| cards.get(client).is_some_and(|c| c.owner_id == me);
    let mut first: HashMap<&str, (NaiveDate, &Contract)> = HashMap::new();
    for c in contracts.iter().filter(|c| c.fields.status.was_signed()) {
        let Some(on) = c.fields.signed_on else {
            continue;
        };
        let e = first.entry(c.fields.client_id.as_str()).or_insert((on, c));
        if on < e.0 {
            *e = (on, c);
        }
    }
    first
        .into_values()
        .filter(|(_, c)| c.by == me || mine(&c.fields.client_id))
        .map(|(on, _)| on)
        .collect()
}

/// Contracts in force that end within the warning window, soonest first.
pub fn ending_soon(contracts: &[Contract], today: NaiveDate) -> Vec<&Contract> {
    let until = today + Duration::days(EXPIRY_WARNING_DAYS);
    let mut out: Vec<&Contract> = contracts
        .iter()
        .filter(|c| c.fields.status.in_force())
        .filter(|c| c.fields.valid_to.is_some_and(|t| today <= t && t <= until))
        .collect();
    sort::by_key(&mut out, |c| c.fields.valid_to);
    out
}

/// Obligations of contracts in force not yet done and due within the
/// window (overdue ones too), soonest first.
pub fn obligations_due(contracts: &[Contract], today: NaiveDate) -> Vec<(&Contract, &Obligation)> {
    let until = today + Duration::days(OBLIGATION_WARNING_DAYS);
    let mut out: Vec<(&Contract, &Obligation)> = contracts
        .iter()
        .filter(|c| c.fields.status.in_force())
        .flat_map(|c| c.fields.obligations.iter().map(move |o| (c, o)))
        .filter(|(_, o)| !o.done && o.due <= until)
        .collect();
    sort::by_key(&mut out, |(_, o)| o.due);
    out
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use crate::domain::client::ClientCard;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, DATE).unwrap()
    }

    fn input() -> ContractInput {
        ContractInput {
            number: "L-2026/14".into(),
            status: ContractStatus::Negotiating,
            valid_from: "2026-12-01".into(),
            valid_to: "2027-11-30".into(),
            payment_days: "30".into(),
            credit_limit: "15 000".into(),
            points: vec![PointInput {
                text: "Apmaksas termiņš 45 dienas".into(),
                state: PointState::Open,
            }],
            obligations: vec![ObligationInput {
                kind: ObligationKind::Turnover,
                text: "Apgrozījums ≥ 50 000 € ceturksnī".into(),
                due: "2027-03-31".into(),
                done: false,
            }],
            ..ContractInput::draft("c1")
        }
    }

    #[test]
    fn a_contract_is_checked_field_by_field() {
        let today = day("2026-11-30");
        let ok = input().validate(today).unwrap();
        assert_eq!(ok.credit_limit, Some(Decimal::from(15_000)));
        assert_eq!(ok.open_points(), 1);
        assert_eq!(ContractInput::of(&ok).validate(today).unwrap(), ok);

        let mut bad = input();
        bad.number = " ".into();
        bad.status = ContractStatus::Signed;
        bad.valid_to = "2026-01-01".into();
        bad.payment_days = "400".into();
        bad.points[0].text = String::new();
        bad.obligations[0].due = "31.03.2027".into();
        let is = bad.validate(today).unwrap_err();
        assert_eq!(is.at("number"), Some(Problem::Required));
        assert_eq!(is.at("signed_on"), Some(Problem::Required));
        assert_eq!(is.at("valid_to"), Some(Problem::EndsBeforeStart));
        assert_eq!(is.at("payment_days"), Some(Problem::InvalidDays));
        assert_eq!(is.at("points.0.text"), Some(Problem::Required));
        assert_eq!(is.at("obligations.0.due"), Some(Problem::InvalidDate));

        let mut future = input();
        future.status = ContractStatus::Signed;
        future.signed_on = "2026-12-24".into();
        assert_eq!(
            future.validate(today).unwrap_err().at("signed_on"),
            Some(Problem::DateInFuture)
        );
    }

    fn contract(
        id: &str,
        client: &str,
        by: &str,
        status: ContractStatus,
        signed: Option<&str>,
    ) -> Contract {
        let mut i = input();
        i.client_id = client.into();
        i.status = status;
        i.signed_on = signed.unwrap_or_default().into();
        Contract {
            id: id.into(),
            fields: i.validate(day("2026-12-31")).unwrap(),
            by: by.into(),
            created_at: Utc::now(),
        }
    }

    fn card(id: &str, owner: &str) -> ClientCard {
        serde_json::from_value(serde_json::json!({
            "id": id,
            "fields": { "kind": "company", "name": id, "reg_no": null, "vat_no": null,
                "segment": "active", "source": "other", "address": null, "city": null,
                "website": null, "price_type": null, "payment_terms_days": null,
                "credit_limit": null, "tags": [], "needs": null },
            "owner_id": owner, "owner_name": owner, "contacts": [], "archived": false,
            "created_at": "2026-01-01T00:00:00Z", "created_by": owner,
            "updated_at": "2026-01-01T00:00:00Z", "updated_by": owner,
        }))
        .unwrap()
    }

    #[test]
    fn only_a_clients_first_signed_contract_counts_as_new() {
        use ContractStatus::*;
        let cards = vec![card("a", "me"), card("b", "me"), card("c", "other")];
        let contracts = vec![
            contract("1", "a", "me", Signed, Some("2026-11-10")),
            // A second contract with the same client is repeat business.
            contract("2", "a", "me", Active, Some("2026-11-20")),
            // A draft or one in negotiation is not signed.
            contract("3", "b", "me", Negotiating, None),
            // Someone else's client, someone else's contract.
            contract("4", "c", "other", Signed, Some("2026-11-05")),
        ];
        assert_eq!(
            new_clients_signed(&contracts, &CardIndex::new(&cards), "me"),
            [day("2026-11-10")]
        );
        // A client signed before (even expired since) is not new again.
        let mut again = contracts.clone();
        again.push(contract("5", "a", "me", Expired, Some("2025-01-01")));
        assert_eq!(
            new_clients_signed(&again, &CardIndex::new(&cards), "me"),
            [day("2025-01-01")]
        );
    }

    #[test]
    fn today_hears_of_contracts_ending_and_obligations_due() {
        use ContractStatus::*;
        let today = day("2027-11-10");
        let mut ending = contract("1", "a", "me", Active, Some("2026-11-10"));
        ending.fields.obligations[0].due = day("2027-11-15");
        let mut later = contract("2", "b", "me", Active, Some("2026-11-10"));
        later.fields.valid_to = Some(day("2028-06-01"));
        later.fields.obligations[0].due = day("2027-11-30");
        let draft = contract("3", "c", "me", Draft, None);
        let all = vec![ending, later, draft];
        let soon: Vec<&str> = ending_soon(&all, today)
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(soon, ["1"]);
        let due: Vec<&str> = obligations_due(&all, today)
            .iter()
            .map(|(c, _)| c.id.as_str())
            .collect();
        assert_eq!(due, ["1"]);
        assert_eq!(in_force(&all, "a", today).map(|c| c.id.as_str()), Some("1"));
        assert_eq!(in_force(&all, "c", today), None);
    }
}
