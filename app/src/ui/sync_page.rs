//! Sync in detail: what waits, when the last sync was, what the server
//! refused and why, and how safe the offline data is on this device.

use super::errors::api_error_text;
use super::replica::{DeviceData, use_device_data, use_replica};
use super::session::use_session;
use super::widgets::refusals::use_refusals_seen;
use crate::api::ApiError;
use crate::i18n::{Key, fill, format, problem_text};
use crate::sync::store::Rejected;
use crate::sync::tables;
use leptos::prelude::*;
use leptos_router::components::A;

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

#[component]
pub fn SyncPage() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let lang = move || s.lang.get();
    // Shown here, the refusals stop being news in the header.
    let seen = use_refusals_seen();
    Effect::new(move |_| r.rejected.with(|l| seen.saw(l)));
    view! {
        <h1>{move || s.t(Key::NavSync)}</h1>
        <section class="panel" id="sync-state">
            <p id="sync-pending">{move || match r.pending.get() {
                0 => s.t(Key::SyncAllSent).to_string(),
                n => fill(s.t(Key::SyncPending), &[("num", &n.to_string())]),
            }}</p>
            <p id="last-sync">{move || match r.last_sync.get() {
                Some(at) => fill(s.t(Key::LastSync), &[("when", &format::datetime(lang(), at))]),
                None => s.t(Key::NeverSynced).to_string(),
            }}</p>
            <p class="form-error" role="alert">{move || r.last_error.get().map(|e| {
                fill(s.t(Key::SyncFailed), &[("why", &api_error_text(lang(), &e))])
            })}</p>
            <button type="button" class="primary" id="sync-now-page" disabled=move || r.syncing.get()
                on:click=move |_| r.sync_now()>
                {move || if r.syncing.get() { s.t(Key::SyncRunning) } else { s.t(Key::SyncNow) }}
            </button>
        </section>
        <section class="panel" id="storage">
            {move || r.storage.get().map(|st| view! {
                <p>{move || fill(s.t(Key::StorageUsed), &[("used", &megabytes(st.usage)), ("quota", &megabytes(st.quota))])}</p>
                <p class:warning=!st.persisted>{move || if st.persisted { s.t(Key::StoragePersistent) } else { s.t(Key::StorageNotPersistent) }}</p>
            })}
        </section>
        <section class="panel" id="rejected">
            <h2>{move || s.t(Key::RejectedTitle)}</h2>
            {move || {
                let list = r.rejected.get();
                if list.is_empty() {
                    view! { <p class="empty">{move || s.t(Key::NoRejected)}</p> }.into_any()
                } else {
                    view! { <ul class="rejected-list">{list.into_iter().map(|x| view! { <RejectedRow x=x/> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn RejectedRow(x: Rejected) -> impl IntoView {
    let s = use_session();
    let what = match x.op.table.as_str() {
        tables::CLIENT => Key::RejectedCard,
        tables::CALL_LOG => Key::RejectedCall,
        _ => Key::RejectedConflict,
    };
    let at = x.at;
    let reason = x.reason.clone();
    // Which card: a link while the device still holds it, else its name
    // when the refusal came.
    let client_id = x.client().map(str::to_string);
    let written = x.name().map(str::to_string);
    let DeviceData { value: card, .. } = use_device_data(None, {
        let client_id = client_id.clone();
        move |r| {
            let id = client_id.clone()?;
            Some(async move { Ok(r.get_client(&id).await.ok().map(|c| c.fields.name)) })
        }
    });
    let card_name = move || {
        let on_device = card.get().flatten();
        match (on_device, client_id.clone()) {
            (Some(name), Some(id)) => Some(view! {
                " · "<A href=format!("/clients/{id}") attr:class="rejected-card">{name}</A>
            }.into_any()),
            _ => written.clone().map(|name| view! {
                " · "<span class="rejected-card">{name}" "{move || s.t(Key::RejectedCardGone)}</span>
            }.into_any()),
        }
    };
    let detail = move || match &reason {
        ApiError::Invalid(issues) => issues
            .0
            .iter()
            .map(|i| {
                // The field's label where it has one ("contacts.0.phones.1" → Contacts).
                let top = i.path.split('.').next().unwrap_or_default();
                let field = crate::ui::clients::labels::field(top)
                    .map_or_else(|| i.path.clone(), |k| s.t(k).to_string());
                format!("{field}: {}", problem_text(s.lang.get(), i.problem))
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => api_error_text(s.lang.get(), other),
    };
    view! {
        <li class="rejected" data-table=x.op.table.clone()>
            <p><strong>{move || s.t(what)}</strong>{card_name}" · "{move || format::datetime(s.lang.get(), at)}</p>
            <p class="reason">{detail}</p>
        </li>
    }
}
