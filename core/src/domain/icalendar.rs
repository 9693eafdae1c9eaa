//! Follow-ups as an iCalendar file (RFC 5545) the phone's or the desktop's
//! calendar imports: one event per follow-up at its due time, with a
//! reminder then. An event's UID is the follow-up's id, so importing a newer
//! file updates the events instead of doubling them.

use super::content_line::{escape, fold};
use chrono::{DateTime, Utc};

/// The MIME type of what [`calendar`] writes.
pub const MIME: &str = "text/calendar;charset=utf-8";

/// How long a follow-up's event lasts in the calendar.
pub const MINUTES: i64 = 15;

/// One event, its words already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across exports (the follow-up's id).
    pub id: String,
    pub start: DateTime<Utc>,
    pub summary: String,
    pub description: String,
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The file: `events`, made at `now`.
pub fn calendar(events: &[Event], now: DateTime<Utc>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Kartoteka//Follow-ups//LV".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
    ];
    for e in events {
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@kartoteka", escape(&e.id)),
            format!("DTSTAMP:{}", stamp(now)),
            format!("DTSTART:{}", stamp(e.start)),
            format!(
                "DTEND:{}",
                stamp(e.start + chrono::Duration::minutes(MINUTES))
            ),
            format!("SUMMARY:{}", escape(&e.summary)),
        ]);
        if !e.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&e.description)));
        }
        lines.extend([
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            format!("DESCRIPTION:{}", escape(&e.summary)),
            "TRIGGER:PT0M".to_string(),
            "END:VALARM".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l) + "\r\n").collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn event(id: &str, summary: &str) -> Event {
        Event {
            id: id.into(),
            start: Utc.with_ymd_and_hms(2026, 12, 2, 8, 30, 0).unwrap(),
            summary: summary.into(),
            description: "Par piedāvājumu; pēc 10:00".into(),
        }
    }

    #[test]
    fn each_follow_up_is_an_event_at_its_due_time_with_a_reminder() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let text = calendar(
            &[
                event("f1", "Zvanīt: SIA Koks"),
                event("f2", "Позвонить: ООО Лес"),
            ],
            now,
        );
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT\r\n").count(), 2);
        assert!(text.contains("UID:f1@kartoteka\r\n"));
        assert!(text.contains("DTSTAMP:20261201T120000Z\r\n"));
        assert!(text.contains("DTSTART:20261202T083000Z\r\nDTEND:20261202T084500Z\r\n"));
        assert!(text.contains("SUMMARY:Позвонить: ООО Лес\r\n"));
        assert!(text.contains("DESCRIPTION:Par piedāvājumu\\; pēc 10:00\r\n"));
        assert_eq!(text.matches("TRIGGER:PT0M").count(), 2);
    }

    #[test]
    fn no_follow_ups_is_an_empty_calendar() {
        let text = calendar(&[], Utc::now());
        assert!(!text.contains("VEVENT"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }

    proptest! {
        #[test]
        fn any_words_stay_inside_their_event(summary in "\\PC{1,100}", description in "[\\PC\n]{0,100}") {
            let mut e = event("f1", &summary);
            e.description = description;
            let text = calendar(&[e], Utc::now());
            let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
            for l in &lines {
                prop_assert!(l.len() <= 75);
            }
            let unfolded = text.replace("\r\n ", "");
            prop_assert_eq!(unfolded.matches("\r\nBEGIN:").count(), 2);
            prop_assert_eq!(unfolded.matches("\r\nEND:").count(), 3);
        }
    }
}
