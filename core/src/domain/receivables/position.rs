//! What a client's documents add up to on a day: the balance, what of it is
//! overdue and for how long (aging), and the invoices still open.
//!
//! Credit notes and payments settle invoices: first the invoice their
//! reference names, then the oldest due first. Credit left over once every
//! invoice is settled (a prepayment) is `unapplied`. The documents are
//! sorted before they are settled, so the result never depends on the order
//! they were imported or synced in.

use super::document::{DocKind, MoneyDoc};
use crate::sort;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The aging buckets of what is owed: not yet due, then by days overdue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aging {
    pub not_due: Decimal,
    pub days_1_30: Decimal,
    pub days_31_60: Decimal,
    pub days_61_90: Decimal,
    pub over_90: Decimal,
}

impl Aging {
    /// The buckets in order, for a chart.
    pub fn buckets(&self) -> [Decimal; 5] {
        [
            self.not_due,
            self.days_1_30,
            self.days_31_60,
            self.days_61_90,
            self.over_90,
        ]
    }

    fn add(&mut self, days_overdue: i64, amount: Decimal) {
        let bucket = match days_overdue {
            ..=0 => &mut self.not_due,
            1..=30 => &mut self.days_1_30,
            31..=60 => &mut self.days_31_60,
            61..=90 => &mut self.days_61_90,
            _ => &mut self.over_90,
        };
        *bucket += amount;
    }
}

/// An invoice (or a payment returned) not yet settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenItem {
    pub id: String,
    pub kind: DocKind,
    pub number: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Decimal,
    /// What is still owed of it.
    pub open: Decimal,
    /// Days past due (0 or less: not yet due).
    pub days_overdue: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// What the client owes: invoices − credit notes − payments.
    pub balance: Decimal,
    /// Of the open invoices, what is past due.
    pub overdue: Decimal,
    pub aging: Aging,
    /// Credit not settling any invoice (paid in advance).
    pub unapplied: Decimal,
    /// Open invoices, the oldest due first.
    pub open: Vec<OpenItem>,
}

impl Position {
    /// The largest number of days an open invoice is past due.
    pub fn oldest_overdue_days(&self) -> i64 {
        self.open
            .iter()
            .map(|o| o.days_overdue)
            .max()
            .unwrap_or(0)
            .max(0)
    }

    /// Whether the balance is over the credit limit (none set: never).
    pub fn over_limit(&self, limit: Option<Decimal>) -> bool {
        limit.is_some_and(|l| self.balance > l)
    }

    /// The balance as a share of the credit limit, in whole per cent
    /// (none for no limit or a limit of zero).
    pub fn limit_use_pct(&self, limit: Option<Decimal>) -> Option<i64> {
        let limit = limit.filter(|l| *l > Decimal::ZERO)?;
        let pct = (self.balance.max(Decimal::ZERO) * Decimal::ONE_HUNDRED / limit).round();
        i64::try_from(pct).ok()
    }
}

struct Debit<'a> {
    doc: &'a MoneyDoc,
    open: Decimal,
}

/// The position of one client's `docs` on `today`.
pub fn position<'a>(docs: impl IntoIterator<Item = &'a MoneyDoc>, today: NaiveDate) -> Position {
    let mut debits: Vec<Debit> = Vec::new();
    let mut credits: Vec<(&MoneyDoc, Decimal)> = Vec::new();
    for d in docs {
        let signed = d.fields.signed();
        if signed > Decimal::ZERO {
            debits.push(Debit {
                doc: d,
                open: signed,
            });
        } else if signed < Decimal::ZERO {
            credits.push((d, -signed));
        }
    }
    sort::by(&mut debits, |a, b| {
        let (x, y) = (&a.doc.fields, &b.doc.fields);
        (x.due_on(), x.date, &x.number, &a.doc.id).cmp(&(y.due_on(), y.date, &y.number, &b.doc.id))
    });
    sort::by(&mut credits, |(a, _), (b, _)| {
        (a.fields.date, &a.fields.number, &a.id).cmp(&(b.fields.date, &b.fields.number, &b.id))
    });

    let mut unapplied = Decimal::ZERO;
    for (credit, amount) in credits {
        let mut left = amount;
        // The invoice the document names, then the oldest due.
        let named = credit.fields.reference.as_deref().map(str::trim);
        let named_first = debits.iter().position(|d| {
            d.doc.fields.kind == DocKind::Invoice && Some(d.doc.fields.number.as_str()) == named
        });
        let order = named_first.into_iter().chain(0..debits.len());
        for i in order {
            if left.is_zero() {
                break;
            }
            let settled = left.min(debits[i].open);
            debits[i].open -= settled;
            left -= settled;
        }
        unapplied += left;
    }

    let mut p = Position {
        unapplied,
        ..Position::default()
    };
    for d in debits.iter().filter(|d| d.open > Decimal::ZERO) {
        let f = &d.doc.fields;
        let due = f.due_on();
        let days_overdue = (today - due).num_days();
        p.aging.add(days_overdue, d.open);
        if days_overdue > 0 {
            p.overdue += d.open;
        }
        p.open.push(OpenItem {
            id: d.doc.id.clone(),
            kind: f.kind,
            number: f.number.clone(),
            date: f.date,
            due,
            amount: f.signed(),
            open: d.open,
            days_overdue,
        });
    }
    p.balance = p.aging.buckets().iter().sum::<Decimal>() - unapplied;
    p
}

/// Turnover: what was invoiced less what was credited, for documents dated
/// from `since` on (payments do not count).
pub fn turnover<'a>(docs: impl IntoIterator<Item = &'a MoneyDoc>, since: NaiveDate) -> Decimal {
    docs.into_iter()
        .filter(|d| d.fields.date >= since && d.fields.kind != DocKind::Payment)
        .map(|d| d.fields.signed())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::super::document::{CURRENCY, DocFields, key};
    use super::*;
    use proptest::prelude::*;

    fn day(d: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(d)
    }

    fn doc(
        kind: DocKind,
        number: &str,
        date: i64,
        due: i64,
        amount: Decimal,
        reference: Option<&str>,
    ) -> MoneyDoc {
        MoneyDoc {
            id: key(kind, number),
            fields: DocFields {
                client_id: "c".into(),
                kind,
                number: number.into(),
                date: day(date),
                due: Some(day(due)),
                amount,
                currency: CURRENCY.into(),
                reference: reference.map(str::to_string),
            },
        }
    }

    fn eur(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_payment_settles_the_invoice_it_names_then_the_oldest() {
        let docs = vec![
            doc(DocKind::Invoice, "R-1", 0, 14, eur("100"), None),
            doc(DocKind::Invoice, "R-2", 10, 24, eur("50"), None),
            doc(DocKind::Invoice, "R-3", 40, 54, eur("70"), None),
            // Pays R-2 in full, the rest goes to R-1.
            doc(DocKind::Payment, "P-1", 30, 30, eur("80"), Some("R-2")),
        ];
        let p = position(&docs, day(60));
        assert_eq!(p.balance, eur("140.00"));
        let open: Vec<(&str, Decimal, i64)> = p
            .open
            .iter()
            .map(|o| (o.number.as_str(), o.open, o.days_overdue))
            .collect();
        assert_eq!(
            open,
            vec![("R-1", eur("70.00"), 46), ("R-3", eur("70.00"), 6)]
        );
        assert_eq!(p.aging.days_1_30, eur("70.00"));
        assert_eq!(p.aging.days_31_60, eur("70.00"));
        assert_eq!(p.overdue, eur("140.00"));
        assert_eq!(p.oldest_overdue_days(), 46);
    }

    #[test]
    fn a_prepayment_is_unapplied_credit() {
        let docs = vec![
            doc(DocKind::Invoice, "R-1", 0, 14, eur("100"), None),
            doc(DocKind::Payment, "P-1", 1, 1, eur("150"), None),
        ];
        let p = position(&docs, day(20));
        assert_eq!(p.balance, eur("-50.00"));
        assert_eq!(p.unapplied, eur("50.00"));
        assert!(p.open.is_empty());
        assert_eq!(p.overdue, Decimal::ZERO);
    }

    #[test]
    fn the_credit_limit_is_compared_with_the_balance() {
        let docs = vec![doc(DocKind::Invoice, "R-1", 0, 14, eur("1200"), None)];
        let p = position(&docs, day(1));
        assert!(p.over_limit(Some(eur("1000"))));
        assert!(!p.over_limit(None));
        assert_eq!(p.limit_use_pct(Some(eur("1000"))), Some(120));
        assert_eq!(p.limit_use_pct(Some(Decimal::ZERO)), None);
    }

    #[test]
    fn turnover_counts_invoices_less_credit_notes_since_a_day() {
        let docs = vec![
            doc(DocKind::Invoice, "R-0", 0, 14, eur("999"), None),
            doc(DocKind::Invoice, "R-1", 30, 44, eur("300"), None),
            doc(DocKind::CreditNote, "K-1", 31, 31, eur("50"), Some("R-1")),
            doc(DocKind::Payment, "P-1", 32, 32, eur("250"), None),
        ];
        assert_eq!(turnover(&docs, day(30)), eur("250.00"));
    }

    fn any_doc() -> impl Strategy<Value = MoneyDoc> {
        (
            0usize..3,
            0u32..40,
            0i64..120,
            0i64..60,
            -50_000i64..500_000,
            proptest::option::of(0u32..40),
        )
            .prop_map(|(k, n, date, terms, cents, refers)| {
                let kind = DocKind::ALL[k];
                let cents = if kind.allows_negative() {
                    cents
                } else {
                    cents.abs() + 1
                };
                let reference = refers.map(|r| format!("N{r}"));
                doc(
                    kind,
                    &format!("N{n}"),
                    date,
                    date + terms,
                    Decimal::new(cents, 2),
                    reference.as_deref(),
                )
            })
    }

    /// Documents as an import leaves them: one record per type and number.
    fn ledger(docs: Vec<MoneyDoc>) -> Vec<MoneyDoc> {
        let mut by_key = std::collections::BTreeMap::new();
        for d in docs {
            by_key.insert(d.id.clone(), d);
        }
        by_key.into_values().collect()
    }

    proptest! {
        #[test]
        fn the_balance_is_invoices_less_credit_notes_and_payments_in_any_order(
            docs in proptest::collection::vec(any_doc(), 0..30),
            seed in any::<u64>(),
            today in 0i64..200,
        ) {
            let docs = ledger(docs);
            let expected: Decimal = docs.iter().map(|d| match d.fields.kind {
                DocKind::Invoice => d.fields.amount,
                DocKind::CreditNote | DocKind::Payment => -d.fields.amount,
            }).sum();
            let p = position(&docs, day(today));
            prop_assert_eq!(p.balance, expected);

            let mut shuffled = docs.clone();
            let mut s = seed;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                shuffled.swap(i, (s >> 33) as usize % (i + 1));
            }
            prop_assert_eq!(position(&shuffled, day(today)), p);
        }

        #[test]
        fn the_aging_buckets_add_up_to_the_balance(
            docs in proptest::collection::vec(any_doc(), 0..30),
            today in 0i64..200,
        ) {
            let p = position(&ledger(docs), day(today));
            let buckets: Decimal = p.aging.buckets().iter().sum();
            prop_assert_eq!(buckets - p.unapplied, p.balance);
            prop_assert_eq!(p.open.iter().map(|o| o.open).sum::<Decimal>(), buckets);
            prop_assert!(p.aging.buckets().iter().all(|b| *b >= Decimal::ZERO));
            prop_assert!(p.unapplied >= Decimal::ZERO);
            // Credit is left over only when nothing is open.
            prop_assert!(p.unapplied.is_zero() || p.open.is_empty());
            prop_assert_eq!(p.overdue, buckets - p.aging.not_due);
        }

    }
}
