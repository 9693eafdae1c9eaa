//! The frame around every page: header with sync state, navigation (a side
//! bar on wide screens, a bottom bar on phones) and the page itself.

use super::session::use_session;
use super::widgets::cover_banner::CoverBanner;
use super::widgets::first_download::FirstDownload;
use super::widgets::insecure_warning::InsecureWarning;
use super::widgets::mail_banner::MailBanner;
use super::widgets::offline_unavailable::OfflineUnavailable;
use super::widgets::shortcuts::Shortcuts;
use super::widgets::sync_status::SyncStatus;
use super::widgets::update_banner::UpdateBanner;
use crate::domain::pages::Page;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

#[component]
pub fn Layout() -> impl IntoView {
    let s = use_session();
    super::widgets::refusals::provide();
    super::page_title::follow_page_title();
    super::widgets::due_alerts::run();
    super::home::follow_user_change();
    // Only the pages this person may use (`domain::pages`).
    let offered = move |p: Page| s.me.with(|m| m.as_ref().is_some_and(|m| p.offered_to(m)));
    let name = move || {
        s.me.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default())
    };
    view! {
        <div class="frame">
            // Past the header and navigation in one key press; `external`
            // keeps the router from treating the jump as a page change.
            <a class="skip-link" href="#main" rel="external">{move || s.t(Key::SkipToContent)}</a>
            <Shortcuts/>
            <header class="topbar">
                <span class="brand">{move || s.t(Key::AppName)}</span>
                <SyncStatus/>
                <span class="who" title=name>{name}</span>
            </header>
            <nav class="nav" aria-label=move || s.t(Key::NavLabel)>
                {Page::ALL
                    .into_iter()
                    .map(|page| {
                        let (icon, label) = nav_item(page);
                        view! {
                            <Show when=move || offered(page)>
                                // The list's link stays unmarked on a card's page.
                                <A href=page.path() exact=page == Page::Clients>
                                    <span class="nav-icon" aria-hidden="true">{icon}</span>
                                    <span>{move || s.t(label)}</span>
                                </A>
                            </Show>
                        }
                    })
                    .collect_view()}
            </nav>
            <main class="page" id="main" tabindex="-1">
                <InsecureWarning/>
                <OfflineUnavailable/>
                <UpdateBanner/>
                <CoverBanner/>
                <MailBanner/>
                <FirstDownload/>
                <Outlet/>
            </main>
        </div>
    }
}

/// A page's icon and name in the navigation.
fn nav_item(page: Page) -> (&'static str, Key) {
    match page {
        Page::Today => ("☎", Key::NavToday),
        Page::Clients => ("☰", Key::NavClients),
        Page::NewClient => ("+", Key::NavNewClient),
        Page::Team => ("◎", Key::NavTeam),
        Page::Users => ("👥", Key::NavUsers),
        Page::Import => ("⇪", Key::NavImport),
        Page::Accounts => ("€", Key::NavAccounts),
        Page::Account => ("⚙", Key::NavAccount),
    }
}
