//! Logging a call from a client card: pick the outcome, optionally the
//! duration, a note and a next step, save. Back from a call started in the
//! app, the form asks how it went with Save right under the outcomes. After "no answer" or "busy" one
//! tap saves the call and plans to try again in 2 hours or tomorrow. Works
//! offline; the call and its follow-up sync later.

use super::dialing::DialingState;
use super::labels;
use crate::domain::call_log::{CallInput, Direction, Outcome};
use crate::domain::calling::call_kind::CallKind;
use crate::domain::calling::retry::Retry;
use crate::domain::validation::Issues;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::follow_ups::next_step::{NextStep, NextStepFields};
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{AreaField, Field, issue_at, label};
use crate::ui::widgets::local_time::{local_minute, now_local, parse_local_minute};
use chrono::Utc;
use leptos::prelude::*;

fn scroll_to_form() {
    if let Some(form) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("call-form"))
    {
        form.scroll_into_view();
    }
}

#[component]
pub fn CallLogForm(
    client_id: String,
    /// A contact who just called (from the incoming panel): the form starts
    /// as an incoming call from them.
    #[prop(default = None)]
    incoming: Option<String>,
    /// The kind the form starts with (a debt being chased from Today).
    #[prop(default = CallKind::Ordinary)]
    start_kind: CallKind,
) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let outcome = RwSignal::new(None::<Outcome>);
    let direction = RwSignal::new(if incoming.is_some() {
        Direction::Incoming
    } else {
        Direction::Outgoing
    });
    let kind = RwSignal::new(start_kind);
    let duration = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let when = RwSignal::new(now_local());
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let client_id = StoredValue::new(client_id);
    let contact = RwSignal::new(incoming.clone());
    // Back from a call started on this card: fill in what the timer knows
    // and ask for the outcome (outcome + save: two more taps).
    let dialing = use_context::<DialingState>();
    let asking = RwSignal::new(false);
    if let Some(d) = dialing {
        Effect::new(move |_| {
            d.back.track();
            let Some(call) = d.current.get() else { return };
            let now = Utc::now();
            // The tap itself (and the focus events around it) is not a return.
            if call.client_id != client_id.get_value() || !call.is_back(now) {
                return;
            }
            duration.set(call.duration_text(now));
            contact.set(call.contact_id.clone());
            when.set(local_minute(call.started));
            direction.set(Direction::Outgoing);
            asking.set(true);
            scroll_to_form();
        });
    }

    let step = NextStep::default();
    // Saves the call; with `retry`, also plans to call again (one tap after
    // "no answer" or "busy"), else the next step chosen, if any.
    let submit = move |retry: Option<Retry>| {
        saved.set(false);
        let Some(o) = outcome.get_untracked() else {
            issues.set(Issues(vec![crate::domain::validation::Issue::new(
                "outcome",
                crate::domain::validation::Problem::Required,
            )]));
            return;
        };
        let at = parse_local_minute(&when.get_untracked()).unwrap_or_else(Utc::now);
        let input = CallInput {
            client_id: client_id.get_value(),
            contact_id: contact.get_untracked(),
            at,
            direction: direction.get_untracked(),
            outcome: o,
            kind: kind.get_untracked(),
            duration: duration.get_untracked(),
            note: note.get_untracked(),
        };
        let next = match retry {
            Some(_) => None,
            None => match step.input(&input.client_id, input.contact_id.clone()) {
                Ok(next) => next,
                Err(found) => {
                    issues.set(found);
                    return;
                }
            },
        };
        leptos::task::spawn_local(async move {
            let result = match (retry, next) {
                (Some(retry), _) => r.log_call_and_retry(input, retry).await.map(|_| ()),
                (None, Some(mut next)) => match r.log_call(input).await {
                    Ok(call) => {
                        next.call_id = Some(call.id);
                        r.plan_follow_up(next).await.map(|_| ())
                    }
                    Err(e) => Err(e),
                },
                (None, None) => r.log_call(input).await.map(|_| ()),
            };
            match result {
                Ok(()) => {
                    issues.set(Issues::default());
                    error.set(None);
                    outcome.set(None);
                    kind.set(CallKind::Ordinary);
                    duration.set(String::new());
                    note.set(String::new());
                    when.set(now_local());
                    contact.set(None);
                    step.reset();
                    if asking.try_get_untracked() == Some(true) {
                        asking.set(false);
                        if let Some(d) = dialing {
                            d.clear();
                        }
                    }
                    saved.set(true);
                }
                Err(crate::api::ApiError::Invalid(found)) => issues.set(found),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(None);
    };
    let unanswered = move || matches!(outcome.get(), Some(Outcome::NoAnswer | Outcome::Busy));

    view! {
        <form class="panel call-form" id="call-form" on:submit=save novalidate
            data-asking=move || asking.get().to_string()>
            <h2>{move || if asking.get() { s.t(Key::HowDidTheCallGo) } else { s.t(Key::LogCall) }}</h2>
            <fieldset class="chips" id="call-outcome">
                <legend>{move || s.t(Key::CallOutcome)}</legend>
                {Outcome::ALL.iter().map(|o| {
                    let o = *o;
                    view! {
                        <button type="button" class="chip" data-outcome=o.code()
                            aria-pressed=move || (outcome.get() == Some(o)).to_string()
                            on:click=move |_| outcome.set(Some(o))>
                            {move || s.t(labels::outcome(o))}
                        </button>
                    }
                }).collect_view()}
                <p class="error" role="alert">{move || issue_at(issues, "outcome").get()}</p>
            </fieldset>
            <Show when=unanswered>
                <div class="retry-buttons" role="group">
                    <button type="button" class="primary" id="retry-2h"
                        on:click=move |_| submit(Some(Retry::InTwoHours))>
                        {move || s.t(Key::RetryInTwoHours)}
                    </button>
                    <button type="button" class="primary" id="retry-tomorrow"
                        on:click=move |_| submit(Some(Retry::Tomorrow))>
                        {move || s.t(Key::RetryTomorrow)}
                    </button>
                </div>
            </Show>
            // Back from a call the answer is two taps, outcome and save, on
            // one screen; the other fields follow for those who want them.
            <Show when=move || asking.get()>
                <button type="submit" class="primary" id="save-call">{move || s.t(Key::SaveCall)}</button>
            </Show>
            <fieldset class="chips" id="call-direction">
                <legend>{move || s.t(Key::CallDirection)}</legend>
                {Direction::ALL.iter().map(|d| {
                    let d = *d;
                    view! {
                        <button type="button" class="chip" data-direction=d.code()
                            aria-pressed=move || (direction.get() == d).to_string()
                            on:click=move |_| direction.set(d)>
                            {move || s.t(labels::direction(d))}
                        </button>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="chips" id="call-kind">
                <legend>{move || s.t(Key::CallKindLabel)}</legend>
                {CallKind::ALL.iter().map(|k| {
                    let k = *k;
                    view! {
                        <button type="button" class="chip" data-kind=k.code()
                            aria-pressed=move || (kind.get() == k).to_string()
                            on:click=move |_| kind.set(k)>
                            {move || s.t(labels::kind(k))}
                        </button>
                    }
                }).collect_view()}
            </fieldset>
            <Field id="call-when" label=label(Key::CallWhen) value=when kind="datetime-local"
                error=issue_at(issues, "at")/>
            <Field id="call-duration" label=label(Key::CallDuration) value=duration inputmode="numeric"
                error=issue_at(issues, "duration")/>
            <AreaField id="call-note" label=label(Key::CallNote) value=note error=issue_at(issues, "note")/>
            <NextStepFields id="next-step" step=step issues=issues/>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <Show when=move || !asking.get()>
                <button type="submit" class="primary" id="save-call">{move || s.t(Key::SaveCall)}</button>
            </Show>
            <p class="saved" role="status">{move || saved.get().then(|| s.t(Key::CallSaved))}</p>
        </form>
    }
}
