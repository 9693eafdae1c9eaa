//! The Today screen's content, computed from the cards and calls on the
//! device: quota progress, clients gone cold, birthdays this week. Each item
//! carries a phone number so it is one tap from calling.

use super::agenda::{Agenda, agenda};
use super::birthdays;
use super::cold::{Cold, ColdAfter, ColdLine, coldest_first, quiet_days};
use super::local_day::{day_span, local_day};
use super::quota::{CallFact, Quotas, Targets, quotas};
use super::reach::reach;
use crate::domain::call_log::CallLog;
use crate::domain::card_index::CardIndex;
use crate::domain::client::ClientCard;
use crate::domain::contract;
use crate::domain::follow_up::FollowUp;
use crate::sort;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// How many cold clients the screen lists (the rest wait for tomorrow).
pub const COLD_SHOWN: usize = 30;

/// How many of the week's birthdays the screen lists at first; the rest
/// are one tap away (a manager with thousands of clients has hundreds a
/// week, and drawing them all would hold the screen up on a phone).
pub const BIRTHDAYS_SHOWN: usize = 30;

/// How many of `days` (soonest first) to list at first: every one that is
/// today, however many, else the first [`BIRTHDAYS_SHOWN`].
pub fn birthdays_at_first(days: &[Birthday]) -> usize {
    let today = days.iter().take_while(|b| b.days_until == 0).count();
    today.max(BIRTHDAYS_SHOWN).min(days.len())
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub targets: Targets,
    pub cold_after: ColdAfter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToCall {
    pub client_id: String,
    pub client_name: String,
    pub phone: Option<String>,
    /// Whose number `phone` is.
    pub contact_id: Option<String>,
    pub quiet_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Birthday {
    pub client_id: String,
    pub client_name: String,
    pub contact_name: String,
    pub phone: Option<String>,
    /// Whose number `phone` is (the contact's own, else another's on the card).
    pub contact_id: Option<String>,
    pub days_until: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Today {
    pub day: NaiveDate,
    pub quotas: Quotas,
    /// How many cold clients there are in all.
    pub cold_total: usize,
    pub cold: Vec<ToCall>,
    pub birthdays: Vec<Birthday>,
    pub agenda: Agenda,
    /// Contracts in force ending within 30 days, soonest first.
    pub contracts_ending: Vec<ContractDue>,
    /// What contracts in force oblige within 7 days (or already should
    /// have), soonest first.
    pub obligations_due: Vec<ContractDue>,
}

/// A contract's date Today warns of: its end, or an obligation's due day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDue {
    pub contract_id: String,
    pub client_id: String,
    pub client_name: String,
    pub number: String,
    pub due: NaiveDate,
    /// The obligation's words (none for a contract's end).
    pub what: Option<String>,
}

/// The device's records Today is made of.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    pub cards: &'a [ClientCard],
    /// `cards` by id.
    pub index: &'a CardIndex<'a>,
    pub calls: &'a [CallLog],
    /// Each of `cards`' latest call among `calls`, in the same order
    /// (`LastContacts::of_cards`; the device's mirror keeps it).
    pub last_contacts: &'a [Option<DateTime<Utc>>],
    pub follow_ups: &'a [FollowUp],
    pub proposals: &'a [crate::domain::proposal::Proposal],
    pub contracts: &'a [crate::domain::contract::Contract],
}

/// Today for user `me`: their calls count; their own active cards are
/// checked for cold clients and birthdays.
pub fn today<Tz: TimeZone>(
    records: Records<'_>,
    me: &str,
    now: DateTime<Utc>,
    tz: &Tz,
    settings: Settings,
) -> Today {
    let Records {
        cards,
        index,
        calls,
        last_contacts,
        follow_ups,
        proposals,
        contracts,
    } = records;
    let day = local_day(now, tz);
    // Only today's calls count towards today's quotas.
    let (start, end) = day_span(day, tz);
    let facts: Vec<CallFact> = calls
        .iter()
        // The time first: it rules out nearly all of them without a string
        // compare.
        .filter(|c| start <= c.fields.at && c.fields.at < end && c.by == me)
        .map(CallFact::from)
        .collect();
    // One pass over the user's own active cards finds both the cold
    // clients and the week's birthdays: a phone reads each of thousands of
    // cards once.
    let line = ColdLine::new(settings.cold_after, day, tz);
    let mut cold_all: Vec<Cold<'_>> = Vec::new();
    let mut upcoming: Vec<Birthday> = Vec::new();
    debug_assert_eq!(cards.len(), last_contacts.len());
    for (card, last) in cards.iter().zip(last_contacts) {
        if card.owner_id != me || card.archived {
            continue;
        }
        let since = last.unwrap_or(card.created_at);
        if line.is_cold(card.fields.segment, since) {
            cold_all.push(Cold {
                client_id: &card.id,
                quiet_days: quiet_days(since, day, tz),
            });
        }
        for k in &card.contacts {
            let Some(born) = k.fields.birthday else {
                continue;
            };
            if birthdays::this_week(born, day) {
                let reached = reach(card, Some(&k.id));
                upcoming.push(Birthday {
                    client_id: card.id.clone(),
                    client_name: card.fields.name.clone(),
                    contact_name: k.fields.name.clone(),
                    contact_id: reached.as_ref().map(|r| r.contact_id.clone()),
                    phone: reached.map(|r| r.phone),
                    days_until: birthdays::days_until(born, day).unwrap_or(0),
                });
            }
        }
    }
    coldest_first(&mut cold_all, COLD_SHOWN);
    let cold = cold_all
        .iter()
        .take(COLD_SHOWN)
        .filter_map(|c| {
            let card = index.get(c.client_id)?;
            let reached = reach(card, None);
            Some(ToCall {
                client_id: c.client_id.to_string(),
                client_name: card.fields.name.clone(),
                contact_id: reached.as_ref().map(|r| r.contact_id.clone()),
                phone: reached.map(|r| r.phone),
                quiet_days: c.quiet_days,
            })
        })
        .collect();
    sort::by(&mut upcoming, |a, b| {
        a.days_until
            .cmp(&b.days_until)
            .then_with(|| a.contact_name.cmp(&b.contact_name))
    });
    // A contract signed on a local day counts on that day.
    let signed: Vec<DateTime<Utc>> = contract::new_clients_signed(contracts, index, me)
        .into_iter()
        .map(|d| day_span(d, tz).0)
        .collect();
    let due = |c: &contract::Contract, on: NaiveDate, what: Option<String>| ContractDue {
        contract_id: c.id.clone(),
        client_id: c.fields.client_id.clone(),
        client_name: index.name(&c.fields.client_id).to_string(),
        number: c.fields.number.clone(),
        due: on,
        what,
    };
    let contracts_ending = contract::ending_soon(contracts, day)
        .into_iter()
        .filter_map(|c| Some(due(c, c.fields.valid_to?, None)))
        .collect();
    let obligations_due = contract::obligations_due(contracts, day)
        .into_iter()
        .map(|(c, o)| due(c, o.due, Some(o.text.clone())))
        .collect();
    Today {
        day,
        quotas: quotas(
            &facts,
            &crate::domain::proposal::sent_by(proposals, me),
            &signed,
            settings.targets,
            day,
            tz,
        ),
        contracts_ending,
        obligations_due,
        cold_total: cold_all.len(),
        cold,
        birthdays: upcoming,
        agenda: agenda(follow_ups, index, me, now, tz),
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use crate::domain::call_log::{CallFields, Direction, Outcome};
    use crate::domain::calling::last_contact::LastContacts;

    fn birthdays(today: usize, later: usize) -> Vec<Birthday> {
        (0..today + later)
            .map(|i| Birthday {
                client_id: format!("c{i}"),
                client_name: format!("SIA {i}"),
                contact_name: format!("Kontakts {i}"),
                phone: None,
                contact_id: None,
                days_until: u32::from(i >= today),
            })
            .collect()
    }

    #[test]
    fn every_birthday_of_today_is_listed_at_first_and_then_up_to_the_cap() {
        assert_eq!(birthdays_at_first(&birthdays(0, 0)), 0);
        assert_eq!(birthdays_at_first(&birthdays(2, 5)), 7);
        assert_eq!(birthdays_at_first(&birthdays(2, 300)), BIRTHDAYS_SHOWN);
        assert_eq!(birthdays_at_first(&birthdays(45, 300)), 45);
    }
    use crate::domain::calling::call_kind::CallKind;
    use crate::domain::client::{ClientCard, Segment};
    use crate::domain::contact::{Contact, ContactFields};
    use chrono_tz::Europe::Riga;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn card(id: &str, owner: &str, segment: Segment, birthday: Option<&str>) -> ClientCard {
        let mut c: ClientCard = serde_json::from_value(serde_json::json!({
            "id": id, "owner_id": owner, "owner_name": "", "archived": false,
            "created_at": "2025-01-01T08:00:00Z", "created_by": owner,
            "updated_at": "2025-01-01T08:00:00Z", "updated_by": owner,
            "contacts": [],
            "fields": crate::domain::client_input::ClientInput {
                name: format!("SIA {id}"),
                ..Default::default()
            }.validate(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().fields,
        }))
        .unwrap();
        c.fields.segment = segment;
        c.contacts = vec![Contact {
            id: format!("{id}-k"),
            fields: ContactFields {
                name: format!("Kontakts {id}"),
                position: None,
                phones: vec![format!("+3712000000{}", id.len())],
                emails: vec![],
                birthday: birthday.map(|b| b.parse().unwrap()),
                notes: None,
            },
        }];
        c
    }

    fn call(client: &str, by: &str, at: &str, outcome: Outcome, kind: CallKind) -> CallLog {
        CallLog {
            id: format!("{client}-{at}"),
            fields: CallFields {
                client_id: client.into(),
                contact_id: None,
                at: utc(at),
                direction: Direction::Outgoing,
                outcome,
                kind,
                duration_s: 60,
                note: None,
            },
            by: by.into(),
            on_behalf_of: None,
            logged_at: utc(at),
        }
    }

    #[test]
    fn today_counts_my_calls_lists_my_cold_clients_and_birthdays() {
        let now = utc("2026-03-10T10:00:00Z");
        let cards = [
            card("warm", "me", Segment::Active, None),
            card("cold", "me", Segment::Active, Some("1975-03-12")),
            card("theirs", "other", Segment::Active, Some("1980-03-10")),
        ];
        let calls = [
            call(
                "warm",
                "me",
                "2026-03-10T08:00:00Z",
                Outcome::Connected,
                CallKind::PhoneOffer,
            ),
            call(
                "warm",
                "me",
                "2026-03-09T08:00:00Z",
                Outcome::Busy,
                CallKind::Ordinary,
            ),
            call(
                "cold",
                "other",
                "2026-01-01T08:00:00Z",
                Outcome::Connected,
                CallKind::Ordinary,
            ),
            call(
                "theirs",
                "other",
                "2026-03-10T09:00:00Z",
                Outcome::Connected,
                CallKind::Ordinary,
            ),
        ];
        let last_contacts = LastContacts::of(&calls).of_cards(&cards);
        let index = CardIndex::new(&cards);
        let records = Records {
            cards: &cards,
            index: &index,
            calls: &calls,
            last_contacts: &last_contacts,
            follow_ups: &[],
            proposals: &[],
            contracts: &[],
        };
        let t = today(records, "me", now, &Riga, Settings::default());
        assert_eq!(t.day, "2026-03-10".parse::<NaiveDate>().unwrap());
        assert_eq!((t.quotas.calls.done, t.quotas.calls.target), (1, 30));
        assert_eq!(t.quotas.phone_offers.done, 1);
        assert_eq!(t.cold_total, 1);
        assert_eq!(t.cold[0].client_id, "cold");
        assert_eq!(t.cold[0].quiet_days, 68);
        assert!(t.cold[0].phone.is_some());
        // Only my own clients' people; in two days.
        assert_eq!(t.birthdays.len(), 1);
        assert_eq!(t.birthdays[0].client_id, "cold");
        assert_eq!(t.birthdays[0].days_until, 2);
    }
}
