//! Online/offline, from the browser's own state and its events.

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn OnlineIndicator() -> impl IntoView {
    let s = use_session();
    let online = RwSignal::new(window().navigator().on_line());
    let h1 = window_event_listener(ev::online, move |_| online.set(true));
    let h2 = window_event_listener(ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        h1.remove();
        h2.remove();
    });
    view! {
        <span
            class="net"
            class:offline=move || !online.get()
            role="status"
            aria-live="polite"
            data-online=move || online.get().to_string()
        >
            <span class="dot" aria-hidden="true"></span>
            {move || if online.get() { s.t(Key::Online) } else { s.t(Key::Offline) }}
        </span>
    }
}
