//! Admins create and deactivate users.

use super::errors::api_error_text;
use super::session::use_session;
use super::widgets::field::{Field, issue_at, label};
use crate::api::ApiError;
use crate::api::users::{
    create_user, list_users, reset_user_password, set_user_active, set_user_department,
    set_user_export,
};
use crate::domain::user::{Language, Role, UserInput, UserView};
use crate::domain::validation::Issues;
use crate::i18n::Key;
use leptos::prelude::*;

pub fn role_key(r: Role) -> Key {
    match r {
        Role::Manager => Key::RoleManager,
        Role::Head => Key::RoleHead,
        Role::Director => Key::RoleDirector,
        Role::Logistics => Key::RoleLogistics,
        Role::Accounting => Key::RoleAccounting,
        Role::Admin => Key::RoleAdmin,
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let s = use_session();
    let users = RwSignal::new(Vec::<UserView>::new());
    let error = RwSignal::new(None::<String>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match list_users().await {
                Ok(list) => users.set(list),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    reload();
    let toggle = move |u: UserView| {
        leptos::task::spawn_local(async move {
            match set_user_active(u.id.clone(), !u.active).await {
                Ok(_) => reload(),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    let toggle_export = move |u: UserView| {
        leptos::task::spawn_local(async move {
            match set_user_export(u.id.clone(), !u.may_export).await {
                Ok(_) => reload(),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    let move_to = move |id: String, department: String| {
        leptos::task::spawn_local(async move {
            match set_user_department(id, department).await {
                Ok(_) => reload(),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    // A temporary password, shown once to the admin who issued it.
    let issued = RwSignal::new(None::<(String, String)>);
    let reset = move |u: UserView| {
        leptos::task::spawn_local(async move {
            match reset_user_password(u.id.clone()).await {
                Ok(temporary) => issued.set(Some((u.name.clone(), temporary))),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    view! {
        <header class="page-head">
            <h1>{move || s.t(Key::NavUsers)}</h1>
            <leptos_router::components::A href="/mail-settings" attr:class="button secondary" attr:id="mail-settings">
                {move || s.t(Key::MailSettingsTitle)}
            </leptos_router::components::A>
            <leptos_router::components::A href="/import" attr:class="button secondary" attr:id="import-link">
                {move || s.t(Key::ImportTitle)}
            </leptos_router::components::A>
            <leptos_router::components::A href="/prices" attr:class="button secondary" attr:id="prices-link">
                {move || s.t(Key::PricesTitle)}
            </leptos_router::components::A>
        </header>
        <p class="form-error" role="alert">{move || error.get()}</p>
        {move || issued.get().map(|(name, temporary)| view! {
            <section class="notice" id="temporary-password" role="status">
                <p>{s.t(Key::PasswordResetDone)}" "<strong>{name}</strong></p>
                <p><code class="temporary">{temporary}</code></p>
            </section>
        })}
        <ul class="user-list" id="user-list">
            <For each=move || users.get() key=|u| (u.id.clone(), u.active, u.may_export, u.department.clone()) let:u>
                {
                    let role = u.role;
                    let active = u.active;
                    let may_export = u.may_export;
                    let u2 = u.clone();
                    let u3 = u.clone();
                    let u4 = u.clone();
                    let dep = RwSignal::new(u.department.clone().unwrap_or_default());
                    let dep_id = u.id.clone();
                    view! {
                        <li class="user-row" class:inactive=!active>
                            <span class="row-name">{u.name.clone()}</span>
                            <span class="muted">{u.email.clone()}</span>
                            <span class="badge">{move || s.t(role_key(role))}</span>
                            <button type="button" class="secondary toggle-active" on:click=move |_| toggle(u2.clone())>
                                {move || if active { s.t(Key::Deactivate) } else { s.t(Key::Activate) }}
                            </button>
                            <label class="check">
                                <input type="checkbox" class="may-export" prop:checked=may_export
                                    on:change=move |_| toggle_export(u3.clone())/>
                                {move || s.t(Key::MayExport)}
                            </label>
                            <form class="inline-department"
                                on:submit=move |ev: leptos::ev::SubmitEvent| {
                                    ev.prevent_default();
                                    move_to(dep_id.clone(), dep.get_untracked());
                                }>
                                <input type="text" class="user-department" bind:value=dep
                                    aria-label=move || s.t(Key::Department)/>
                                <button type="submit" class="secondary">{move || s.t(Key::SaveDepartment)}</button>
                            </form>
                            <button type="button" class="secondary reset-password" on:click=move |_| reset(u4.clone())>
                                {move || s.t(Key::PasswordReset)}
                            </button>
                            <crate::ui::widgets::devices::PersonDevices user_id=u.id.clone()/>
                        </li>
                    }
                }
            </For>
        </ul>
        <NewUserForm on_created=reload/>
    }
}

#[component]
fn NewUserForm(on_created: impl Fn() + Copy + 'static) -> impl IntoView {
    let s = use_session();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Manager.as_str().to_string());
    let department = RwSignal::new(String::new());
    let language = RwSignal::new(Language::Lv.code().to_string());
    let password = RwSignal::new(String::new());
    let also_admin = RwSignal::new(false);
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let err = move |path: &'static str| issue_at(issues, path);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = UserInput {
            email: email.get_untracked(),
            name: name.get_untracked(),
            role: role.get_untracked(),
            department: department.get_untracked(),
            language: language.get_untracked(),
            password: password.get_untracked(),
            admin: also_admin.get_untracked(),
        };
        if let Err(found) = input.validate() {
            issues.set(found);
            return;
        }
        issues.set(Issues::default());
        leptos::task::spawn_local(async move {
            match create_user(input).await {
                Ok(_) => {
                    error.set(None);
                    for f in [email, name, department, password] {
                        f.set(String::new());
                    }
                    on_created();
                }
                Err(e) => {
                    if let ApiError::Invalid(found) = &e {
                        issues.set(found.clone());
                    }
                    error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e))));
                }
            }
        });
    };
    view! {
        <form class="panel" on:submit=submit novalidate>
            <h2>{move || s.t(Key::NewUser)}</h2>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <Field id="new-user-email" kind="email" required=true label=label(Key::Email) value=email error=err("email")/>
            <Field id="new-user-name" required=true label=label(Key::Name) value=name error=err("name")/>
            <div class="field">
                <label for="new-user-role">{move || s.t(Key::Role)}</label>
                <select id="new-user-role" bind:value=role>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str()>{move || s.t(role_key(r))}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field id="new-user-department" label=label(Key::Department) value=department error=err("department")/>
            <div class="field">
                <label for="new-user-language">{move || s.t(Key::Language)}</label>
                <select id="new-user-language" bind:value=language>
                    {Language::ALL.into_iter().map(|l| view! {
                        <option value=l.code()>{l.code().to_uppercase()}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field id="new-user-password" kind="password" autocomplete="new-password" required=true
                label=label(Key::Password) value=password error=err("password")/>
            <label class="check">
                <input type="checkbox" id="new-user-admin" bind:checked=also_admin/>
                {move || s.t(Key::AlsoAdmin)}
            </label>
            <button type="submit" class="primary">{move || s.t(Key::CreateUser)}</button>
        </form>
    }
}
