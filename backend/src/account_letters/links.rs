//! A statement's answer link: a random token, of which only the SHA-256 is
//! stored, made when the letter's message is built. It works once and
//! expires; it names one letter and so reveals nothing of any other client.

use crate::db_error::OrInternal;
use crate::{ApiError, Db};
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::SurrealValue;

/// How long a statement may be answered.
pub fn lifetime() -> Duration {
    Duration::days(30)
}

pub(super) use crate::token::digest as hash;

/// A new link for letter `letter`: the token to put in its address.
pub async fn issue(db: &Db, letter: &str, now: DateTime<Utc>) -> Result<String, ApiError> {
    let token = crate::token::fresh();
    db.query(
        "CREATE answer_link CONTENT { hash: $hash, letter: $letter, expires_at: $expires } \
         RETURN NONE",
    )
    .bind(("hash", hash(&token)))
    .bind(("letter", letter.to_string()))
    .bind(("expires", now + lifetime()))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(token)
}

/// What a token opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub letter: String,
    pub used: bool,
}

#[derive(Debug, Clone, SurrealValue)]
struct LinkRow {
    letter: String,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
}

/// The link of `token`; `None` for an unknown or expired one.
pub async fn find(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<Link>, ApiError> {
    let mut res = db
        .query("SELECT letter, expires_at, used_at FROM answer_link WHERE hash = $hash LIMIT 1")
        .bind(("hash", hash(token)))
        .await
        .or_internal()?;
    let row: Option<LinkRow> = res.take(0).or_internal()?;
    Ok(row.filter(|r| r.expires_at > now).map(|r| Link {
        letter: r.letter,
        used: r.used_at.is_some(),
    }))
}
