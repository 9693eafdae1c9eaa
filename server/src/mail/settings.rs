//! How the server sends mail, from flags or `KARTOTEKA_*` variables.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (required), port 587.
    #[default]
    Starttls,
    /// TLS from the first byte ("SMTPS"), port 465.
    Tls,
    /// No encryption: only for a relay on this machine or in tests.
    None,
}

impl Security {
    pub fn default_port(self) -> u16 {
        match self {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// The SMTP server that sends proposals and letters. Without it (and
    /// without --mail-dir) letters wait in the outbox and admins are told.
    #[arg(long, env = "KARTOTEKA_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// Its port (default: 587 with STARTTLS, 465 with TLS, 25 with none).
    #[arg(long, env = "KARTOTEKA_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    #[arg(long, env = "KARTOTEKA_SMTP_SECURITY", value_enum, default_value_t = Security::Starttls)]
    pub smtp_security: Security,
    #[arg(long, env = "KARTOTEKA_SMTP_USER")]
    pub smtp_user: Option<String>,
    #[arg(long, env = "KARTOTEKA_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// The shared sender address. Letters go out from it with the manager's
    /// name, and answers go to the manager (Reply-To).
    #[arg(long, env = "KARTOTEKA_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// Send from each manager's own address instead (the SMTP server must
    /// let the account send as them).
    #[arg(long, env = "KARTOTEKA_MAIL_AS_MANAGER")]
    pub mail_as_manager: bool,
    /// Write each letter as an `.eml` file here instead of sending it: to
    /// try the app without a mail server.
    #[arg(long, env = "KARTOTEKA_MAIL_DIR", conflicts_with = "smtp_host")]
    pub mail_dir: Option<PathBuf>,
    /// The address recipients reach this server at (`https://crm.firma.lv`),
    /// for each letter's unsubscribe link. Default: http:// and --listen.
    #[arg(long, env = "KARTOTEKA_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Most letters one person's work sends in 24 hours.
    #[arg(long, env = "KARTOTEKA_MAIL_DAILY_CAP", default_value_t = 500)]
    pub mail_daily_cap: u32,
    /// Most letters this server sends per minute (the mail provider's rate).
    #[arg(long, env = "KARTOTEKA_MAIL_PER_MINUTE", default_value_t = 120)]
    pub mail_per_minute: u32,
    /// How long a process holds a letter it is sending before another may
    /// take it (a killed process's letters wait this long). For tests.
    #[arg(
        long,
        env = "KARTOTEKA_MAIL_LEASE_SECS",
        default_value_t = 120,
        hide = true
    )]
    pub mail_lease_secs: u64,
}

impl Default for MailArgs {
    fn default() -> Self {
        MailArgs {
            smtp_host: None,
            smtp_port: None,
            smtp_security: Security::default(),
            smtp_user: None,
            smtp_password: None,
            mail_from: None,
            mail_as_manager: false,
            mail_dir: None,
            public_url: None,
            mail_daily_cap: 500,
            mail_per_minute: 120,
            mail_lease_secs: 120,
        }
    }
}

impl MailArgs {
    /// What is wrong with these settings, said before the server starts.
    pub fn check(&self) -> Result<(), String> {
        if self.smtp_host.is_some() && self.mail_from.is_none() && !self.mail_as_manager {
            return Err(
                "--smtp-host needs --mail-from (the shared sender) or --mail-as-manager".into(),
            );
        }
        if self.smtp_user.is_some() != self.smtp_password.is_some() {
            return Err("--smtp-user and --smtp-password go together".into());
        }
        if let Some(from) = &self.mail_from
            && from.parse::<lettre::Address>().is_err()
        {
            return Err(format!("--mail-from {from:?} is not an e-mail address"));
        }
        Ok(())
    }
}

impl Security {
    fn of(s: app::domain::mail::SmtpSecurity) -> Security {
        use app::domain::mail::SmtpSecurity;
        match s {
            SmtpSecurity::StartTls => Security::Starttls,
            SmtpSecurity::Tls => Security::Tls,
            SmtpSecurity::Plain => Security::None,
        }
    }

    fn domain(self) -> app::domain::mail::SmtpSecurity {
        use app::domain::mail::SmtpSecurity;
        match self {
            Security::Starttls => SmtpSecurity::StartTls,
            Security::Tls => SmtpSecurity::Tls,
            Security::None => SmtpSecurity::Plain,
        }
    }
}

impl MailArgs {
    /// The flags as the admin page shows them (the password only as
    /// whether there is one).
    pub fn as_page(&self) -> (app::domain::mail::MailSettings, bool) {
        (
            app::domain::mail::MailSettings {
                smtp_host: self.smtp_host.clone(),
                smtp_port: self.smtp_port,
                security: self.smtp_security.domain(),
                smtp_user: self.smtp_user.clone(),
                mail_from: self.mail_from.clone(),
                as_manager: self.mail_as_manager,
                daily_cap: self.mail_daily_cap,
                per_minute: self.mail_per_minute,
                public_url: self.public_url.clone(),
            },
            self.smtp_password.is_some(),
        )
    }

    /// The settings an admin saved, in place of these flags (the lease and
    /// a mail directory stay the flags').
    pub fn with_page(&self, doc: &app::backend::mail::settings_store::MailSettingsDoc) -> MailArgs {
        let s = doc.settings();
        MailArgs {
            smtp_host: s.smtp_host,
            smtp_port: s.smtp_port,
            smtp_security: Security::of(s.security),
            smtp_user: s.smtp_user,
            smtp_password: doc.smtp_password.clone(),
            mail_from: s.mail_from,
            mail_as_manager: s.as_manager,
            mail_dir: if doc.smtp_host.is_some() {
                None
            } else {
                self.mail_dir.clone()
            },
            public_url: s.public_url.or_else(|| self.public_url.clone()),
            mail_daily_cap: s.daily_cap,
            mail_per_minute: s.per_minute,
            mail_lease_secs: self.mail_lease_secs,
        }
    }
}
