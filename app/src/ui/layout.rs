//! The frame around every page: header with sync state, navigation (a side
//! bar on wide screens, a bottom bar on phones) and the page itself.

use super::session::use_session;
use super::widgets::cover_banner::CoverBanner;
use super::widgets::first_download::FirstDownload;
use super::widgets::insecure_warning::InsecureWarning;
use super::widgets::mail_banner::MailBanner;
use super::widgets::shortcuts::Shortcuts;
use super::widgets::sync_status::SyncStatus;
use super::widgets::update_banner::UpdateBanner;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

#[component]
pub fn Layout() -> impl IntoView {
    let s = use_session();
    let is_admin = move || s.me.with(|m| m.as_ref().is_some_and(|m| m.manages_users()));
    let leads = move || {
        s.me.with(|m| {
            m.as_ref().is_some_and(|m| {
                crate::domain::calling::targets::may_set_targets(
                    m.role,
                    crate::domain::user::Role::Manager,
                )
            })
        })
    };
    let name = move || {
        s.me.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default())
    };
    view! {
        <div class="frame">
            <Shortcuts/>
            <header class="topbar">
                <span class="brand">{move || s.t(Key::AppName)}</span>
                <SyncStatus/>
                <span class="who" title=name>{name}</span>
            </header>
            <nav class="nav" aria-label=move || s.t(Key::NavLabel)>
                <A href="/today">
                    <span class="nav-icon" aria-hidden="true">"☎"</span>
                    <span>{move || s.t(Key::NavToday)}</span>
                </A>
                <A href="/clients" exact=true>
                    <span class="nav-icon" aria-hidden="true">"☰"</span>
                    <span>{move || s.t(Key::NavClients)}</span>
                </A>
                <A href="/clients/new">
                    <span class="nav-icon" aria-hidden="true">"+"</span>
                    <span>{move || s.t(Key::NavNewClient)}</span>
                </A>
                <Show when=leads>
                    <A href="/team">
                        <span class="nav-icon" aria-hidden="true">"◎"</span>
                        <span>{move || s.t(Key::NavTeam)}</span>
                    </A>
                </Show>
                <Show when=is_admin>
                    <A href="/users">
                        <span class="nav-icon" aria-hidden="true">"👥"</span>
                        <span>{move || s.t(Key::NavUsers)}</span>
                    </A>
                </Show>
                <A href="/account">
                    <span class="nav-icon" aria-hidden="true">"⚙"</span>
                    <span>{move || s.t(Key::NavAccount)}</span>
                </A>
            </nav>
            <main class="page" id="main">
                <InsecureWarning/>
                <UpdateBanner/>
                <CoverBanner/>
                <MailBanner/>
                <FirstDownload/>
                <Outlet/>
            </main>
        </div>
    }
}
