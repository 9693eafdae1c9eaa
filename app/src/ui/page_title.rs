//! The browser tab's title follows the page ("Šodien · Kartotēka"): a screen
//! reader announces where one is, and open tabs are told apart.

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The page's own name for an app path, if it has one.
fn page_name(path: &str) -> Option<Key> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    Some(match parts.as_slice() {
        ["today"] => Key::NavToday,
        ["clients"] => Key::NavClients,
        ["clients", "new"] => Key::NavNewClient,
        ["clients", _, "edit"] => Key::Edit,
        ["proposals", "bulk"] => Key::BulkTitle,
        ["clients", _, "proposals", "new"] | ["proposals", _] => Key::ProposalTitle,
        ["clients", _, "contracts", "new"] | ["contracts", _] => Key::ContractTitle,
        ["clients", _] => Key::CardTitle,
        ["key-clients"] => Key::KeyClientsTitle,
        ["schemes", ..] => Key::SchemesTitle,
        ["prices"] => Key::PricesTitle,
        ["templates", ..] => Key::TemplatesTitle,
        ["users"] => Key::NavUsers,
        ["mail-settings"] => Key::MailSettingsTitle,
        ["import"] => Key::ImportTitle,
        ["accounts"] => Key::AccountsTitle,
        ["account"] => Key::NavAccount,
        ["sync"] => Key::NavSync,
        ["analysis"] => Key::CallAnalysis,
        ["team"] => Key::TeamTitle,
        ["covers"] => Key::CoversTitle,
        ["audit"] => Key::AuditTitle,
        _ => return None,
    })
}

/// Keeps `document.title` in step with the route and the language.
pub fn follow_page_title() {
    let s = use_session();
    let location = use_location();
    Effect::new(move |_| {
        let app = s.t(Key::AppName);
        let title = match location.pathname.with(|p| page_name(p)) {
            Some(key) => format!("{} · {app}", s.t(key)),
            None => app.to_string(),
        };
        document().set_title(&title);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_page_has_its_name() {
        assert_eq!(page_name("/today"), Some(Key::NavToday));
        assert_eq!(page_name("/clients/new"), Some(Key::NavNewClient));
        assert_eq!(page_name("/clients/abc"), Some(Key::CardTitle));
        assert_eq!(page_name("/clients/abc/edit"), Some(Key::Edit));
        assert_eq!(page_name("/proposals/bulk"), Some(Key::BulkTitle));
        assert_eq!(page_name("/proposals/p1"), Some(Key::ProposalTitle));
        assert_eq!(page_name("/nowhere/at/all"), None);
    }
}
