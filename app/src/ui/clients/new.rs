//! Creating a card.

use super::form::{ClientForm, SaveFuture};
use crate::domain::client::ClientCard;
use crate::domain::client_input::{ClientInput, ContactInput};
use crate::i18n::Key;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewClientPage() -> impl IntoView {
    let s = use_session();
    let navigate = use_navigate();
    let back = use_navigate();
    let initial = ClientInput {
        contacts: vec![ContactInput::default()],
        ..Default::default()
    };
    let r = use_replica();
    let save = move |input: ClientInput| -> SaveFuture {
        Box::pin(async move { r.create_client(input).await })
    };
    let on_saved =
        move |card: ClientCard| navigate(&format!("/clients/{}", card.id), Default::default());
    let on_cancel = move || back("/clients", Default::default());
    view! {
        <h1>{move || s.t(Key::NewClient)}</h1>
        <ClientForm initial=initial save=save on_saved=on_saved on_cancel=on_cancel/>
    }
}
