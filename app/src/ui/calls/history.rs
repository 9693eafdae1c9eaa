//! A client's calls, newest first; those not yet on the server say so.

use super::labels;
use crate::domain::call_log::CallLog;
use crate::domain::calling::call_kind::CallKind;
use crate::i18n::{Key, format};
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn CallHistory(client_id: String) -> impl IntoView {
    let s = use_session();
    let client_id = StoredValue::new(client_id);
    let DeviceData { value: calls, .. } = use_device_data(None, move |r| {
        Some(async move {
            let calls = r.calls_of(&client_id.get_value()).await?;
            let pending = r.pending_ids().await;
            Ok((calls, pending))
        })
    });
    view! {
        <section class="panel" id="call-history">
            <h2>{move || s.t(Key::Calls)}</h2>
            {move || calls.get().map(|(calls, pending)| {
                if calls.is_empty() {
                    view! { <p class="empty">{move || s.t(Key::NoCalls)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="call-list">
                            {calls.into_iter().map(|c| {
                                let unsent = pending.contains(&c.id);
                                view! { <CallRow c=c unsent=unsent/> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn CallRow(c: CallLog, unsent: bool) -> impl IntoView {
    let s = use_session();
    let f = c.fields;
    let (at, outcome, direction, kind) = (f.at, f.outcome, f.direction, f.kind);
    let secs = f.duration_s;
    view! {
        <li class="call-row" class:unsent=unsent data-outcome=outcome.code()>
            <span class="call-when">{move || format::datetime(s.lang.get(), at)}</span>
            <span class="call-outcome">{move || s.t(labels::outcome(outcome))}</span>
            <span class="muted">{move || s.t(labels::direction(direction))}</span>
            {(kind != CallKind::Ordinary).then(|| view! {
                <span class="muted call-kind" data-kind=kind.code()>{move || s.t(labels::kind(kind))}</span>
            })}
            {(secs > 0).then(|| view! { <span class="muted">{format!("{}:{:02}", secs / 60, secs % 60)}</span> })}
            {unsent.then(|| view! { <span class="badge unsent">{move || s.t(Key::NotSentYet)}</span> })}
            {c.on_behalf_of.map(|owner| view! {
                <span class="badge call-on-behalf" data-owner=owner>{move || s.t(Key::OnBehalfBadge)}</span>
            })}
            {f.note.map(|n| view! { <p class="prose">{n}</p> })}
        </li>
    }
}
