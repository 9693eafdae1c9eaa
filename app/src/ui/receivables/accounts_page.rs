//! `/accounts`, accounting's page: every client's account read on the
//! server (accounting's devices hold no cards) — balance, overdue, the
//! credit limit — searched by name or registration number, narrowed to the
//! overdue or the stopped, with the switch that stops or resumes shipments.

use crate::api::receivables::{accounts, stop_shipments};
use crate::domain::receivables::accounts::{AccountLine, AccountsFilter, AccountsQuery};
use crate::domain::receivables::shipment_stop::StopInput;
use crate::i18n::{Key, count, fill, format};
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn AccountsPage() -> impl IntoView {
    let s = use_session();
    let text = RwSignal::new(String::new());
    let filter = RwSignal::new(AccountsFilter::All);
    // Bumped after a stop changes, so the list reads again.
    let changed = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let page = LocalResource::new(move || {
        let query = AccountsQuery {
            text: text.get(),
            filter: Some(filter.get()),
        };
        changed.track();
        accounts(query)
    });
    let toggle = move |client_id: String, stopped: bool| {
        leptos::task::spawn_local(async move {
            let input = StopInput {
                client_id,
                stopped,
                reason: String::new(),
            };
            match stop_shipments(input).await {
                Ok(_) => {
                    error.set(None);
                    changed.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <h1>{move || s.t(Key::AccountsTitle)}</h1>
        <div class="filters">
            <label class="field">
                <span>{move || s.t(Key::SearchLabel)}</span>
                <input id="accounts-search" type="search" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </label>
            <label class="field">
                <span>{move || s.t(Key::AccountsShow)}</span>
                <select id="accounts-filter" on:change=move |ev| {
                    filter.set(AccountsFilter::parse(&event_target_value(&ev)).unwrap_or(AccountsFilter::All))
                }>
                    <option value="all">{move || s.t(Key::AccountsAll)}</option>
                    <option value="overdue">{move || s.t(Key::AccountsOverdue)}</option>
                    <option value="stopped">{move || s.t(Key::ShipmentsStopped)}</option>
                </select>
            </label>
        </div>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <Suspense fallback=move || view! { <p role="status">{move || s.t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let more = p.more;
                        view! {
                            <ul class="today-list" id="accounts">
                                {p.lines.into_iter().map(|l| view! { <Line l=l toggle=toggle/> }).collect_view()}
                            </ul>
                            {(more > 0).then(|| view! {
                                <p class="muted">{move || fill(s.t(Key::ImportMoreProblems), &[("num", &more.to_string())])}</p>
                            })}
                        }.into_any()
                    }
                    Err(e) => view! {
                        <p class="form-error" role="alert">{api_error_text(s.lang.get_untracked(), &e)}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Line(l: AccountLine, toggle: impl Fn(String, bool) + Copy + 'static) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let (balance, overdue, stopped) = (l.balance, l.overdue, l.stopped);
    let days = l.oldest_overdue_days.unsigned_abs();
    let id = l.client_id.clone();
    view! {
        <li class="today-item account" data-client=l.client_id.clone() data-overdue=overdue.to_string()
            data-stopped=stopped.to_string()>
            <strong>{l.name.clone()}</strong>
            <span class="muted">{l.reg_no.clone().unwrap_or_default()}" · "{l.owner_name.clone()}</span>
            <span>{move || fill(s.t(Key::AccountBalance), &[("amount", &format::eur(lang(), balance))])}</span>
            {(!overdue.is_zero()).then(|| view! {
                <span class="overdue">
                    {move || fill(s.t(Key::AccountOverdue), &[("amount", &format::eur(lang(), overdue))])}
                    " · "{move || count(lang(), Key::ChaseOldest, days)}
                </span>
            })}
            {stopped.then(|| view! { <span class="badge overdue">{move || s.t(Key::ShipmentsStopped)}</span> })}
            <button type="button" class="secondary account-stop" on:click=move |_| toggle(id.clone(), !stopped)>
                {move || s.t(if stopped { Key::ResumeShipments } else { Key::StopShipments })}
            </button>
        </li>
    }
}
