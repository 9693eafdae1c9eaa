//! The key-clients view: clients ranked by what they bring. Once invoices
//! from accounting are on the device that is their turnover over the last
//! twelve months (invoiced less credited); before that, the total of their
//! accepted proposals over the same months. Clients on a key-client scheme
//! are listed even before either, so none of them is forgotten.

use super::client::ClientCard;
use super::proposal::{Proposal, ProposalStatus};
use super::receivables::document::{DocKind, MoneyDoc};
use super::receivables::position::turnover;
use crate::sort;
use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// How far back accepted proposals count.
pub const WINDOW_DAYS: i64 = 365;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyClient {
    pub client_id: String,
    pub name: String,
    pub scheme_id: Option<String>,
    /// The accepted proposals' totals, EUR.
    pub accepted: Decimal,
    pub accepted_count: u32,
    /// Invoiced less credited in the window, EUR.
    pub turnover: Decimal,
}

/// What the ranking goes by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Invoices exist: turnover.
    Turnover,
    /// No invoice yet: accepted proposals.
    Accepted,
}

impl KeyClient {
    /// The amount the ranking goes by.
    pub fn amount(&self, by: Measure) -> Decimal {
        match by {
            Measure::Turnover => self.turnover,
            Measure::Accepted => self.accepted,
        }
    }
}

/// Turnover once any invoice is on the device, else accepted proposals.
pub fn measure(docs: &[MoneyDoc]) -> Measure {
    if docs.iter().any(|d| d.fields.kind == DocKind::Invoice) {
        Measure::Turnover
    } else {
        Measure::Accepted
    }
}

/// The active cards with turnover or an accepted proposal in the window, or
/// a scheme, largest first by what the ranking goes by (ties by name).
pub fn rank(
    cards: &[ClientCard],
    proposals: &[Proposal],
    docs: &[MoneyDoc],
    now: DateTime<Utc>,
) -> (Measure, Vec<KeyClient>) {
    let by = measure(docs);
    let since = now - Duration::days(WINDOW_DAYS);
    let mut docs_of: HashMap<&str, Vec<&MoneyDoc>> = HashMap::new();
    for d in docs {
        docs_of
            .entry(d.fields.client_id.as_str())
            .or_default()
            .push(d);
    }
    let mut sums: HashMap<&str, (Decimal, u32)> = HashMap::new();
    for p in proposals {
        let at = p.sent_at.unwrap_or(p.created_at);
        if p.fields.status == ProposalStatus::Accepted && at >= since {
            let e = sums.entry(p.fields.client_id.as_str()).or_default();
            e.0 += p.fields.total();
            e.1 += 1;
        }
    }
    let mut out: Vec<KeyClient> = cards
        .iter()
        .filter(|c| !c.archived)
        .filter_map(|c| {
            let (accepted, accepted_count) = sums.get(c.id.as_str()).copied().unwrap_or_default();
            let turnover = docs_of.get(c.id.as_str()).map_or(Decimal::ZERO, |d| {
                turnover(d.iter().copied(), since.date_naive())
            });
            let brings = !turnover.is_zero() || accepted_count > 0;
            (brings || c.fields.scheme_id.is_some()).then(|| KeyClient {
                client_id: c.id.clone(),
                name: c.fields.name.clone(),
                scheme_id: c.fields.scheme_id.clone(),
                accepted,
                accepted_count,
                turnover,
            })
        })
        .collect();
    sort::by(&mut out, |a, b| {
        b.amount(by)
            .cmp(&a.amount(by))
            .then_with(|| b.accepted.cmp(&a.accepted))
            .then_with(|| super::search::sort_key(&a.name).cmp(&super::search::sort_key(&b.name)))
    });
    (by, out)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn card(id: &str, name: &str, scheme: Option<&str>) -> ClientCard {
        serde_json::from_value(serde_json::json!({
            "id": id,
            "fields": { "kind": "company", "name": name, "reg_no": null, "vat_no": null,
                "segment": "active", "source": "other", "address": null, "city": null,
                "website": null, "price_type": null, "payment_terms_days": null,
                "credit_limit": null, "tags": [], "needs": null, "scheme_id": scheme },
            "owner_id": "me", "owner_name": "Es", "contacts": [], "archived": false,
            "created_at": now().to_rfc3339(), "created_by": "me",
            "updated_at": now().to_rfc3339(), "updated_by": "me",
        }))
        .unwrap()
    }

    fn accepted(client: &str, price: &str, days_ago: i64, status: &str) -> Proposal {
        serde_json::from_value(serde_json::json!({
            "id": format!("p-{client}-{price}-{days_ago}"),
            "fields": { "client_id": client, "contact_ids": [], "language": "lv",
                "lines": [{ "item": "x", "quantity": "2", "unit_price": price, "discount_pct": "0" }],
                "valid_until": "2026-12-31", "status": status, "note": null },
            "by": "me", "created_at": (now() - Duration::days(days_ago)).to_rfc3339(),
        }))
        .unwrap()
    }

    #[test]
    fn ranks_by_accepted_totals_in_the_window_and_keeps_scheme_clients() {
        let cards = vec![
            card("a", "Ābele", None),
            card("b", "Bērzs", None),
            card("c", "Cīrulis", Some("zelts")),
            card("d", "Dzērve", None),
        ];
        let proposals = vec![
            accepted("a", "100", 10, "accepted"),
            accepted("a", "50", 20, "accepted"),
            accepted("b", "500", 5, "accepted"),
            // Too old, declined, only sent: none counts.
            accepted("d", "9000", 400, "accepted"),
            accepted("d", "9000", 1, "declined"),
            accepted("d", "9000", 1, "sent"),
        ];
        let (by, got) = rank(&cards, &proposals, &[], now());
        assert_eq!(by, Measure::Accepted);
        let names: Vec<&str> = got.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["Bērzs", "Ābele", "Cīrulis"]);
        assert_eq!(got[0].accepted, Decimal::from(1000));
        assert_eq!(got[1].accepted, Decimal::from(300));
        assert_eq!(got[1].accepted_count, 2);
        assert_eq!(got[2].accepted_count, 0);
    }

    fn invoice(client: &str, n: &str, amount: i64, days_ago: i64, kind: DocKind) -> MoneyDoc {
        use super::super::receivables::document::{CURRENCY, DocFields, key};
        let date = (now() - Duration::days(days_ago)).date_naive();
        MoneyDoc {
            id: key(kind, n),
            fields: DocFields {
                client_id: client.into(),
                kind,
                number: n.into(),
                date,
                due: None,
                amount: Decimal::from(amount),
                currency: CURRENCY.into(),
                reference: None,
            },
        }
    }

    #[test]
    fn once_invoices_exist_turnover_ranks_and_payments_do_not_count() {
        let cards = vec![
            card("a", "Ābele", None),
            card("b", "Bērzs", None),
            card("c", "Cīrulis", Some("zelts")),
        ];
        // Bērzs accepted more, but Ābele was invoiced more.
        let proposals = vec![accepted("b", "5000", 5, "accepted")];
        let docs = vec![
            invoice("a", "1", 3000, 10, DocKind::Invoice),
            invoice("a", "2", 500, 9, DocKind::CreditNote),
            invoice("a", "3", 9999, 8, DocKind::Payment),
            invoice("b", "4", 1000, 10, DocKind::Invoice),
            invoice("b", "5", 7000, 400, DocKind::Invoice),
        ];
        let (by, got) = rank(&cards, &proposals, &docs, now());
        assert_eq!(by, Measure::Turnover);
        let ranked: Vec<(&str, Decimal)> = got
            .iter()
            .map(|k| (k.name.as_str(), k.amount(by)))
            .collect();
        assert_eq!(
            ranked,
            vec![
                ("Ābele", Decimal::from(2500)),
                ("Bērzs", Decimal::from(1000)),
                ("Cīrulis", Decimal::ZERO)
            ]
        );
    }
}
