//! The user's own settings: language, signing out.

use super::errors::api_error_text;
use super::session::use_session;
use crate::api::auth::{set_my_language, sign_out};
use crate::domain::user::Language;
use crate::i18n::Key;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let s = use_session();
    let error = RwSignal::new(None::<String>);
    let choose = move |l: Language| {
        s.lang.set(l);
        leptos::task::spawn_local(async move {
            if let Err(e) = set_my_language(l).await {
                error.set(Some(api_error_text(l, &s.watch(e))));
            }
        });
    };
    let leave = move |_| {
        leptos::task::spawn_local(async move {
            match sign_out().await {
                Ok(()) => s.me.set(None),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    let me = move || s.me.get();
    view! {
        <h1>{move || s.t(Key::NavAccount)}</h1>
        <section class="panel">
            <p><strong>{move || me().map(|m| m.name)}</strong></p>
            <p>{move || me().map(|m| m.email)}</p>
        </section>
        <section class="panel">
            <h2>{move || s.t(Key::Language)}</h2>
            <div class="langs" role="group" aria-label=move || s.t(Key::Language)>
                {Language::ALL
                    .into_iter()
                    .map(|l| {
                        let name = match l {
                            Language::Lv => "Latviešu",
                            Language::En => "English",
                            Language::Ru => "Русский",
                        };
                        view! {
                            <button type="button" class="chip" lang=l.code()
                                aria-pressed=move || (s.lang.get() == l).to_string()
                                on:click=move |_| choose(l)>
                                {name}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </section>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <button type="button" class="danger" id="sign-out" on:click=leave>
            {move || s.t(Key::SignOut)}
        </button>
    }
}
