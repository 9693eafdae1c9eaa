//! Recording a promise to pay, from Today's chasing list or the card: the
//! amount (the overdue sum to start with) and the day, saved on the device
//! (offline too) with a call planned on that day to check it.

use crate::api::ApiError;
use crate::domain::receivables::promise::{Keeping, Promise, PromiseInput};
use crate::domain::validation::Issues;
use crate::i18n::{Key, fill, format};
use crate::ui::errors::api_error_text;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{Field, issue_at, label};
use chrono::Duration;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// Days ahead the form suggests for the payment.
const SUGGESTED_DAYS: i64 = 7;

#[component]
pub fn PromiseForm(
    client_id: String,
    /// What the client owes overdue: the amount suggested.
    overdue: Decimal,
    /// Told once the promise is saved.
    #[prop(optional)]
    on_saved: Option<Callback<Promise>>,
) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let today = chrono::Local::now().date_naive();
    let amount = RwSignal::new(format::number(s.lang.get_untracked(), overdue, 2));
    let due = RwSignal::new((today + Duration::days(SUGGESTED_DAYS)).to_string());
    let note = RwSignal::new(String::new());
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let client_id = StoredValue::new(client_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = PromiseInput {
            client_id: client_id.get_value(),
            amount: amount.get_untracked(),
            due: due.get_untracked(),
            made_on: chrono::Local::now().date_naive().to_string(),
            note: note.get_untracked(),
        };
        let check_note = fill(
            s.t(Key::PromiseCheckNote),
            &[(
                "amount",
                &format::eur(s.lang.get_untracked(), parse_or_zero(&input.amount)),
            )],
        );
        leptos::task::spawn_local(async move {
            match r.make_promise(input, check_note).await {
                Ok(p) => {
                    issues.set(Issues::default());
                    error.set(None);
                    saved.set(true);
                    if let Some(cb) = on_saved {
                        cb.run(p);
                    }
                }
                Err(ApiError::Invalid(found)) => issues.set(found),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <form class="promise-form" on:submit=submit novalidate>
            <Field id="promise-amount" label=label(Key::PromiseAmount) value=amount
                error=issue_at(issues, "amount") inputmode="decimal" required=true/>
            <Field id="promise-due" label=label(Key::PromiseDue) value=due kind="date"
                error=issue_at(issues, "due") required=true/>
            <Field id="promise-note" label=label(Key::CallNote) value=note error=issue_at(issues, "note")/>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary" id="promise-save">{move || s.t(Key::PromiseSave)}</button>
            <Show when=move || saved.get()>
                <p role="status" id="promise-saved">{move || s.t(Key::PromiseSaved)}</p>
            </Show>
        </form>
    }
}

fn parse_or_zero(amount: &str) -> Decimal {
    crate::domain::money::parse_eur(amount)
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// A promise and where it stands, in one line.
#[component]
pub fn PromiseLine(promise: Promise, keeping: Keeping) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let f = promise.fields.clone();
    let key = match keeping {
        Keeping::Pending => Key::PromisePending,
        Keeping::Kept => Key::PromiseKept,
        Keeping::Broken => Key::PromiseBroken,
    };
    view! {
        <span class="promise" data-keeping=keeping.code()>
            <span class=format!("badge promise-{}", keeping.code())>{move || s.t(key)}</span>
            " "
            {move || fill(s.t(Key::PromiseOf), &[
                ("amount", &format::eur(lang(), f.amount)),
                ("date", &format::date(lang(), f.due)),
            ])}
        </span>
    }
}
