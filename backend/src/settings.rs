//! The server's settings as the data layer reads them: provided to every
//! server function's context by the HTTP layer (the defaults outside one).

use leptos::prelude::use_context;
use std::sync::Arc;

/// Server-wide settings the server functions need.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mark the session cookie `Secure` (behind HTTPS).
    pub secure_cookies: bool,
    /// This process serves HTTPS itself: every request came over TLS.
    pub tls: bool,
    /// How long a session lasts after sign-in.
    pub session_ttl: chrono::Duration,
    /// How long a session lasts unused (shorter than `session_ttl`).
    pub session_idle: chrono::Duration,
    /// Accept `POST /test/clock` to move the clock (end-to-end tests only;
    /// the route exists only in builds with the `test-clock` feature).
    pub test_clock: bool,
    /// Reverse proxies whose `X-Forwarded-*` / `Forwarded` headers name the
    /// client's address and scheme.
    pub trusted_proxies: Vec<super::client_addr::Cidr>,
    /// Peers that may read `/metrics`; empty: metrics are off.
    pub metrics_from: Vec<super::client_addr::Cidr>,
    /// Mail can leave by the start-up flags (an SMTP server or a mail
    /// directory is set); an admin's saved settings may add to that.
    pub mail_configured: bool,
    /// The start-up flags' mail settings as the admin page shows them, and
    /// whether they carry a password.
    pub mail_flags: (crate::domain::mail::MailSettings, bool),
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            tls: false,
            session_ttl: chrono::Duration::days(14),
            session_idle: chrono::Duration::days(7),
            test_clock: false,
            trusted_proxies: Vec::new(),
            metrics_from: Vec::new(),
            mail_configured: false,
            mail_flags: (
                crate::domain::mail::MailSettings {
                    smtp_host: None,
                    smtp_port: None,
                    security: crate::domain::mail::SmtpSecurity::StartTls,
                    smtp_user: None,
                    mail_from: None,
                    as_manager: false,
                    daily_cap: 500,
                    per_minute: 120,
                    public_url: None,
                },
                false,
            ),
        }
    }
}

/// The settings of the server this request runs on.
pub fn current() -> Arc<Settings> {
    use_context::<Arc<Settings>>().unwrap_or_default()
}
