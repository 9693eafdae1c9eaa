//! The user's own settings: language, signing out.

use super::errors::api_error_text;
use super::replica::browser;
use super::replica::use_replica;
use super::session::use_session;
use crate::api::ApiError;
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
    let r = use_replica();
    // Unsent changes are asked about first: signing out deletes this user's
    // data from the device.
    let confirming = RwSignal::new(false);
    let sign_out_now = move || {
        confirming.set(false);
        // Not remembered from the first moment: a page reloaded before the
        // sign-out is through must not open as this user again.
        let me = s.me.get_untracked();
        browser::remember_me(None);
        leptos::task::spawn_local(async move {
            match sign_out().await {
                Ok(()) | Err(ApiError::Unauthorized) => {
                    if let Some(me) = me {
                        r.forget(&me.id).await;
                    }
                    s.me.set(None);
                }
                Err(e) => {
                    browser::remember_me(me.as_ref());
                    error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e))));
                }
            }
        });
    };
    let leave = move |_| {
        if r.pending.get_untracked() > 0 {
            confirming.set(true);
        } else {
            sign_out_now();
        }
    };
    let sync_first = move |_| {
        confirming.set(false);
        r.sync_now();
    };
    let me = move || s.me.get();
    let works = move || me().is_some_and(|m| m.role.works_clients());
    let leads = move || me().is_some_and(|m| m.role.leads_people());
    view! {
        <h1>{move || s.t(Key::NavAccount)}</h1>
        <section class="panel">
            <p><strong>{move || me().map(|m| m.name)}</strong></p>
            <p>{move || me().map(|m| m.email)}</p>
        </section>
        <section class="panel" id="my-devices">
            <h2>{move || s.t(Key::DevicesTitle)}</h2>
            <crate::ui::widgets::devices::DeviceList/>
        </section>
        <section class="panel links">
            <Show when=works>
                <p><a href="/covers" id="covers-link">{move || s.t(Key::CoversLink)}</a></p>
            </Show>
            <Show when=leads>
                <p><a href="/audit" id="audit-link">{move || s.t(Key::AuditLink)}</a></p>
            </Show>
        </section>
        <Show when=works>
            <crate::ui::widgets::notify_settings::NotifySettings/>
        </Show>
        <section class="panel" id="my-password">
            <h2>{move || s.t(Key::PasswordTitle)}</h2>
            <crate::ui::password_form::PasswordForm/>
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
        <Show when=move || confirming.get()>
            <div class="overlay">
            <div class="dialog" role="alertdialog" aria-modal="true" id="sign-out-pending"
                aria-labelledby="sign-out-pending-text">
                <p id="sign-out-pending-text">
                    {move || crate::i18n::count(s.lang.get(), Key::SignOutPending, r.pending.get() as u64)}
                </p>
                <div class="actions">
                    <button type="button" class="primary" id="sync-first" on:click=sync_first>
                        {move || s.t(Key::SyncFirst)}
                    </button>
                    <button type="button" class="danger" id="sign-out-anyway" on:click=move |_| sign_out_now()>
                        {move || s.t(Key::SignOutAnyway)}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>
                        {move || s.t(Key::Cancel)}
                    </button>
                </div>
            </div>
            </div>
        </Show>
    }
}
