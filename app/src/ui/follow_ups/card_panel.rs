//! A card's next steps: the open follow-ups with "done", the last ones done,
//! one-tap "call tomorrow" and "contract signed", and planning any step
//! (proposals are their own records: see `ui::proposals`).

use super::labels;
use super::next_step::{NextStep, NextStepFields};
use crate::api::ApiError;
use crate::domain::calling::retry::{Retry, WorkingHours, retry_at};
use crate::domain::follow_up::{FollowUp, FollowUpAction, FollowUpInput};
use crate::domain::validation::Issues;
use crate::i18n::{Key, fill, format};
use crate::ui::errors::api_error_text;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use crate::ui::widgets::field::{AreaField, label};
use chrono::Utc;
use leptos::prelude::*;

/// How many done steps the card shows (the rest are history).
const DONE_SHOWN: usize = 5;

#[component]
pub fn FollowUpsPanel(client_id: String) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let client_id = StoredValue::new(client_id);
    let error = RwSignal::new(None::<String>);
    let issues = RwSignal::new(Issues::default());
    let planned = RwSignal::new(false);
    let step = NextStep::default();
    let note = RwSignal::new(String::new());
    let DeviceData {
        value: read,
        error: read_error,
    } = use_device_data(None, move |r| {
        Some(async move { r.follow_ups_of(&client_id.get_value()).await })
    });
    let report = move |result: Result<FollowUp, ApiError>| match result {
        Ok(_) => {
            error.set(None);
            issues.set(Issues::default());
            planned.set(true);
        }
        Err(ApiError::Invalid(found)) => issues.set(found),
        Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
    };
    let quick = move |action: FollowUpAction, done: bool| {
        planned.set(false);
        let now = Utc::now();
        let due = if done {
            now
        } else {
            retry_at(
                now,
                Retry::Tomorrow,
                &chrono::Local,
                WorkingHours::default(),
            )
        };
        let input = FollowUpInput {
            client_id: client_id.get_value(),
            contact_id: None,
            action,
            due,
            note: String::new(),
            done_at: done.then_some(now),
            call_id: None,
        };
        leptos::task::spawn_local(async move { report(r.plan_follow_up(input).await) });
    };
    let plan = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        planned.set(false);
        let input = match step.input(&client_id.get_value(), None) {
            Ok(Some(mut input)) => {
                input.note = note.get_untracked();
                input
            }
            Ok(None) => return,
            Err(found) => {
                issues.set(found);
                return;
            }
        };
        leptos::task::spawn_local(async move {
            let result = r.plan_follow_up(input).await;
            if result.is_ok() {
                step.reset();
                note.set(String::new());
            }
            report(result);
        });
    };
    let complete = move |id: String| {
        leptos::task::spawn_local(async move {
            if let Err(e) = r.complete_follow_up(&id).await {
                error.set(Some(api_error_text(s.lang.get_untracked(), &e)));
            }
        });
    };
    view! {
        <section class="panel" id="card-follow-ups">
            <h2>{move || s.t(Key::FollowUps)}</h2>
            <div class="quick-steps" role="group">
                <button type="button" class="button" id="call-tomorrow"
                    on:click=move |_| quick(FollowUpAction::Call, false)>
                    {move || s.t(Key::CallTomorrow)}
                </button>
            </div>
            <p class="form-error" role="alert">{move || error.get().or_else(|| read_error.get())}</p>
            <ul class="today-list" id="card-follow-up-list">
                {move || {
                    let all = read.get().unwrap_or_default();
                    let open: Vec<FollowUp> = all.iter().filter(|f| f.is_open()).cloned().collect();
                    let done: Vec<FollowUp> = all.into_iter().filter(|f| !f.is_open()).take(DONE_SHOWN).collect();
                    let none = open.is_empty() && done.is_empty();
                    view! {
                        {none.then(|| view! { <li class="empty">{move || s.t(Key::NoFollowUps)}</li> })}
                        {open.into_iter().chain(done).map(|f| {
                            let action = f.fields.action;
                            let due = f.fields.due;
                            let done_at = f.fields.done_at;
                            let id = f.id.clone();
                            view! {
                                <li class="today-item" data-follow-up=f.id.clone() data-action=action.code()
                                    data-done=done_at.is_some().to_string()>
                                    <span>{move || s.t(labels::action(action))}</span>
                                    <span class="muted">{move || match done_at {
                                        Some(at) => fill(s.t(Key::DoneOn), &[("date", &format::datetime(s.lang.get(), at))]),
                                        None => format::datetime(s.lang.get(), due),
                                    }}</span>
                                    {f.fields.note.clone().map(|n| view! { <span class="muted">{n}</span> })}
                                    {done_at.is_none().then(|| view! {
                                        <button type="button" class="chip mark-done"
                                            on:click=move |_| complete(id.clone())>
                                            {move || s.t(Key::MarkDone)}
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    }
                }}
            </ul>
            <form class="plan-step" id="plan-step" on:submit=plan novalidate>
                <NextStepFields id="plan-step-action" step=step issues=issues/>
                <Show when=move || step.action.get().is_some()>
                    <AreaField id="plan-step-note" label=label(Key::CallNote) value=note/>
                    <button type="submit" class="primary" id="plan-step-save">{move || s.t(Key::PlanStep)}</button>
                </Show>
                <p class="saved" role="status">{move || planned.get().then(|| s.t(Key::StepPlanned))}</p>
            </form>
        </section>
    }
}
