//! The follow-ups on a user's Today: overdue, due today, and the plan for the
//! next working day (what was queued "for tomorrow"). Only open ones, on
//! cards the device holds, that the user planned or whose client is theirs.

use super::local_day::{day_span, local_day};
use super::reach::reach;
use super::retry::next_working_day;
use crate::domain::client::ClientCard;
use crate::domain::follow_up::{FollowUp, FollowUpAction};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub follow_up_id: String,
    pub client_id: String,
    pub client_name: String,
    /// The contact's first number, else the card's first, and whose it is.
    pub phone: Option<String>,
    pub contact_id: Option<String>,
    pub action: FollowUpAction,
    pub due: DateTime<Utc>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// Due before today, oldest first.
    pub overdue: Vec<Due>,
    pub today: Vec<Due>,
    /// The next working day and what is planned for it.
    pub next_day: NaiveDate,
    pub planned: Vec<Due>,
    /// Every open follow-up, whenever due, soonest first: what goes to the
    /// calendar file.
    pub all: Vec<Due>,
}

pub fn agenda<Tz: TimeZone>(
    follow_ups: &[FollowUp],
    cards: &[ClientCard],
    me: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Agenda {
    let day = local_day(now, tz);
    let (today_start, today_end) = day_span(day, tz);
    let next_day = next_working_day(day);
    let (next_start, next_end) = day_span(next_day, tz);
    let by_id: HashMap<&str, &ClientCard> = cards.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut out = Agenda {
        overdue: Vec::new(),
        today: Vec::new(),
        next_day,
        planned: Vec::new(),
        all: Vec::new(),
    };
    for f in follow_ups.iter().filter(|f| f.is_open()) {
        let Some(card) = by_id.get(f.fields.client_id.as_str()) else {
            continue;
        };
        if f.by != me && card.owner_id != me {
            continue;
        }
        let at = f.fields.due;
        let reached = reach(card, f.fields.contact_id.as_deref());
        let due = Due {
            follow_up_id: f.id.clone(),
            client_id: card.id.clone(),
            client_name: card.fields.name.clone(),
            contact_id: reached.as_ref().map(|r| r.contact_id.clone()),
            phone: reached.map(|r| r.phone),
            action: f.fields.action,
            due: at,
            note: f.fields.note.clone(),
        };
        if at < today_start {
            out.overdue.push(due.clone());
        } else if at < today_end {
            out.today.push(due.clone());
        } else if next_start <= at && at < next_end {
            out.planned.push(due.clone());
        }
        out.all.push(due);
    }
    for list in [
        &mut out.overdue,
        &mut out.today,
        &mut out.planned,
        &mut out.all,
    ] {
        list.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| a.client_name.cmp(&b.client_name))
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::follow_up::FollowUpFields;
    use chrono_tz::Europe::Riga;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn card(id: &str, owner: &str) -> ClientCard {
        serde_json::from_value(serde_json::json!({
            "id": id, "owner_id": owner, "owner_name": "", "archived": false,
            "created_at": "2025-01-01T08:00:00Z", "created_by": owner,
            "updated_at": "2025-01-01T08:00:00Z", "updated_by": owner,
            "contacts": [{"id": format!("{id}-k"), "fields": {
                "name": "Anna", "position": null, "phones": ["+37120000001"],
                "emails": [], "birthday": null, "notes": null}}],
            "fields": crate::domain::client_input::ClientInput {
                name: format!("SIA {id}"),
                ..Default::default()
            }.validate(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().fields,
        }))
        .unwrap()
    }

    fn follow_up(id: &str, client: &str, by: &str, due: &str, done: Option<&str>) -> FollowUp {
        FollowUp {
            id: id.into(),
            fields: FollowUpFields {
                client_id: client.into(),
                contact_id: None,
                action: FollowUpAction::Call,
                due: utc(due),
                note: None,
                done_at: done.map(utc),
                call_id: None,
            },
            by: by.into(),
            created_at: utc("2026-03-01T08:00:00Z"),
        }
    }

    #[test]
    fn overdue_today_and_the_next_working_day_by_riga_days() {
        // Friday 13 March 2026, 10:00 in Riga.
        let now = utc("2026-03-13T08:00:00Z");
        let cards = [card("a", "me"), card("b", "other")];
        let f = [
            follow_up("old", "a", "me", "2026-03-12T15:00:00Z", None),
            // 23:30 Riga on Friday is still today.
            follow_up("late", "a", "me", "2026-03-13T21:30:00Z", None),
            // 00:30 Riga on Saturday: the weekend, not the next working day.
            follow_up("sat", "a", "me", "2026-03-13T22:30:00Z", None),
            follow_up("mon", "a", "me", "2026-03-16T07:00:00Z", None),
            follow_up(
                "done",
                "a",
                "me",
                "2026-03-13T09:00:00Z",
                Some("2026-03-13T09:05:00Z"),
            ),
            // On someone else's client, planned by me: mine.
            follow_up("planned", "b", "me", "2026-03-13T12:00:00Z", None),
            // Someone else's, on their client: not mine.
            follow_up("theirs", "b", "other", "2026-03-13T12:00:00Z", None),
            // A card the device no longer holds.
            follow_up("gone", "x", "me", "2026-03-13T12:00:00Z", None),
        ];
        let a = agenda(&f, &cards, "me", now, &Riga);
        let ids = |l: &[Due]| l.iter().map(|d| d.follow_up_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a.overdue), ["old"]);
        assert_eq!(ids(&a.today), ["planned", "late"]);
        assert_eq!(a.next_day, NaiveDate::from_ymd_opt(2026, 3, 16).unwrap());
        assert_eq!(ids(&a.planned), ["mon"]);
        assert_eq!(a.today[0].phone.as_deref(), Some("+37120000001"));
        // The calendar gets every open one of mine, the weekend's too.
        assert_eq!(ids(&a.all), ["old", "planned", "late", "sat", "mon"]);
    }
}
