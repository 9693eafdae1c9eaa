//! The call form's "next step": an action and when, planned as a follow-up
//! together with the call. Nothing chosen means no follow-up.

use super::labels;
use crate::domain::calling::retry::{Retry, WorkingHours, retry_at};
use crate::domain::follow_up::{FollowUpAction, FollowUpInput};
use crate::domain::validation::{Issue, Issues, Problem};
use crate::i18n::Key;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{Field, issue_at, label};
use crate::ui::widgets::local_time::{local_minute, parse_local_minute};
use chrono::Utc;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct NextStep {
    pub action: RwSignal<Option<FollowUpAction>>,
    pub when: RwSignal<String>,
}

impl Default for NextStep {
    fn default() -> NextStep {
        NextStep {
            action: RwSignal::new(None),
            when: RwSignal::new(String::new()),
        }
    }
}

impl NextStep {
    pub fn reset(&self) {
        self.action.set(None);
        self.when.set(String::new());
    }

    /// The follow-up to plan with a call on `client_id`, checked before the
    /// call is saved (so a bad date saves neither); `Ok(None)` when no step
    /// was chosen. The call's id is filled in once it exists.
    pub fn input(
        &self,
        client_id: &str,
        contact_id: Option<String>,
    ) -> Result<Option<FollowUpInput>, Issues> {
        let Some(action) = self.action.get_untracked() else {
            return Ok(None);
        };
        let Some(due) = parse_local_minute(&self.when.get_untracked()) else {
            return Err(Issues(vec![Issue::new("due", Problem::Required)]));
        };
        let input = FollowUpInput {
            client_id: client_id.to_string(),
            contact_id,
            action,
            due,
            note: String::new(),
            done_at: None,
            call_id: None,
        };
        input.validate(Utc::now())?;
        Ok(Some(input))
    }
}

#[component]
pub fn NextStepFields(
    /// The chips' id; the time field's is `<id>-when`.
    id: &'static str,
    step: NextStep,
    issues: RwSignal<Issues>,
) -> impl IntoView {
    let s = use_session();
    let choose = move |a: Option<FollowUpAction>| {
        step.action.set(a);
        if a.is_some() && step.when.get_untracked().is_empty() {
            let at = retry_at(
                Utc::now(),
                Retry::Tomorrow,
                &chrono::Local,
                WorkingHours::default(),
            );
            step.when.set(local_minute(at));
        }
    };
    view! {
        <fieldset class="chips" id=id>
            <legend>{move || s.t(Key::NextStep)}</legend>
            <button type="button" class="chip" data-action="none"
                aria-pressed=move || step.action.get().is_none().to_string()
                on:click=move |_| choose(None)>
                {move || s.t(Key::NextStepNone)}
            </button>
            {FollowUpAction::ALL.iter().map(|a| {
                let a = *a;
                view! {
                    <button type="button" class="chip" data-action=a.code()
                        aria-pressed=move || (step.action.get() == Some(a)).to_string()
                        on:click=move |_| choose(Some(a))>
                        {move || s.t(labels::action(a))}
                    </button>
                }
            }).collect_view()}
        </fieldset>
        <Show when=move || step.action.get().is_some()>
            <Field id=format!("{id}-when") label=label(Key::NextStepWhen) value=step.when
                kind="datetime-local" error=issue_at(issues, "due")/>
        </Show>
    }
}
