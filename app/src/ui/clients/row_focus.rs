//! The keyboard's place in the client list, kept when its rows are drawn
//! again. The rows are markup set in one go (`row_markup`), which replaces
//! every row's elements, so a focused row link (the keyboard's place in the
//! list) would lose the focus to a background sync that changed any row on
//! the page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Call just before the list's rows are replaced: the focused row link,
/// if any, gets the focus back once the new rows are in (if its card is
/// still on the page).
pub fn keep(list_id: &'static str) {
    let Some(href) = document()
        .active_element()
        .filter(|e| e.tag_name().eq_ignore_ascii_case("a"))
        .filter(|e| e.closest(&format!("#{list_id}")).ok().flatten().is_some())
        .and_then(|e| e.get_attribute("href"))
        // Ids are letters, digits and dashes; anything else is not put
        // into a selector.
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || "/-_".contains(c))
        })
    else {
        return;
    };
    // A microtask runs once the caller has set the new rows, before the
    // browser takes the next key press.
    queue_microtask(move || {
        let link = document()
            .query_selector(&format!("#{list_id} a[href=\"{href}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(link) = link {
            focus_in_place(&link);
        }
    });
}

/// `link.focus({ preventScroll: true })`: the reader may have scrolled
/// away from the row. Called through the object itself, as web-sys binds
/// `FocusOptions` only behind a feature whose switch rebuilds the framework.
fn focus_in_place(link: &web_sys::HtmlElement) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"preventScroll".into(), &true.into());
    let focus = js_sys::Reflect::get(link, &"focus".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match focus {
        Some(focus) => {
            let _ = focus.call1(link, &options);
        }
        None => {
            let _ = link.focus();
        }
    }
}
