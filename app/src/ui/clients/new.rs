//! Creating a card.

use super::form::{ClientForm, SaveFuture};
use crate::domain::client::ClientCard;
use crate::domain::client::{Segment, Source};
use crate::domain::client_input::{ClientInput, ContactInput};
use crate::i18n::Key;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn NewClientPage() -> impl IntoView {
    let s = use_session();
    let navigate = use_navigate();
    let back = use_navigate();
    // From the incoming panel: an unknown caller becomes a prospect.
    let q = use_query_map().get_untracked();
    let initial = match (q.get("phone"), q.get("email")) {
        (None, None) => ClientInput {
            contacts: vec![ContactInput::default()],
            ..Default::default()
        },
        (phone, email) => {
            let who = phone.clone().or(email.clone()).unwrap_or_default();
            ClientInput {
                name: who.clone(),
                segment: Segment::Prospect,
                source: Source::IncomingCall,
                needs: q.get("reason").unwrap_or_default(),
                contacts: vec![ContactInput {
                    name: who,
                    phones: phone.into_iter().collect(),
                    emails: email.into_iter().collect(),
                    ..Default::default()
                }],
                ..Default::default()
            }
        }
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
