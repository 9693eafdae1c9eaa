//! The app's main pages: which of them the navigation offers each person and
//! where the app opens for them. Decided by role, so an administrator
//! without a business role is not offered client pages they hold no data
//! for, and logistics does not open on a salesperson's call quotas.

use super::calling::targets::may_set_targets;
use super::user::{Me, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Today,
    Clients,
    NewClient,
    Team,
    Users,
    Import,
    Accounts,
    Account,
}

impl Page {
    pub const ALL: [Page; 8] = [
        Page::Today,
        Page::Clients,
        Page::NewClient,
        Page::Team,
        Page::Users,
        Page::Import,
        Page::Accounts,
        Page::Account,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Page::Today => "/today",
            Page::Clients => "/clients",
            Page::NewClient => "/clients/new",
            Page::Team => "/team",
            Page::Users => "/users",
            Page::Import => "/import",
            Page::Accounts => "/accounts",
            Page::Account => "/account",
        }
    }

    /// Whether the navigation offers the page to `me`.
    pub fn offered_to(self, me: &Me) -> bool {
        match self {
            // The calling day and new cards are sales work.
            Page::Today | Page::NewClient => me.role.works_clients(),
            Page::Clients => me.role.sees_cards(),
            Page::Team => may_set_targets(me.role, Role::Manager),
            Page::Users => me.manages_users(),
            Page::Import => me.imports_documents(),
            // Accounting reads accounts on the server; the others on the card.
            Page::Accounts => me.role == Role::Accounting,
            Page::Account => true,
        }
    }
}

/// Where the app opens for `me`: Today on a phone for those who sell (the
/// calling day is the job), else the client list; user management for an
/// administrator without a business role.
pub fn home(me: &Me, phone: bool) -> Page {
    if me.role.works_clients() && phone {
        Page::Today
    } else if me.role.sees_cards() {
        Page::Clients
    } else if me.manages_users() {
        Page::Users
    } else if me.imports_documents() {
        Page::Import
    } else {
        Page::Account
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;

    fn me(role: Role, admin: bool) -> Me {
        let mut me: Me = serde_json::from_value(serde_json::json!({
            "id": "u", "email": "u@example.lv", "name": "U", "role": role,
            "department": null, "language": "lv",
        }))
        .unwrap();
        me.admin = admin;
        me
    }

    #[test]
    fn every_role_opens_on_a_page_it_is_offered() {
        for role in Role::ALL {
            for admin in [false, true] {
                for phone in [false, true] {
                    let m = me(role, admin);
                    assert!(home(&m, phone).offered_to(&m), "{role:?} {admin} {phone}");
                }
            }
        }
    }

    #[test]
    fn each_role_is_offered_what_it_may_use() {
        let offered =
            |m: &Me| -> Vec<Page> { Page::ALL.into_iter().filter(|p| p.offered_to(m)).collect() };
        use Page::*;
        assert_eq!(
            offered(&me(Role::Manager, false)),
            [Today, Clients, NewClient, Account]
        );
        assert_eq!(
            offered(&me(Role::Head, false)),
            [Today, Clients, NewClient, Team, Account]
        );
        assert_eq!(offered(&me(Role::Logistics, false)), [Clients, Account]);
        assert_eq!(offered(&me(Role::Admin, false)), [Users, Import, Account]);
        assert_eq!(
            offered(&me(Role::Accounting, false)),
            [Import, Accounts, Account]
        );
        assert_eq!(
            offered(&me(Role::Manager, true)),
            [Today, Clients, NewClient, Users, Import, Account]
        );
        assert_eq!(home(&me(Role::Manager, false), true), Today);
        assert_eq!(home(&me(Role::Manager, false), false), Clients);
        assert_eq!(home(&me(Role::Logistics, false), true), Clients);
        assert_eq!(home(&me(Role::Admin, false), true), Users);
        assert_eq!(home(&me(Role::Accounting, false), false), Import);
    }
}
