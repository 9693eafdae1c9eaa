//! Screens the app does not open on, loaded the first time one is opened
//! rather than with the app. `scripts/build-web` cuts each `#[wasm_split]`
//! module named here (and the code only it reaches) off the wasm; the screens
//! the app opens on (Today, the client list) stay in the main module. The
//! service worker keeps every module for offline use, fetching them as the
//! app starts (docs/ARCHITECTURE.md, "Rendering and offline").
//!
//! Screens used together share a module, so the code they share is fetched
//! once (the build names each module after its `split!` group). A module
//! that cannot be fetched (offline, with no service worker) leaves a note
//! in the page rather than stopping the app.

use super::account::AccountPage;
use super::audit::page::AuditPage;
use super::calls::analysis::CallAnalysisPage;
use super::clients::{card::ClientPage, edit::EditClientPage, new::NewClientPage};
use super::contracts::page::ContractPage;
use super::covers::page::CoversPage;
use super::mail_settings::MailSettingsPage;
use super::prices::page::PricesPage;
use super::proposals::{bulk::BulkProposalPage, page::ProposalPage};
use super::receivables::{accounts_page::AccountsPage, import_page::ImportPage};
use super::schemes::{editor::SchemePage, key_clients::KeyClientsPage, list::SchemesPage};
use super::session::use_session;
use super::sync_page::SyncPage;
use super::team::page::TeamPage;
use super::templates::{editor::TemplatePage, list::TemplatesPage};
use super::users::UsersPage;
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

/// `split!(module: Lazy => page as load)`: the route's component `Lazy`
/// shows `page` from the split-off `module`, through the split point `load`.
macro_rules! split {
    ($module:ident: $($lazy:ident => $page:ident as $load:ident),+ $(,)?) => {$(
        #[wasm_split($module, fallible)]
        fn $load() -> Loaded {
            Ok(view! { <$page/> }.into_any())
        }

        #[component]
        pub fn $lazy() -> impl IntoView {
            screen($load())
        }
    )+};
}

// A client's card, and the forms that make and edit one: opened all day,
// but never the first screen, and a fifth of the main module (its panels,
// forms and their views).
split!(card:
    LazyClient => ClientPage as client_page,
    LazyNewClient => NewClientPage as new_client_page,
    LazyEditClient => EditClientPage as edit_client_page,
);

// Commercial work: contracts, proposals, key-client schemes, the price
// list, letter templates.
split!(commercial:
    LazyContract => ContractPage as contract_page,
    LazyProposal => ProposalPage as proposal_page,
    LazyBulkProposal => BulkProposalPage as bulk_proposal_page,
    LazyKeyClients => KeyClientsPage as key_clients_page,
    LazyPrices => PricesPage as prices_page,
    LazySchemes => SchemesPage as schemes_page,
    LazyScheme => SchemePage as scheme_page,
    LazyTemplates => TemplatesPage as templates_page,
    LazyTemplate => TemplatePage as template_page,
);

// The office's screens: users, mail settings, accounting's import and
// accounts, the team, covers, the audit.
split!(office:
    LazyUsers => UsersPage as users_page,
    LazyMailSettings => MailSettingsPage as mail_settings_page,
    LazyImport => ImportPage as import_page,
    LazyAccounts => AccountsPage as accounts_page,
    LazyTeam => TeamPage as team_page,
    LazyCovers => CoversPage as covers_page,
    LazyAudit => AuditPage as audit_page,
);

// A person's own pages: account, sync state, the call analysis.
split!(own:
    LazyAccount => AccountPage as account_page,
    LazySync => SyncPage as sync_page,
    LazyCallAnalysis => CallAnalysisPage as call_analysis_page,
);
