//! `/mail-settings`, for admins: the SMTP server, the sender, the limits
//! and the public address letters link to. Saved on the server and used by
//! every mail worker from its next round; the password is never shown
//! back, only whether one is stored.

use crate::api::ApiError;
use crate::api::mail::{mail_settings, save_mail_settings};
use crate::domain::mail::{MailSettingsInput, MailSettingsView, SmtpSecurity};
use crate::domain::validation::Issues;
use crate::i18n::Key;
use crate::ui::company_form::CompanySection;
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{Field, issue_at, label};
use leptos::prelude::*;

fn security_label(s: SmtpSecurity) -> Key {
    match s {
        SmtpSecurity::StartTls => Key::SecStartTls,
        SmtpSecurity::Tls => Key::SecTls,
        SmtpSecurity::Plain => Key::SecPlain,
    }
}

#[component]
pub fn MailSettingsPage() -> impl IntoView {
    let s = use_session();
    let loaded = LocalResource::new(mail_settings);
    view! {
        <h1>{move || s.t(Key::MailSettingsTitle)}</h1>
        <Suspense fallback=move || view! { <p role="status">{move || s.t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(v) => view! { <MailSettingsForm view=v/> }.into_any(),
                    Err(e) => {
                        let e = s.watch(e);
                        view! { <p class="form-error" role="alert">{api_error_text(s.lang.get_untracked(), &e)}</p> }
                            .into_any()
                    }
                }
            })}
        </Suspense>
        <CompanySection/>
    }
}

#[component]
fn MailSettingsForm(view: MailSettingsView) -> impl IntoView {
    let s = use_session();
    let i = MailSettingsInput::of(&view.settings);
    let host = RwSignal::new(i.smtp_host);
    let port = RwSignal::new(i.smtp_port);
    let security = RwSignal::new(i.security);
    let user = RwSignal::new(i.smtp_user);
    let password = RwSignal::new(String::new());
    let remove_password = RwSignal::new(false);
    let from = RwSignal::new(i.mail_from);
    let as_manager = RwSignal::new(i.as_manager);
    let daily = RwSignal::new(i.daily_cap);
    let per_minute = RwSignal::new(i.per_minute);
    let url = RwSignal::new(i.public_url);
    let password_set = RwSignal::new(view.password_set);
    let from_page = RwSignal::new(view.from_page);
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = password.get_untracked();
        let input = MailSettingsInput {
            smtp_host: host.get_untracked(),
            smtp_port: port.get_untracked(),
            security: security.get_untracked(),
            smtp_user: user.get_untracked(),
            smtp_password: if remove_password.get_untracked() {
                Some(String::new())
            } else if typed.is_empty() {
                None
            } else {
                Some(typed)
            },
            mail_from: from.get_untracked(),
            as_manager: as_manager.get_untracked(),
            daily_cap: daily.get_untracked(),
            per_minute: per_minute.get_untracked(),
            public_url: url.get_untracked(),
        };
        saved.set(false);
        if let Err(found) = input.validate(password_set.get_untracked()) {
            issues.set(found);
            error.set(Some(s.t_now(Key::ErrFixFields).to_string()));
            return;
        }
        issues.set(Issues::default());
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match save_mail_settings(input).await {
                Ok(v) => {
                    password.set(String::new());
                    remove_password.set(false);
                    password_set.set(v.password_set);
                    from_page.set(v.from_page);
                    saved.set(true);
                }
                Err(e) => {
                    let e = s.watch(e);
                    if let ApiError::Invalid(found) = &e {
                        issues.set(found.clone());
                    }
                    error.set(Some(api_error_text(s.lang.get_untracked(), &e)));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <p class="muted" id="mail-source" data-from-page=move || from_page.get().to_string()>
            {move || if from_page.get() { s.t(Key::MailFromPage) } else { s.t(Key::MailFromFlags) }}
        </p>
        <form class="mail-settings" novalidate on:submit=save>
            <p class="form-error" role="alert" id="form-error">{move || error.get()}</p>
            <Show when=move || saved.get()>
                <p class="notice" role="status" id="mail-saved">{move || s.t(Key::MailSettingsSaved)}</p>
            </Show>
            <Field id="smtp_host" label=label(Key::SmtpHost) value=host error=issue_at(issues, "smtp_host")/>
            <div class="field">
                <label for="smtp_security">{move || s.t(Key::SmtpSecurityLabel)}</label>
                <select id="smtp_security" on:change=move |ev| {
                    if let Some(v) = SmtpSecurity::parse(&event_target_value(&ev)) {
                        security.set(v);
                    }
                }>
                    {SmtpSecurity::ALL.iter().map(|&v| view! {
                        <option value=v.code() prop:selected=move || security.get() == v>
                            {move || s.t(security_label(v))}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <Field id="smtp_port" inputmode="numeric" label=label(Key::SmtpPort) value=port
                error=issue_at(issues, "smtp_port")/>
            <Field id="smtp_user" label=label(Key::SmtpUser) value=user error=issue_at(issues, "smtp_user")
                autocomplete="off"/>
            <Field id="smtp_password" kind="password" autocomplete="new-password" label=label(Key::SmtpPassword)
                value=password error=issue_at(issues, "smtp_password")/>
            <Show when=move || password_set.get()>
                <p class="muted" id="password-kept">{move || s.t(Key::SmtpPasswordKept)}</p>
                <label class="check">
                    <input type="checkbox" id="remove-password" prop:checked=move || remove_password.get()
                        on:change=move |ev| remove_password.set(event_target_checked(&ev))/>
                    <span>{move || s.t(Key::SmtpPasswordRemove)}</span>
                </label>
            </Show>
            <Field id="mail_from" kind="email" label=label(Key::MailFrom) value=from error=issue_at(issues, "mail_from")/>
            <label class="check">
                <input type="checkbox" id="as_manager" prop:checked=move || as_manager.get()
                    on:change=move |ev| as_manager.set(event_target_checked(&ev))/>
                <span>{move || s.t(Key::MailAsManager)}</span>
            </label>
            <Field id="daily_cap" inputmode="numeric" label=label(Key::MailDailyCap) value=daily
                error=issue_at(issues, "daily_cap")/>
            <Field id="per_minute" inputmode="numeric" label=label(Key::MailPerMinute) value=per_minute
                error=issue_at(issues, "per_minute")/>
            <Field id="public_url" kind="url" label=label(Key::PublicUrl) value=url error=issue_at(issues, "public_url")/>
            <div class="actions sticky-actions">
                <button type="submit" class="primary" id="save-mail" disabled=move || busy.get()>
                    {move || s.t(Key::SaveMailSettings)}
                </button>
            </div>
        </form>
    }
}
