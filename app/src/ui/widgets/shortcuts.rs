//! Keys for a desktop: `/` goes to the client search, `n` starts a new
//! card. Not while typing in a field, and not with a modifier (the
//! browser's own shortcuts stay). Each follows the navigation's own link,
//! so it takes the user only where the navigation would.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || e.closest("[contenteditable]").ok().flatten().is_some()
        })
}

fn click_nav(href: &str) -> bool {
    let link = document()
        .and_then(|d| {
            d.query_selector(&format!("nav.nav a[href=\"{href}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    link.map(|a| a.click()).is_some()
}

/// Focuses the search once it is on the page (after a navigation it
/// appears a moment later).
fn focus_search(tries: u32) {
    let search = document()
        .and_then(|d| d.get_element_by_id("client-search"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match search {
        Some(input) => {
            let _ = input.focus();
        }
        None if tries > 0 => {
            set_timeout(
                move || focus_search(tries - 1),
                std::time::Duration::from_millis(50),
            );
        }
        None => {}
    }
}

#[component]
pub fn Shortcuts() -> impl IntoView {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        if typing_in(ev.target()) {
            return;
        }
        match ev.key().as_str() {
            "/" => {
                ev.prevent_default();
                let here = document()
                    .and_then(|d| d.get_element_by_id("client-search"))
                    .is_some();
                if here || click_nav("/clients") {
                    focus_search(20);
                }
            }
            // Followed only where the navigation offers a new card.
            "n" if click_nav("/clients/new") => ev.prevent_default(),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}
