//! The follow-ups on a user's Today: overdue, due today, and the plan for the
//! next working day (what was queued "for tomorrow"). Only open ones, on
//! cards the device holds, that the user planned or whose client is theirs.

use super::local_day::{day_span, local_day};
use super::reach::reach;
use super::retry::next_working_day;
use crate::domain::card_index::CardIndex;
use crate::domain::client::ClientCard;
use crate::domain::follow_up::{FollowUp, FollowUpAction};
use crate::sort;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

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

/// How many follow-ups each of Today's lists carries: a long overdue list is
/// worked from the top, and the rest are counted, not drawn.
pub const SHOWN: usize = 30;

/// The first [`SHOWN`] of a list, soonest first, and how many it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub items: Vec<Due>,
    pub total: usize,
}

impl Listed {
    /// How many are counted but not carried.
    pub fn more(&self) -> usize {
        self.total.saturating_sub(self.items.len())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    /// Due before today.
    pub overdue: Listed,
    pub today: Listed,
    /// The next working day and what is planned for it.
    pub next_day: NaiveDate,
    pub planned: Listed,
    /// How many are open in all, whenever due: what the calendar file gets
    /// (see [`open_dues`]).
    pub open: usize,
}

type Mine<'a> = (&'a FollowUp, &'a ClientCard);

/// The open follow-ups the user planned or whose client is theirs, on cards
/// the device holds.
fn mine<'a>(
    follow_ups: &'a [FollowUp],
    cards: &'a CardIndex<'a>,
    me: &'a str,
) -> impl Iterator<Item = Mine<'a>> + 'a {
    follow_ups
        .iter()
        .filter(|f| f.is_open())
        .filter_map(move |f| {
            let card = cards.get(&f.fields.client_id)?;
            (f.by == me || card.owner_id == me).then_some((f, card))
        })
}

fn soonest_first(list: &mut [Mine<'_>]) {
    sort::by(list, |(a, ac), (b, bc)| {
        a.fields
            .due
            .cmp(&b.fields.due)
            .then_with(|| ac.fields.name.cmp(&bc.fields.name))
    });
}

fn due((f, card): Mine<'_>) -> Due {
    let reached = reach(card, f.fields.contact_id.as_deref());
    Due {
        follow_up_id: f.id.clone(),
        client_id: card.id.clone(),
        client_name: card.fields.name.clone(),
        contact_id: reached.as_ref().map(|r| r.contact_id.clone()),
        phone: reached.map(|r| r.phone),
        action: f.fields.action,
        due: f.fields.due,
        note: f.fields.note.clone(),
    }
}

/// Only the shown few are made into `Due`s (each is several strings); the
/// thousands of open follow-ups a busy manager has are sorted as references.
fn listed(mut list: Vec<Mine<'_>>) -> Listed {
    soonest_first(&mut list);
    Listed {
        total: list.len(),
        items: list.into_iter().take(SHOWN).map(due).collect(),
    }
}

pub fn agenda<Tz: TimeZone>(
    follow_ups: &[FollowUp],
    cards: &CardIndex<'_>,
    me: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Agenda {
    let day = local_day(now, tz);
    let (today_start, today_end) = day_span(day, tz);
    let next_day = next_working_day(day);
    let (next_start, next_end) = day_span(next_day, tz);
    let (mut overdue, mut today, mut planned) = (Vec::new(), Vec::new(), Vec::new());
    let mut open = 0;
    for m in mine(follow_ups, cards, me) {
        let at = m.0.fields.due;
        if at < today_start {
            overdue.push(m);
        } else if at < today_end {
            today.push(m);
        } else if next_start <= at && at < next_end {
            planned.push(m);
        }
        open += 1;
    }
    Agenda {
        overdue: listed(overdue),
        today: listed(today),
        next_day,
        planned: listed(planned),
        open,
    }
}

/// Every open follow-up of the user's, whenever due, soonest first: for the
/// calendar file and the due-now alerts.
pub fn open_dues(follow_ups: &[FollowUp], cards: &CardIndex<'_>, me: &str) -> Vec<Due> {
    let mut list: Vec<Mine<'_>> = mine(follow_ups, cards, me).collect();
    soonest_first(&mut list);
    list.into_iter().map(due).collect()
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
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
        let index = CardIndex::new(&cards);
        let a = agenda(&f, &index, "me", now, &Riga);
        let ids = |l: &[Due]| l.iter().map(|d| d.follow_up_id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&a.overdue.items), ["old"]);
        assert_eq!(ids(&a.today.items), ["planned", "late"]);
        assert_eq!(a.next_day, NaiveDate::from_ymd_opt(2026, 3, 16).unwrap());
        assert_eq!(ids(&a.planned.items), ["mon"]);
        assert_eq!(a.today.items[0].phone.as_deref(), Some("+37120000001"));
        // The calendar gets every open one of mine, the weekend's too.
        assert_eq!(a.open, 5);
        assert_eq!(
            ids(&open_dues(&f, &index, "me")),
            ["old", "planned", "late", "sat", "mon"]
        );
    }

    #[test]
    fn a_long_list_carries_the_soonest_and_counts_the_rest() {
        let now = utc("2026-03-13T08:00:00Z");
        let cards = [card("a", "me")];
        let f: Vec<FollowUp> = (0..SHOWN + 7)
            .map(|i| {
                let due = utc("2026-03-12T08:00:00Z") - chrono::Duration::hours(i as i64);
                follow_up(&format!("f{i}"), "a", "me", &due.to_rfc3339(), None)
            })
            .collect();
        let a = agenda(&f, &CardIndex::new(&cards), "me", now, &Riga);
        assert_eq!(
            (a.overdue.items.len(), a.overdue.total, a.overdue.more()),
            (SHOWN, SHOWN + 7, 7)
        );
        // The oldest first: the last one made is due earliest.
        assert_eq!(a.overdue.items[0].follow_up_id, format!("f{}", SHOWN + 6));
        assert_eq!(a.open, SHOWN + 7);
    }
}
