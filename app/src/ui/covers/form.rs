//! The appointment form: who is covered (oneself, or for a head one of
//! their people), by whom, from which day to which, all clients or chosen
//! ones, and a handover note. The form's local days become instants here;
//! the rules are the domain's (`CoverInput::validate`), checked again by
//! the server.

use super::client_picker::ClientPicker;
use crate::api::ApiError;
use crate::api::covers::create_cover;
use crate::api::users::{OwnerOption, list_deputies, list_owners};
use crate::domain::cover::CoverInput;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{AreaField, Field, issue_at, label};
use crate::ui::widgets::local_time::{day_start, parse_date};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn CoverForm(on_created: Callback<()>) -> impl IntoView {
    let s = use_session();
    let owners = RwSignal::new(Vec::<OwnerOption>::new());
    let deputies = RwSignal::new(Vec::<OwnerOption>::new());
    let owner = RwSignal::new(String::new());
    let deputy = RwSignal::new(String::new());
    let today = chrono::Local::now().date_naive();
    let from = RwSignal::new(today.format("%Y-%m-%d").to_string());
    let to = RwSignal::new(
        (today + chrono::Duration::days(13))
            .format("%Y-%m-%d")
            .to_string(),
    );
    let note = RwSignal::new(String::new());
    let chosen_only = RwSignal::new(false);
    let chosen = RwSignal::new(BTreeMap::<String, String>::new());
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match (list_owners().await, list_deputies().await) {
            (Ok(o), Ok(d)) => {
                if let Some(first) = s.me.get_untracked().map(|m| m.id) {
                    owner.set(first);
                }
                owners.set(o);
                deputies.set(d);
            }
            (Err(e), _) | (_, Err(e)) => {
                error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e))))
            }
        }
    });
    // A new owner means other clients.
    Effect::new(move |_| {
        owner.track();
        chosen.set(BTreeMap::new());
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let day = |text: String, next: bool| {
            parse_date(&text)
                .map(|d| {
                    if next {
                        d + chrono::Duration::days(1)
                    } else {
                        d
                    }
                })
                .and_then(day_start)
        };
        let (Some(starts), Some(ends)) = (
            day(from.get_untracked(), false),
            day(to.get_untracked(), true),
        ) else {
            let mut found = Issues::default();
            if day(from.get_untracked(), false).is_none() {
                found.push("starts", Problem::InvalidDate);
            }
            found.push("ends", Problem::InvalidDate);
            issues.set(found);
            return;
        };
        let input = CoverInput {
            owner_id: owner.get_untracked(),
            deputy_id: deputy.get_untracked(),
            starts,
            ends,
            clients: if chosen_only.get_untracked() {
                chosen.with_untracked(|m| m.keys().cloned().collect())
            } else {
                Vec::new()
            },
            note: note.get_untracked(),
        };
        let mut found = match input.validate(chrono::Utc::now()) {
            Ok(_) => Issues::default(),
            Err(found) => found,
        };
        if chosen_only.get_untracked() && input.clients.is_empty() {
            found.0.push(Issue::new("clients", Problem::Required));
        }
        if !found.is_empty() {
            issues.set(found);
            return;
        }
        leptos::task::spawn_local(async move {
            match create_cover(input).await {
                Ok(_) => {
                    issues.set(Issues::default());
                    error.set(None);
                    done.set(true);
                    on_created.run(());
                }
                Err(ApiError::Invalid(found)) => issues.set(found),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    let options = |list: RwSignal<Vec<OwnerOption>>, skip: Option<RwSignal<String>>| {
        move || {
            let skip = skip.map(|k| k.get()).unwrap_or_default();
            list.get()
                .into_iter()
                .filter(|o| o.id != skip)
                .map(|o| view! { <option value=o.id.clone()>{o.name}</option> })
                .collect_view()
        }
    };
    view! {
        <form class="panel cover-form" id="cover-form" on:submit=submit novalidate>
            <div class="field">
                <label for="cover-owner">{move || s.t(Key::CoverOwner)}</label>
                <select id="cover-owner" prop:value=move || owner.get()
                    on:change=move |ev| owner.set(event_target_value(&ev))>
                    {options(owners, None)}
                </select>
                <p class="error" role="alert">{issue_at(issues, "owner_id")}</p>
            </div>
            <div class="field" class:invalid=move || issues.with(|i| i.at("deputy_id").is_some())>
                <label for="cover-deputy">{move || s.t(Key::CoverDeputy)}" *"</label>
                <select id="cover-deputy" prop:value=move || deputy.get()
                    on:change=move |ev| deputy.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {options(deputies, Some(owner))}
                </select>
                <p class="error" id="cover-deputy-err" role="alert">{issue_at(issues, "deputy_id")}</p>
            </div>
            <div class="targets-fields">
                <Field id="cover-from" label=label(Key::CoverFrom) value=from kind="date"
                    error=issue_at(issues, "starts")/>
                <Field id="cover-to" label=label(Key::CoverTo) value=to kind="date"
                    error=issue_at(issues, "ends")/>
            </div>
            <div class="langs" role="group">
                <button type="button" class="chip" id="cover-whole"
                    aria-pressed=move || (!chosen_only.get()).to_string()
                    on:click=move |_| chosen_only.set(false)>{move || s.t(Key::CoverWhole)}</button>
                <button type="button" class="chip" id="cover-chosen"
                    aria-pressed=move || chosen_only.get().to_string()
                    on:click=move |_| chosen_only.set(true)>{move || s.t(Key::CoverChosen)}</button>
            </div>
            <Show when=move || chosen_only.get()>
                <ClientPicker owner=owner.into() chosen=chosen/>
                <p class="error" role="alert" id="cover-clients-err">{issue_at(issues, "clients")}</p>
            </Show>
            <AreaField id="cover-note" label=label(Key::CoverNote) value=note error=issue_at(issues, "note")/>
            <button type="submit" id="cover-save">{move || s.t(Key::CoverCreate)}</button>
            <p class="form-error" role="alert" id="cover-form-error">{move || error.get()}</p>
            <Show when=move || done.get()>
                <p class="saved" role="status" id="cover-done">{move || s.t(Key::CoverCreated)}</p>
            </Show>
        </form>
    }
}
