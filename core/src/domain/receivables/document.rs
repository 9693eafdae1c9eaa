//! One accounting document about a client: an invoice (the client owes
//! more), a credit note (less) or a payment (less; a negative payment is
//! money returned to the client). Its key is its type and number, so the
//! same document imported again is the same record.

use crate::domain::code_enum::code_enum;
use crate::domain::validation::{Issue, Issues, Problem};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

code_enum!(
    /// What a document does to the balance.
    DocKind {
        Invoice => "invoice",
        CreditNote => "credit_note",
        Payment => "payment",
    }
);

impl DocKind {
    /// What one unit of the document's amount does to what the client owes.
    pub fn sign(self) -> Decimal {
        match self {
            DocKind::Invoice => Decimal::ONE,
            DocKind::CreditNote | DocKind::Payment => Decimal::NEGATIVE_ONE,
        }
    }

    /// Only a payment may be negative (a payment returned); an invoice or
    /// credit note states a positive amount, its type says which way.
    pub fn allows_negative(self) -> bool {
        self == DocKind::Payment
    }
}

/// The only currency the ledger keeps; a document in another is refused
/// rather than converted at a guessed rate.
pub const CURRENCY: &str = "EUR";

/// Numbers are what accounting printed on the document: kept as given, at
/// most this long.
pub const MAX_NUMBER: usize = 60;
const MAX_REFERENCE: usize = 200;
/// A sanity bound on one document's amount.
const MAX_AMOUNT: i64 = 1_000_000_000;

/// A document as accounting states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocFields {
    pub client_id: String,
    pub kind: DocKind,
    pub number: String,
    pub date: NaiveDate,
    /// When an invoice falls due; an invoice without one is due on its date.
    pub due: Option<NaiveDate>,
    pub amount: Decimal,
    pub currency: String,
    /// What the document refers to (a payment's invoice number, a bank
    /// reference).
    pub reference: Option<String>,
}

/// A stored document, as a device receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneyDoc {
    pub id: String,
    pub fields: DocFields,
}

/// The record key of a document: its type and number, so a re-import finds
/// the record it made before.
pub fn key(kind: DocKind, number: &str) -> String {
    format!("{}-{}", kind.code(), number.trim())
}

impl DocFields {
    /// The day from which an unpaid invoice is overdue.
    pub fn due_on(&self) -> NaiveDate {
        self.due.unwrap_or(self.date)
    }

    /// The amount's effect on the balance (an invoice +, the others −).
    pub fn signed(&self) -> Decimal {
        self.amount * self.kind.sign()
    }

    pub fn validate(&self) -> Result<(), Issues> {
        let mut issues = Vec::new();
        let number = self.number.trim();
        if number.is_empty() {
            issues.push(Issue::new("number", Problem::Required));
        } else if number.chars().count() > MAX_NUMBER {
            issues.push(Issue::new("number", Problem::TooLong { max: MAX_NUMBER }));
        }
        if self.client_id.trim().is_empty() {
            issues.push(Issue::new("client_id", Problem::Required));
        }
        if self.amount.is_zero() {
            issues.push(Issue::new("amount", Problem::Required));
        } else if self.amount.is_sign_negative() && !self.kind.allows_negative() {
            issues.push(Issue::new("amount", Problem::NegativeAmount));
        }
        if self.amount.abs() > Decimal::from(MAX_AMOUNT) {
            issues.push(Issue::new("amount", Problem::AmountTooLarge));
        }
        if self.amount.normalize().scale() > 2 {
            issues.push(Issue::new("amount", Problem::TooManyDecimals));
        }
        if self.currency != CURRENCY {
            issues.push(Issue::new("currency", Problem::UnsupportedCurrency));
        }
        if self.due.is_some_and(|d| d < self.date) {
            issues.push(Issue::new("due", Problem::EndsBeforeStart));
        }
        if self
            .reference
            .as_deref()
            .is_some_and(|r| r.chars().count() > MAX_REFERENCE)
        {
            issues.push(Issue::new(
                "reference",
                Problem::TooLong { max: MAX_REFERENCE },
            ));
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(Issues(issues))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(amount: &str) -> DocFields {
        DocFields {
            client_id: "c1".into(),
            kind: DocKind::Invoice,
            number: "R-1".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            due: NaiveDate::from_ymd_opt(2026, 11, 16),
            amount: amount.parse().unwrap(),
            currency: CURRENCY.into(),
            reference: None,
        }
    }

    fn problems(d: &DocFields) -> Vec<(String, Problem)> {
        match d.validate() {
            Ok(()) => vec![],
            Err(Issues(v)) => v.into_iter().map(|i| (i.path, i.problem)).collect(),
        }
    }

    #[test]
    fn only_a_payment_may_be_negative() {
        assert!(problems(&invoice("120.50")).is_empty());
        assert_eq!(
            problems(&invoice("-1")),
            vec![("amount".into(), Problem::NegativeAmount)]
        );
        let mut refund = invoice("-40");
        refund.kind = DocKind::Payment;
        assert!(problems(&refund).is_empty());
        assert_eq!(refund.signed(), "40".parse().unwrap());
    }

    #[test]
    fn other_currencies_cents_and_due_days_are_checked() {
        let mut d = invoice("1.005");
        d.currency = "USD".into();
        d.due = NaiveDate::from_ymd_opt(2026, 11, 1);
        let found: Vec<String> = problems(&d).into_iter().map(|(p, _)| p).collect();
        assert_eq!(found, vec!["amount", "currency", "due"]);
    }

    #[test]
    fn a_document_is_keyed_by_type_and_number() {
        assert_eq!(key(DocKind::CreditNote, " KR-7 "), "credit_note-KR-7");
        assert_ne!(key(DocKind::Invoice, "7"), key(DocKind::Payment, "7"));
    }
}
