//! What mail means for a proposal: the letter composed from it when the
//! worker sends it, and what the mail server's answer does to it — sent
//! (with the time the day's counter counts, and a call planned about it)
//! or failed with the server's reason. Both are the server's findings,
//! synced to devices like any change, stamped by the server's clock.

use super::Closing;
use super::letter::{Person, Prepared};
use super::outbox::{self, OutboxDoc};
use super::proposal_letter::{Parties, letter};
use super::texts;
use crate::db_error::{OrInternal, internal, is_conflict};
use crate::domain::mail::MailFailure;
use crate::domain::proposal::ProposalStatus;
use crate::domain::template::TemplateFields;
use crate::domain::user::Language;
use crate::records::follow_up::FollowUpDoc;
use crate::records::proposal::{PROPOSAL_FIELDS, ProposalDoc};
use crate::sync::hlc::Hlc;
use crate::{ApiError, Db};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;
use surrealdb::types::{RecordId, SurrealValue};

/// The device name on the server's own stamps.
const SERVER: &str = "server";

/// When the call about a sent proposal is planned.
fn call_after() -> Duration {
    Duration::days(2)
}

async fn load(db: &Db, id: &str) -> Result<Option<ProposalDoc>, ApiError> {
    let mut res = db
        .query(format!("SELECT {PROPOSAL_FIELDS} FROM ONLY $id"))
        .bind(("id", RecordId::new("proposal", id)))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

#[derive(Debug, Clone, SurrealValue)]
struct ContactRow {
    id: String,
    name: String,
    emails: Vec<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct ClientRow {
    name: String,
    primary_email: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct AuthorRow {
    name: String,
    email: String,
}

/// The letter for proposal `id` as it stands now.
pub async fn prepare(db: &Db, id: &str) -> Result<Prepared, ApiError> {
    let Some(p) = load(db, id).await? else {
        return Ok(Prepared::Cancel("the proposal no longer exists".into()));
    };
    if p.status != ProposalStatus::Queued.code() {
        return Ok(Prepared::Cancel(format!(
            "the proposal is {}, no longer queued",
            p.status
        )));
    }
    let contacts: Vec<RecordId> = p
        .contacts
        .iter()
        .map(|c| RecordId::new("contact", c.as_str()))
        .collect();
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, name, emails FROM $contacts; \
             SELECT name, primary_email FROM ONLY $client; \
             SELECT name, email FROM ONLY $author;",
        )
        .bind(("contacts", contacts))
        .bind(("client", RecordId::new("client", p.client.as_str())))
        .bind(("author", RecordId::new("user", p.by.as_str())))
        .await
        .or_internal()?;
    let contacts: Vec<ContactRow> = res.take(0).or_internal()?;
    let client: Option<ClientRow> = res.take(1).or_internal()?;
    let author: Option<AuthorRow> = res.take(2).or_internal()?;
    let (Some(client), Some(author)) = (client, author) else {
        return Ok(Prepared::Fail(MailFailure::Gone.code().into()));
    };
    // In the order the proposal names them; a contact person without an
    // address is skipped, and with nobody named the card's address is used.
    let mut to: Vec<Person> = p
        .contacts
        .iter()
        .filter_map(|id| contacts.iter().find(|c| &c.id == id))
        .filter_map(|c| {
            c.emails.first().map(|e| Person {
                name: c.name.clone(),
                email: e.clone(),
            })
        })
        .collect();
    // Whoever asked not to receive proposals gets none.
    let asked: Vec<String> = to.iter().map(|p| p.email.clone()).collect();
    let out = super::optout::opted_out(db, &asked).await?;
    to.retain(|p| !out.contains(&p.email));
    if to.is_empty() && !asked.is_empty() {
        return Ok(Prepared::Fail(MailFailure::OptedOut.code().into()));
    }
    if to.is_empty()
        && let Some(email) = client.primary_email.clone()
        && !super::optout::opted_out(db, std::slice::from_ref(&email))
            .await?
            .contains(&email)
    {
        to.push(Person {
            name: client.name.clone(),
            email,
        });
    }
    if to.is_empty() {
        return Ok(Prepared::Fail(MailFailure::NoAddress.code().into()));
    }
    let named = p
        .contacts
        .iter()
        .any(|id| contacts.iter().any(|c| &c.id == id));
    let greet_name = named.then(|| to[0].name.clone());
    let template = match &p.template {
        Some(id) => template(db, id).await?,
        None => None,
    };
    Ok(Prepared::Send(Box::new(letter(
        &p,
        template.as_ref(),
        Parties {
            client: &client.name,
            greet: greet_name.as_deref(),
            author: Person {
                name: author.name,
                email: author.email,
            },
            to,
        },
    ))))
}

/// The template a proposal names, if it still exists (one removed since
/// leaves the standard letter).
async fn template(db: &Db, id: &str) -> Result<Option<TemplateFields>, ApiError> {
    crate::records::template::fields_of(db, id).await
}

/// The server's stamp for a field it changes now: later than every stamp
/// the record has, so its finding wins over what was written before it.
fn server_stamp(clocks: &BTreeMap<String, Hlc>, now: DateTime<Utc>) -> Hlc {
    let now_ms = now.timestamp_millis().max(0) as u64;
    let newest = clocks.values().max();
    let (millis, counter) = match newest {
        Some(h) if h.millis >= now_ms => (h.millis, h.counter.saturating_add(1)),
        _ => (now_ms, 0),
    };
    Hlc {
        millis,
        counter,
        device: SERVER.into(),
    }
}

/// Closes row `mail` and records on its proposal what the mail server
/// said: sent (a call about it planned, other rows still queued for it
/// cancelled) or failed with the reason; a cancelled row leaves the
/// proposal as it is. One transaction, planned again (up to 20 times) when
/// a push changed the proposal since it was read (its version is the guard).
pub async fn close(
    db: &Db,
    mail: &OutboxDoc,
    how: &Closing,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (_, id) = mail.source();
    let mut attempt = 0;
    loop {
        let current = load(db, id).await?;
        match try_record(db, mail, id, current, how, at).await {
            Err(e) if attempt < 20 && retryable(&e) => {
                tokio::time::sleep(crate::retry::pause(attempt)).await;
                attempt += 1;
            }
            Err(e) => return Err(internal(e)),
            Ok(()) => return Ok(()),
        }
    }
}

fn retryable(e: &surrealdb::Error) -> bool {
    is_conflict(e) || e.to_string().contains("mail: stale")
}

async fn try_record(
    db: &Db,
    mail: &OutboxDoc,
    id: &str,
    current: Option<ProposalDoc>,
    outcome: &Closing,
    at: DateTime<Utc>,
) -> Result<(), surrealdb::Error> {
    let (state, error, sent_at) = match outcome {
        Closing::Sent(_) => ("sent", None, Some(at)),
        Closing::Failed(reason) => ("failed", Some(reason.clone()), None),
        Closing::Cancelled(reason) => ("cancelled", Some(reason.clone()), None),
    };
    let mut q = db
        .query(format!(
            "BEGIN TRANSACTION; {close} {proposal} COMMIT TRANSACTION;",
            close = outbox::CLOSE,
            proposal = if current.is_some() && !matches!(outcome, Closing::Cancelled(_)) {
                PROPOSAL_CHANGES
            } else {
                ""
            },
        ))
        .bind(("mail", outbox::record(&mail.id)))
        .bind(("state", state))
        .bind(("error", error.clone()))
        .bind(("sent_at", sent_at));
    if let Some(p) = current
        && !matches!(outcome, Closing::Cancelled(_))
    {
        let mut clocks = crate::records::by_field::clocks_of(&p.clocks);
        let stamp = server_stamp(&clocks, at);
        clocks.insert("status".into(), stamp);
        let (status, follow_up, message_id) = match outcome {
            Closing::Sent(message_id) => {
                let lang = author_language(db, &p.by).await;
                let mut f = FollowUpDoc::new(
                    &uuid::Uuid::now_v7().to_string(),
                    crate::domain::follow_up::FollowUpFields {
                        client_id: p.client.clone(),
                        contact_id: p.contacts.first().cloned(),
                        action: crate::domain::follow_up::FollowUpAction::Call,
                        due: at + call_after(),
                        note: Some(texts::of(lang).call_about_it.to_string()),
                        done_at: None,
                        call_id: None,
                    },
                    &p.by,
                    at,
                );
                f.owner = p.owner.clone();
                (ProposalStatus::Sent, Some(f), Some(message_id.to_string()))
            }
            _ => (ProposalStatus::Failed, None, None),
        };
        let changes = serde_json::json!({
            "status": [p.status, status.code()],
            "message_id": message_id,
            "recipients": mail.recipients,
            "failure": error,
        });
        q = q
            .bind(("proposal", RecordId::new("proposal", id)))
            .bind(("read_version", p.version))
            .bind(("status", status.code()))
            .bind(("proposal_sent_at", sent_at.or(p.sent_at)))
            .bind(("failure", error.clone()))
            .bind((
                "clocks",
                serde_json::to_string(&clocks).unwrap_or_else(|_| "{}".into()),
            ))
            .bind(("follow_ups", follow_up.into_iter().collect::<Vec<_>>()))
            .bind(("source", mail.source.clone()))
            .bind(("audit_action", format!("proposal.{}", status.code())))
            .bind(("actor", p.by.clone()))
            .bind(("record", id.to_string()))
            .bind(("changes", changes));
    }
    let mut res = q.await?;
    let errors = res.take_errors();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(crate::db_error::cause(errors))
    }
}

/// The proposal's part of [`record`]: guarded by the version it was read
/// at, it moves the change counter so devices pull the finding.
const PROPOSAL_CHANGES: &str = "\
    IF (SELECT VALUE version FROM ONLY $proposal) != $read_version { THROW 'mail: stale proposal'; }; \
    UPSERT counter:clients SET value = IF value = NONE THEN 1 ELSE value + 1 END RETURN NONE; \
    LET $version = (SELECT VALUE value FROM ONLY counter:clients); \
    UPDATE $proposal SET status = $status, sent_at = $proposal_sent_at, failure = $failure, \
      clocks = $clocks, version = $version RETURN NONE; \
    FOR $f IN $follow_ups { UPSERT type::record('follow_up', $f.id) CONTENT $f RETURN NONE; \
      UPDATE type::record('follow_up', $f.id) SET version = $version RETURN NONE; }; \
    UPDATE mail_outbox SET state = 'cancelled', error = 'sent by an earlier letter', lease = NONE \
      WHERE source = $source AND state = 'queued' AND id != $mail RETURN NONE; \
    CREATE audit CONTENT { at: time::now(), actor: $actor, action: $audit_action, \
      record: $record, changes: $changes, device: 'mail' } RETURN NONE;";

async fn author_language(db: &Db, user: &str) -> Language {
    match crate::users::get(db, user).await {
        Ok(Some(u)) => Language::parse(&u.language).unwrap_or_default(),
        _ => Language::default(),
    }
}
