//! Server-side sessions. The browser holds a random token in an HttpOnly
//! cookie; the database holds only its SHA-256, so a leaked backup cannot be
//! replayed as a session.

use super::context::{RequestInfo, Settings};
use super::db_error::OrInternal;
use super::users::{self, UserRow};
use super::{Db, password, throttle};
use crate::api::ApiError;
use crate::domain::user::Me;
use chrono::Utc;
use rand::RngCore;
use sha2::{Digest, Sha256};

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Checks the password (with throttling) and opens a session.
pub async fn sign_in(
    db: &Db,
    email: &str,
    password_input: &str,
    req: &RequestInfo,
) -> Result<(Me, String), ApiError> {
    let now = Utc::now();
    let keys = [throttle::account_key(email), throttle::address_key(&req.ip)];
    throttle::check(db, &keys, now).await?;
    let found = users::by_email(db, email).await?;
    let user = match found {
        Some((user, hash)) if user.active && password::verify(password_input, &hash) => user,
        Some(_) => {
            throttle::fail(db, &keys, now).await?;
            return Err(ApiError::BadCredentials);
        }
        None => {
            password::burn_time(password_input);
            throttle::fail(db, &keys, now).await?;
            return Err(ApiError::BadCredentials);
        }
    };
    throttle::clear(db, &keys[0]).await?;
    let settings = super::context::state()
        .map(|s| (*s.settings).clone())
        .unwrap_or_else(|_| Settings::default());
    let token = open(db, &user, req, settings.session_ttl).await?;
    Ok((user.me(), token))
}

/// Opens a session for a user and returns the token for the cookie.
pub async fn open(
    db: &Db,
    user: &UserRow,
    req: &RequestInfo,
    ttl: chrono::Duration,
) -> Result<String, ApiError> {
    let token = new_token();
    let now = Utc::now();
    db.query(
        "CREATE session CONTENT { token_hash: $hash, user: $user, created_at: $now, \
         expires_at: $expires, last_seen_at: $now, user_agent: $ua, ip: $ip }",
    )
    .bind(("hash", token_hash(&token)))
    .bind(("user", user.id.clone()))
    .bind(("now", now))
    .bind(("expires", now + ttl))
    .bind(("ua", req.user_agent.clone()))
    .bind(("ip", req.ip.clone()))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(token)
}

/// The user behind a token, if the session is current and the user active.
pub async fn lookup(db: &Db, token: &str) -> Result<Option<Me>, ApiError> {
    let mut res = db
        .query("SELECT VALUE user FROM session WHERE token_hash = $hash AND expires_at > time::now() LIMIT 1")
        .bind(("hash", token_hash(token)))
        .await
        .or_internal()?;
    let ids: Vec<String> = res.take(0).or_internal()?;
    let Some(user_id) = ids.into_iter().next() else {
        return Ok(None);
    };
    Ok(users::get(db, &user_id)
        .await?
        .filter(|u| u.active)
        .map(UserRow::me))
}

/// Ends the session of this token.
pub async fn end(db: &Db, token: &str) -> Result<(), ApiError> {
    db.query("DELETE session WHERE token_hash = $hash")
        .bind(("hash", token_hash(token)))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}

/// Removes expired sessions; run now and then by the server.
pub async fn purge_expired(db: &Db) -> Result<(), ApiError> {
    db.query("DELETE session WHERE expires_at <= time::now()")
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}
