//! A promise to pay: the client says they will pay an amount by a day. The
//! manager records it from the chasing call (a follow-up on that day comes
//! with it), and it keeps itself: the payments accounting imports from the
//! day it was made count towards it. Paid in full → kept; the day passed
//! without that → broken, and flagged where the manager chases.
//!
//! A promise is made once and never edited (a new promise replaces an old
//! one in the manager's eyes; both stay on record).

use super::document::{DocKind, MoneyDoc};
use crate::domain::code_enum::code_enum;
use crate::domain::money::parse_eur;
use crate::domain::text;
use crate::domain::validation::{Issues, Problem};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How far ahead a promise may be dated (a typo guard).
pub const MAX_AHEAD_DAYS: i64 = 366;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromiseFields {
    pub client_id: String,
    pub amount: Decimal,
    /// The day the client will have paid by.
    pub due: NaiveDate,
    /// The day it was made, the client's day as the manager saw it.
    pub made_on: NaiveDate,
    pub note: Option<String>,
}

/// A promise as devices hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    pub id: String,
    pub fields: PromiseFields,
    pub by: String,
    pub created_at: DateTime<Utc>,
}

/// What the form submits and the operation carries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PromiseInput {
    pub client_id: String,
    pub amount: String,
    /// `YYYY-MM-DD` as the date field gives it.
    pub due: String,
    pub made_on: String,
    #[serde(default)]
    pub note: String,
}

impl PromiseInput {
    /// The names a promise operation carries.
    pub const FIELDS: &'static [&'static str] = &["client_id", "amount", "due", "made_on", "note"];

    /// Checked against `today`, the latest day anywhere on a device or the
    /// server, so a promise made just after a local midnight is not refused.
    pub fn validate(&self, today: NaiveDate) -> Result<PromiseFields, Issues> {
        let mut is = Issues::default();
        if self.client_id.trim().is_empty() {
            is.push("client_id", Problem::Required);
        }
        let amount = match parse_eur(&self.amount) {
            Ok(Some(a)) if a > Decimal::ZERO => Some(a),
            Ok(Some(_)) => {
                is.push("amount", Problem::InvalidAmount);
                None
            }
            Ok(None) => {
                is.push("amount", Problem::Required);
                None
            }
            Err(p) => {
                is.push("amount", p);
                None
            }
        };
        let day = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let made_on = day(&self.made_on);
        match made_on {
            None => is.push("made_on", Problem::InvalidDate),
            Some(d) if d > today => is.push("made_on", Problem::DateInFuture),
            Some(_) => {}
        }
        let due = day(&self.due);
        match (due, made_on) {
            (None, _) if self.due.trim().is_empty() => is.push("due", Problem::Required),
            (None, _) => is.push("due", Problem::InvalidDate),
            (Some(d), Some(m)) if d < m => is.push("due", Problem::DateInPast),
            (Some(d), _) if d > today + Duration::days(MAX_AHEAD_DAYS) => {
                is.push("due", Problem::InvalidDate)
            }
            _ => {}
        }
        let note = is.check("note", text::optional(&self.note, 500));
        is.into_result(|| PromiseFields {
            client_id: self.client_id.trim().to_string(),
            amount: amount.unwrap_or_default(),
            due: due.unwrap_or_default(),
            made_on: made_on.unwrap_or_default(),
            note: note.flatten(),
        })
    }
}

code_enum!(
    /// Where a promise stands: not yet paid in full with its day still to
    /// come, paid in full, or its day passed without that.
    Keeping {
        Pending => "pending",
        Kept => "kept",
        Broken => "broken",
    }
);

/// What the client paid towards `p`: payments dated from the day it was
/// made on.
pub fn paid_towards<'a>(
    p: &PromiseFields,
    docs: impl IntoIterator<Item = &'a MoneyDoc>,
) -> Decimal {
    docs.into_iter()
        .filter(|d| {
            d.fields.client_id == p.client_id
                && d.fields.kind == DocKind::Payment
                && d.fields.date >= p.made_on
        })
        .map(|d| d.fields.amount)
        .sum()
}

/// Whether `p` is kept, broken or still pending on `today`.
pub fn keeping<'a>(
    p: &PromiseFields,
    docs: impl IntoIterator<Item = &'a MoneyDoc>,
    today: NaiveDate,
) -> Keeping {
    if paid_towards(p, docs) >= p.amount {
        Keeping::Kept
    } else if today > p.due {
        Keeping::Broken
    } else {
        Keeping::Pending
    }
}

/// The newest promise of `client_id` among `promises` (the one the
/// manager holds the client to).
pub fn latest<'a>(
    promises: impl IntoIterator<Item = &'a Promise>,
    client_id: &str,
) -> Option<&'a Promise> {
    promises
        .into_iter()
        .filter(|p| p.fields.client_id == client_id)
        .max_by_key(|p| (p.created_at, p.id.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::receivables::document::DocFields;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn payment(n: u32, on: NaiveDate, cents: i64) -> MoneyDoc {
        MoneyDoc {
            id: format!("payment-{n}"),
            fields: DocFields {
                client_id: "c1".into(),
                kind: DocKind::Payment,
                number: n.to_string(),
                date: on,
                due: None,
                amount: Decimal::new(cents, 2),
                currency: "EUR".into(),
                reference: None,
            },
        }
    }

    fn promise(cents: i64) -> PromiseFields {
        PromiseFields {
            client_id: "c1".into(),
            amount: Decimal::new(cents, 2),
            due: d(2026, 12, 10),
            made_on: d(2026, 12, 1),
            note: None,
        }
    }

    #[test]
    fn the_form_reads_the_amount_and_days_and_says_what_is_wrong() {
        let today = d(2026, 12, 1);
        let ok = PromiseInput {
            client_id: "c1".into(),
            amount: "1 234,50".into(),
            due: "2026-12-10".into(),
            made_on: "2026-12-01".into(),
            note: String::new(),
        };
        let f = ok.validate(today).unwrap();
        assert_eq!(f.amount, Decimal::new(123450, 2));
        let bad = PromiseInput {
            amount: "-5".into(),
            due: "2026-11-20".into(),
            ..ok.clone()
        };
        let paths: Vec<String> = bad
            .validate(today)
            .unwrap_err()
            .0
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(paths, ["amount", "due"]);
        let far = PromiseInput {
            due: "2028-12-10".into(),
            ..ok
        };
        assert_eq!(far.validate(today).unwrap_err().0[0].path, "due");
    }

    #[test]
    fn payments_before_the_promise_do_not_keep_it() {
        let p = promise(50000);
        let early = payment(1, d(2026, 11, 30), 50000);
        assert_eq!(keeping(&p, [&early], d(2026, 12, 11)), Keeping::Broken);
        let on_time = payment(2, d(2026, 12, 9), 50000);
        assert_eq!(
            keeping(&p, [&early, &on_time], d(2026, 12, 11)),
            Keeping::Kept
        );
        assert_eq!(keeping(&p, [&early], d(2026, 12, 10)), Keeping::Pending);
    }

    proptest! {
        /// Kept exactly when the payments since it was made reach the
        /// amount, whatever their order; otherwise broken only after its day.
        #[test]
        fn kept_when_paid_in_full_broken_only_after_its_day(
            parts in proptest::collection::vec((0u32..20, 1i64..40_000), 0..6),
            amount in 1i64..100_000,
            today_offset in 0i64..30,
        ) {
            let p = promise(amount);
            let docs: Vec<MoneyDoc> = parts.iter().enumerate()
                .map(|(i, (day, cents))| payment(i as u32, d(2026, 11, 25) + Duration::days(i64::from(*day)), *cents))
                .collect();
            let today = p.made_on + Duration::days(today_offset);
            let paid: i64 = parts.iter()
                .filter(|(day, _)| d(2026, 11, 25) + Duration::days(i64::from(*day)) >= p.made_on)
                .map(|(_, c)| c).sum();
            let forwards = keeping(&p, docs.iter(), today);
            let backwards = keeping(&p, docs.iter().rev(), today);
            prop_assert_eq!(forwards, backwards);
            let expected = if paid >= amount { Keeping::Kept }
                else if today > p.due { Keeping::Broken } else { Keeping::Pending };
            prop_assert_eq!(forwards, expected);
        }
    }
}
