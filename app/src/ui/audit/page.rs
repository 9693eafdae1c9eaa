//! `/audit` for heads (their department) and directors (everyone): who
//! changed what in a period, optionally one person's actions.

use super::entry::AuditEntryView;
use crate::api::audit::search_audit;
use crate::api::users::{OwnerOption, list_owners};
use crate::domain::audit::{AuditEntry, AuditQuery};
use crate::i18n::Key;
use crate::ui::calls::range_picker::{RangePick, RangePicker};
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use crate::ui::widgets::local_time::day_start;
use leptos::prelude::*;

#[component]
pub fn AuditPage() -> impl IntoView {
    let s = use_session();
    let people = RwSignal::new(Vec::<OwnerOption>::new());
    let person = RwSignal::new(String::new());
    let entries = RwSignal::new(None::<Vec<AuditEntry>>);
    let error = RwSignal::new(None::<String>);
    let picker = RangePick::default();
    leptos::task::spawn_local(async move {
        if let Ok(p) = list_owners().await {
            people.set(p);
        }
    });
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (from, to) = match picker.range() {
            Ok(span) => span,
            Err(key) => {
                error.set(Some(s.t_now(key).to_string()));
                return;
            }
        };
        let (Some(from), Some(to)) = (day_start(from), day_start(to + chrono::Duration::days(1)))
        else {
            return;
        };
        let query = AuditQuery {
            user_id: Some(person.get_untracked()).filter(|p| !p.is_empty()),
            from,
            to,
        };
        leptos::task::spawn_local(async move {
            match search_audit(query).await {
                Ok(found) => {
                    error.set(None);
                    entries.set(Some(found));
                }
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    view! {
        <h1>{move || s.t(Key::AuditTitle)}</h1>
        <form class="panel" id="audit-form" on:submit=search>
            <div class="field">
                <label for="audit-person">{move || s.t(Key::AuditPerson)}</label>
                <select id="audit-person" on:change=move |ev| person.set(event_target_value(&ev))>
                    <option value="">{move || s.t(Key::AuditEveryone)}</option>
                    {move || people.get().into_iter().map(|p| view! {
                        <option value=p.id.clone()>{p.name}</option>
                    }).collect_view()}
                </select>
            </div>
            <RangePicker pick=picker/>
            <button type="submit" id="audit-search">{move || s.t(Key::AuditSearch)}</button>
        </form>
        <p class="form-error" role="alert" id="audit-error">{move || error.get()}</p>
        <ul class="audit-list" id="audit-results">
            {move || entries.get().map(|list| {
                if list.is_empty() {
                    view! { <li class="empty">{move || s.t(Key::AuditNothing)}</li> }.into_any()
                } else {
                    list.into_iter().map(|e| view! { <AuditEntryView entry=e/> }).collect_view().into_any()
                }
            })}
        </ul>
    }
}
