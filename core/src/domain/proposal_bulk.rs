//! Proposals to many clients at once: who gets one, picked from the
//! manager's own cards by the client list's filters (words, segment, gone
//! cold, no proposal this month), each addressed to its first contact
//! person with an e-mail. A card nobody there can be written to is listed
//! apart, never dropped silently. The server still honours the opt-out
//! list when it sends.

use super::calling::cold::{ColdAfter, ColdLine};
use super::calling::local_day::local_day;
use super::calling::today::Records;
use super::client::{ClientCard, Segment};
use super::proposal::ProposalStatus;
use super::search;
use chrono::{DateTime, Datelike, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Most recipients one bulk send may have (a typo guard on the filters,
/// and the day's cap is the server's anyway).
pub const MAX_RECIPIENTS: usize = 500;

/// The filters, as the list has them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    /// Words every picked card matches (as the client search does).
    pub text: String,
    pub segment: Option<Segment>,
    /// Only clients gone cold (by the team's rules per segment).
    pub cold: bool,
    /// Only clients without a proposal queued or sent this month.
    pub no_proposal_this_month: bool,
}

/// One client a proposal goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub client_id: String,
    pub client_name: String,
    pub contact_id: String,
    pub contact_name: String,
    pub email: String,
    /// The client's key-client scheme, whose discounts its lines take.
    pub scheme_id: Option<String>,
    /// The price type its lines from the price list are priced by (the
    /// contract in force's, else the card's).
    pub price_type: Option<String>,
}

/// The picked clients: those a letter can go to, and those it cannot
/// (no contact person has an e-mail), by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picked {
    pub recipients: Vec<Recipient>,
    pub without_email: Vec<(String, String)>,
}

/// Whether a proposal made this month (local) still counts as offered:
/// a draft or one the mail server refused does not.
fn offered(status: ProposalStatus) -> bool {
    !matches!(status, ProposalStatus::Draft | ProposalStatus::Failed)
}

/// The first contact person with an address: (id, name, e-mail).
fn addressee(card: &ClientCard) -> Option<(String, String, String)> {
    card.contacts.iter().find_map(|c| {
        let email = c.fields.emails.first()?;
        Some((c.id.clone(), c.fields.name.clone(), email.clone()))
    })
}

/// `me`'s active cards that match `audience`, by name.
pub fn pick<Tz: TimeZone>(
    records: Records<'_>,
    me: &str,
    audience: &Audience,
    now: DateTime<Utc>,
    tz: &Tz,
    cold_after: ColdAfter,
) -> Picked {
    let terms = search::query_terms(&audience.text);
    let mut mine: Vec<(&ClientCard, Option<DateTime<Utc>>)> = records
        .cards
        .iter()
        .zip(records.last_contacts.iter().copied())
        .filter(|(c, _)| c.owner_id == me && !c.archived)
        .filter(|(c, _)| audience.segment.is_none_or(|s| c.fields.segment == s))
        .filter(|(c, _)| {
            terms.is_empty() || {
                let contacts: Vec<_> = c.contacts.iter().map(|k| k.fields.clone()).collect();
                search::matches_terms(&search::card_text(&c.fields, &contacts), &terms)
            }
        })
        .collect();
    if audience.cold {
        // The team's rule as one instant per segment, as Today applies it.
        let line = ColdLine::new(cold_after, local_day(now, tz), tz);
        mine.retain(|(c, last)| line.is_cold(c.fields.segment, last.unwrap_or(c.created_at)));
    }
    let mut mine: Vec<&ClientCard> = mine.into_iter().map(|(c, _)| c).collect();
    if audience.no_proposal_this_month {
        let today = local_day(now, tz);
        let this_month = |at: DateTime<Utc>| {
            let d = local_day(at, tz);
            (d.year(), d.month()) == (today.year(), today.month())
        };
        let offered: HashSet<&str> = records
            .proposals
            .iter()
            .filter(|p| offered(p.fields.status) && this_month(p.sent_at.unwrap_or(p.created_at)))
            .map(|p| p.fields.client_id.as_str())
            .collect();
        mine.retain(|c| !offered.contains(c.id.as_str()));
    }
    crate::sort::by_key(&mut mine, |c| search::sort_key(&c.fields.name));
    let mut picked = Picked::default();
    let today = local_day(now, tz);
    for card in mine {
        let in_force = super::contract::in_force(records.contracts, &card.id, today);
        let price_type = super::price_list::price_type_of(
            card.fields.price_type.as_deref(),
            in_force.and_then(|c| c.fields.price_type.as_deref()),
        )
        .map(str::to_string);
        match addressee(card) {
            Some((contact_id, contact_name, email)) => picked.recipients.push(Recipient {
                client_id: card.id.clone(),
                client_name: card.fields.name.clone(),
                contact_id,
                contact_name,
                email,
                scheme_id: card.fields.scheme_id.clone(),
                price_type,
            }),
            None => picked
                .without_email
                .push((card.id.clone(), card.fields.name.clone())),
        }
    }
    picked
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use crate::domain::call_log::CallLog;
    use crate::domain::calling::last_contact::LastContacts;
    use crate::domain::card_index::CardIndex;
    use crate::domain::proposal::Proposal;
    use chrono::{Duration, Utc};

    fn card(id: &str, name: &str, segment: &str, email: Option<&str>, days_old: i64) -> ClientCard {
        let contacts = match email {
            Some(e) => serde_json::json!([{ "id": format!("k-{id}"), "fields": {
                "name": format!("Persona {id}"), "position": null, "phones": [],
                "emails": [e], "birthday": null, "notes": null } }]),
            None => serde_json::json!([]),
        };
        serde_json::from_value(serde_json::json!({
            "id": id,
            "fields": { "kind": "company", "name": name, "reg_no": null, "vat_no": null,
                "segment": segment, "source": "other", "address": null, "city": null,
                "website": null, "price_type": null, "payment_terms_days": null,
                "credit_limit": null, "tags": [], "needs": null },
            "owner_id": "me", "owner_name": "Es", "contacts": contacts, "archived": false,
            "created_at": (now() - Duration::days(days_old)).to_rfc3339(),
            "created_by": "me", "updated_at": now().to_rfc3339(), "updated_by": "me",
        }))
        .unwrap()
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn proposal(client: &str, status: &str, days_ago: i64) -> Proposal {
        serde_json::from_value(serde_json::json!({
            "id": format!("p-{client}-{status}"),
            "fields": { "client_id": client, "contact_ids": [], "language": "lv", "lines": [],
                "valid_until": "2026-12-31", "status": status, "note": null },
            "by": "me", "created_at": (now() - Duration::days(days_ago)).to_rfc3339(),
        }))
        .unwrap()
    }

    fn picked(
        cards: &[ClientCard],
        proposals: &[Proposal],
        calls: &[CallLog],
        a: &Audience,
    ) -> Picked {
        let last_contacts = LastContacts::of(calls).of_cards(cards);
        let index = CardIndex::new(cards);
        let records = Records {
            cards,
            index: &index,
            calls,
            last_contacts: &last_contacts,
            follow_ups: &[],
            proposals,
            contracts: &[],
        };
        pick(records, "me", a, now(), &Utc, ColdAfter::default())
    }

    fn names(p: &Picked) -> Vec<&str> {
        p.recipients
            .iter()
            .map(|r| r.client_name.as_str())
            .collect()
    }

    #[test]
    fn filters_combine_and_cards_without_an_address_are_listed_apart() {
        let mut other = card("x", "Svešs", "active", Some("x@x.lv"), 90);
        other.owner_id = "someone".into();
        let cards = vec![
            card("b", "Bērzs", "active", Some("b@b.lv"), 90),
            card("a", "Ābele", "prospect", Some("a@a.lv"), 90),
            card("c", "Cīrulis", "active", None, 90),
            card("d", "Dzērve", "active", Some("d@d.lv"), 2),
            other,
        ];
        let all = picked(&cards, &[], &[], &Audience::default());
        // By name as Latvian sorts it; someone else's card never.
        assert_eq!(names(&all), ["Ābele", "Bērzs", "Dzērve"]);
        assert_eq!(
            all.without_email,
            [("c".to_string(), "Cīrulis".to_string())]
        );
        assert_eq!(all.recipients[0].email, "a@a.lv");
        assert_eq!(all.recipients[0].contact_id, "k-a");

        let active = Audience {
            segment: Some(Segment::Active),
            ..Default::default()
        };
        assert_eq!(
            names(&picked(&cards, &[], &[], &active)),
            ["Bērzs", "Dzērve"]
        );
        // Cold: active after 30 quiet days; Dzērve was made 2 days ago.
        let cold = Audience {
            cold: true,
            ..active.clone()
        };
        assert_eq!(names(&picked(&cards, &[], &[], &cold)), ["Bērzs"]);
        let words = Audience {
            text: "berz".into(),
            ..Default::default()
        };
        assert_eq!(names(&picked(&cards, &[], &[], &words)), ["Bērzs"]);
    }

    #[test]
    fn a_proposal_offered_this_month_keeps_a_client_out() {
        let cards = vec![
            card("a", "Ābele", "active", Some("a@a.lv"), 90),
            card("b", "Bērzs", "active", Some("b@b.lv"), 90),
            card("d", "Dzērve", "active", Some("d@d.lv"), 90),
            card("e", "Egle", "active", Some("e@e.lv"), 90),
        ];
        let proposals = vec![
            proposal("a", "sent", 3),
            // A draft, a refused one and last month's do not count.
            proposal("b", "draft", 1),
            proposal("d", "failed", 1),
            proposal("e", "sent", 30),
        ];
        let a = Audience {
            no_proposal_this_month: true,
            ..Default::default()
        };
        assert_eq!(
            names(&picked(&cards, &proposals, &[], &a)),
            ["Bērzs", "Dzērve", "Egle"]
        );
    }
}
