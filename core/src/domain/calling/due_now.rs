//! Follow-ups due now, for the app's badge and its notifications: the
//! person's open follow-ups (the agenda's rule) whose time has come. The
//! ones that fell due since the last look are the ones to announce.

use super::agenda::Due;
use chrono::{DateTime, Utc};

/// Of the agenda's open follow-ups (`all`, soonest first), those due at or
/// before `now`.
pub fn due_by(all: &[Due], now: DateTime<Utc>) -> Vec<&Due> {
    all.iter().take_while(|d| d.due <= now).collect()
}

/// Of `due`, those that fell due after `since` (the previous look), to be
/// announced once each; on the first look (`since` absent) none are, since
/// the badge already shows them.
pub fn newly_due<'a>(due: &[&'a Due], since: Option<DateTime<Utc>>) -> Vec<&'a Due> {
    match since {
        Some(since) => due.iter().copied().filter(|d| d.due > since).collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::follow_up::FollowUpAction;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn due(id: &str, when: &str) -> Due {
        Due {
            follow_up_id: id.into(),
            client_id: "c".into(),
            client_name: "SIA C".into(),
            phone: None,
            contact_id: None,
            action: FollowUpAction::Call,
            due: at(when),
            note: None,
        }
    }

    #[test]
    fn what_is_due_and_what_just_fell_due() {
        let all = [
            due("a", "2026-12-01T08:00:00Z"),
            due("b", "2026-12-01T09:00:00Z"),
            due("c", "2026-12-01T10:00:00Z"),
        ];
        let now = at("2026-12-01T09:00:00Z");
        let ids = |v: &[&Due]| v.iter().map(|d| d.follow_up_id.clone()).collect::<Vec<_>>();
        let due_now = due_by(&all, now);
        assert_eq!(ids(&due_now), ["a", "b"]);
        assert_eq!(
            ids(&newly_due(&due_now, Some(at("2026-12-01T08:30:00Z")))),
            ["b"]
        );
        assert!(newly_due(&due_now, Some(now)).is_empty());
        assert!(newly_due(&due_now, None).is_empty());
    }
}
