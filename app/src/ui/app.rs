//! The root component: session, routes, and the sign-in gate.

use super::clients::list::ClientListPage;
use super::home::home;
use super::layout::Layout;
use super::page_owner::page;
use super::replica::{Replica, browser};
use super::session::{Session, use_session};
use super::sign_in::{SignInOverlay, SignInPage};
use super::split_pages as split;
use super::today::TodayPage;
use crate::api::ApiError;
use crate::api::auth::current_user;
use crate::i18n::Key;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    let replica = Replica::new(session);
    provide_context(replica);
    // The user last signed in on this device opens at once, as offline:
    // their screens show from the device while the server is asked who is
    // signed in, a round trip that on a weak connection was most of a warm
    // start. The answer confirms them; a session that has ended is asked
    // for over the page, as mid-work; a device signed out from elsewhere
    // hands in and wipes. Without a remembered user, the sign-in page waits
    // for the answer.
    let remembered = browser::remembered_me();
    let checked = RwSignal::new(remembered.is_some());
    if let Some(me) = remembered.clone() {
        session.signed_in(me);
    }
    leptos::task::spawn_local(async move {
        match current_user().await {
            Ok(Some(me)) => {
                browser::remember_me(Some(&me));
                if session.me.get_untracked().as_ref() != Some(&me) {
                    session.signed_in(me);
                }
            }
            Ok(None) if remembered.is_some() => session.auth_lost.set(true),
            Err(ApiError::SignedOut) if remembered.is_some() => {
                // Signed out from elsewhere while closed: the last user's
                // data, open now, is handed in and wiped.
                session.signed_out.set(true);
            }
            _ => {}
        }
        checked.set(true);
    });
    // Open the signed-in user's local data once per user; another user's,
    // signed in over the page, first closes the one open.
    let started = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let Some(me) = session.me.get() else {
            started.set_value(None);
            return;
        };
        if started.get_value().as_deref() != Some(me.id.as_str()) {
            if started.get_value().is_some() {
                replica.close();
            }
            started.set_value(Some(me.id.clone()));
            // Someone is signed in: the page's own sign-in form goes.
            let _ = super::boot_form::take();
            browser::remember_me(Some(&me));
            replica.start(me);
        }
    });
    // Signed in again after the session ended: send what waited meanwhile.
    Effect::new(move |was_lost: Option<bool>| {
        let lost = session.auth_lost.get();
        if was_lost == Some(true) && !lost {
            replica.sync_now();
        }
        lost
    });
    // Signed out from elsewhere: once the device is open, hand in and wipe.
    Effect::new(move |_| {
        if session.signed_out.get() && replica.ready.get() {
            replica.surrender();
        }
    });
    Effect::new(move |_| {
        let lang = session.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });

    view! {
        <Show when=move || checked.get() fallback=Loading>
            <Show when=move || session.me.with(Option::is_some) fallback=SignInPage>
                <Show
                    when=move || !session.me.with(|m| m.as_ref().is_some_and(|m| m.must_change_password))
                    fallback=crate::ui::password_form::MustChangePasswordPage
                >
                    <Routed/>
                </Show>
                <Show when=move || session.auth_lost.get()>
                    <SignInOverlay/>
                </Show>
            </Show>
        </Show>
    }
}

#[component]
fn Loading() -> impl IntoView {
    let s = use_session();
    // Over the page's own sign-in form, which is being typed in, no note.
    (!super::boot_form::shown())
        .then(|| view! { <p class="loading" role="status">{move || s.t(Key::Loading)}</p> })
}

#[component]
fn Routed() -> impl IntoView {
    view! {
        <Router>
            // Every page under an owner of its own (`page_owner`).
            <Routes fallback=NotFound>
                <ParentRoute path=path!("") view=Layout>
                    <Route path=path!("") view=|| view! { <Redirect path=home()/> }/>
                    <Route path=path!("clients") view=|| page(ClientListPage)/>
                    <Route path=path!("clients/new") view=|| page(split::LazyNewClient)/>
                    <Route path=path!("clients/:id") view=|| page(split::LazyClient)/>
                    <Route path=path!("clients/:id/edit") view=|| page(split::LazyEditClient)/>
                    <Route path=path!("clients/:id/proposals/new") view=|| page(split::LazyProposal)/>
                    <Route path=path!("clients/:id/contracts/new") view=|| page(split::LazyContract)/>
                    <Route path=path!("contracts/:cid") view=|| page(split::LazyContract)/>
                    <Route path=path!("proposals/bulk") view=|| page(split::LazyBulkProposal)/>
                    <Route path=path!("proposals/:pid") view=|| page(split::LazyProposal)/>
                    <Route path=path!("key-clients") view=|| page(split::LazyKeyClients)/>
                    <Route path=path!("prices") view=|| page(split::LazyPrices)/>
                    <Route path=path!("schemes") view=|| page(split::LazySchemes)/>
                    <Route path=path!("schemes/new") view=|| page(split::LazyScheme)/>
                    <Route path=path!("schemes/:sid") view=|| page(split::LazyScheme)/>
                    <Route path=path!("templates") view=|| page(split::LazyTemplates)/>
                    <Route path=path!("templates/new") view=|| page(split::LazyTemplate)/>
                    <Route path=path!("templates/:tid") view=|| page(split::LazyTemplate)/>
                    <Route path=path!("users") view=|| page(split::LazyUsers)/>
                    <Route path=path!("mail-settings") view=|| page(split::LazyMailSettings)/>
                    <Route path=path!("import") view=|| page(split::LazyImport)/>
                    <Route path=path!("accounts") view=|| page(split::LazyAccounts)/>
                    <Route path=path!("account") view=|| page(split::LazyAccount)/>
                    <Route path=path!("sync") view=|| page(split::LazySync)/>
                    <Route path=path!("today") view=|| page(TodayPage)/>
                    <Route path=path!("analysis") view=|| page(split::LazyCallAnalysis)/>
                    <Route path=path!("team") view=|| page(split::LazyTeam)/>
                    <Route path=path!("covers") view=|| page(split::LazyCovers)/>
                    <Route path=path!("audit") view=|| page(split::LazyAudit)/>
                    <Route path=path!("sign-in") view=|| view! { <Redirect path=home()/> }/>
                    <Route path=path!("setup") view=|| view! { <Redirect path=home()/> }/>
                </ParentRoute>
            </Routes>
        </Router>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let s = use_session();
    view! {
        <main class="page">
            <h1>{move || s.t(Key::NotFoundTitle)}</h1>
            <a href="/clients">{move || s.t(Key::NavClients)}</a>
        </main>
    }
}
