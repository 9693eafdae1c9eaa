//! A logged call: the record the customer named first. Created once and never
//! edited in place (a correction is a new record), so devices never conflict
//! on it.

use super::calling::call_kind::CallKind;
use super::code_enum::code_enum;
use super::text;
use super::validation::{Issues, Problem};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

code_enum!(
    /// Who dialled.
    Direction { Outgoing => "outgoing", Incoming => "incoming" }
);

code_enum!(
    /// How the call went.
    Outcome {
        Connected => "connected",
        NoAnswer => "no_answer",
        Busy => "busy",
        LeftMessage => "left_message",
        WrongNumber => "wrong_number",
        CallBackLater => "call_back_later",
    }
);

/// Longest call we accept as typed (a typo guard, not a business rule).
pub const MAX_DURATION_S: u32 = 4 * 3600;
/// How far a device clock may run ahead before "in the future" is an error.
pub const CLOCK_SLACK_MINUTES: i64 = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFields {
    pub client_id: String,
    pub contact_id: Option<String>,
    pub at: DateTime<Utc>,
    pub direction: Direction,
    pub outcome: Outcome,
    /// What the call was for (calls logged before kinds existed are ordinary).
    #[serde(default = "ordinary")]
    pub kind: CallKind,
    pub duration_s: u32,
    pub note: Option<String>,
}

fn ordinary() -> CallKind {
    CallKind::Ordinary
}

/// A stored call log as devices receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallLog {
    pub id: String,
    pub fields: CallFields,
    /// Who logged it.
    pub by: String,
    /// The owner of the client, when a deputy logged it for them.
    #[serde(default)]
    pub on_behalf_of: Option<String>,
    pub logged_at: DateTime<Utc>,
}

/// What the call form submits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallInput {
    pub client_id: String,
    pub contact_id: Option<String>,
    pub at: DateTime<Utc>,
    pub direction: Direction,
    pub outcome: Outcome,
    #[serde(default = "ordinary")]
    pub kind: CallKind,
    /// Seconds ("95") or minutes and seconds ("1:35"), as typed.
    pub duration: String,
    pub note: String,
}

/// Reads "95", "1:35" or "" (zero) as seconds.
pub fn parse_duration(input: &str) -> Result<u32, Problem> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(0);
    }
    let secs = match t.split_once(':') {
        Some((m, s)) => {
            let m: u32 = m.trim().parse().map_err(|_| Problem::InvalidAmount)?;
            let s: u32 = s.trim().parse().map_err(|_| Problem::InvalidAmount)?;
            if s >= 60 {
                return Err(Problem::InvalidAmount);
            }
            m.checked_mul(60)
                .and_then(|x| x.checked_add(s))
                .ok_or(Problem::AmountTooLarge)?
        }
        None => t.parse().map_err(|_| Problem::InvalidAmount)?,
    };
    if secs > MAX_DURATION_S {
        return Err(Problem::AmountTooLarge);
    }
    Ok(secs)
}

impl CallInput {
    pub fn validate(&self, now: DateTime<Utc>) -> Result<CallFields, Issues> {
        let mut is = Issues::default();
        if self.client_id.trim().is_empty() {
            is.push("client_id", Problem::Required);
        }
        if self.at > now + Duration::minutes(CLOCK_SLACK_MINUTES) {
            is.push("at", Problem::DateInFuture);
        }
        let duration = is.check("duration", parse_duration(&self.duration));
        let note = is.check("note", text::optional(&self.note, 2000));
        is.into_result(|| CallFields {
            client_id: self.client_id.trim().to_string(),
            contact_id: self.contact_id.clone().filter(|c| !c.trim().is_empty()),
            at: self.at,
            direction: self.direction,
            outcome: self.outcome,
            kind: self.kind,
            duration_s: duration.unwrap_or(0),
            note: note.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input(at: DateTime<Utc>) -> CallInput {
        CallInput {
            client_id: "c1".into(),
            contact_id: Some(" ".into()),
            at,
            direction: Direction::Outgoing,
            outcome: Outcome::NoAnswer,
            kind: CallKind::PhoneOffer,
            duration: "1:35".into(),
            note: "  ".into(),
        }
    }

    #[test]
    fn durations_as_people_type_them() {
        assert_eq!(parse_duration(""), Ok(0));
        assert_eq!(parse_duration("95"), Ok(95));
        assert_eq!(parse_duration("1:35"), Ok(95));
        assert_eq!(parse_duration("1:75"), Err(Problem::InvalidAmount));
        assert_eq!(parse_duration("ilgi"), Err(Problem::InvalidAmount));
        assert_eq!(parse_duration("300:00"), Err(Problem::AmountTooLarge));
    }

    #[test]
    fn a_call_logged_after_the_fact_keeps_its_time() {
        let now = Utc::now();
        let f = input(now - Duration::hours(3)).validate(now).unwrap();
        assert_eq!(f.at, now - Duration::hours(3));
        assert_eq!(f.duration_s, 95);
        assert_eq!(f.contact_id, None);
        assert_eq!(f.note, None);
    }

    #[test]
    fn calls_in_the_future_are_refused() {
        let now = Utc::now();
        let is = input(now + Duration::hours(1)).validate(now).unwrap_err();
        assert_eq!(is.at("at"), Some(Problem::DateInFuture));
        assert!(
            input(now + Duration::minutes(2)).validate(now).is_ok(),
            "clock slack"
        );
    }

    #[test]
    fn codes_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.code()), Some(*o));
        }
    }

    proptest! {
        #[test]
        fn minutes_and_seconds_agree(m in 0u32..240, s in 0u32..60) {
            prop_assert_eq!(parse_duration(&format!("{m}:{s:02}")), Ok(m * 60 + s));
            prop_assert_eq!(parse_duration(&(m * 60 + s).to_string()), Ok(m * 60 + s));
        }
    }
}
