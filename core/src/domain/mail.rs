//! What admins are told about the server's mail.

use super::code_enum::code_enum;
use super::text;
use super::validation::{Issues, Problem};
use serde::{Deserialize, Serialize};

/// Whether the server can send mail, and how many letters wait.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailStatus {
    /// An SMTP server (or a mail directory) is set.
    pub configured: bool,
    /// Letters queued and not yet sent.
    pub waiting: u64,
}

impl MailStatus {
    /// Admins are warned while nothing can leave.
    pub fn needs_attention(&self) -> bool {
        !self.configured
    }
}

code_enum!(
    /// Why the server itself could not send a letter; kept on the record as
    /// this code so each device shows it in its user's language (a mail
    /// server's own refusal is kept in its words).
    MailFailure {
        OptedOut => "opted_out",
        NoAddress => "no_address",
        Gone => "gone",
        NothingOverdue => "nothing_overdue",
    }
);

impl MailFailure {
    /// For logs and the command line.
    pub fn english(self) -> &'static str {
        match self {
            MailFailure::OptedOut => "every addressee asked not to receive proposals",
            MailFailure::NoAddress => {
                "no e-mail address: add one to the contact person or the card"
            }
            MailFailure::Gone => "the client or the author is gone",
            MailFailure::NothingOverdue => "nothing is overdue any more: no reminder was sent",
        }
    }
}

code_enum!(
    /// How the connection to the SMTP server is secured.
    SmtpSecurity {
        StartTls => "starttls",
        Tls => "tls",
        Plain => "none",
    }
);

/// Most letters per day or minute an admin may allow (a typo guard).
pub const MAX_RATE: u32 = 100_000;

/// The admin page's mail settings, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettingsInput {
    pub smtp_host: String,
    pub smtp_port: String,
    pub security: SmtpSecurity,
    pub smtp_user: String,
    /// Never shown back: `None` keeps the stored one, `Some("")` removes it.
    pub smtp_password: Option<String>,
    pub mail_from: String,
    pub as_manager: bool,
    pub daily_cap: String,
    pub per_minute: String,
    pub public_url: String,
}

/// Mail settings, checked, without the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettings {
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub security: SmtpSecurity,
    pub smtp_user: Option<String>,
    /// The shared sender; letters carry the manager's name and Reply-To.
    pub mail_from: Option<String>,
    /// Send from each manager's own address instead.
    pub as_manager: bool,
    pub daily_cap: u32,
    pub per_minute: u32,
    /// Where recipients reach the server (each letter's unsubscribe link).
    pub public_url: Option<String>,
}

/// What the admin page shows: the settings in force, whether a password is
/// stored (never the password), and whether they were saved on the page
/// (else they are the server's start-up flags).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSettingsView {
    pub settings: MailSettings,
    pub password_set: bool,
    pub from_page: bool,
}

impl MailSettingsInput {
    /// The form filled from the settings in force (the password left out).
    pub fn of(s: &MailSettings) -> MailSettingsInput {
        let text = |o: &Option<String>| o.clone().unwrap_or_default();
        MailSettingsInput {
            smtp_host: text(&s.smtp_host),
            smtp_port: s.smtp_port.map(|p| p.to_string()).unwrap_or_default(),
            security: s.security,
            smtp_user: text(&s.smtp_user),
            smtp_password: None,
            mail_from: text(&s.mail_from),
            as_manager: s.as_manager,
            daily_cap: s.daily_cap.to_string(),
            per_minute: s.per_minute.to_string(),
            public_url: text(&s.public_url),
        }
    }

    /// Checks the form; `password_stored` says whether a password is kept
    /// from before (a user name needs one).
    pub fn validate(&self, password_stored: bool) -> Result<MailSettings, Issues> {
        let mut is = Issues::default();
        let host = is
            .check("smtp_host", text::optional(&self.smtp_host, 253))
            .and_then(|h| {
                let bad = h
                    .as_deref()
                    .is_some_and(|h| h.contains(char::is_whitespace));
                is.check(
                    "smtp_host",
                    if bad { Err(Problem::Malformed) } else { Ok(h) },
                )
            });
        let port = match self.smtp_port.trim() {
            "" => Some(None),
            p => is.check(
                "smtp_port",
                p.parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .map(Some)
                    .ok_or(Problem::InvalidAmount),
            ),
        };
        let user = is.check("smtp_user", text::optional(&self.smtp_user, 200));
        let password_after = match &self.smtp_password {
            None => password_stored,
            Some(p) => !p.is_empty(),
        };
        if user.as_ref().is_some_and(Option::is_some) && !password_after {
            is.push("smtp_password", Problem::Required);
        }
        let from = match self.mail_from.trim() {
            "" => Some(None),
            f => is.check("mail_from", super::email::normalize(f).map(Some)),
        };
        if host.as_ref().is_some_and(Option::is_some)
            && from.as_ref().is_some_and(Option::is_none)
            && !self.as_manager
        {
            is.push("mail_from", Problem::Required);
        }
        let rate = |is: &mut Issues, path: &str, v: &str| {
            let r = match v.trim().parse::<u32>() {
                Ok(n) if (1..=MAX_RATE).contains(&n) => Ok(n),
                Ok(_) => Err(Problem::AmountTooLarge),
                Err(_) => Err(Problem::InvalidAmount),
            };
            is.check(path, r)
        };
        let daily_cap = rate(&mut is, "daily_cap", &self.daily_cap);
        let per_minute = rate(&mut is, "per_minute", &self.per_minute);
        let url = match self.public_url.trim().trim_end_matches('/') {
            "" => Some(None),
            u if (u.starts_with("https://") || u.starts_with("http://"))
                && u.len() <= 300
                && !u.contains(char::is_whitespace) =>
            {
                Some(Some(u.to_string()))
            }
            _ => {
                is.push("public_url", Problem::InvalidUrl);
                None
            }
        };
        is.into_result(|| MailSettings {
            smtp_host: host.flatten(),
            smtp_port: port.flatten(),
            security: self.security,
            smtp_user: user.flatten(),
            mail_from: from.flatten(),
            as_manager: self.as_manager,
            daily_cap: daily_cap.unwrap_or(1),
            per_minute: per_minute.unwrap_or(1),
            public_url: url.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MailSettingsInput {
        MailSettingsInput {
            smtp_host: "smtp.firma.lv".into(),
            smtp_port: "587".into(),
            security: SmtpSecurity::StartTls,
            smtp_user: "kartoteka".into(),
            smtp_password: Some("slepens".into()),
            mail_from: "Piedavajumi@Firma.lv".into(),
            as_manager: false,
            daily_cap: "300".into(),
            per_minute: "60".into(),
            public_url: "https://crm.firma.lv/".into(),
        }
    }

    #[test]
    fn good_settings_are_cleaned() {
        let s = input().validate(false).unwrap();
        assert_eq!(s.mail_from.as_deref(), Some("piedavajumi@firma.lv"));
        assert_eq!(s.public_url.as_deref(), Some("https://crm.firma.lv"));
        assert_eq!(s.smtp_port, Some(587));
        assert_eq!(MailSettingsInput::of(&s).validate(true).unwrap(), s);
    }

    #[test]
    fn each_problem_is_said_at_its_field() {
        let mut bad = input();
        bad.smtp_host = "smtp firma".into();
        bad.smtp_port = "70000".into();
        bad.smtp_password = Some(String::new());
        bad.mail_from = "nav adrese".into();
        bad.daily_cap = "0".into();
        bad.per_minute = "daudz".into();
        bad.public_url = "crm.firma.lv".into();
        let is = bad.validate(true).unwrap_err();
        assert_eq!(is.at("smtp_host"), Some(Problem::Malformed));
        assert_eq!(is.at("smtp_port"), Some(Problem::InvalidAmount));
        assert_eq!(is.at("smtp_password"), Some(Problem::Required));
        assert_eq!(is.at("mail_from"), Some(Problem::InvalidEmail));
        assert_eq!(is.at("daily_cap"), Some(Problem::AmountTooLarge));
        assert_eq!(is.at("per_minute"), Some(Problem::InvalidAmount));
        assert_eq!(is.at("public_url"), Some(Problem::InvalidUrl));
    }

    #[test]
    fn a_kept_password_serves_and_a_shared_sender_is_needed() {
        let mut keep = input();
        keep.smtp_password = None;
        assert!(keep.validate(true).is_ok());
        assert_eq!(
            keep.validate(false).unwrap_err().at("smtp_password"),
            Some(Problem::Required)
        );
        let mut nobody = input();
        nobody.mail_from = String::new();
        assert_eq!(
            nobody.validate(true).unwrap_err().at("mail_from"),
            Some(Problem::Required)
        );
        nobody.as_manager = true;
        assert!(nobody.validate(true).is_ok());
    }
}
