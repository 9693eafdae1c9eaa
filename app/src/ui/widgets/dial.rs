//! A `tel:` link on Today: on a phone it opens the dialer; back in the app,
//! the call's card asks how it went (see `calls::dialing`).

use crate::i18n::Key;
use crate::ui::calls::dialing;
use crate::ui::session::use_session;
use leptos::prelude::*;

/// Dials `phone`, a number of `contact_id` on the card `client_id`.
pub fn dial(client_id: String, contact_id: Option<String>, phone: Option<String>) -> impl IntoView {
    let s = use_session();
    phone.map(|p| {
        let start = move |_| dialing::start_from_today(&client_id, contact_id.clone());
        view! {
            <a class="button call-button" href=format!("tel:{p}") on:click=start>{move || s.t(Key::CallNow)}</a>
        }
    })
}
