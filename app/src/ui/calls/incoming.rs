//! "Someone called, wrote or came in": type the phone number or e-mail
//! address; a known contact opens on their card with an incoming call ready
//! to log, an unknown one becomes a prospect card in one step, with the
//! reason they got in touch.

use crate::domain::calling::incoming::Match;
use crate::i18n::Key;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

/// The query string for a new prospect card from an unknown caller.
fn new_card_query(who: &str, reason: &str) -> String {
    let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
    let key = if who.contains('@') { "email" } else { "phone" };
    format!(
        "/clients/new?{key}={}&reason={}",
        enc(who.trim()),
        enc(reason.trim())
    )
}

#[component]
pub fn IncomingPanel() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let who = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    // None: not looked up yet; Some(None): not a number or address.
    let found = RwSignal::new(None::<Option<Vec<Match>>>);
    let look = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = who.get_untracked();
        leptos::task::spawn_local(async move {
            found.set(Some(r.find_caller(&input).await.unwrap_or(None)));
        });
    };
    view! {
        <form class="panel" id="incoming" on:submit=look>
            <h2>{move || s.t(Key::IncomingTitle)}</h2>
            <label for="incoming-who">{move || s.t(Key::IncomingWho)}</label>
            <input id="incoming-who" type="text" inputmode="tel" autocomplete="off"
                prop:value=move || who.get() on:input=move |e| who.set(event_target_value(&e))/>
            <label for="incoming-reason">{move || s.t(Key::IncomingReason)}</label>
            <input id="incoming-reason" type="text"
                prop:value=move || reason.get() on:input=move |e| reason.set(event_target_value(&e))/>
            <button type="submit" class="primary" id="incoming-find">{move || s.t(Key::IncomingFind)}</button>
            {move || found.get().map(|f| match f {
                None => view! { <p class="error" role="alert">{move || s.t(Key::IncomingNotNumber)}</p> }.into_any(),
                Some(m) if m.is_empty() => view! {
                    <p role="status">{move || s.t(Key::IncomingUnknown)}</p>
                    <A href=new_card_query(&who.get_untracked(), &reason.get_untracked())
                        attr:class="button" attr:id="incoming-new">{move || s.t(Key::IncomingNewProspect)}</A>
                }.into_any(),
                Some(m) => view! {
                    <ul class="today-list" id="incoming-matches">
                        {m.into_iter().map(|m| view! {
                            <li class="today-item">
                                <a href=format!("/clients/{}?incoming={}", m.client_id, m.contact_id)>{m.client_name}</a>
                                <span class="muted">{m.contact_name}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </form>
    }
}
