//! Tells admins when no mail server is set: proposals people send wait in
//! the outbox until one is.

use crate::api::mail::mail_state;
use crate::i18n::{Key, fill};
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn MailBanner() -> impl IntoView {
    let s = use_session();
    let is_admin = move || s.me.with(|m| m.as_ref().is_some_and(|m| m.manages_users()));
    // Asked once per sign-in (and again after the settings page saves).
    let status = LocalResource::new(move || {
        let admin = is_admin();
        async move { if admin { mail_state().await.ok() } else { None } }
    });
    let text = move || {
        let st = status.get().flatten()?;
        st.needs_attention().then(|| {
            fill(
                s.t(Key::MailNotConfigured),
                &[("num", &st.waiting.to_string())],
            )
        })
    };
    view! {
        <Show when=move || text().is_some()>
            <div class="cover-banner" id="mail-banner" role="status">
                <p>{text}" "<a href="/mail-settings" id="mail-settings-link">{move || s.t(Key::MailSettingsLink)}</a></p>
            </div>
        </Show>
    }
}
