//! Which clients stand where with their money, for the lists that pick them
//! out: those with overdue invoices (Today's chasing list, largest first)
//! and those over their credit limit.

use super::document::MoneyDoc;
use super::position::{Position, position};
use crate::domain::code_enum::code_enum;
use crate::domain::contract::Contract;
use crate::sort;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

code_enum!(
    /// The client list's money filter.
    MoneyFilter {
        Overdue => "overdue",
        OverLimit => "over_limit",
    }
);

/// The credit limit a client's balance is measured against: the one the
/// contract in force sets, else the card's own.
pub fn credit_limit(card: Option<Decimal>, in_force: Option<&Contract>) -> Option<Decimal> {
    in_force.and_then(|c| c.fields.credit_limit).or(card)
}

/// One client's position with the limit it is measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub client_id: String,
    pub position: Position,
    pub limit: Option<Decimal>,
}

impl Standing {
    pub fn matches(&self, filter: MoneyFilter) -> bool {
        match filter {
            MoneyFilter::Overdue => self.position.overdue > Decimal::ZERO,
            MoneyFilter::OverLimit => self.position.over_limit(self.limit),
        }
    }
}

/// Every client's standing on `today`, from all the documents a device
/// holds and each client's credit limit (`limit_of`).
pub fn standings<'a>(
    docs: impl IntoIterator<Item = &'a MoneyDoc>,
    limit_of: impl Fn(&str) -> Option<Decimal>,
    today: NaiveDate,
) -> Vec<Standing> {
    let mut by_client: HashMap<&str, Vec<&MoneyDoc>> = HashMap::new();
    for d in docs {
        by_client.entry(&d.fields.client_id).or_default().push(d);
    }
    by_client
        .into_iter()
        .map(|(client, docs)| Standing {
            client_id: client.to_string(),
            position: position(docs, today),
            limit: limit_of(client),
        })
        .collect()
}

/// Those to chase: clients with something overdue, the largest overdue
/// amount first (the oldest first among equals).
pub fn to_chase(mut all: Vec<Standing>) -> Vec<Standing> {
    all.retain(|s| s.matches(MoneyFilter::Overdue));
    sort::by(&mut all, |a, b| {
        b.position
            .overdue
            .cmp(&a.position.overdue)
            .then(
                b.position
                    .oldest_overdue_days()
                    .cmp(&a.position.oldest_overdue_days()),
            )
            .then(a.client_id.cmp(&b.client_id))
    });
    all
}

#[cfg(test)]
mod tests {
    use super::super::document::{CURRENCY, DocFields, DocKind, key};
    use super::*;

    fn day(d: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(d)
    }

    fn invoice(client: &str, n: &str, due: i64, amount: i64) -> MoneyDoc {
        MoneyDoc {
            id: key(DocKind::Invoice, n),
            fields: DocFields {
                client_id: client.into(),
                kind: DocKind::Invoice,
                number: n.into(),
                date: day(due - 14),
                due: Some(day(due)),
                amount: Decimal::from(amount),
                currency: CURRENCY.into(),
                reference: None,
            },
        }
    }

    #[test]
    fn the_largest_overdue_is_chased_first_and_limits_are_per_client() {
        let docs = vec![
            invoice("a", "1", 10, 100),
            invoice("b", "2", 10, 900),
            invoice("c", "3", 90, 5000),
            invoice("a", "4", 20, 50),
        ];
        let limits = |c: &str| (c == "c").then(|| Decimal::from(1000));
        let all = standings(&docs, limits, day(30));
        let chase: Vec<(String, Decimal)> = to_chase(all.clone())
            .into_iter()
            .map(|s| (s.client_id, s.position.overdue))
            .collect();
        assert_eq!(
            chase,
            vec![
                ("b".into(), Decimal::from(900)),
                ("a".into(), Decimal::from(150))
            ]
        );
        let over: Vec<&str> = all
            .iter()
            .filter(|s| s.matches(MoneyFilter::OverLimit))
            .map(|s| s.client_id.as_str())
            .collect();
        assert_eq!(over, vec!["c"]);
    }
}
