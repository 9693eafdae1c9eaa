//! `kartoteka bench today`: the device's Today and the month's call
//! analysis, worked out natively over one manager's records as the browser
//! benchmark's device holds them (20,000 cards, 100,000 calls over 90 days,
//! 5,000 follow-ups). The same code runs in the browser as wasm, slower by
//! a factor; this shows where the time goes without a browser. Prints
//! percentiles as its last line.

use crate::bench_stats::percentile;
use anyhow::{Result, anyhow};
use app::domain::call_log::{CallFields, CallLog, Direction, Outcome};
use app::domain::calling::analysis;
use app::domain::calling::call_kind::CallKind;
use app::domain::calling::hourly_zone::HourlyZone;
use app::domain::calling::last_contact::LastContacts;
use app::domain::calling::today::{self, Settings};
use app::domain::card_index::CardIndex;
use app::domain::client::ClientCard;
use app::domain::follow_up::{FollowUp, FollowUpAction, FollowUpFields};
use app::sync::local_card::{self, Author};
use chrono::{Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;

const ME: &str = "bench-manager";

fn cards(n: usize, rng: &mut StdRng) -> Result<Vec<ClientCard>> {
    let now = Utc::now();
    let author = Author {
        id: ME,
        name: "Bench",
    };
    (0..n)
        .map(|i| {
            let input = local_card::with_contact_ids(crate::seed::card(rng, i));
            let valid = input
                .validate(now.date_naive())
                .map_err(|e| anyhow!("seed card {i}: {e:?}"))?;
            let id = uuid::Uuid::now_v7().to_string();
            Ok(local_card::card(&id, &valid, None, false, &author, now))
        })
        .collect()
}

fn calls(cards: &[ClientCard], n: usize, rng: &mut StdRng) -> Vec<CallLog> {
    let now = Utc::now();
    (0..n)
        .map(|_| {
            let outcome = Outcome::ALL[rng.random_range(0..Outcome::ALL.len())];
            CallLog {
                id: uuid::Uuid::now_v7().to_string(),
                fields: CallFields {
                    client_id: cards[rng.random_range(0..cards.len())].id.clone(),
                    contact_id: None,
                    at: now - Duration::minutes(rng.random_range(0..90 * 24 * 60)),
                    direction: if rng.random_bool(0.8) {
                        Direction::Outgoing
                    } else {
                        Direction::Incoming
                    },
                    outcome,
                    kind: CallKind::ALL[rng.random_range(0..CallKind::ALL.len())],
                    duration_s: 60,
                    note: None,
                },
                by: ME.into(),
                on_behalf_of: None,
                logged_at: now,
            }
        })
        .collect()
}

fn follow_ups(cards: &[ClientCard], n: usize, rng: &mut StdRng) -> Vec<FollowUp> {
    let now = Utc::now();
    (0..n)
        .map(|_| {
            let due = now + Duration::minutes(rng.random_range(-30 * 24 * 60..30 * 24 * 60));
            FollowUp {
                id: uuid::Uuid::now_v7().to_string(),
                fields: FollowUpFields {
                    client_id: cards[rng.random_range(0..cards.len())].id.clone(),
                    contact_id: None,
                    action: FollowUpAction::ALL[rng.random_range(0..FollowUpAction::ALL.len())],
                    due,
                    note: None,
                    done_at: (due < now && rng.random_bool(0.8)).then_some(due),
                    call_id: None,
                },
                by: ME.into(),
                created_at: now,
            }
        })
        .collect()
}

pub fn run(cards_n: usize, calls_n: usize, follow_ups_n: usize, rounds: usize) -> Result<()> {
    let mut rng = StdRng::seed_from_u64(20_000);
    let cards = cards(cards_n.max(1), &mut rng)?;
    let calls = calls(&cards, calls_n, &mut rng);
    let follow_ups = follow_ups(&cards, follow_ups_n, &mut rng);
    // As the device's mirror keeps them beside the calls.
    let last_contacts = LastContacts::of(&calls).of_cards(&cards);
    let index = CardIndex::new(&cards);
    let zone = HourlyZone::new(chrono::Local);
    let settings = Settings::default();
    let mut today_ms = Vec::new();
    let mut analysis_ms = Vec::new();
    let mut cold = 0;
    for _ in 0..rounds.max(1) {
        let now = Utc::now();
        let t = Instant::now();
        let shown = today::today(
            today::Records {
                cards: &cards,
                index: &index,
                calls: &calls,
                last_contacts: &last_contacts,
                follow_ups: &follow_ups,
                proposals: &[],
                contracts: &[],
            },
            ME,
            now,
            &zone,
            settings,
        );
        today_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        cold = shown.cold_total;
        let day = now.date_naive();
        let t = Instant::now();
        let month = analysis::analyse(
            &calls,
            &cards,
            &[ME],
            day - Duration::days(29),
            day,
            settings.targets.calls,
            &zone,
        );
        analysis_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(month);
    }
    today_ms.sort_by(f64::total_cmp);
    analysis_ms.sort_by(f64::total_cmp);
    println!(
        "today cards={} calls={} follow_ups={} cold={cold} today_ms_p50={:.1} today_ms_max={:.1} month_analysis_ms_p50={:.1} month_analysis_ms_max={:.1}",
        cards.len(),
        calls.len(),
        follow_ups.len(),
        percentile(&today_ms, 0.5),
        percentile(&today_ms, 1.0),
        percentile(&analysis_ms, 0.5),
        percentile(&analysis_ms, 1.0),
    );
    Ok(())
}
