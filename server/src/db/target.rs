//! Which database to open and how to get in: a URL, the namespace and
//! database inside it, and for a SurrealDB server (`ws://`, `wss://`) the
//! root user to sign in as and a private CA to trust.

use crate::secret::Secret;
use anyhow::{Context, Result};
use std::path::PathBuf;

pub const NAMESPACE: &str = "kartoteka";
pub const DATABASE: &str = "main";

#[derive(Debug, Clone)]
pub struct Target {
    pub url: String,
    pub namespace: String,
    pub database: String,
    /// Root user and password; a SurrealDB 3 server refuses anyone else
    /// unless it was started `--unauthenticated`.
    pub user: Option<(String, Secret)>,
    /// A CA certificate (PEM) trusted for `wss://` beside the public roots.
    pub ca: Option<PathBuf>,
}

impl Target {
    /// The URL with the default namespace and database, signing in as no one.
    pub fn url(url: impl Into<String>) -> Target {
        Target {
            url: url.into(),
            namespace: NAMESPACE.into(),
            database: DATABASE.into(),
            user: None,
            ca: None,
        }
    }

    /// A SurrealDB server rather than a store inside this process.
    pub fn is_remote(&self) -> bool {
        ["ws://", "wss://", "http://", "https://"]
            .iter()
            .any(|p| self.url.starts_with(p))
    }

    /// The connection's options: the CA, when given, for TLS.
    pub(super) fn config(&self) -> Result<surrealdb::opt::Config> {
        let config = surrealdb::opt::Config::new();
        let Some(ca) = &self.ca else {
            return Ok(config);
        };
        Ok(config.rustls(crate::tls::client_config(ca)?))
    }

    /// Signs in when a user is given.
    pub(super) async fn sign_in(&self, db: &app::backend::Db) -> Result<()> {
        let Some((username, password)) = &self.user else {
            return Ok(());
        };
        db.signin(surrealdb::opt::auth::Root {
            username: username.clone(),
            password: password.expose().to_string(),
        })
        .await
        .with_context(|| {
            format!(
                "cannot sign in to the database at {} as {username} (check --db-user and --db-pass)",
                self.url
            )
        })?;
        Ok(())
    }
}

impl From<&str> for Target {
    fn from(url: &str) -> Target {
        Target::url(url)
    }
}

impl From<&String> for Target {
    fn from(url: &String) -> Target {
        Target::url(url.as_str())
    }
}

impl From<&Target> for Target {
    fn from(target: &Target) -> Target {
        target.clone()
    }
}
