//! A fresh install, on the sign-in page: with the one-time set-up link's
//! token (in the address after `#`, so it never reaches a log or another
//! site) a form creates the first administrator and signs them in; without
//! it, the page says where the link is and how else to do it.

use super::errors::api_error_text;
use super::session::use_session;
use super::widgets::field::Field;
use crate::api::ApiError;
use crate::api::auth::create_first_admin;
use crate::domain::user::UserInput;
use crate::domain::validation::Issues;
use crate::i18n::Key;
use leptos::prelude::*;

/// The token in the address's fragment, if the page was opened by the link.
fn token_in_address() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let hash = web_sys::window()?.location().hash().ok()?;
        let token = hash.trim_start_matches('#').to_string();
        (token.len() == 64 && token.chars().all(|c| c.is_ascii_hexdigit())).then_some(token)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

#[component]
pub fn FirstAdmin() -> impl IntoView {
    let s = use_session();
    match token_in_address() {
        Some(token) => view! { <FirstAdminForm token=token/> }.into_any(),
        None => view! {
            <section class="notice" id="first-admin">
                <h2>{move || s.t(Key::FirstAdminTitle)}</h2>
                <p>{move || s.t(Key::FirstAdminText)}</p>
                <pre><code>"~/.cache/kartoteka/target/debug/kartoteka --data-dir data user add --email you@example.lv --name \"…\" --role admin"</code></pre>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn FirstAdminForm(token: String) -> impl IntoView {
    let s = use_session();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let token = StoredValue::new(token);
    let err = move |path: &'static str| {
        Signal::derive(move || {
            issues
                .with(|i| i.at(path))
                .map(|p| crate::i18n::problem_text(s.lang.get(), p))
        })
    };
    let label = move |k: Key| Signal::derive(move || s.t(k).to_string());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = UserInput {
            email: email.get_untracked(),
            name: name.get_untracked(),
            role: "admin".into(),
            department: String::new(),
            language: s.lang.get_untracked().code().into(),
            password: password.get_untracked(),
            admin: true,
        };
        if let Err(found) = input.validate() {
            issues.set(found);
            return;
        }
        issues.set(Issues::default());
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match create_first_admin(token.get_value(), input).await {
                Ok(me) => s.signed_in(me),
                Err(ApiError::Invalid(found)) => issues.set(found),
                Err(ApiError::Forbidden) => error.set(Some(s.t_now(Key::FirstAdminRefused).into())),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="signin" id="first-admin-form" on:submit=submit novalidate>
            <h2>{move || s.t(Key::FirstAdminForm)}</h2>
            <Field id="first-admin-email" kind="email" autocomplete="username" inputmode="email"
                required=true label=label(Key::Email) value=email error=err("email")/>
            <Field id="first-admin-name" required=true label=label(Key::Name) value=name error=err("name")/>
            <Field id="first-admin-password" kind="password" autocomplete="new-password" required=true
                label=label(Key::Password) value=password error=err("password")/>
            <p class="form-error" role="alert" id="first-admin-error">{move || error.get()}</p>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || s.t(Key::FirstAdminCreate)}
            </button>
        </form>
    }
}
