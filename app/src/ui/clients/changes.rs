//! A card's history of changes (who, when, from which device, old and new
//! values), asked of the server on demand: the audit lives there.

use crate::api::audit::card_history;
use crate::domain::audit::AuditEntry;
use crate::i18n::Key;
use crate::ui::audit::entry::AuditEntryView;
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn CardChanges(client_id: String) -> impl IntoView {
    let s = use_session();
    let id = StoredValue::new(client_id);
    let entries = RwSignal::new(None::<Vec<AuditEntry>>);
    let error = RwSignal::new(None::<String>);
    let show = move |_| {
        leptos::task::spawn_local(async move {
            match card_history(id.get_value()).await {
                Ok(found) => {
                    error.set(None);
                    entries.set(Some(found));
                }
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    view! {
        <section class="panel" id="card-changes">
            <h2>{move || s.t(Key::HistoryTitle)}</h2>
            <button type="button" class="secondary" id="show-history" on:click=show>
                {move || s.t(Key::HistoryShow)}
            </button>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <ul class="audit-list">
                {move || entries.get().map(|list| {
                    if list.is_empty() {
                        view! { <li class="empty">{move || s.t(Key::HistoryEmpty)}</li> }.into_any()
                    } else {
                        list.into_iter().map(|e| view! { <AuditEntryView entry=e/> }).collect_view().into_any()
                    }
                })}
            </ul>
        </section>
    }
}
