//! The mail outbox table: one row per letter to send, from the moment a
//! change asks for it until the mail server accepts or refuses it.
//!
//! A row is `queued` until sent, `failed` for good, or `cancelled` (its
//! record no longer asks for it). A worker takes a due row with a lease, so
//! two processes never send it at once, and a process killed mid-send lets
//! go when the lease runs out: the letter may then go once more, with the
//! same bytes and Message-ID (`raw`, built once), which is how mail servers
//! and readers recognise a repeat.

use crate::db_error::OrInternal;
use crate::{ApiError, Db};
use chrono::{DateTime, Duration, Utc};
use surrealdb::types::{RecordId, SurrealValue};

pub const TABLE: &str = "mail_outbox";

/// How long a worker holds a row by default before another may take it:
/// well over one send (the SMTP timeout is 30 s).
pub fn lease() -> Duration {
    Duration::minutes(2)
}

/// How long a letter keeps being retried after temporary failures before
/// it counts as failed.
pub fn give_up_after() -> Duration {
    Duration::days(2)
}

/// The wait before attempt `attempts + 1`: 30 s, doubling, at most an hour.
pub fn backoff(attempts: u32) -> Duration {
    let secs = 30i64.saturating_mul(1i64 << attempts.min(7));
    Duration::seconds(secs.min(3600))
}

/// An outbox row.
#[derive(Debug, Clone, SurrealValue)]
pub struct OutboxDoc {
    pub id: String,
    /// The record the letter is about, `table:id`.
    pub source: String,
    /// Who asked for it.
    pub by: String,
    pub state: String,
    pub attempts: i64,
    pub due: DateTime<Utc>,
    pub lease: Option<DateTime<Utc>>,
    pub message_id: Option<String>,
    /// The envelope's sender and recipients.
    pub sender: Option<String>,
    pub recipients: Vec<String>,
    /// The whole message, built at the first attempt.
    pub raw: Option<String>,
    /// The last failure, as the mail server (or the connection) said it.
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

pub const OUTBOX_FIELDS: &str = "record::id(id) AS id, source, by, state, attempts, due, lease, \
    message_id, sender, recipients, raw, error, created_at, sent_at";

impl OutboxDoc {
    /// A letter asked for now; `id` is the asking operation's, so a retried
    /// operation never queues a second one.
    pub fn queued(id: &str, table: &str, record: &str, by: &str, now: DateTime<Utc>) -> OutboxDoc {
        OutboxDoc {
            id: id.to_string(),
            source: format!("{table}:{record}"),
            by: by.to_string(),
            state: "queued".into(),
            attempts: 0,
            due: now,
            lease: None,
            message_id: None,
            sender: None,
            recipients: Vec::new(),
            raw: None,
            error: None,
            created_at: now,
            sent_at: None,
        }
    }

    /// The source's table and record id.
    pub fn source(&self) -> (&str, &str) {
        self.source.split_once(':').unwrap_or(("", &self.source))
    }
}

fn rid(id: &str) -> RecordId {
    RecordId::new(TABLE, id)
}

/// Queued rows due at `now` that nobody holds, oldest first.
pub async fn due(db: &Db, now: DateTime<Utc>, limit: usize) -> Result<Vec<OutboxDoc>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {OUTBOX_FIELDS} FROM {TABLE} WHERE state = 'queued' AND due <= $now \
             AND (lease = NONE OR lease < $now) ORDER BY due LIMIT $limit"
        ))
        .bind(("now", now))
        .bind(("limit", limit as i64))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// Takes row `id` until `now + lease`, unless someone else holds it or it
/// is no longer queued. A lost race (a conflict with another process's
/// take) is "not taken".
pub async fn take(
    db: &Db,
    id: &str,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Option<OutboxDoc>, ApiError> {
    let res = db
        .query(format!(
            "UPDATE $id SET lease = $until WHERE state = 'queued' \
             AND (lease = NONE OR lease < $now) RETURN {OUTBOX_FIELDS}"
        ))
        .bind(("id", rid(id)))
        .bind(("now", now))
        .bind(("until", now + lease))
        .await;
    let mut res = match res {
        Ok(r) => r,
        Err(e) if crate::db_error::is_conflict(&e) => return Ok(None),
        Err(e) => return Err(crate::db_error::internal(e)),
    };
    match res.take::<Vec<OutboxDoc>>(0) {
        Ok(mut rows) => Ok(rows.pop()),
        Err(e) if crate::db_error::is_conflict(&e) => Ok(None),
        Err(e) => Err(crate::db_error::internal(e)),
    }
}

/// Keeps the message built for row `id` (its first attempt), so every
/// later attempt sends the very same bytes.
pub async fn built(
    db: &Db,
    id: &str,
    message_id: &str,
    sender: &str,
    recipients: &[String],
    raw: &str,
) -> Result<(), ApiError> {
    db.query(
        "UPDATE $id SET message_id = $message_id, sender = $sender, \
         recipients = $recipients, raw = $raw WHERE raw = NONE RETURN NONE",
    )
    .bind(("id", rid(id)))
    .bind(("message_id", message_id.to_string()))
    .bind(("sender", sender.to_string()))
    .bind(("recipients", recipients.to_vec()))
    .bind(("raw", raw.to_string()))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(())
}

/// A temporary failure: try again after the backoff, or give up once the
/// letter has waited [`give_up_after`] (the caller then fails it).
pub async fn later(
    db: &Db,
    doc: &OutboxDoc,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let attempts = doc.attempts.max(0) as u32 + 1;
    db.query(
        "UPDATE $id SET attempts = $attempts, due = $due, error = $error, lease = NONE \
         RETURN NONE",
    )
    .bind(("id", rid(&doc.id)))
    .bind(("attempts", attempts as i64))
    .bind(("due", now + backoff(attempts - 1)))
    .bind(("error", error.to_string()))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(())
}

/// When `by`'s letters may go again if `cap` went in the last 24 hours
/// (the oldest of them a day on); `None` while under the cap.
pub async fn over_cap(
    db: &Db,
    by: &str,
    cap: u32,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT VALUE sent_at FROM {TABLE} WHERE by = $by AND state = 'sent' \
             AND sent_at > $since ORDER BY sent_at DESC LIMIT $cap"
        ))
        .bind(("by", by.to_string()))
        .bind(("since", now - Duration::days(1)))
        .bind(("cap", cap as i64))
        .await
        .or_internal()?;
    let sent: Vec<DateTime<Utc>> = res.take(0).or_internal()?;
    Ok((sent.len() >= cap as usize)
        .then(|| sent.last().map(|oldest| *oldest + Duration::days(1)))
        .flatten())
}

/// Holds row `id` until `until`, saying why (not an attempt: nothing was
/// tried).
pub async fn hold(db: &Db, id: &str, until: DateTime<Utc>, why: &str) -> Result<(), ApiError> {
    db.query("UPDATE $id SET due = $due, error = $why, lease = NONE RETURN NONE")
        .bind(("id", rid(id)))
        .bind(("due", until))
        .bind(("why", why.to_string()))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}

/// The statement that closes row `$mail` as `$state` with `$error` and
/// `$sent_at`, inside the caller's transaction (beside what the letter's
/// record says of it).
pub const CLOSE: &str = "UPDATE $mail SET state = $state, error = $error, sent_at = $sent_at, \
    attempts = attempts + 1, lease = NONE RETURN NONE;";

/// Closes row `id` alone (a letter whose record needs no word of it).
pub async fn close(
    db: &Db,
    id: &str,
    state: &str,
    error: Option<&str>,
    sent_at: Option<DateTime<Utc>>,
) -> Result<(), ApiError> {
    db.query(CLOSE)
        .bind(("mail", rid(id)))
        .bind(("state", state.to_string()))
        .bind(("error", error.map(str::to_string)))
        .bind(("sent_at", sent_at))
        .await
        .or_internal()?
        .check()
        .or_internal()?;
    Ok(())
}

/// Row `id` as a record id, for binding.
pub fn record(id: &str) -> RecordId {
    rid(id)
}

/// Letters waiting (for the admins' banner when no mail server is set).
pub async fn waiting(db: &Db) -> Result<u64, ApiError> {
    let mut res = db
        .query(format!(
            "RETURN count(SELECT id FROM {TABLE} WHERE state = 'queued')"
        ))
        .await
        .or_internal()?;
    let n: Option<i64> = res.take(0).or_internal()?;
    Ok(n.unwrap_or(0).max(0) as u64)
}

/// Every row about record `source` (`table:id`), oldest first.
pub async fn of_source(db: &Db, source: &str) -> Result<Vec<OutboxDoc>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {OUTBOX_FIELDS} FROM {TABLE} WHERE source = $source ORDER BY created_at"
        ))
        .bind(("source", source.to_string()))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        assert_eq!(backoff(0), Duration::seconds(30));
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(3), Duration::seconds(240));
        assert_eq!(backoff(7), Duration::seconds(3600));
        assert_eq!(backoff(40), Duration::seconds(3600));
    }

    #[test]
    fn a_source_names_its_table_and_record() {
        let d = OutboxDoc::queued("op1", "proposal", "p-1", "u", Utc::now());
        assert_eq!(d.source(), ("proposal", "p-1"));
    }
}
