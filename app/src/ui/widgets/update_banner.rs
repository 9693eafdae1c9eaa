//! "A new version is ready — reload": shown when the service worker has
//! installed a new build. The page keeps running its own build until the
//! user chooses, so a running wasm never meets another build's files.

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let s = use_session();
    let ready = RwSignal::new(already_ready());
    let heard = window_event_listener_untyped("kartoteka-update-ready", move |_| ready.set(true));
    on_cleanup(move || heard.remove());
    let apply = move |_| {
        if let Ok(e) = web_sys::Event::new("kartoteka-apply-update") {
            let _ = window().dispatch_event(&e);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" id="update-banner" role="status">
                <span>{move || s.t(Key::UpdateReady)}</span>
                <button type="button" class="primary" id="apply-update" on:click=apply>
                    {move || s.t(Key::ReloadToUpdate)}
                </button>
            </div>
        </Show>
    }
}

/// boot.js may have seen the new worker before the app started listening.
fn already_ready() -> bool {
    js_sys::Reflect::get(&window(), &"__kartotekaUpdateReady".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
