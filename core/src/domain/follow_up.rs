//! A follow-up: the next step with a client (call again, send a proposal,
//! meet, send a contract draft, sign the contract), due at a time, done once. It syncs field by
//! field like a card, so marking it done on one device and moving it on
//! another both survive.
//!
//! Something done on the spot (a proposal e-mailed just now, a contract
//! signed) is a follow-up created done: the day's proposal counter and the
//! month's new-contract counter count those.

use super::code_enum::code_enum;
use super::text;
use super::validation::{Issues, Problem};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

code_enum!(
    /// What is to be done.
    FollowUpAction {
        Call => "call",
        Proposal => "proposal",
        Meeting => "meeting",
        ContractDraft => "contract_draft",
        SignContract => "sign_contract",
    }
);

/// How far ahead a step may be planned (a typo guard: "2206" for "2026").
pub const MAX_AHEAD_DAYS: i64 = 3 * 366;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpFields {
    pub client_id: String,
    pub contact_id: Option<String>,
    pub action: FollowUpAction,
    pub due: DateTime<Utc>,
    pub note: Option<String>,
    /// When it was done; `None` while it is open.
    pub done_at: Option<DateTime<Utc>>,
    /// The call it was planned on, if any.
    pub call_id: Option<String>,
}

/// A stored follow-up as devices receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub id: String,
    pub fields: FollowUpFields,
    /// Who planned it.
    pub by: String,
    pub created_at: DateTime<Utc>,
}

impl FollowUp {
    pub fn is_open(&self) -> bool {
        self.fields.done_at.is_none()
    }
}

/// What the forms submit and what operations carry, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpInput {
    pub client_id: String,
    #[serde(default)]
    pub contact_id: Option<String>,
    pub action: FollowUpAction,
    pub due: DateTime<Utc>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub call_id: Option<String>,
}

impl FollowUpInput {
    /// The names a follow-up operation may set.
    pub const FIELDS: &'static [&'static str] = &[
        "client_id",
        "contact_id",
        "action",
        "due",
        "note",
        "done_at",
        "call_id",
    ];

    pub fn of(f: &FollowUpFields) -> FollowUpInput {
        FollowUpInput {
            client_id: f.client_id.clone(),
            contact_id: f.contact_id.clone(),
            action: f.action,
            due: f.due,
            note: f.note.clone().unwrap_or_default(),
            done_at: f.done_at,
            call_id: f.call_id.clone(),
        }
    }

    pub fn validate(&self, now: DateTime<Utc>) -> Result<FollowUpFields, Issues> {
        let mut is = Issues::default();
        if self.client_id.trim().is_empty() {
            is.push("client_id", Problem::Required);
        }
        if self.due > now + Duration::days(MAX_AHEAD_DAYS) {
            is.push("due", Problem::InvalidDate);
        }
        if self
            .done_at
            .is_some_and(|d| d > now + Duration::minutes(super::call_log::CLOCK_SLACK_MINUTES))
        {
            is.push("done_at", Problem::DateInFuture);
        }
        let note = is.check("note", text::optional(&self.note, 1000));
        let blank = |s: &Option<String>| s.clone().filter(|c| !c.trim().is_empty());
        is.into_result(|| FollowUpFields {
            client_id: self.client_id.trim().to_string(),
            contact_id: blank(&self.contact_id),
            action: self.action,
            due: self.due,
            note: note.flatten(),
            done_at: self.done_at,
            call_id: blank(&self.call_id),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(due: DateTime<Utc>) -> FollowUpInput {
        FollowUpInput {
            client_id: " c1 ".into(),
            contact_id: Some("".into()),
            action: FollowUpAction::Call,
            due,
            note: "  ".into(),
            done_at: None,
            call_id: None,
        }
    }

    #[test]
    fn the_declared_fields_are_the_forms() {
        let v = serde_json::to_value(input(Utc::now())).unwrap();
        let mut names: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut declared = FollowUpInput::FIELDS.to_vec();
        crate::sort::natural(&mut names);
        crate::sort::natural(&mut declared);
        assert_eq!(names, declared);
    }

    #[test]
    fn a_plain_follow_up_is_cleaned_up() {
        let now = Utc::now();
        let f = input(now + Duration::days(1)).validate(now).unwrap();
        assert_eq!(f.client_id, "c1");
        assert_eq!(f.contact_id, None);
        assert_eq!(f.note, None);
        assert_eq!(FollowUpInput::of(&f).validate(now), Ok(f));
    }

    #[test]
    fn overdue_is_allowed_far_ahead_and_done_in_the_future_are_not() {
        let now = Utc::now();
        assert!(input(now - Duration::days(400)).validate(now).is_ok());
        let far = input(now + Duration::days(MAX_AHEAD_DAYS + 1))
            .validate(now)
            .unwrap_err();
        assert_eq!(far.at("due"), Some(Problem::InvalidDate));
        let mut done = input(now);
        done.done_at = Some(now + Duration::hours(1));
        assert_eq!(
            done.validate(now).unwrap_err().at("done_at"),
            Some(Problem::DateInFuture)
        );
        let mut blank = input(now);
        blank.client_id = " ".into();
        assert_eq!(
            blank.validate(now).unwrap_err().at("client_id"),
            Some(Problem::Required)
        );
    }

    #[test]
    fn codes_round_trip() {
        for a in FollowUpAction::ALL {
            assert_eq!(FollowUpAction::parse(a.code()), Some(*a));
        }
    }
}
