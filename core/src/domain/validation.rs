//! Typed validation problems. The UI translates an [`Issue`] into the user's
//! language and shows it next to the field named by its path; the server and
//! the CLI print [`Issue::describe`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// What is wrong with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    InvalidPhone,
    /// The browser has not loaded the numbering plans yet (see `phone`).
    PhoneRulesNotLoaded,
    InvalidEmail,
    /// Not 11 digits.
    RegNoFormat,
    /// 11 digits, but the check digit does not match.
    RegNoChecksum,
    /// Not "LV" followed by a valid registration number.
    VatFormat,
    InvalidAmount,
    NegativeAmount,
    TooManyDecimals,
    AmountTooLarge,
    InvalidDays,
    InvalidDate,
    DateInFuture,
    InvalidUrl,
    PasswordTooShort {
        min: usize,
    },
    TooManyItems {
        max: usize,
    },
    /// A synced change whose values do not have the expected shape.
    Malformed,
    /// The end of a range is not after its start.
    EndsBeforeStart,
    /// A range that has already ended.
    DateInPast,
    /// The same person in two roles that must differ (a deputy for themselves).
    SamePerson,
    RangeTooLong {
        max: usize,
    },
    /// A unique value another card holds, one the user may not see.
    TakenElsewhere,
    /// Not the user's current password.
    WrongPassword,
    /// Braces that name no merge field (or are never closed).
    UnknownMergeField,
    /// A merge field where it cannot stand (the offer's lines in a subject).
    MergeFieldNotHere,
    /// A name another record of the same kind already has.
    Taken,
    /// A file over the size allowed.
    FileTooLarge {
        max_mb: usize,
    },
    /// A file of a kind not taken here.
    UnsupportedFile,
    /// Money in a currency the ledger does not keep (only EUR).
    UnsupportedCurrency,
}

/// A problem at a field path such as `name`, `credit_limit` or
/// `contacts.0.phones.1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    pub path: String,
    pub problem: Problem,
}

impl Issue {
    pub fn new(path: impl Into<String>, problem: Problem) -> Self {
        Self {
            path: path.into(),
            problem,
        }
    }

    /// An English description for logs, the CLI and API clients.
    pub fn describe(&self) -> String {
        let what = match self.problem {
            Problem::Required => "is required".to_string(),
            Problem::TooLong { max } => format!("is longer than {max} characters"),
            Problem::InvalidPhone => "is not a valid phone number".into(),
            Problem::PhoneRulesNotLoaded => {
                "cannot be checked until the phone number rules are loaded".into()
            }
            Problem::InvalidEmail => "is not a valid e-mail address".into(),
            Problem::RegNoFormat => "must be 11 digits".into(),
            Problem::RegNoChecksum => "has a wrong check digit".into(),
            Problem::VatFormat => "must be LV followed by a valid 11-digit number".into(),
            Problem::InvalidAmount => "is not an amount".into(),
            Problem::NegativeAmount => "must not be negative".into(),
            Problem::TooManyDecimals => "has more than 2 decimals".into(),
            Problem::AmountTooLarge => "is too large".into(),
            Problem::InvalidDays => "must be a whole number of days from 0 to 365".into(),
            Problem::InvalidDate => "is not a date".into(),
            Problem::DateInFuture => "is in the future".into(),
            Problem::InvalidUrl => "is not a web address".into(),
            Problem::PasswordTooShort { min } => format!("must have at least {min} characters"),
            Problem::TooManyItems { max } => format!("has more than {max} entries"),
            Problem::Malformed => "could not be read (malformed change)".into(),
            Problem::EndsBeforeStart => "must be after the start".into(),
            Problem::DateInPast => "is in the past".into(),
            Problem::SamePerson => "must be someone else".into(),
            Problem::RangeTooLong { max } => format!("makes a range longer than {max} days"),
            Problem::WrongPassword => "is not the current password".into(),
            Problem::TakenElsewhere => "is on a card in another portfolio; ask your head".into(),
            Problem::UnknownMergeField => format!(
                "names a merge field that does not exist (known: {})",
                crate::domain::template::MergeField::ALL
                    .iter()
                    .map(|f| format!("{{{}}}", f.code()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Problem::MergeFieldNotHere => {
                "may not hold a field of several lines ({lines}, {conditions}, {points}): a subject is one line".into()
            }
            Problem::Taken => "is already used by another one".into(),
            Problem::FileTooLarge { max_mb } => format!("is larger than {max_mb} MB"),
            Problem::UnsupportedFile => "is not a PDF, JPEG or PNG file".into(),
            Problem::UnsupportedCurrency => "is not EUR".into(),
        };
        format!("{} {}", self.path, what)
    }
}

/// All problems found in one input; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issues(pub Vec<Issue>);

impl Issues {
    pub fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.0.push(Issue::new(path, problem));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem at exactly this path, for showing under a field.
    pub fn at(&self, path: &str) -> Option<Problem> {
        self.0.iter().find(|i| i.path == path).map(|i| i.problem)
    }

    /// Collects the result of one field check.
    pub fn check<T>(&mut self, path: impl Into<String>, r: Result<T, Problem>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(p) => {
                self.push(path, p);
                None
            }
        }
    }

    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Issues> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Issues {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(Issue::describe).collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for Issues {}
