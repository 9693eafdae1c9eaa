//! A person's signed-in devices with "sign out" for each: one's own on the
//! account page, a head's people's on the team page, anyone's for an admin.

use crate::api::sessions::{list_sessions, revoke_session};
use crate::domain::device_session::SessionView;
use crate::i18n::{Key, format};
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn DeviceList(
    /// `None`: the signed-in user's own.
    #[prop(optional)]
    user_id: Option<String>,
) -> impl IntoView {
    let s = use_session();
    let user = StoredValue::new(user_id);
    let devices = RwSignal::new(None::<Vec<SessionView>>);
    let error = RwSignal::new(None::<String>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match list_sessions(user.get_value()).await {
                Ok(d) => devices.set(Some(d)),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    reload();
    let sign_out = move |id: String| {
        leptos::task::spawn_local(async move {
            match revoke_session(id).await {
                Ok(()) => reload(),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    let when = move |at: Option<chrono::DateTime<chrono::Utc>>| match at {
        Some(t) => format::datetime(s.lang.get(), t),
        None => s.t(Key::DeviceNever).to_string(),
    };
    view! {
        <div class="device-list">
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || devices.get().map(|list| {
                if list.is_empty() {
                    return view! { <p class="empty">{move || s.t(Key::DevicesNone)}</p> }.into_any();
                }
                list.into_iter().map(|d| {
                    let id = d.id.clone();
                    let (seen, synced, since) = (d.last_seen_at, d.last_sync_at, d.signed_in_at);
                    view! {
                        <article class="device-row" data-session=d.id.clone() class:current=d.current>
                            <p>
                                <strong>{d.browser.clone()}</strong>
                                {d.current.then(|| view! { <span class="badge">{move || s.t(Key::DeviceThis)}</span> })}
                            </p>
                            <p class="hint">
                                {move || s.t(Key::DeviceSignedIn)}": "{move || when(Some(since))}" · "
                                {move || s.t(Key::DeviceLastSeen)}": "{move || when(Some(seen))}" · "
                                {move || s.t(Key::DeviceLastSync)}": "{move || when(synced)}
                            </p>
                            <button type="button" class="secondary device-sign-out"
                                on:click=move |_| sign_out(id.clone())>
                                {move || s.t(Key::DeviceSignOut)}
                            </button>
                        </article>
                    }
                }).collect_view().into_any()
            })}
        </div>
    }
}

/// Another person's devices behind a disclosure, asked for when opened.
#[component]
pub fn PersonDevices(user_id: String) -> impl IntoView {
    let s = use_session();
    let open = RwSignal::new(false);
    let id = StoredValue::new(user_id);
    view! {
        <details class="person-devices" data-user=id.get_value()
            on:toggle=move |_| open.set(true)>
            <summary>{move || s.t(Key::DevicesShow)}</summary>
            <Show when=move || open.get()>
                <DeviceList user_id=id.get_value()/>
            </Show>
        </details>
    }
}
