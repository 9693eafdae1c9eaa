//! Screens a phone seldom opens, loaded the first time one is opened rather
//! than with the app. `scripts/build-web` cuts each `#[wasm_split]` module
//! named here (and the code only it reaches) off the wasm; the first screens
//! (Today, the client list and card) stay in the main module. The service
//! worker keeps every module for offline use (docs/ARCHITECTURE.md,
//! "Rendering and offline").
//!
//! Screens used together share a module, so the code they share is fetched
//! once. A module that cannot be fetched (offline, with no service worker)
//! leaves a note in the page rather than stopping the app.

use super::session::use_session;
use crate::i18n::Key;
use leptos::prelude::*;
use std::future::Future;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

/// A split-off module that could not be fetched.
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

type Loaded = Result<AnyView, NotLoaded>;

/// The screen once its module is in, "Loading…" until then.
fn screen(page: impl Future<Output = Loaded> + Send + 'static) -> impl IntoView {
    let s = use_session();
    view! {
        <Suspense fallback=move || view! {
            <p class="loading" role="status">{move || s.t(Key::Loading)}</p>
        }>
            {Suspend::new(async move {
                page.await.unwrap_or_else(|NotLoaded| {
                    view! {
                        <main class="page">
                            <p class="error" role="alert" id="screen-not-loaded">
                                {move || s.t(Key::ScreenNotLoaded)}
                            </p>
                        </main>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}

// Commercial work: contracts, proposals, key-client schemes, the price list, letter templates.

#[wasm_split(commercial, fallible)]
fn contract_page() -> Loaded {
    Ok(view! { <super::contracts::page::ContractPage/> }.into_any())
}

#[component]
pub fn LazyContract() -> impl IntoView {
    screen(contract_page())
}

#[wasm_split(commercial, fallible)]
fn proposal_page() -> Loaded {
    Ok(view! { <super::proposals::page::ProposalPage/> }.into_any())
}

#[component]
pub fn LazyProposal() -> impl IntoView {
    screen(proposal_page())
}

#[wasm_split(commercial, fallible)]
fn bulk_proposal_page() -> Loaded {
    Ok(view! { <super::proposals::bulk::BulkProposalPage/> }.into_any())
}

#[component]
pub fn LazyBulkProposal() -> impl IntoView {
    screen(bulk_proposal_page())
}

#[wasm_split(commercial, fallible)]
fn key_clients_page() -> Loaded {
    Ok(view! { <super::schemes::key_clients::KeyClientsPage/> }.into_any())
}

#[component]
pub fn LazyKeyClients() -> impl IntoView {
    screen(key_clients_page())
}

#[wasm_split(commercial, fallible)]
fn prices_page() -> Loaded {
    Ok(view! { <super::prices::page::PricesPage/> }.into_any())
}

#[component]
pub fn LazyPrices() -> impl IntoView {
    screen(prices_page())
}

#[wasm_split(commercial, fallible)]
fn schemes_page() -> Loaded {
    Ok(view! { <super::schemes::list::SchemesPage/> }.into_any())
}

#[component]
pub fn LazySchemes() -> impl IntoView {
    screen(schemes_page())
}

#[wasm_split(commercial, fallible)]
fn scheme_page() -> Loaded {
    Ok(view! { <super::schemes::editor::SchemePage/> }.into_any())
}

#[component]
pub fn LazyScheme() -> impl IntoView {
    screen(scheme_page())
}

#[wasm_split(commercial, fallible)]
fn templates_page() -> Loaded {
    Ok(view! { <super::templates::list::TemplatesPage/> }.into_any())
}

#[component]
pub fn LazyTemplates() -> impl IntoView {
    screen(templates_page())
}

#[wasm_split(commercial, fallible)]
fn template_page() -> Loaded {
    Ok(view! { <super::templates::editor::TemplatePage/> }.into_any())
}

#[component]
pub fn LazyTemplate() -> impl IntoView {
    screen(template_page())
}

// The office's screens: users, mail settings, accounting's import and accounts, the team, covers, the audit.

#[wasm_split(office, fallible)]
fn users_page() -> Loaded {
    Ok(view! { <super::users::UsersPage/> }.into_any())
}

#[component]
pub fn LazyUsers() -> impl IntoView {
    screen(users_page())
}

#[wasm_split(office, fallible)]
fn mail_settings_page() -> Loaded {
    Ok(view! { <super::mail_settings::MailSettingsPage/> }.into_any())
}

#[component]
pub fn LazyMailSettings() -> impl IntoView {
    screen(mail_settings_page())
}

#[wasm_split(office, fallible)]
fn import_page() -> Loaded {
    Ok(view! { <super::receivables::import_page::ImportPage/> }.into_any())
}

#[component]
pub fn LazyImport() -> impl IntoView {
    screen(import_page())
}

#[wasm_split(office, fallible)]
fn accounts_page() -> Loaded {
    Ok(view! { <super::receivables::accounts_page::AccountsPage/> }.into_any())
}

#[component]
pub fn LazyAccounts() -> impl IntoView {
    screen(accounts_page())
}

#[wasm_split(office, fallible)]
fn team_page() -> Loaded {
    Ok(view! { <super::team::page::TeamPage/> }.into_any())
}

#[component]
pub fn LazyTeam() -> impl IntoView {
    screen(team_page())
}

#[wasm_split(office, fallible)]
fn covers_page() -> Loaded {
    Ok(view! { <super::covers::page::CoversPage/> }.into_any())
}

#[component]
pub fn LazyCovers() -> impl IntoView {
    screen(covers_page())
}

#[wasm_split(office, fallible)]
fn audit_page() -> Loaded {
    Ok(view! { <super::audit::page::AuditPage/> }.into_any())
}

#[component]
pub fn LazyAudit() -> impl IntoView {
    screen(audit_page())
}

// A person's own pages: account, sync state, the call analysis.

#[wasm_split(own, fallible)]
fn account_page() -> Loaded {
    Ok(view! { <super::account::AccountPage/> }.into_any())
}

#[component]
pub fn LazyAccount() -> impl IntoView {
    screen(account_page())
}

#[wasm_split(own, fallible)]
fn sync_page() -> Loaded {
    Ok(view! { <super::sync_page::SyncPage/> }.into_any())
}

#[component]
pub fn LazySync() -> impl IntoView {
    screen(sync_page())
}

#[wasm_split(own, fallible)]
fn call_analysis_page() -> Loaded {
    Ok(view! { <super::calls::analysis::CallAnalysisPage/> }.into_any())
}

#[component]
pub fn LazyCallAnalysis() -> impl IntoView {
    screen(call_analysis_page())
}
