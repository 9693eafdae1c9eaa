//! One audit entry: when, who (and for whom), what, from which device, and
//! each field's old and new value.

use crate::domain::audit::{AuditEntry, field_changes};
use crate::i18n::{Key, fill, format};
use crate::ui::session::use_session;
use leptos::prelude::*;

/// The words for an action code.
pub fn action_key(action: &str) -> Key {
    match action {
        "client.create" => Key::ActClientCreate,
        "client.update" => Key::ActClientUpdate,
        "client.archive" => Key::ActClientArchive,
        "session.sign_in" => Key::ActSignIn,
        "export.clients" => Key::ActExport,
        "cover.create" => Key::ActCoverCreate,
        "cover.end" => Key::ActCoverEnd,
        "user.create" => Key::ActUserCreate,
        "user.set_active" => Key::ActUserActive,
        "user.set_targets" => Key::ActTargets,
        "user.set_export" => Key::ActExportRight,
        "user.set_department" => Key::ActDepartment,
        "session.revoke" => Key::ActSessionRevoke,
        "review.done" => Key::ActReviewDone,
        "contract.create" => Key::ActContractCreate,
        "contract.update" => Key::ActContractUpdate,
        _ => Key::ActOther,
    }
}

#[component]
pub fn AuditEntryView(entry: AuditEntry) -> impl IntoView {
    let s = use_session();
    let who = match &entry.on_behalf_name {
        Some(owner) => fill(
            s.t(Key::OnBehalfOf),
            &[("who", &entry.actor_name), ("owner", owner)],
        ),
        None => entry.actor_name.clone(),
    };
    let at = entry.when();
    let received = entry.received_later();
    let action = action_key(&entry.action);
    let changes = field_changes(&entry.changes);
    view! {
        <li class="audit-entry" data-action=entry.action.clone()>
            <p>
                <time>{move || format::datetime(s.lang.get(), at)}</time>" · "
                <strong class="audit-who">{who}</strong>" "
                <span>{move || s.t(action)}</span>
            </p>
            {received.map(|r| view! {
                <p class="hint audit-received">
                    {move || s.t(Key::AuditReceived)}": "{move || format::datetime(s.lang.get(), r)}
                </p>
            })}
            {entry.device.clone().map(|d| view! {
                <p class="hint audit-device">{move || s.t(Key::AuditDevice)}": "{d.clone()}</p>
            })}
            <ul class="audit-changes">
                {changes.into_iter().map(|(field, old, new)| view! {
                    <li><code>{field}</code>": "<del>{old}</del>" → "<ins>{new}</ins></li>
                }).collect_view()}
            </ul>
        </li>
    }
}
