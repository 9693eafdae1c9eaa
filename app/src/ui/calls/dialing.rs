//! A call started from a `tel:` link on the card: remembered for the tab
//! (sessionStorage, so it survives the page being reloaded on return) until
//! it is logged; `back` ticks when the person returns to the page, which is
//! when the call form asks how the call went.

use crate::domain::calling::dialing::Dialing;
use leptos::prelude::*;

const KEY: &str = "kartoteka-dialing";

#[derive(Clone, Copy)]
pub struct DialingState {
    pub current: RwSignal<Option<Dialing>>,
    /// Bumped each time the page becomes visible or focused again.
    pub back: RwSignal<u64>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn load() -> Option<Dialing> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

fn visible() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return true;
    };
    js_sys::Reflect::get(&doc, &"visibilityState".into())
        .ok()
        .and_then(|v| v.as_string())
        .is_none_or(|s| s == "visible")
}

/// The state for one card page, with its listeners removed with the page.
pub fn provide() -> DialingState {
    let state = DialingState {
        current: RwSignal::new(load()),
        back: RwSignal::new(0),
    };
    let returned = move || {
        if visible() {
            state.back.update(|n| *n += 1);
        }
    };
    let on_visible = window_event_listener_untyped("visibilitychange", move |_| returned());
    let on_focus = window_event_listener(leptos::ev::focus, move |_| returned());
    on_cleanup(move || {
        on_visible.remove();
        on_focus.remove();
    });
    state
}

impl DialingState {
    pub fn start(&self, client_id: &str, contact_id: Option<String>) {
        let d = Dialing {
            client_id: client_id.to_string(),
            contact_id,
            started: chrono::Utc::now(),
        };
        if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&d)) {
            let _ = s.set_item(KEY, &text);
        }
        self.current.set(Some(d));
    }

    pub fn clear(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
        self.current.set(None);
    }
}
