//! What a client does with a statement: opens its link (a public page, no
//! sign-in) and confirms our closing balance or disputes it with their own.
//! The answer is written on the letter (devices pull it), audited, and a
//! dispute opens a call for the manager with the difference; the link is
//! used up in the same transaction, so it cannot answer twice.

pub mod links;

use crate::db_error::{OrInternal, cause};
use crate::domain::follow_up::{FollowUpAction, FollowUpFields};
use crate::domain::receivables::account_letter::{Answer, LetterStatus};
use crate::domain::user::Language;
use crate::records::account_letter::{ACCOUNT_LETTER_FIELDS, AccountLetterRow};
use crate::records::follow_up::FollowUpDoc;
use crate::{ApiError, Db};
use chrono::{DateTime, Utc};
use surrealdb::types::{RecordId, SurrealValue};

/// A statement as its answer page shows it.
#[derive(Debug, Clone)]
pub struct Opened {
    pub letter: AccountLetterRow,
    pub client_name: String,
    /// Answered already: the page says so and offers nothing.
    pub used: bool,
}

#[derive(Debug, Clone, SurrealValue)]
struct ClientName {
    name: String,
}

async fn letter(db: &Db, id: &str) -> Result<Option<AccountLetterRow>, ApiError> {
    let mut res = db
        .query(format!("SELECT {ACCOUNT_LETTER_FIELDS} FROM ONLY $id"))
        .bind(("id", RecordId::new("account_letter", id)))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// The statement behind `token`; `None` for an unknown or expired link.
pub async fn open(db: &Db, token: &str, now: DateTime<Utc>) -> Result<Option<Opened>, ApiError> {
    let Some(link) = links::find(db, token, now).await? else {
        return Ok(None);
    };
    let Some(letter) = letter(db, &link.letter).await? else {
        return Ok(None);
    };
    let mut res = db
        .query("SELECT name FROM ONLY $id")
        .bind(("id", RecordId::new("client", letter.client.as_str())))
        .await
        .or_internal()?;
    let client: Option<ClientName> = res.take(0).or_internal()?;
    Ok(Some(Opened {
        client_name: client.map(|c| c.name).unwrap_or_default(),
        used: link.used,
        letter,
    }))
}

/// What answering did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answered {
    /// Written; the letter's new status.
    Done(LetterStatus),
    /// The link was used before (or meanwhile): nothing changed.
    Used,
    /// Unknown or expired: nothing changed.
    Gone,
}

/// Records `answer` through `token`, at most once.
pub async fn answer(
    db: &Db,
    token: &str,
    answer: Answer,
    now: DateTime<Utc>,
) -> Result<Answered, ApiError> {
    let Some(opened) = open(db, token, now).await? else {
        return Ok(Answered::Gone);
    };
    if opened.used {
        return Ok(Answered::Used);
    }
    let l = &opened.letter;
    let (status, their, note) = match &answer {
        Answer::Confirmed => (LetterStatus::Confirmed, None, None),
        Answer::Disputed { balance, note } => {
            (LetterStatus::Disputed, Some(*balance), note.clone())
        }
    };
    // A dispute is the manager's to settle: a call today, with the figures.
    let follow_up = match (&answer, l.our_balance) {
        (Answer::Disputed { balance, .. }, ours) => {
            let lang = manager_language(db, &l.by).await;
            let words = dispute_note(lang, ours, *balance, note.as_deref());
            let mut f = FollowUpDoc::new(
                &uuid::Uuid::now_v7().to_string(),
                FollowUpFields {
                    client_id: l.client.clone(),
                    contact_id: l.contact.clone(),
                    action: FollowUpAction::Call,
                    due: now,
                    note: Some(words),
                    done_at: None,
                    call_id: None,
                },
                &l.by,
                now,
            );
            f.owner = l.owner.clone();
            Some(f)
        }
        _ => None,
    };
    let changes = serde_json::json!({
        "status": [l.status, status.code()],
        "month": l.month,
        "our_balance": l.our_balance,
        "their_balance": their,
        "note": note,
    });
    let sql = "BEGIN TRANSACTION; \
         LET $link = (SELECT id FROM answer_link WHERE hash = $hash AND used_at = NONE \
           AND expires_at > $now LIMIT 1)[0]; \
         IF $link = NONE { THROW 'answer: used'; }; \
         UPDATE $link.id SET used_at = $now RETURN NONE; \
         {NEXT_VERSION} \
         UPDATE $letter SET status = $status, their_balance = $their, answer_note = $note, \
           answered_at = $now, version = $version RETURN NONE; \
         FOR $f IN $follow_ups { UPSERT type::record('follow_up', $f.id) CONTENT $f RETURN NONE; \
           UPDATE type::record('follow_up', $f.id) SET version = $version RETURN NONE; }; \
         CREATE audit CONTENT { at: $now, actor: 'client', action: $action, record: $record, \
           changes: $changes, device: 'answer link' } RETURN NONE; \
         COMMIT TRANSACTION;"
        .replace("{NEXT_VERSION}", crate::version::NEXT_VERSION);
    let mut res = db
        .query(sql)
        .bind(("hash", links::hash(token)))
        .bind(("now", now))
        .bind(("letter", RecordId::new("account_letter", l.id.as_str())))
        .bind(("status", status.code()))
        .bind(("their", their))
        .bind(("note", note))
        .bind(("follow_ups", follow_up.into_iter().collect::<Vec<_>>()))
        .bind(("action", format!("account_letter.{}", status.code())))
        .bind(("record", l.client.clone()))
        .bind(("changes", changes))
        .await
        .or_internal()?;
    let errors = res.take_errors();
    if errors.is_empty() {
        Ok(Answered::Done(status))
    } else {
        let e = cause(errors);
        if e.to_string().contains("answer: used") || crate::db_error::is_conflict(&e) {
            Ok(Answered::Used)
        } else {
            Err(crate::db_error::internal(e))
        }
    }
}

async fn manager_language(db: &Db, user: &str) -> Language {
    match crate::users::get(db, user).await {
        Ok(Some(u)) => Language::parse(&u.language).unwrap_or_default(),
        _ => Language::default(),
    }
}

/// The call's words for a dispute, in the manager's language.
fn dispute_note(
    lang: Language,
    ours: Option<rust_decimal::Decimal>,
    theirs: rust_decimal::Decimal,
    why: Option<&str>,
) -> String {
    let eur = |v| crate::format::eur(lang, v);
    let t = crate::mail::account_texts::of(lang);
    let mut words = t
        .dispute_call
        .replace("{theirs}", &eur(theirs))
        .replace("{ours}", &ours.map(eur).unwrap_or_default())
        .replace(
            "{difference}",
            &ours.map(|o| eur(o - theirs)).unwrap_or_default(),
        );
    if let Some(why) = why {
        words.push_str(&format!(" — {why}"));
    }
    words
}
