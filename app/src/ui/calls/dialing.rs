//! A call started from a `tel:` link on the card: remembered for the tab
//! (sessionStorage, so it survives the page being reloaded on return) until
//! it is logged; `back` ticks when the person returns to the page, which is
//! when the call form asks how the call went.

use crate::domain::calling::dialing::Dialing;
use leptos::prelude::*;

const KEY: &str = "kartoteka-dialing";
/// Set while a call started on Today has not yet been handed to its card.
const FROM_TODAY: &str = "kartoteka-dialing-from-today";

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
    serde_json::from_slice(text.as_bytes()).ok()
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
    on_return(move || {
        if visible() {
            state.back.update(|n| *n += 1);
        }
    });
    state
}

/// Runs `returned` whenever the page is shown or focused again (a phone
/// coming back from its dialler does one or the other), until the view that
/// asked is gone.
fn on_return(returned: impl Fn() + Clone + 'static) {
    let on_focus = returned.clone();
    let on_visible = window_event_listener_untyped("visibilitychange", move |_| returned());
    let on_focus = window_event_listener(leptos::ev::focus, move |_| on_focus());
    on_cleanup(move || {
        on_visible.remove();
        on_focus.remove();
    });
}

fn remember(client_id: &str, contact_id: Option<String>) -> Dialing {
    let d = Dialing {
        client_id: client_id.to_string(),
        contact_id,
        started: chrono::Utc::now(),
    };
    if let (Some(s), Ok(text)) = (storage(), serde_json::to_string(&d)) {
        let _ = s.set_item(KEY, &text);
    }
    d
}

/// A number tapped on Today: remembered as on the card, and marked to be
/// handed to the card when the person comes back.
pub fn start_from_today(client_id: &str, contact_id: Option<String>) {
    remember(client_id, contact_id);
    if let Some(s) = storage() {
        let _ = s.set_item(FROM_TODAY, "1");
    }
}

/// On Today: back from a call started there (or Today reloaded on return),
/// open the call's card, where the form asks how it went.
pub fn hand_back_to_card() {
    let navigate = leptos_router::hooks::use_navigate();
    let check = move || {
        let Some(s) = storage() else { return };
        if !visible() || s.get_item(FROM_TODAY).ok().flatten().is_none() {
            return;
        }
        let now = chrono::Utc::now();
        let Some(d) = load().filter(|d| d.is_recent(now)) else {
            let _ = s.remove_item(FROM_TODAY);
            return;
        };
        if d.is_back(now) {
            let _ = s.remove_item(FROM_TODAY);
            navigate(&format!("/clients/{}", d.client_id), Default::default());
        }
    };
    on_return(check.clone());
    // After the first render: the page may have been reloaded on return.
    Effect::new(move |_| check());
}

impl DialingState {
    /// A call from the card: its form asks, Today has nothing to hand over.
    pub fn start(&self, client_id: &str, contact_id: Option<String>) {
        if let Some(s) = storage() {
            let _ = s.remove_item(FROM_TODAY);
        }
        self.current.set(Some(remember(client_id, contact_id)));
    }

    pub fn clear(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
            let _ = s.remove_item(FROM_TODAY);
        }
        self.current.set(None);
    }
}
