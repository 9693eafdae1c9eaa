//! A `tel:` link: on a phone it opens the dialer.

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

pub fn dial(phone: Option<String>) -> impl IntoView {
    let s = use_session();
    phone.map(|p| {
        view! {
            <a class="button call-button" href=format!("tel:{p}")>{move || s.t(Key::CallNow)}</a>
        }
    })
}
