//! Signing in: the page when nobody is signed in, and the same form as a
//! dialog over the current page when a session ends mid-work.

use super::boot_form::{self, Typed};
use super::errors::api_error_text;
use super::session::use_session;
use super::widgets::field::Field;
use super::widgets::insecure_warning::InsecureWarning;
use super::widgets::offline_unavailable::OfflineUnavailable;
use crate::api::auth::{setup_status, sign_in};
use crate::domain::user::Language;
use crate::i18n::Key;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn SignInPage() -> impl IntoView {
    let s = use_session();
    let first_admin = RwSignal::new(false);
    // What was typed in the page's own form while the app downloaded.
    let typed = boot_form::take();
    if let Some(lang) = typed.as_ref().and_then(|t| t.lang) {
        s.lang.set(lang);
    }
    let typed = StoredValue::new(typed);
    leptos::task::spawn_local(async move {
        if let Ok(st) = setup_status().await {
            first_admin.set(st.needs_first_admin);
        }
    });
    view! {
        <main class="signin-page">
            <h1 class="brand-large">{move || s.t(Key::AppName)}</h1>
            <InsecureWarning/>
            <OfflineUnavailable/>
            <LanguagePicker/>
            <Show when=move || s.signed_out.get()>
                <p class="notice" role="alert" id="signed-out-note">{move || s.t(Key::ErrSignedOut)}</p>
            </Show>
            <Show when=move || first_admin.get()>
                <crate::ui::first_admin::FirstAdmin/>
            </Show>
            <Show when=move || !first_admin.get()>
                <SignInForm typed=typed.try_update_value(Option::take).flatten()/>
            </Show>
        </main>
    }
}

/// Shown over the page when the server stopped accepting the session.
#[component]
pub fn SignInOverlay() -> impl IntoView {
    let s = use_session();
    let email =
        s.me.with_untracked(|m| m.as_ref().map(|m| m.email.clone()).unwrap_or_default());
    view! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="reauth-title">
            <div class="dialog">
                <h2 id="reauth-title">{move || s.t(Key::SessionEnded)}</h2>
                <p>{move || s.t(Key::SessionEndedText)}</p>
                <SignInForm initial_email=email/>
            </div>
        </div>
    }
}

#[component]
fn SignInForm(
    #[prop(optional)] initial_email: String,
    /// Taken over from the page's own form.
    #[prop(default = None)]
    typed: Option<Typed>,
) -> impl IntoView {
    let s = use_session();
    let typed = typed.unwrap_or_else(|| Typed {
        email: initial_email,
        ..Typed::default()
    });
    let email = RwSignal::new(typed.email);
    let password = RwSignal::new(typed.password);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let send = move || {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let (e, p) = (email.get_untracked(), password.get_untracked());
        leptos::task::spawn_local(async move {
            match sign_in(e, p).await {
                Ok(me) => {
                    password.set(String::new());
                    s.signed_in(me);
                }
                Err(err) => error.set(Some(api_error_text(s.lang.get_untracked(), &err))),
            }
            busy.set(false);
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send();
    };
    if typed.submitted {
        send();
    }
    if let Some(id) = typed.focused {
        // The cursor goes back where it was before any further key press
        // can land: a microtask runs once this form is in the page and
        // before the browser takes the next input event (a frame later, a
        // keystroke in between would go nowhere).
        queue_microtask(move || {
            if let Some(input) = document()
                .get_element_by_id(&id)
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = input.focus();
            }
        });
    }
    view! {
        <form class="signin" on:submit=submit novalidate>
            <Field id="email" kind="email" autocomplete="username" inputmode="email" required=true
                label=Signal::derive(move || s.t(Key::Email).to_string()) value=email/>
            <Field id="password" kind="password" autocomplete="current-password" required=true
                label=Signal::derive(move || s.t(Key::Password).to_string()) value=password/>
            <p class="form-error" role="alert" id="signin-error">{move || error.get()}</p>
            <button type="submit" class="primary" disabled=move || busy.get()>
                {move || if busy.get() { s.t(Key::SigningIn) } else { s.t(Key::SignIn) }}
            </button>
        </form>
    }
}

/// Switches the interface language before signing in.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let s = use_session();
    view! {
        <div class="langs" role="group" aria-label=move || s.t(Key::Language)>
            {Language::ALL
                .into_iter()
                .map(|l| {
                    view! {
                        <button
                            type="button"
                            class="chip"
                            aria-pressed=move || (s.lang.get() == l).to_string()
                            on:click=move |_| s.lang.set(l)
                        >
                            {l.code().to_uppercase()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
