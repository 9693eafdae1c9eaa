//! Where the app opens (`domain::pages::home`): it needs to know whether
//! this screen is a phone's.

use crate::domain::pages;
use crate::ui::session::use_session;
use leptos::prelude::*;

/// Narrower than this (CSS pixels) is a phone.
const PHONE_MAX_WIDTH: f64 = 640.0;

pub fn home() -> &'static str {
    let phone = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < PHONE_MAX_WIDTH);
    let s = use_session();
    s.me.with_untracked(|m| m.as_ref().map(|m| pages::home(m, phone)))
        .unwrap_or(pages::Page::Clients)
        .path()
}

/// Another user signed in over the page (the session had ended): they open
/// on their own home, not on the page the first one left, which may be a
/// card or a screen they may not see.
pub fn follow_user_change() {
    let s = use_session();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |was: Option<Option<String>>| {
        let now = s.me.with(|m| m.as_ref().map(|m| m.id.clone()));
        if let Some(Some(was)) = was
            && now.as_ref().is_some_and(|id| *id != was)
        {
            navigate(home(), Default::default());
        }
        now
    });
}
