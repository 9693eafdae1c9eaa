//! Today: how far today's quotas are, the follow-ups due (overdue, today,
//! and the plan for the next working day), whom to call (clients gone
//! quiet), whose birthday is this week; each person one tap from the phone's dialer.
//! Computed on the device (`domain::calling::today`), so it works offline.

use super::calls::dialing;
use super::calls::incoming::IncomingPanel;
use super::contracts::today_panel::ContractsDue;
use super::follow_ups::agenda::AgendaPanel;
use super::receivables::chase_panel::ChasePanel;
use super::receivables::reconcile_panel::ReconcilePanel;
use super::replica::data::TodayShown;
use super::replica::{DeviceData, use_device_data};
use super::session::use_session;
use super::widgets::dial::dial;
use crate::domain::calling::quota::Progress;
use crate::domain::calling::today::{Birthday, ToCall, birthdays_at_first};
use crate::i18n::{Key, count, format};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TodayPage() -> impl IntoView {
    let s = use_session();
    dialing::hand_back_to_card();
    let DeviceData {
        value: today,
        error,
    } = use_device_data(Some("kartoteka:today"), |r| {
        // Read again once the records are in memory: the kept screen shown
        // on a warm start then gives way to the live one.
        r.filled.track();
        Some(async move { r.today().await })
    });
    let loaded = move || today.with(Option::is_some);
    let all_birthdays = RwSignal::new(false);
    view! {
        <h1>
            {move || s.t(Key::TodayTitle)}
            <span class="muted today-date">
                {move || today.with(|t| t.as_ref().map(|t| format::date(s.lang.get(), t.today.day)))}
            </span>
        </h1>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <p><A href="/analysis" attr:id="to-analysis">{move || s.t(Key::CallAnalysis)}</A></p>
        // Panels that keep what the user is typing or sending are made once,
        // when Today first loads: a sync landing redraws the figures around
        // them, never them (it used to wipe a caller looked up mid-call).
        {move || today.with(|t| t.as_ref().map(|TodayShown { today: t, kept }| view! {
            <section class="quotas" id="quotas" data-kept=kept.to_string()>
                <Quota id="quota-calls" label=Key::QuotaCalls p=t.quotas.calls/>
                <Quota id="quota-offers" label=Key::QuotaPhoneOffers p=t.quotas.phone_offers/>
                <Quota id="quota-proposals" label=Key::QuotaProposals p=t.quotas.email_proposals/>
                <Quota id="quota-contracts" label=Key::QuotaContracts p=t.quotas.new_contracts/>
            </section>
            <AgendaPanel agenda=t.agenda.clone()/>
        }))}
        <Show when=loaded>
            <ChasePanel/>
            <ReconcilePanel/>
        </Show>
        {move || today.with(|t| t.as_ref().map(|TodayShown { today: t, .. }| view! {
            <ContractsDue ending=t.contracts_ending.clone() obligations=t.obligations_due.clone()/>
        }))}
        <Show when=loaded>
            <IncomingPanel/>
        </Show>
        {move || today.with(|t| t.as_ref().map(|TodayShown { today: t, .. }| view! {
            <ColdList cold=t.cold.clone() total=t.cold_total/>
            <BirthdayList days=t.birthdays.clone() expanded=all_birthdays/>
        }))}
    }
}

#[component]
fn Quota(id: &'static str, label: Key, p: Progress) -> impl IntoView {
    let s = use_session();
    // A target of zero is met from the start.
    let share = (p.done.saturating_mul(100))
        .checked_div(p.target)
        .map_or(100, |x| x.min(100));
    view! {
        <div class="quota" id=id data-met=p.met().to_string() data-done=p.done>
            <span class="quota-label">{move || s.t(label)}</span>
            <span class="quota-count">{format!("{} / {}", p.done, p.target)}</span>
            <progress max="100" value=share aria-label=move || s.t(label)></progress>
        </div>
    }
}

#[component]
fn ColdList(cold: Vec<ToCall>, total: usize) -> impl IntoView {
    let s = use_session();
    let more = total.saturating_sub(cold.len());
    view! {
        <section class="panel" id="cold-clients">
            <h2>{move || s.t(Key::ColdClients)}</h2>
            {if cold.is_empty() {
                view! { <p class="empty">{move || s.t(Key::NoColdClients)}</p> }.into_any()
            } else {
                view! {
                    <ul class="today-list">
                        {cold.into_iter().map(|c| {
                            let days = u64::from(c.quiet_days);
                            view! {
                                <li class="today-item" data-client=c.client_id.clone()>
                                    <a href=format!("/clients/{}", c.client_id)>{c.client_name}</a>
                                    <span class="muted">{move || count(s.lang.get(), Key::QuietDays, days)}</span>
                                    {dial(c.client_id.clone(), c.contact_id, c.phone)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(more > 0).then(|| view! {
                <p class="muted">{move || count(s.lang.get(), Key::ColdMore, more as u64)}</p>
            })}
        </section>
    }
}

/// The week's birthdays: today's and the soonest at first, the rest when
/// asked for. `expanded` outlives a redraw (a sync landing), so the list
/// the user opened stays open.
#[component]
fn BirthdayList(mut days: Vec<Birthday>, expanded: RwSignal<bool>) -> impl IntoView {
    let s = use_session();
    let rest = days.split_off(birthdays_at_first(&days));
    let more = rest.len();
    let rest = StoredValue::new(rest);
    view! {
        <section class="panel" id="birthdays">
            <h2>{move || s.t(Key::Birthdays)}</h2>
            {if days.is_empty() {
                view! { <p class="empty">{move || s.t(Key::NoBirthdays)}</p> }.into_any()
            } else {
                view! {
                    <ul class="today-list">
                        {days.into_iter().map(|b| view! { <BirthdayItem b=b/> }).collect_view()}
                        <Show when=move || expanded.get()>
                            {move || rest.get_value().into_iter().map(|b| view! { <BirthdayItem b=b/> }).collect_view()}
                        </Show>
                    </ul>
                }.into_any()
            }}
            {(more > 0).then(|| view! {
                <Show when=move || !expanded.get()>
                    <button type="button" class="secondary" id="birthdays-more"
                        on:click=move |_| expanded.set(true)>
                        {move || count(s.lang.get(), Key::BirthdaysMore, more as u64)}
                    </button>
                </Show>
            })}
        </section>
    }
}

#[component]
fn BirthdayItem(b: Birthday) -> impl IntoView {
    let s = use_session();
    let when = b.days_until;
    view! {
        <li class="today-item" data-client=b.client_id.clone()>
            <span>
                <strong>{b.contact_name}</strong>
                " · "
                <a href=format!("/clients/{}", b.client_id)>{b.client_name}</a>
            </span>
            <span class="muted birthday-when" data-days=when>{move || match when {
                0 => s.t(Key::BirthdayToday).to_string(),
                n => count(s.lang.get(), Key::BirthdayInDays, u64::from(n)),
            }}</span>
            {dial(b.client_id.clone(), b.contact_id, b.phone)}
        </li>
    }
}
