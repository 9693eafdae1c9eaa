//! Where a built message goes: an SMTP server, a directory of `.eml`
//! files, or nowhere yet (letters wait in the outbox).

use super::settings::{MailArgs, Security};
use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// Why a message did not go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Try again later (a 4xx answer, the server unreachable, a timeout).
    Temporary(String),
    /// It will never go as it is (a 5xx answer: no such mailbox, refused).
    Permanent(String),
}

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Dir(PathBuf),
    /// No mail server set: nothing is sent.
    Off,
}

impl Transport {
    pub fn from_args(args: &MailArgs) -> Result<Transport, String> {
        if let Some(dir) = &args.mail_dir {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            return Ok(Transport::Dir(dir.clone()));
        }
        let Some(host) = &args.smtp_host else {
            return Ok(Transport::Off);
        };
        let port = args
            .smtp_port
            .unwrap_or_else(|| args.smtp_security.default_port());
        let tls = |host: &str| {
            TlsParameters::new(host.to_string()).map_err(|e| format!("TLS for {host}: {e}"))
        };
        let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.as_str())
            .port(port)
            .timeout(Some(Duration::from_secs(30)))
            .tls(match args.smtp_security {
                Security::Starttls => Tls::Required(tls(host)?),
                Security::Tls => Tls::Wrapper(tls(host)?),
                Security::None => Tls::None,
            });
        if let (Some(user), Some(password)) = (&args.smtp_user, &args.smtp_password) {
            b = b.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Transport::Smtp(b.build()))
    }

    pub fn is_off(&self) -> bool {
        matches!(self, Transport::Off)
    }

    /// Hands `raw` on. A directory gets `<message-id>.eml`, written whole
    /// or not at all (a second send of the same letter overwrites it).
    pub async fn send(
        &self,
        envelope: &Envelope,
        message_id: &str,
        raw: &[u8],
    ) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send_raw(envelope, raw).await.map(|_| ()).map_err(|e| {
                let said = describe(&e);
                if e.is_permanent() {
                    SendError::Permanent(said)
                } else {
                    SendError::Temporary(said)
                }
            }),
            Transport::Dir(dir) => {
                let name: String = message_id
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '@'))
                    .collect();
                let path = dir.join(format!("{name}.eml"));
                let tmp = dir.join(format!(".{name}.tmp"));
                let write = async {
                    tokio::fs::write(&tmp, raw).await?;
                    tokio::fs::rename(&tmp, &path).await
                };
                write
                    .await
                    .map_err(|e| SendError::Temporary(format!("{}: {e}", path.display())))
            }
            Transport::Off => Err(SendError::Temporary("no mail server is set".into())),
        }
    }
}

/// The mail server's own words where there are some, with the cause chain
/// (a refused connection says what refused it).
fn describe(e: &lettre::transport::smtp::Error) -> String {
    let mut said = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !said.contains(&more) {
            said.push_str(": ");
            said.push_str(&more);
        }
        source = s.source();
    }
    said
}
