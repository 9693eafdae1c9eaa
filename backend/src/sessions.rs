//! Server-side sessions. The browser holds a random token in an HttpOnly
//! cookie; the database holds only its SHA-256, so a leaked backup cannot be
//! replayed as a session.

use super::db_error::OrInternal;
use super::request::RequestInfo;
use super::users::{self, UserRow};
use super::{Db, password, throttle};
use crate::ApiError;
use crate::domain::device_session::{SessionView, browser_name};
use crate::domain::user::Me;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use surrealdb::types::SurrealValue;

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
    throttle::reserve(db, &keys, now).await.inspect_err(|e| {
        if matches!(e, ApiError::Throttled { .. }) {
            tracing::warn!(ip = %req.ip, "sign-in throttled");
        }
    })?;
    let found = users::by_email(db, email).await?;
    // The password is checked whatever the account's state, so an inactive
    // or unknown account answers as slowly as a wrong password.
    let user = match found {
        Some((user, hash)) => {
            let right = password::verify(password_input.to_string(), hash).await;
            (right && user.active).then_some(user)
        }
        None => {
            password::burn_time(password_input.to_string()).await;
            None
        }
    };
    let Some(user) = user else {
        tracing::warn!(ip = %req.ip, "sign-in failed: wrong e-mail, password or inactive account");
        return Err(ApiError::BadCredentials);
    };
    throttle::succeeded(db, &keys).await?;
    let ttl = super::settings::current().session_ttl;
    let token = open(db, &user, req, ttl).await?;
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
    // The server's clock: when the server first saw this device.
    let now = super::clock::now();
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

#[derive(Debug, Clone, SurrealValue)]
struct Held {
    id: String,
    user: String,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
    last_seen_at: DateTime<Utc>,
}

/// What a token stands for.
pub enum Found {
    /// A current session of an active user.
    Current {
        me: Me,
        session: String,
        /// When the session began: the server's first sight of the device.
        signed_in_at: DateTime<Utc>,
    },
    /// A session signed out from elsewhere, or of a deactivated user: the
    /// device may hand in its unsent work, then must wipe.
    Revoked {
        user: UserRow,
    },
    Unknown,
}

/// How often a session's `last_seen_at` is written: a write per request
/// would cost more than the request.
const SEEN_EVERY_MINUTES: i64 = 5;

/// The session behind a token: unknown once it expired, or once it was not
/// used for `idle` (a phone left in a drawer does not stay signed in for
/// the session's whole life). Notes when it was last seen.
pub async fn find(db: &Db, token: &str, idle: chrono::Duration) -> Result<Found, ApiError> {
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, user, created_at, revoked_at, last_seen_at FROM session \
             WHERE token_hash = $hash AND expires_at > time::now() \
             AND last_seen_at > $idle_since LIMIT 1",
        )
        .bind(("hash", token_hash(token)))
        .bind((
            "idle_since",
            // `last_seen_at` may lag by the write interval: count it in.
            Utc::now() - idle - chrono::Duration::minutes(SEEN_EVERY_MINUTES),
        ))
        .await
        .or_internal()?;
    let held: Vec<Held> = res.take(0).or_internal()?;
    let Some(held) = held.into_iter().next() else {
        return Ok(Found::Unknown);
    };
    let Some(user) = users::get(db, &held.user).await? else {
        return Ok(Found::Unknown);
    };
    match (held.revoked_at, user.active) {
        (Some(_), _) | (None, false) => Ok(Found::Revoked { user }),
        (None, true) => {
            if Utc::now() - held.last_seen_at > chrono::Duration::minutes(SEEN_EVERY_MINUTES) {
                db.query("UPDATE type::record('session', $id) SET last_seen_at = time::now() RETURN NONE")
                    .bind(("id", held.id.clone()))
                    .await
                    .or_internal()?;
            }
            Ok(Found::Current {
                me: user.me(),
                session: held.id,
                signed_in_at: held.created_at,
            })
        }
    }
}

/// The user behind a token, if the session is current and the user active.
pub async fn lookup(db: &Db, token: &str, idle: chrono::Duration) -> Result<Option<Me>, ApiError> {
    Ok(match find(db, token, idle).await? {
        Found::Current { me, .. } => Some(me),
        _ => None,
    })
}

/// Notes a sync on the session: which device it serves, and when.
pub async fn synced(db: &Db, session: &str, device: Option<&str>) -> Result<(), ApiError> {
    db.query(
        "UPDATE type::record('session', $id) SET last_sync_at = time::now(), \
         device = $device ?? device RETURN NONE",
    )
    .bind(("id", session.to_string()))
    .bind(("device", device.map(str::to_string)))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(())
}

#[derive(Debug, Clone, SurrealValue)]
struct SessionRow {
    id: String,
    user_agent: Option<String>,
    created_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
    last_sync_at: Option<DateTime<Utc>>,
}

/// A user's signed-in devices, most recently seen first.
pub async fn list(
    db: &Db,
    user_id: &str,
    current: Option<&str>,
) -> Result<Vec<SessionView>, ApiError> {
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, user_agent, created_at, last_seen_at, last_sync_at \
             FROM session WHERE user = $user AND revoked_at = NONE AND expires_at > time::now() \
             ORDER BY last_seen_at DESC",
        )
        .bind(("user", user_id.to_string()))
        .await
        .or_internal()?;
    let rows: Vec<SessionRow> = res.take(0).or_internal()?;
    Ok(rows
        .into_iter()
        .map(|r| SessionView {
            browser: browser_name(r.user_agent.as_deref()),
            current: current == Some(r.id.as_str()),
            id: r.id,
            signed_in_at: r.created_at,
            last_seen_at: r.last_seen_at,
            last_sync_at: r.last_sync_at,
        })
        .collect())
}

/// Whose session this is, if it is open.
pub async fn owner_of(db: &Db, session: &str) -> Result<Option<String>, ApiError> {
    let mut res = db
        .query("SELECT VALUE user FROM ONLY type::record('session', $id) WHERE revoked_at = NONE")
        .bind(("id", session.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Signs one device out: its next contact learns so.
pub async fn revoke(db: &Db, session: &str, by: &str) -> Result<(), ApiError> {
    db.query(
        "UPDATE type::record('session', $id) SET revoked_at = time::now(), revoked_by = $by \
         WHERE revoked_at = NONE RETURN NONE",
    )
    .bind(("id", session.to_string()))
    .bind(("by", by.to_string()))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(())
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

/// Removes expired sessions and ones idle past `idle`; run now and then by
/// the server.
pub async fn purge_expired(db: &Db, idle: chrono::Duration) -> Result<(), ApiError> {
    db.query("DELETE session WHERE expires_at <= time::now() OR last_seen_at <= $idle_since")
        .bind(("idle_since", Utc::now() - idle))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}

/// Ends every session of `user` but `keep` (`None`: all): after a password
/// change or reset those devices sign in again, keeping their unsent work
/// (unlike a revoked device, which hands it in and wipes).
pub async fn end_all(db: &Db, user: &str, keep: Option<&str>) -> Result<(), ApiError> {
    db.query("DELETE session WHERE user = $user AND record::id(id) != $keep RETURN NONE")
        .bind(("user", user.to_string()))
        .bind(("keep", keep.unwrap_or_default().to_string()))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}
