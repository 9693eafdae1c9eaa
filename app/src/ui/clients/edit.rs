//! Editing a card.

use super::form::{ClientForm, SaveFuture};
use crate::api::clients::{get_client, update_client};
use crate::domain::client::ClientCard;
use crate::domain::client_input::ClientInput;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn EditClientPage() -> impl IntoView {
    let s = use_session();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let card = LocalResource::new(move || get_client(id()));
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
                            Box::pin(update_client(id.clone(), input))
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
                        <p class="form-error" role="alert">{api_error_text(s.lang.get_untracked(), &s.watch(e))}</p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
