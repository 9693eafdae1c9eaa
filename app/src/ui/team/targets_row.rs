//! One person's targets as a small form: four numbers, the days after which
//! a client of each segment counts as gone cold (blank: never), and save.

use crate::api::ApiError;
use crate::api::team::set_targets;
use crate::domain::calling::targets::TargetsInput;
use crate::domain::user::UserView;
use crate::domain::validation::Issues;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{Field, issue_at, label};
use leptos::prelude::*;

#[component]
pub fn TargetsRow(person: UserView) -> impl IntoView {
    let s = use_session();
    let start = TargetsInput::of(person.targets, person.cold_after);
    let calls = RwSignal::new(start.calls);
    let offers = RwSignal::new(start.phone_offers);
    let proposals = RwSignal::new(start.email_proposals);
    let contracts = RwSignal::new(start.new_contracts);
    let cold_prospect = RwSignal::new(start.cold_prospect);
    let cold_active = RwSignal::new(start.cold_active);
    let cold_key = RwSignal::new(start.cold_key);
    let cold_lost = RwSignal::new(start.cold_lost);
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let id = StoredValue::new(person.id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let input = TargetsInput {
            calls: calls.get_untracked(),
            phone_offers: offers.get_untracked(),
            email_proposals: proposals.get_untracked(),
            new_contracts: contracts.get_untracked(),
            cold_prospect: cold_prospect.get_untracked(),
            cold_active: cold_active.get_untracked(),
            cold_key: cold_key.get_untracked(),
            cold_lost: cold_lost.get_untracked(),
        };
        // The same check as the server's, so a typo is named at once.
        if let Err(found) = input.validate_all() {
            issues.set(found);
            return;
        }
        leptos::task::spawn_local(async move {
            match set_targets(id.get_value(), input).await {
                Ok(_) => {
                    issues.set(Issues::default());
                    error.set(None);
                    saved.set(true);
                }
                Err(ApiError::Invalid(found)) => issues.set(found),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    let f = |name: &str| format!("targets-{}-{name}", person.id);
    view! {
        <form class="panel targets-row" data-user=person.id.clone() on:submit=save novalidate>
            <h3>{person.name.clone()}</h3>
            <div class="targets-fields">
                <Field id=f("calls") label=label(Key::TargetCalls) value=calls inputmode="numeric"
                    error=issue_at(issues, "calls")/>
                <Field id=f("offers") label=label(Key::TargetOffers) value=offers inputmode="numeric"
                    error=issue_at(issues, "phone_offers")/>
                <Field id=f("proposals") label=label(Key::TargetProposals) value=proposals inputmode="numeric"
                    error=issue_at(issues, "email_proposals")/>
                <Field id=f("contracts") label=label(Key::TargetContracts) value=contracts inputmode="numeric"
                    error=issue_at(issues, "new_contracts")/>
            </div>
            <h4>{move || s.t(Key::ColdAfterTitle)}</h4>
            <div class="targets-fields">
                <Field id=f("cold-prospect") label=label(Key::SegProspect) value=cold_prospect inputmode="numeric"
                    error=issue_at(issues, "cold_prospect")/>
                <Field id=f("cold-active") label=label(Key::SegActive) value=cold_active inputmode="numeric"
                    error=issue_at(issues, "cold_active")/>
                <Field id=f("cold-key") label=label(Key::SegKey) value=cold_key inputmode="numeric"
                    error=issue_at(issues, "cold_key")/>
                <Field id=f("cold-lost") label=label(Key::SegLost) value=cold_lost inputmode="numeric"
                    error=issue_at(issues, "cold_lost")/>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary save-targets">{move || s.t(Key::SaveTargets)}</button>
            <p class="saved" role="status">{move || saved.get().then(|| s.t(Key::TargetsSaved))}</p>
        </form>
    }
}
