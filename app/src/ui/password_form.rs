//! Changing one's password: on the account page, and as the only page
//! after signing in with a temporary password an administrator issued.

use super::errors::api_error_text;
use super::session::use_session;
use super::widgets::field::Field;
use crate::api::ApiError;
use crate::api::auth::change_my_password;
use crate::domain::validation::Problem;
use crate::i18n::Key;
use leptos::prelude::*;

/// The form; `on_changed` runs after the server took the new password.
#[component]
pub fn PasswordForm(#[prop(optional)] on_changed: Option<Callback<()>>) -> impl IntoView {
    let s = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let current_err = RwSignal::new(None::<String>);
    let new_err = RwSignal::new(None::<String>);
    let repeat_err = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = move |p: Problem| Some(crate::i18n::problem_text(s.lang.get_untracked(), p));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        for e in [current_err, new_err, repeat_err] {
            e.set(None);
        }
        error.set(None);
        done.set(false);
        if let Err(p) = crate::domain::user::check_password(&new.get_untracked()) {
            new_err.set(problem(p));
            return;
        }
        if new.get_untracked() != repeat.get_untracked() {
            repeat_err.set(Some(s.t_now(Key::PasswordMismatch).to_string()));
            return;
        }
        busy.set(true);
        let (c, n) = (current.get_untracked(), new.get_untracked());
        leptos::task::spawn_local(async move {
            match change_my_password(c, n).await {
                Ok(()) => {
                    for f in [current, new, repeat] {
                        f.set(String::new());
                    }
                    done.set(true);
                    if let Some(cb) = on_changed {
                        cb.run(());
                    }
                }
                Err(ApiError::Invalid(issues)) => {
                    current_err.set(issues.at("current").and_then(problem));
                    new_err.set(issues.at("new").and_then(problem));
                }
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="password-form" id="password-form" on:submit=submit novalidate>
            <Field id="password-current" kind="password" autocomplete="current-password" required=true
                label=Signal::derive(move || s.t(Key::PasswordCurrent).to_string()) value=current
                error=Signal::derive(move || current_err.get())/>
            <Field id="password-new" kind="password" autocomplete="new-password" required=true
                label=Signal::derive(move || s.t(Key::PasswordNew).to_string()) value=new
                error=Signal::derive(move || new_err.get())/>
            <Field id="password-repeat" kind="password" autocomplete="new-password" required=true
                label=Signal::derive(move || s.t(Key::PasswordRepeat).to_string()) value=repeat
                error=Signal::derive(move || repeat_err.get())/>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <Show when=move || done.get()>
                <p class="saved" role="status" id="password-changed">{move || s.t(Key::PasswordChanged)}</p>
            </Show>
            <button type="submit" class="primary" id="password-save" disabled=move || busy.get()>
                {move || s.t(Key::PasswordChange)}
            </button>
        </form>
    }
}

/// The only page for someone signed in with a temporary password.
#[component]
pub fn MustChangePasswordPage() -> impl IntoView {
    let s = use_session();
    let changed = Callback::new(move |()| {
        s.me.update(|m| {
            if let Some(m) = m {
                m.must_change_password = false;
            }
        });
    });
    view! {
        <main class="signin-page" id="must-change-password">
            <h1 class="brand-large">{move || s.t(Key::AppName)}</h1>
            <p class="notice">{move || s.t(Key::PasswordMustChange)}</p>
            <PasswordForm on_changed=changed/>
        </main>
    }
}
