//! A reconciliation statement (salīdzināšanas akts) for one client and one
//! month: the balance the month opened with, every document dated in it
//! (invoices on the debit side; credit notes and payments on the credit
//! side, a payment returned on the debit side), and the balance it closed
//! with. The client confirms that closing balance or states their own.

use super::document::MoneyDoc;
use crate::sort;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// Reads `YYYY-MM`; `None` for anything else.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        let m = Month {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
        };
        m.first().map(|_| m)
    }

    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// Its first day; `None` for a month that does not exist.
    pub fn first(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    /// Its last day.
    pub fn last(self) -> Option<NaiveDate> {
        self.next().first().and_then(|d| d.pred_opt())
    }

    pub fn next(self) -> Month {
        if self.month >= 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn previous(self) -> Month {
        if self.month <= 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }
}

/// One document on the statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    pub date: NaiveDate,
    pub kind: super::document::DocKind,
    pub number: String,
    /// What it added to what the client owes.
    pub debit: Decimal,
    /// What it took off.
    pub credit: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub month: Month,
    pub opening: Decimal,
    pub lines: Vec<StatementLine>,
    pub debit: Decimal,
    pub credit: Decimal,
    pub closing: Decimal,
}

/// `client_id`'s statement for `month` from the documents given (others'
/// are left out). Lines run by date, then type and number, so the
/// statement never depends on the order the documents came in.
pub fn statement<'a>(
    docs: impl IntoIterator<Item = &'a MoneyDoc>,
    client_id: &str,
    month: Month,
) -> Statement {
    let (Some(first), Some(last)) = (month.first(), month.last()) else {
        return Statement {
            month,
            opening: Decimal::ZERO,
            lines: Vec::new(),
            debit: Decimal::ZERO,
            credit: Decimal::ZERO,
            closing: Decimal::ZERO,
        };
    };
    let mut opening = Decimal::ZERO;
    let mut lines = Vec::new();
    for d in docs.into_iter().filter(|d| d.fields.client_id == client_id) {
        let signed = d.fields.signed();
        if d.fields.date < first {
            opening += signed;
        } else if d.fields.date <= last {
            lines.push(StatementLine {
                date: d.fields.date,
                kind: d.fields.kind,
                number: d.fields.number.clone(),
                debit: signed.max(Decimal::ZERO),
                credit: (-signed).max(Decimal::ZERO),
            });
        }
    }
    sort::by(&mut lines, |a, b| {
        (a.date, a.kind, &a.number).cmp(&(b.date, b.kind, &b.number))
    });
    let debit: Decimal = lines.iter().map(|l| l.debit).sum();
    let credit: Decimal = lines.iter().map(|l| l.credit).sum();
    Statement {
        month,
        opening,
        closing: opening + debit - credit,
        lines,
        debit,
        credit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::receivables::document::{DocFields, DocKind};
    use crate::domain::receivables::position::position;
    use proptest::prelude::*;

    fn doc(n: usize, kind: DocKind, date: NaiveDate, cents: i64) -> MoneyDoc {
        MoneyDoc {
            id: format!("{}-{n}", kind.code()),
            fields: DocFields {
                client_id: "c1".into(),
                kind,
                number: n.to_string(),
                date,
                due: Some(date),
                amount: Decimal::new(cents, 2),
                currency: "EUR".into(),
                reference: None,
            },
        }
    }

    #[test]
    fn months_read_and_step_across_the_year() {
        let dec = Month::parse("2026-12").unwrap();
        assert_eq!(dec.next().code(), "2027-01");
        assert_eq!(dec.next().previous(), dec);
        assert_eq!(dec.last(), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("decembris"), None);
    }

    #[test]
    fn a_month_opens_with_what_came_before_and_lists_only_its_own() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let docs = [
            doc(1, DocKind::Invoice, d(10, 5), 100_000),
            doc(2, DocKind::Payment, d(11, 3), 40_000),
            doc(3, DocKind::Invoice, d(11, 20), 25_000),
            doc(4, DocKind::CreditNote, d(11, 21), 5_000),
            doc(5, DocKind::Payment, d(11, 25), -1_000),
            doc(6, DocKind::Invoice, d(12, 1), 99_900),
        ];
        let s = statement(&docs, "c1", Month::parse("2026-11").unwrap());
        assert_eq!(s.opening, Decimal::new(100_000, 2));
        let numbers: Vec<&str> = s.lines.iter().map(|l| l.number.as_str()).collect();
        assert_eq!(numbers, ["2", "3", "4", "5"]);
        assert_eq!(s.lines[3].debit, Decimal::new(1_000, 2), "money returned");
        assert_eq!(s.closing, Decimal::new(81_000, 2));
    }

    proptest! {
        /// closing = opening + debit − credit, and it is the balance the
        /// documents give on the month's last day, in any order.
        #[test]
        fn the_closing_balance_is_the_balance_at_the_months_end(
            raw in proptest::collection::vec((0u8..3, 0i64..120, -50_000i64..500_000), 0..25),
            reversed in any::<bool>(),
        ) {
            let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
            let mut docs: Vec<MoneyDoc> = raw.iter().enumerate().map(|(i, (k, day, cents))| {
                let kind = [DocKind::Invoice, DocKind::CreditNote, DocKind::Payment][*k as usize];
                let cents = if kind.allows_negative() { *cents } else { cents.abs() };
                doc(i, kind, start + chrono::Duration::days(*day), cents)
            }).collect();
            if reversed { docs.reverse(); }
            let month = Month::parse("2026-10").unwrap();
            let s = statement(&docs, "c1", month);
            prop_assert_eq!(s.closing, s.opening + s.debit - s.credit);
            let until: Vec<&MoneyDoc> = docs.iter()
                .filter(|d| d.fields.date <= month.last().unwrap()).collect();
            prop_assert_eq!(s.closing, position(until, month.last().unwrap()).balance);
            let mut forwards = docs.clone();
            sort::by(&mut forwards, |a, b| a.id.cmp(&b.id));
            prop_assert_eq!(statement(&forwards, "c1", month), s);
        }
    }
}
