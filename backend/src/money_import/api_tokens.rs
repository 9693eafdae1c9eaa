//! The API tokens an accounting system pushes its documents with
//! (`POST /api/accounting/documents`). A token is named after the system
//! (the name is also the import's source); its secret is 32 random bytes,
//! shown once when it is made, and only its SHA-256 is kept, so a copy of
//! the database cannot push. A revoked token is kept, refused, for the
//! audit trail.

use crate::ApiError;
use crate::Db;
use crate::db_error::OrInternal;
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use surrealdb::types::SurrealValue;

/// Every secret starts so, which tells it apart in a configuration file
/// (and lets secret scanners find one pasted where it should not be).
pub const PREFIX: &str = "kt_";
/// As long as an import's source may be: the name is the source.
pub const MAX_NAME: usize = 60;

/// A token as it is listed: never its hash.
#[derive(Debug, Clone, PartialEq, Eq, SurrealValue)]
pub struct Token {
    pub id: String,
    pub name: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// A token just made, with the secret it will never be shown with again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub id: String,
    pub name: String,
    pub secret: String,
}

/// Why a presented secret does not push.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// No token has this secret.
    Unknown,
    /// The token was revoked.
    Revoked,
}

#[derive(Debug, Clone, SurrealValue)]
struct Found {
    id: String,
    name: String,
    created_by: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

const FIELDS: &str = "record::id(id) AS id, name, created_by, created_at, last_used_at";

/// What is stored of a secret.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// A new secret: the prefix and 32 bytes from the operating system's
/// generator, hex.
fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("{PREFIX}{}", hex::encode(bytes))
}

/// Whether `secret` could be one this module made (checked before any
/// database read).
fn well_formed(secret: &str) -> bool {
    secret
        .strip_prefix(PREFIX)
        .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The token a lookup found, if it may push.
fn judge(found: Option<Found>) -> Result<Token, Refused> {
    let f = found.ok_or(Refused::Unknown)?;
    if f.revoked_at.is_some() {
        return Err(Refused::Revoked);
    }
    Ok(Token {
        id: f.id,
        name: f.name,
        created_by: f.created_by,
        created_at: f.created_at,
        last_used_at: f.last_used_at,
    })
}

fn checked_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    let problem = if name.is_empty() {
        Problem::Required
    } else if name.chars().count() > MAX_NAME {
        Problem::TooLong { max: MAX_NAME }
    } else {
        return Ok(name.to_string());
    };
    Err(ApiError::Invalid(Issues(vec![Issue::new("name", problem)])))
}

/// Makes a token named `name` (unique among those not revoked), audited as
/// `actor`'s from `device`. The answer holds the secret, which is not
/// kept.
pub async fn create(
    db: &Db,
    actor: &str,
    name: &str,
    device: Option<&str>,
) -> Result<Created, ApiError> {
    let name = checked_name(name)?;
    let id = uuid::Uuid::now_v7().simple().to_string();
    let secret = new_secret();
    let mut res = db
        .query(
            "BEGIN TRANSACTION; \
             IF count(SELECT id FROM api_token WHERE name = $name AND revoked_at = NONE) > 0 \
               { THROW 'api_token: name taken'; }; \
             CREATE type::record('api_token', $id) CONTENT { name: $name, hash: $hash, \
               created_by: $actor, created_at: time::now() } RETURN NONE; \
             COMMIT TRANSACTION;",
        )
        .bind(("name", name.clone()))
        .bind(("id", id.clone()))
        .bind(("hash", hash(&secret)))
        .bind(("actor", actor.to_string()))
        .await
        .or_internal()?;
    let errors = res.take_errors();
    if !errors.is_empty() {
        let e = crate::db_error::cause(errors);
        if e.to_string().contains("api_token: name taken") {
            return Err(ApiError::Duplicate("name".into()));
        }
        return Err(crate::db_error::internal(e));
    }
    crate::audit::record_from(
        db,
        actor,
        "api_token.create",
        &id,
        serde_json::json!({ "name": name }),
        device,
    )
    .await?;
    Ok(Created { id, name, secret })
}

/// The tokens not revoked, oldest first.
pub async fn list(db: &Db) -> Result<Vec<Token>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {FIELDS} FROM api_token WHERE revoked_at = NONE ORDER BY created_at"
        ))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Revokes token `id` (`NotFound` when there is none not revoked yet),
/// audited as `actor`'s from `device`.
pub async fn revoke(
    db: &Db,
    actor: &str,
    id: &str,
    device: Option<&str>,
) -> Result<Token, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {FIELDS} FROM (UPDATE type::record('api_token', $id) \
             SET revoked_at = time::now() WHERE revoked_at = NONE RETURN AFTER)"
        ))
        .bind(("id", id.to_string()))
        .await
        .or_internal()?;
    let revoked: Vec<Token> = res.take(0).or_internal()?;
    let token = revoked.into_iter().next().ok_or(ApiError::NotFound)?;
    crate::audit::record_from(
        db,
        actor,
        "api_token.revoke",
        &token.id,
        serde_json::json!({ "name": token.name }),
        device,
    )
    .await?;
    Ok(token)
}

/// The token whose secret was presented, noting that it was used at
/// `now`; or why it may not push.
pub async fn verify(
    db: &Db,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Result<Token, Refused>, ApiError> {
    if !well_formed(secret) {
        return Ok(Err(Refused::Unknown));
    }
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, name, created_by, created_at, last_used_at, revoked_at \
             FROM api_token WHERE hash = $hash LIMIT 1",
        )
        .bind(("hash", hash(secret)))
        .await
        .or_internal()?;
    let found: Vec<Found> = res.take(0).or_internal()?;
    let token = match judge(found.into_iter().next()) {
        Ok(t) => t,
        Err(refused) => return Ok(Err(refused)),
    };
    db.query("UPDATE type::record('api_token', $id) SET last_used_at = $now RETURN NONE")
        .bind(("id", token.id.clone()))
        .bind(("now", now))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(Ok(Token {
        last_used_at: Some(now),
        ..token
    }))
}

/// Who manages the tokens: whoever may import.
fn allowed(me: &Me) -> Result<(), ApiError> {
    if super::may_import(me) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// [`list`] for the import page.
pub async fn list_for(db: &Db, me: &Me) -> Result<Vec<Token>, ApiError> {
    allowed(me)?;
    list(db).await
}

/// [`create`] from the import page.
pub async fn create_for(db: &Db, me: &Me, name: &str) -> Result<Created, ApiError> {
    allowed(me)?;
    let device = crate::request::request_info().user_agent;
    create(db, &me.id, name, device.as_deref()).await
}

/// [`revoke`] from the import page.
pub async fn revoke_for(db: &Db, me: &Me, id: &str) -> Result<(), ApiError> {
    allowed(me)?;
    let device = crate::request::request_info().user_agent;
    revoke(db, &me.id, id, device.as_deref()).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_kept_only_as_its_sha256() {
        // The SHA-256 of "abc" (FIPS 180-2).
        assert_eq!(
            hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let secret = new_secret();
        assert_eq!(hash(&secret), hash(&secret));
        assert_eq!(hash(&secret).len(), 64);
        assert!(!hash(&secret).contains(&secret[PREFIX.len()..]));
    }

    #[test]
    fn secrets_are_prefixed_random_and_well_formed() {
        let a = new_secret();
        let b = new_secret();
        assert!(a.starts_with(PREFIX), "{a}");
        assert_eq!(a.len(), PREFIX.len() + 64);
        assert_ne!(a, b);
        assert!(well_formed(&a));
        assert!(!well_formed(&a[PREFIX.len()..]));
        assert!(!well_formed(&a[..a.len() - 1]));
        assert!(!well_formed(&format!("{}g", &a[..a.len() - 1])));
        assert!(!well_formed(""));
    }

    fn found(revoked: bool) -> Found {
        let at = DateTime::<Utc>::from_timestamp(1_790_000_000, 0).unwrap_or_default();
        Found {
            id: "t1".into(),
            name: "horizon".into(),
            created_by: "admin".into(),
            created_at: at,
            last_used_at: None,
            revoked_at: revoked.then_some(at),
        }
    }

    #[test]
    fn only_a_known_token_not_revoked_pushes() {
        assert_eq!(judge(None), Err(Refused::Unknown));
        assert_eq!(judge(Some(found(true))), Err(Refused::Revoked));
        let t = judge(Some(found(false))).unwrap();
        assert_eq!((t.id.as_str(), t.name.as_str()), ("t1", "horizon"));
    }

    #[test]
    fn a_name_is_required_and_short() {
        assert_eq!(checked_name("  Horizon ").unwrap(), "Horizon");
        let problem = |name: &str| match checked_name(name) {
            Err(ApiError::Invalid(i)) => i.at("name"),
            other => panic!("{other:?}"),
        };
        assert_eq!(problem(" "), Some(Problem::Required));
        assert_eq!(
            problem(&"x".repeat(MAX_NAME + 1)),
            Some(Problem::TooLong { max: MAX_NAME })
        );
    }
}
