//! Editing a card.

use super::form::{ClientForm, SaveFuture};
use crate::domain::client::ClientCard;
use crate::domain::client_input::ClientInput;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn EditClientPage() -> impl IntoView {
    let s = use_session();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let r = use_replica();
    let card = LocalResource::new(move || {
        let id = id();
        r.ready.track();
        async move { r.get_client(&id).await }
    });
    view! {
        <h1>{move || s.t(Key::EditClient)}</h1>
        <Suspense fallback=move || view! { <p role="status">{move || s.t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(card) => {
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
                        let on_saved = move |_: ClientCard| {
                            navigate(&format!("/clients/{id2}"), Default::default())
                        };
                        let on_cancel =
                            move || back(&format!("/clients/{id3}"), Default::default());
                        view! {
                            <ClientForm initial=initial save=save on_saved=on_saved on_cancel=on_cancel/>
                        }
                        .into_any()
                    }
                    Err(e) => view! {
                        <p class="form-error" role="alert">{api_error_text(s.lang.get_untracked(), &e)}</p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
