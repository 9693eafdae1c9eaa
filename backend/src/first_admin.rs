//! The first administrator of a fresh install, made from the browser: while
//! no user exists, the server prints a one-time link with a random token
//! (only its SHA-256 is stored, for 24 hours); whoever opens it creates the
//! first administrator, which uses the token up. An unattended install names
//! the administrator in the environment instead.

use super::db_error::{OrInternal, is_conflict};
use super::{Db, users};
use crate::ApiError;
use crate::domain::user::{NewUser, UserInput, UserView};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// How long a set-up link works.
pub fn lifetime() -> Duration {
    Duration::hours(24)
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new set-up token (replacing any earlier one), to print once. `None`
/// when users exist already, or another server starting at the same moment
/// made one.
pub async fn new_token(db: &Db, now: DateTime<Utc>) -> Result<Option<String>, ApiError> {
    if users::any_exists(db).await? {
        return Ok(None);
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let written = db
        .query(
            "BEGIN TRANSACTION; \
             DELETE setup_token; \
             CREATE setup_token:first CONTENT { hash: $hash, expires_at: $expires } RETURN NONE; \
             COMMIT TRANSACTION;",
        )
        .bind(("hash", hash(&token)))
        .bind(("expires", now + lifetime()))
        .await
        .and_then(|r| r.check());
    match written {
        Ok(_) => Ok(Some(token)),
        // Two servers starting together on one empty database: the other
        // one's link was written first and stands (it is in its log).
        Err(e) if is_conflict(&e) || e.to_string().contains("already exists") => {
            tracing::warn!(
                "another server starting at the same moment made the set-up link; \
                 it is in that server's log"
            );
            Ok(None)
        }
        Err(e) => Err(e).or_internal(),
    }
}

/// Creates the first administrator with a set-up token: refused (403)
/// once any user exists, and for a wrong, used or expired token. The
/// token is used up in the same transaction, so it works once.
pub async fn create(
    db: &Db,
    token: &str,
    input: &UserInput,
    now: DateTime<Utc>,
) -> Result<UserView, ApiError> {
    let admin = UserInput {
        role: "admin".into(),
        admin: true,
        ..input.clone()
    };
    let valid = admin.validate()?;
    let mut res = db
        .query(
            "BEGIN TRANSACTION; \
             LET $t = (SELECT * FROM ONLY setup_token:first); \
             IF $t = NONE OR $t.hash != $hash OR $t.expires_at <= $now \
               OR count(SELECT id FROM user LIMIT 1) > 0 { THROW 'setup: refused'; }; \
             DELETE setup_token:first; \
             COMMIT TRANSACTION;",
        )
        .bind(("hash", hash(token)))
        .bind(("now", now))
        .await
        .or_internal()?;
    if !res.take_errors().is_empty() {
        tracing::warn!("first administrator: a set-up link was refused");
        return Err(ApiError::Forbidden);
    }
    users::create(db, &valid).await
}

/// An unattended install: the administrator named by the environment,
/// created when no user exists yet. Answers whether one was created.
pub async fn from_environment(db: &Db, user: &NewUser) -> Result<bool, ApiError> {
    if users::any_exists(db).await? {
        return Ok(false);
    }
    users::create(db, user).await?;
    Ok(true)
}
