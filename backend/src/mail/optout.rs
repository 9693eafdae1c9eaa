//! Recipients who asked not to receive proposals, and the links they ask
//! with. Every letter carries its own link (and `List-Unsubscribe` header):
//! a random token, of which only the SHA-256 is stored, that expires and
//! works once. The worker leaves opted-out addresses out of every letter.

use crate::db_error::OrInternal;
use crate::domain::user::Language;
use crate::{ApiError, Db};
use chrono::{DateTime, Duration, Utc};
use std::collections::HashSet;
use surrealdb::types::SurrealValue;

/// How long a letter's link works.
pub fn lifetime() -> Duration {
    Duration::days(180)
}

use crate::token::digest as hash;

/// A new link for a letter to `emails` in `language`: the token to put in
/// its address.
pub async fn new_link(
    db: &Db,
    emails: &[String],
    language: Language,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let token = crate::token::fresh();
    db.query(
        "CREATE unsubscribe_link CONTENT { hash: $hash, emails: $emails, language: $language, \
         expires_at: $expires } RETURN NONE",
    )
    .bind(("hash", hash(&token)))
    .bind(("emails", emails.to_vec()))
    .bind(("language", language.code().to_string()))
    .bind(("expires", now + lifetime()))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(token)
}

/// A link as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub emails: Vec<String>,
    pub language: Language,
    /// Already used: the addresses are opted out.
    pub used: bool,
}

#[derive(Debug, Clone, SurrealValue)]
struct LinkRow {
    emails: Vec<String>,
    language: String,
    expires_at: DateTime<Utc>,
    used_at: Option<DateTime<Utc>>,
}

/// The link of `token`; `None` for an unknown or expired one.
pub async fn link(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<Link>, ApiError> {
    let mut res = db
        .query(
            "SELECT emails, language, expires_at, used_at FROM unsubscribe_link \
             WHERE hash = $hash LIMIT 1",
        )
        .bind(("hash", hash(token)))
        .await
        .or_internal()?;
    let row: Option<LinkRow> = res.take(0).or_internal()?;
    Ok(row.filter(|r| r.expires_at > now).map(|r| Link {
        emails: r.emails,
        language: Language::parse(&r.language).unwrap_or_default(),
        used: r.used_at.is_some(),
    }))
}

/// Uses the link of `token`: its addresses are opted out, the link used up
/// and the opt-out audited, in one transaction. `None` for an unknown,
/// expired or used link (nothing changes).
pub async fn unsubscribe(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<String>>, ApiError> {
    let mut res = db
        .query(
            "BEGIN TRANSACTION; \
             LET $link = (SELECT id, emails FROM unsubscribe_link WHERE hash = $hash \
               AND expires_at > $now AND used_at = NONE LIMIT 1)[0]; \
             IF $link != NONE { \
               UPDATE $link.id SET used_at = $now RETURN NONE; \
               FOR $e IN $link.emails { \
                 UPSERT type::record('mail_optout', $e) CONTENT { email: $e, at: $now } \
                   RETURN NONE; \
               }; \
               CREATE audit CONTENT { at: $now, actor: 'recipient', action: 'mail.optout', \
                 record: 'mail_optout', changes: { emails: $link.emails } } RETURN NONE; \
             }; \
             RETURN $link.emails; \
             COMMIT TRANSACTION;",
        )
        .bind(("hash", hash(token)))
        .bind(("now", now))
        .await
        .or_internal()?;
    let errors = res.take_errors();
    if let Some((_, e)) = errors.into_iter().next() {
        return Err(crate::db_error::internal(e));
    }
    let n = res.num_statements();
    let emails: Option<Vec<String>> = res.take(n - 1).or_internal()?;
    Ok(emails)
}

/// Which of `emails` asked not to receive proposals.
pub async fn opted_out(db: &Db, emails: &[String]) -> Result<HashSet<String>, ApiError> {
    if emails.is_empty() {
        return Ok(HashSet::new());
    }
    let mut res = db
        .query("SELECT VALUE email FROM mail_optout WHERE email IN $emails")
        .bind((
            "emails",
            emails.iter().map(|e| e.to_lowercase()).collect::<Vec<_>>(),
        ))
        .await
        .or_internal()?;
    let found: Vec<String> = res.take(0).or_internal()?;
    Ok(found.into_iter().collect())
}
