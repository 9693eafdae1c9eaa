//! Choosing some of an owner's clients for a cover: search the owner's
//! cards (online, like the rest of the appointment) and tick them.

use crate::api::clients::list_clients;
use crate::domain::client::{ClientQuery, ClientSummary};
use crate::i18n::{Key, count};
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn ClientPicker(
    /// Whose clients.
    owner: Signal<String>,
    /// Chosen ids with their names.
    chosen: RwSignal<BTreeMap<String, String>>,
) -> impl IntoView {
    let s = use_session();
    let text = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<ClientSummary>::new());
    Effect::new(move |_| {
        let query = ClientQuery {
            text: text.get(),
            owner_id: Some(owner.get()).filter(|o| !o.is_empty()),
            ..Default::default()
        };
        leptos::task::spawn_local(async move {
            if let Ok(page) = list_clients(query).await {
                found.set(page.items);
            }
        });
    });
    let toggle = move |c: &ClientSummary| {
        let (id, name) = (c.id.clone(), c.name.clone());
        chosen.update(|m| {
            if m.remove(&id).is_none() {
                m.insert(id, name);
            }
        });
    };
    view! {
        <div class="client-picker">
            <label for="cover-client-search">{move || s.t(Key::CoverSearchClients)}</label>
            <input id="cover-client-search" type="search" bind:value=text/>
            <p class="hint" id="cover-chosen-count">
                {move || count(s.lang.get(), Key::CoverClientsCount, chosen.with(|m| m.len()) as u64)}
            </p>
            <ul class="picker-list">
                {move || found.get().into_iter().map(|c| {
                    let id = c.id.clone();
                    let checked = move || chosen.with(|m| m.contains_key(&id));
                    let label = c.name.clone();
                    view! {
                        <li>
                            <label class="check">
                                <input type="checkbox" data-client=c.id.clone() prop:checked=checked
                                    on:change=move |_| toggle(&c)/>
                                {label}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
