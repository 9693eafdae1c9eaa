//! The sign-in form the page carries itself, typed into while the app was
//! still downloading (the server's shell puts it there). The app's sign-in
//! page takes over what was typed, where the cursor was and a press of the
//! button; once someone is signed in the form simply goes.

use crate::domain::user::Language;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The form's element id.
pub const FORM_ID: &str = "boot-sign-in";
/// Its `data-` flag for a press of its button (the page script's name).
pub const SUBMITTED: &str = "submitted";
/// Its `data-` value for the language it speaks.
pub const LANG: &str = "lang";

/// What the visitor left in the page's form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    pub email: String,
    pub password: String,
    /// The button was pressed: sign in as soon as the app can.
    pub submitted: bool,
    /// The field the cursor was in.
    pub focused: Option<String>,
    /// The language it spoke (the visitor may have picked one).
    pub lang: Option<Language>,
}

fn form() -> Option<web_sys::Element> {
    document().get_element_by_id(FORM_ID)
}

/// Whether the page's form is on show (the app's "loading" note then keeps
/// out of the way).
pub fn shown() -> bool {
    form().is_some_and(|f| !f.has_attribute("hidden"))
}

/// Removes the page's form; what was typed in it, if it was on show.
pub fn take() -> Option<Typed> {
    let form = form()?;
    if form.has_attribute("hidden") {
        form.remove();
        return None;
    }
    let value = |id: &str| {
        form.query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
            .unwrap_or_default()
    };
    let focused = document()
        .active_element()
        .filter(|e| form.contains(Some(e)))
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    let typed = Typed {
        email: value("email"),
        password: value("password"),
        submitted: form.get_attribute(&format!("data-{SUBMITTED}")).as_deref() == Some("true"),
        focused,
        lang: form
            .get_attribute(&format!("data-{LANG}"))
            .and_then(|code| Language::parse(&code)),
    };
    form.remove();
    Some(typed)
}
