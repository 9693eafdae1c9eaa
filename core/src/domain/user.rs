//! Users, their roles and languages.

use super::calling::cold::ColdAfter;
use super::calling::quota::Targets;
use serde::{Deserialize, Serialize};

/// What a person does in the company; decides what they may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Manager,
    Head,
    Director,
    Logistics,
    /// Keeps the money: imports accounting's documents, stops shipments,
    /// sees every client's account but none of the sales work.
    Accounting,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Manager,
        Role::Head,
        Role::Director,
        Role::Logistics,
        Role::Accounting,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Manager => "manager",
            Role::Head => "head",
            Role::Director => "director",
            Role::Logistics => "logistics",
            Role::Accounting => "accounting",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Leads other people's portfolios (a head their department's, a
    /// director everyone's): reassigns cards, sets targets, sees the team.
    pub fn leads_people(self) -> bool {
        matches!(self, Role::Head | Role::Director)
    }

    /// May own and work client cards at all (an admin manages users and
    /// sees no client data; logistics sees cards without working them).
    pub fn works_clients(self) -> bool {
        matches!(self, Role::Manager | Role::Head | Role::Director)
    }

    /// Sees client cards: those who work them, and logistics (without
    /// their commercial terms).
    pub fn sees_cards(self) -> bool {
        self.works_clients() || self == Role::Logistics
    }

    /// Sees clients' accounts (balances, documents, reconciliations):
    /// those who work clients, and accounting.
    pub fn sees_money(self) -> bool {
        self.works_clients() || self == Role::Accounting
    }

    /// May stop (and resume) shipments to a client: heads and directors
    /// for the clients they lead, accounting for any.
    pub fn stops_shipments(self) -> bool {
        self.leads_people() || self == Role::Accounting
    }

    /// May give a card to another owner.
    pub fn assigns_owners(self) -> bool {
        self.leads_people()
    }

    /// May export client lists unless told otherwise per person.
    pub fn exports_by_default(self) -> bool {
        self.leads_people()
    }

    /// An admin role manages users; so does anyone given the admin flag
    /// beside a business role (see `Me::manages_users`).
    pub fn manages_users(self) -> bool {
        matches!(self, Role::Admin)
    }
}

/// The three interface languages; Latvian is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Lv,
    En,
    Ru,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Lv, Language::En, Language::Ru];

    pub fn code(self) -> &'static str {
        match self {
            Language::Lv => "lv",
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    pub fn parse(s: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.code() == s)
    }

    /// Picks the first supported language from an `Accept-Language`-style list.
    pub fn from_preferences<'a>(prefs: impl IntoIterator<Item = &'a str>) -> Language {
        prefs
            .into_iter()
            .find_map(|p| Language::parse(&p.get(..2).unwrap_or("").to_ascii_lowercase()))
            .unwrap_or_default()
    }
}

/// The signed-in user as the app sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub department: Option<String>,
    pub language: Language,
    /// Set by the head; the job description's until then (and for a `Me`
    /// remembered by an older build).
    #[serde(default)]
    pub targets: Targets,
    /// When a client counts as gone cold, per segment (set with the targets).
    #[serde(default)]
    pub cold_after: ColdAfter,
    /// May export client lists (a permission; heads and directors by default).
    #[serde(default)]
    pub may_export: bool,
    /// Covers running now in which this user is the deputy or the one
    /// covered (for the banner); filled when the app asks who is signed in.
    #[serde(default)]
    pub covers: Vec<super::cover::CoverView>,
    /// Signed in with a temporary password an administrator issued: the app
    /// asks for a new one before anything else.
    #[serde(default)]
    pub must_change_password: bool,
    /// Also manages users and settings, beside the business role.
    #[serde(default)]
    pub admin: bool,
}

impl Me {
    /// Manages users: the admin role, or the admin flag beside a business
    /// role (client data comes only with the business role).
    pub fn manages_users(&self) -> bool {
        self.role.manages_users() || self.admin
    }

    /// Imports the price list: administrators, and heads and directors
    /// (who manage the other reference data).
    pub fn imports_price_list(&self) -> bool {
        self.manages_users() || self.role.leads_people()
    }

    /// Imports accounting's documents: administrators and accounting.
    pub fn imports_documents(&self) -> bool {
        self.manages_users() || self.role == Role::Accounting
    }
}

/// A user as listed to an admin and in owner pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub department: Option<String>,
    pub language: Language,
    pub active: bool,
    #[serde(default)]
    pub targets: Targets,
    /// When a client counts as gone cold, per segment (set with the targets).
    #[serde(default)]
    pub cold_after: ColdAfter,
    #[serde(default)]
    pub may_export: bool,
    #[serde(default)]
    pub admin: bool,
}

/// Someone a card can belong to, for owner pickers and filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerOption {
    pub id: String,
    pub name: String,
}

/// What an admin types to create a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInput {
    pub email: String,
    pub name: String,
    pub role: String,
    pub department: String,
    pub language: String,
    pub password: String,
    /// Also an administrator (an `admin` role always is).
    #[serde(default)]
    pub admin: bool,
}

/// A user ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub department: Option<String>,
    pub language: Language,
    pub password: String,
    pub admin: bool,
}

pub const MIN_PASSWORD: usize = 10;

/// The rule every new password follows (a user's first, a changed one).
pub fn check_password(password: &str) -> Result<(), super::validation::Problem> {
    use super::validation::Problem;
    if password.chars().count() < MIN_PASSWORD {
        return Err(Problem::PasswordTooShort { min: MIN_PASSWORD });
    }
    if password.len() > 1024 {
        return Err(Problem::TooLong { max: 1024 });
    }
    Ok(())
}

impl UserInput {
    pub fn validate(&self) -> Result<NewUser, super::validation::Issues> {
        use super::{email, text, validation::Issues, validation::Problem};
        let mut issues = Issues::default();
        let email = issues.check("email", email::normalize(&self.email));
        let name = issues.check("name", text::required(&self.name, 150));
        let role = issues.check(
            "role",
            Role::parse(self.role.trim()).ok_or(Problem::Required),
        );
        let department = issues.check("department", text::optional(&self.department, 100));
        let language = Language::parse(self.language.trim()).unwrap_or_default();
        issues.check("password", check_password(&self.password));
        let role = role.map(|r: Role| r);
        let admin = self.admin || role == Some(Role::Admin);
        issues.into_result(|| NewUser {
            admin,
            email: email.unwrap_or_default(),
            name: name.unwrap_or_default(),
            role: role.unwrap_or(Role::Manager),
            department: department.flatten(),
            language,
            password: self.password.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validation::Problem;

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert!(!Role::Manager.leads_people());
        assert!(Role::Director.leads_people());
        assert!(!Role::Logistics.works_clients());
        assert!(!Role::Admin.works_clients());
        assert!(Role::Head.exports_by_default() && !Role::Manager.exports_by_default());
    }

    #[test]
    fn language_from_browser_preferences() {
        assert_eq!(Language::from_preferences(["ru-RU", "en"]), Language::Ru);
        assert_eq!(Language::from_preferences(["de", "en-GB"]), Language::En);
        assert_eq!(Language::from_preferences(["de"]), Language::Lv);
    }

    #[test]
    fn user_input_checks_every_field() {
        let bad = UserInput {
            email: "nope".into(),
            role: "boss".into(),
            password: "short".into(),
            ..Default::default()
        };
        let issues = bad.validate().unwrap_err();
        assert_eq!(issues.at("email"), Some(Problem::InvalidEmail));
        assert_eq!(issues.at("name"), Some(Problem::Required));
        assert_eq!(issues.at("role"), Some(Problem::Required));
        assert_eq!(
            issues.at("password"),
            Some(Problem::PasswordTooShort { min: 10 })
        );
    }
}
