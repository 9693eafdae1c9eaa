//! Today's clients to chase for money: those with overdue invoices, the
//! largest overdue amount first, each with its one-tap actions: the call
//! (its card opens with the call form set to a debt call, so the chasing
//! call is logged as such), a payment reminder by e-mail and a promise to
//! pay. A promise broken shows
//! on its row. Nothing is shown when nobody owes anything overdue (or no
//! documents reached this device).

use super::promise_form::{PromiseForm, PromiseLine};
use crate::domain::receivables::account_letter::LetterStatus;
use crate::i18n::{Key, count, format};
use crate::ui::errors::api_error_text;
use crate::ui::replica::money::Chase;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use leptos::prelude::*;

/// The most clients the list shows.
const SHOWN: usize = 10;

#[component]
pub fn ChasePanel() -> impl IntoView {
    let s = use_session();
    let DeviceData { value, .. } =
        use_device_data(None, |r| Some(async move { r.to_chase(SHOWN).await }));
    view! {
        {move || value.get().filter(|l| !l.is_empty()).map(|list| view! {
            <section class="panel" id="chase">
                <h2>{move || s.t(Key::ChaseTitle)}</h2>
                <ul class="today-list">
                    {list.into_iter().map(|c| view! { <ChaseRow c=c/> }).collect_view()}
                </ul>
            </section>
        })}
    }
}

#[component]
fn ChaseRow(c: Chase) -> impl IntoView {
    let s = use_session();
    let overdue = c.standing.position.overdue;
    let days = c.standing.position.oldest_overdue_days().unsigned_abs();
    let client = c.standing.client_id.clone();
    let card = format!("/clients/{client}?kind=receivables");
    let for_form = StoredValue::new(client.clone());
    let promising = RwSignal::new(false);
    let r = use_replica();
    // Today's reminder, as the device holds it (queued until synced, then
    // what the mail server said); a failed one may be sent again.
    let reminded = c.reminded;
    let busy = RwSignal::new(false);
    let reminder_key = match reminded {
        Some(LetterStatus::Queued) => Key::ReminderQueued,
        Some(LetterStatus::Sent) => Key::ReminderSentToday,
        _ => Key::SendReminder,
    };
    let reminder_done = matches!(reminded, Some(LetterStatus::Queued | LetterStatus::Sent));
    let error = RwSignal::new(None::<String>);
    let remind = move |_| {
        let client = for_form.get_value();
        busy.set(true);
        leptos::task::spawn_local(async move {
            match r.remind(&client, s.lang.get_untracked()).await {
                // The list reads the device again and shows it queued.
                Ok(_) => r.sync_now(),
                Err(e) => {
                    error.set(Some(api_error_text(s.lang.get_untracked(), &e)));
                    busy.set(false);
                }
            }
        });
    };
    let keeping = c.promise.as_ref().map(|(_, k)| k.code());
    view! {
        <li class="today-item chase-item" data-client=client data-overdue=overdue.to_string()
            data-promise=keeping>
            <a href=card.clone()>{c.name}</a>
            <span class="chase-amount">{move || format::eur(s.lang.get(), overdue)}</span>
            <span class="muted">{move || count(s.lang.get(), Key::ChaseOldest, days)}</span>
            {c.promise.map(|(p, k)| view! { <PromiseLine promise=p keeping=k/> })}
            <div class="actions">
                <a href=card class="button secondary chase-call">
                    {move || s.t(Key::ChaseCall)}
                </a>
                <button type="button" class="secondary chase-remind"
                    data-status=reminded.map(|st| st.code())
                    disabled=move || reminder_done || busy.get() on:click=remind>
                    {move || s.t(reminder_key)}
                </button>
                <button type="button" class="secondary chase-promise"
                    aria-expanded=move || promising.get().to_string()
                    on:click=move |_| promising.update(|p| *p = !*p)>
                    {move || s.t(Key::PromiseOpen)}
                </button>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <Show when=move || promising.get()>
                <PromiseForm client_id=for_form.get_value() overdue=overdue/>
            </Show>
        </li>
    }
}
