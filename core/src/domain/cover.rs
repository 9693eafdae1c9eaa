//! Deputy cover: during a manager's leave or sickness an appointed deputy
//! works their clients (all of them, or the ones chosen) from one day to
//! another. Access starts and ends by itself with the range.

use super::text;
use super::validation::{Issues, Problem};
use crate::sort;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Longest cover one appointment may make (a long sick leave is
/// appointed again, so nobody keeps a colleague's portfolio by oversight).
pub const MAX_DAYS: i64 = 184;
/// Most clients a cover of chosen clients may name.
pub const MAX_CLIENTS: usize = 500;

/// What the appointment form sends. The form turns its local days into
/// instants (the start of the first day, the end of the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverInput {
    pub owner_id: String,
    pub deputy_id: String,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    /// Empty: the whole portfolio.
    #[serde(default)]
    pub clients: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// A checked appointment, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCover {
    pub owner_id: String,
    pub deputy_id: String,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub clients: Option<Vec<String>>,
    pub note: Option<String>,
}

impl CoverInput {
    /// Checks the form's own rules; who may appoint whom is the server's.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<ValidCover, Issues> {
        let mut issues = Issues::default();
        if self.owner_id.trim().is_empty() {
            issues.push("owner_id", Problem::Required);
        }
        if self.deputy_id.trim().is_empty() {
            issues.push("deputy_id", Problem::Required);
        } else if self.deputy_id == self.owner_id {
            issues.push("deputy_id", Problem::SamePerson);
        }
        if self.ends <= self.starts {
            issues.push("ends", Problem::EndsBeforeStart);
        } else if self.ends - self.starts > Duration::days(MAX_DAYS) {
            issues.push(
                "ends",
                Problem::RangeTooLong {
                    max: MAX_DAYS as usize,
                },
            );
        } else if self.ends <= now {
            issues.push("ends", Problem::DateInPast);
        }
        if self.clients.len() > MAX_CLIENTS {
            issues.push("clients", Problem::TooManyItems { max: MAX_CLIENTS });
        }
        let note = issues.check("note", text::optional(&self.note, 2000));
        let mut clients = self.clients.clone();
        sort::natural(&mut clients);
        clients.dedup();
        issues.into_result(|| ValidCover {
            owner_id: self.owner_id.clone(),
            deputy_id: self.deputy_id.clone(),
            starts: self.starts,
            ends: self.ends,
            clients: (!clients.is_empty()).then_some(clients),
            note: note.flatten(),
        })
    }
}

/// A cover as listed and shown in the banner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverView {
    pub id: String,
    pub owner_id: String,
    pub owner_name: String,
    pub deputy_id: String,
    pub deputy_name: String,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    /// `None`: the whole portfolio.
    pub clients: Option<Vec<String>>,
    pub note: Option<String>,
}

impl CoverView {
    pub fn is_active(&self, now: DateTime<Utc>) -> bool {
        self.starts <= now && now < self.ends
    }

    pub fn is_over(&self, now: DateTime<Utc>) -> bool {
        self.ends <= now
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(starts_in_days: i64, days: i64) -> CoverInput {
        let now = Utc::now();
        CoverInput {
            owner_id: "ilze".into(),
            deputy_id: "janis".into(),
            starts: now + Duration::days(starts_in_days),
            ends: now + Duration::days(starts_in_days + days),
            clients: vec!["b".into(), "a".into(), "b".into()],
            note: "  Zvanīt SIA Koks pirmdien ".into(),
        }
    }

    #[test]
    fn a_good_cover_is_kept_tidy() {
        let v = input(0, 14).validate(Utc::now()).unwrap();
        assert_eq!(v.clients, Some(vec!["a".into(), "b".into()]));
        assert_eq!(v.note.as_deref(), Some("Zvanīt SIA Koks pirmdien"));
        let whole = CoverInput {
            clients: Vec::new(),
            ..input(0, 14)
        };
        assert_eq!(whole.validate(Utc::now()).unwrap().clients, None);
    }

    #[test]
    fn each_broken_rule_is_named_at_its_field() {
        let same = CoverInput {
            deputy_id: "ilze".into(),
            ..input(0, 1)
        };
        assert_eq!(
            same.validate(Utc::now()).unwrap_err().at("deputy_id"),
            Some(Problem::SamePerson)
        );
        let reversed = input(3, -2).validate(Utc::now()).unwrap_err();
        assert_eq!(reversed.at("ends"), Some(Problem::EndsBeforeStart));
        let long = input(0, MAX_DAYS + 1).validate(Utc::now()).unwrap_err();
        assert_eq!(
            long.at("ends"),
            Some(Problem::RangeTooLong {
                max: MAX_DAYS as usize
            })
        );
        let past = input(-10, 5).validate(Utc::now()).unwrap_err();
        assert_eq!(past.at("ends"), Some(Problem::DateInPast));
    }

    #[test]
    fn active_between_its_ends() {
        let now = Utc::now();
        let v = CoverView {
            id: "c".into(),
            owner_id: "o".into(),
            owner_name: "O".into(),
            deputy_id: "d".into(),
            deputy_name: "D".into(),
            starts: now - Duration::hours(1),
            ends: now + Duration::hours(1),
            clients: None,
            note: None,
        };
        assert!(v.is_active(now));
        assert!(!v.is_active(now + Duration::hours(2)));
        assert!(v.is_over(now + Duration::hours(1)));
    }
}
