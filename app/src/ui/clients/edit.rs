//! Editing a card.

use super::form::{ClientForm, SaveFuture};
use crate::domain::client::ClientCard;
use crate::domain::client_input::ClientInput;
use crate::i18n::Key;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::loaded::loaded;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn EditClientPage() -> impl IntoView {
    let s = use_session();
    let params = use_params_map();
    let r = use_replica();
    view! {
        <h1>{move || s.t(Key::EditClient)}</h1>
        {loaded(
            move || (params.with(|p| p.get("id").unwrap_or_default()), r.ready.get()),
            move |(id, _)| async move { r.get_client(&id).await },
            |card| view! { <CardForm card=card/> },
        )}
    }
}

/// The card's form, back to the card when saved or cancelled.
#[component]
fn CardForm(card: ClientCard) -> impl IntoView {
    let r = use_replica();
    let navigate = use_navigate();
    let back = use_navigate();
    let id = card.id.clone();
    let id2 = card.id.clone();
    let id3 = card.id.clone();
    let initial = ClientInput::from_card(&card);
    let save = move |input: ClientInput| -> SaveFuture {
        let id = id.clone();
        Box::pin(async move { r.update_client(&id, input).await })
    };
    let on_saved = move |_: ClientCard| navigate(&format!("/clients/{id2}"), Default::default());
    let on_cancel = move || back(&format!("/clients/{id3}"), Default::default());
    view! {
        <ClientForm initial=initial save=save on_saved=on_saved on_cancel=on_cancel/>
    }
}
