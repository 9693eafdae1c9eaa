//! The account page's switch for reminders: asks the browser's permission to
//! show a notification when a planned step falls due (see `due_alerts`).

use super::due_alerts::{ask_permission, permission, state_key};
use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn NotifySettings() -> impl IntoView {
    let s = use_session();
    let state = RwSignal::new(permission());
    let ask = move |_| ask_permission(move |answer| state.set(answer));
    view! {
        <section class="panel" id="notify-settings">
            <h2>{move || s.t(Key::NotifyTitle)}</h2>
            <p id="notify-state" data-permission=move || state.get().unwrap_or_default()>
                {move || s.t(state_key(state.get().as_deref()))}
            </p>
            <Show when=move || state.get().as_deref() == Some("default")>
                <button type="button" class="secondary" id="notify-ask" on:click=ask>
                    {move || s.t(Key::NotifyAsk)}
                </button>
            </Show>
        </section>
    }
}
