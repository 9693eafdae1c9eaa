//! A letter about a client's account, queued on the device (offline too)
//! and sent by the server's mail outbox: a payment reminder (what is
//! overdue) or a reconciliation statement for a month, which the client
//! answers through its link — confirmed, or disputed with their own
//! balance. The device only asks for it; what became of it (sent, failed,
//! the answer) is the server's finding.

use super::statement::Month;
use crate::domain::code_enum::code_enum;
use crate::domain::user::Language;
use crate::domain::validation::{Issues, Problem};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

code_enum!(
    /// What the letter is.
    LetterPurpose {
        Reminder => "reminder",
        Reconciliation => "reconciliation",
    }
);

code_enum!(
    /// Where a letter stands: waiting in the outbox, sent, failed, and for
    /// a statement the client's answer.
    LetterStatus {
        Queued => "queued",
        Sent => "sent",
        Failed => "failed",
        Confirmed => "confirmed",
        Disputed => "disputed",
    }
);

/// What the manager asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterFields {
    pub client_id: String,
    pub purpose: LetterPurpose,
    /// The statement's month (a reconciliation only).
    pub month: Option<Month>,
    /// Whom it goes to; none: the card's own address.
    pub contact_id: Option<String>,
    /// The recipient's language.
    pub language: Language,
    /// A reminder template to write it from; none: the standard letter.
    #[serde(default)]
    pub template_id: Option<String>,
}

/// What the server found: sent or failed, and the client's answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LetterState {
    pub status: Option<LetterStatus>,
    pub sent_at: Option<DateTime<Utc>>,
    /// A mail server's refusal, or one of `MailFailure`'s codes.
    pub failure: Option<String>,
    /// The closing balance the statement gave.
    pub our_balance: Option<Decimal>,
    /// The balance the client stated when disputing.
    pub their_balance: Option<Decimal>,
    pub answer_note: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLetter {
    pub id: String,
    pub fields: LetterFields,
    pub state: LetterState,
    pub by: String,
    pub created_at: DateTime<Utc>,
}

impl AccountLetter {
    pub fn status(&self) -> LetterStatus {
        self.state.status.unwrap_or(LetterStatus::Queued)
    }

    /// A statement the client confirmed.
    pub fn confirmed(&self) -> bool {
        self.fields.purpose == LetterPurpose::Reconciliation
            && self.status() == LetterStatus::Confirmed
    }

    /// Ours less theirs, for a disputed statement.
    pub fn difference(&self) -> Option<Decimal> {
        Some(self.state.our_balance? - self.state.their_balance?)
    }
}

/// What the form submits and the operation carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterInput {
    pub client_id: String,
    pub purpose: LetterPurpose,
    /// `YYYY-MM`; empty for a reminder.
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub contact_id: Option<String>,
    pub language: Language,
    /// A reminder's template (ignored for a statement).
    #[serde(default)]
    pub template_id: Option<String>,
}

impl LetterInput {
    /// The names a letter operation carries.
    pub const FIELDS: &'static [&'static str] = &[
        "client_id",
        "purpose",
        "month",
        "contact_id",
        "language",
        "template_id",
    ];

    /// A statement is for a month that has begun by `today` (the latest day
    /// anywhere); a reminder names none.
    pub fn validate(&self, today: NaiveDate) -> Result<LetterFields, Issues> {
        let mut is = Issues::default();
        if self.client_id.trim().is_empty() {
            is.push("client_id", Problem::Required);
        }
        let month = match self.purpose {
            LetterPurpose::Reminder => None,
            LetterPurpose::Reconciliation => match Month::parse(&self.month) {
                None if self.month.trim().is_empty() => {
                    is.push("month", Problem::Required);
                    None
                }
                None => {
                    is.push("month", Problem::InvalidDate);
                    None
                }
                Some(m) if m > Month::of(today) => {
                    is.push("month", Problem::DateInFuture);
                    None
                }
                Some(m) => Some(m),
            },
        };
        let contact_id = self.contact_id.clone().filter(|c| !c.trim().is_empty());
        let template_id = self
            .template_id
            .clone()
            .filter(|t| !t.trim().is_empty() && self.purpose == LetterPurpose::Reminder);
        is.into_result(|| LetterFields {
            client_id: self.client_id.trim().to_string(),
            purpose: self.purpose,
            month,
            contact_id,
            language: self.language,
            template_id,
        })
    }
}

/// The client's answer to a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Confirmed,
    /// The client's own balance (negative: they say we owe them) and why.
    Disputed {
        balance: Decimal,
        note: Option<String>,
    },
}

/// What the answer page's form sends.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AnswerInput {
    /// `confirm` or `dispute`.
    pub action: String,
    #[serde(default)]
    pub balance: String,
    #[serde(default)]
    pub note: String,
}

impl AnswerInput {
    pub fn validate(&self) -> Result<Answer, Issues> {
        let mut is = Issues::default();
        match self.action.as_str() {
            "confirm" => Ok(Answer::Confirmed),
            "dispute" => {
                let text = self.balance.trim();
                let (negative, digits) = match text.strip_prefix(['-', '−']) {
                    Some(rest) => (true, rest),
                    None => (false, text),
                };
                let balance = match crate::domain::money::parse_eur(digits) {
                    Ok(Some(b)) => Some(if negative { -b } else { b }),
                    Ok(None) => {
                        is.push("balance", Problem::Required);
                        None
                    }
                    Err(p) => {
                        is.push("balance", p);
                        None
                    }
                };
                let note = is.check("note", crate::domain::text::optional(&self.note, 1000));
                is.into_result(|| Answer::Disputed {
                    balance: balance.unwrap_or_default(),
                    note: note.flatten(),
                })
            }
            _ => {
                is.push("action", Problem::Malformed);
                Err(is)
            }
        }
    }
}

/// The month whose statements are sent in `month`: the one before it.
pub fn reconciled_month(today: NaiveDate) -> Month {
    Month::of(today).previous()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn input(purpose: LetterPurpose, month: &str) -> LetterInput {
        LetterInput {
            client_id: "c1".into(),
            purpose,
            month: month.into(),
            contact_id: Some(" ".into()),
            language: Language::Lv,
            template_id: Some("t1".into()),
        }
    }

    #[test]
    fn an_answer_confirms_or_states_a_balance_either_way() {
        let confirm = AnswerInput {
            action: "confirm".into(),
            ..Default::default()
        };
        assert_eq!(confirm.validate().unwrap(), Answer::Confirmed);
        let dispute = |balance: &str| AnswerInput {
            action: "dispute".into(),
            balance: balance.into(),
            note: " rēķins R-7 apmaksāts ".into(),
        };
        assert_eq!(
            dispute("-1 200,50").validate().unwrap(),
            Answer::Disputed {
                balance: Decimal::new(-120050, 2),
                note: Some("rēķins R-7 apmaksāts".into())
            }
        );
        assert_eq!(
            dispute("").validate().unwrap_err().at("balance"),
            Some(Problem::Required)
        );
        assert!(dispute("daudz").validate().is_err());
        let odd = AnswerInput {
            action: "delete".into(),
            ..Default::default()
        };
        assert_eq!(
            odd.validate().unwrap_err().at("action"),
            Some(Problem::Malformed)
        );
    }

    #[test]
    fn a_statement_needs_a_month_that_has_begun() {
        let today = day(2026, 12, 1);
        let ok = input(LetterPurpose::Reconciliation, "2026-11")
            .validate(today)
            .unwrap();
        assert_eq!(ok.month.map(Month::code).as_deref(), Some("2026-11"));
        assert_eq!(ok.contact_id, None);
        for (month, problem) in [
            ("", Problem::Required),
            ("novembris", Problem::InvalidDate),
            ("2027-01", Problem::DateInFuture),
        ] {
            let issues = input(LetterPurpose::Reconciliation, month)
                .validate(today)
                .unwrap_err();
            assert_eq!(issues.at("month"), Some(problem), "{month}");
        }
        assert_eq!(ok.template_id, None, "a statement is never templated");
        let reminder = input(LetterPurpose::Reminder, "2026-11")
            .validate(today)
            .unwrap();
        assert_eq!(reminder.month, None);
        assert_eq!(reminder.template_id.as_deref(), Some("t1"));
        assert_eq!(reconciled_month(today).code(), "2026-11");
        assert_eq!(reconciled_month(day(2027, 1, 20)).code(), "2026-12");
    }
}
