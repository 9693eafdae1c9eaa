//! What mail means for a proposal: the letter composed from it when the
//! worker sends it, and what the mail server's answer does to it — sent
//! (with the time the day's counter counts, and a call planned about it)
//! or failed with the server's reason. Both are the server's findings,
//! synced to devices like any change, stamped by the server's clock.

use super::Closing;
use super::letter::{Letter, Person, Prepared, Sheet, escape};
use super::outbox::{self, OutboxDoc};
use super::texts;
use crate::db_error::{OrInternal, internal, is_conflict};
use crate::domain::proposal::ProposalStatus;
use crate::domain::user::Language;
use crate::format;
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
        return Ok(Prepared::Fail("the client or the author is gone".into()));
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
        return Ok(Prepared::Fail(
            "every addressee asked not to receive proposals".into(),
        ));
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
        return Ok(Prepared::Fail(
            "no e-mail address: add one to the contact person or the card".into(),
        ));
    }
    let named = p
        .contacts
        .iter()
        .any(|id| contacts.iter().any(|c| &c.id == id));
    let greet_name = named.then(|| to[0].name.clone());
    Ok(Prepared::Send(Box::new(letter(
        &p,
        &client.name,
        greet_name.as_deref(),
        Person {
            name: author.name,
            email: author.email,
        },
        to,
    ))))
}

/// The proposal's letter in its own language.
fn letter(
    p: &ProposalDoc,
    client: &str,
    greet: Option<&str>,
    author: Person,
    to: Vec<Person>,
) -> Letter {
    let f = p.fields();
    let lang = f.language;
    let t = texts::of(lang);
    let greeting = match greet {
        Some(name) => t.greeting_named.replace("{name}", name),
        None => t.greeting.to_string(),
    };
    let valid = t
        .valid_until
        .replace("{date}", &format::date(lang, f.valid_until));
    let money = |d| format::eur(lang, d);
    let pct = |d: rust_decimal::Decimal| format!("{} %", format::number(lang, d.normalize(), 0));
    let qty = |d: rust_decimal::Decimal| format::number(lang, d.normalize(), d.normalize().scale());
    let mut text = format!("{greeting}\n\n{}\n\n", t.intro);
    let mut rows = String::new();
    for (i, l) in f.lines.iter().enumerate() {
        let discount = if l.discount_pct.is_zero() {
            String::new()
        } else {
            format!(", {} {}", t.discount.to_lowercase(), pct(l.discount_pct))
        };
        text.push_str(&format!(
            "{}. {} — {} × {}{} = {}\n",
            i + 1,
            l.item,
            qty(l.quantity),
            money(l.unit_price),
            discount,
            money(l.amount())
        ));
        rows.push_str(&format!(
            "<tr><td>{}</td><td style=\"text-align:right\">{}</td>\
             <td style=\"text-align:right\">{}</td><td style=\"text-align:right\">{}</td>\
             <td style=\"text-align:right\">{}</td></tr>",
            escape(&l.item),
            qty(l.quantity),
            money(l.unit_price),
            if l.discount_pct.is_zero() {
                String::new()
            } else {
                pct(l.discount_pct)
            },
            money(l.amount())
        ));
    }
    let total = money(f.total());
    let mut sheet_rows = Vec::new();
    for l in &f.lines {
        sheet_rows.push([
            l.item.clone(),
            qty(l.quantity),
            money(l.unit_price),
            if l.discount_pct.is_zero() {
                String::new()
            } else {
                pct(l.discount_pct)
            },
            money(l.amount()),
        ]);
    }
    text.push_str(&format!("\n{}: {total}\n{valid}\n", t.total));
    let note = f.note.clone().unwrap_or_default();
    if !note.is_empty() {
        text.push_str(&format!("\n{note}\n"));
    }
    text.push_str(&format!(
        "\n{},\n{}\n{}\n",
        t.regards, author.name, author.email
    ));
    let note_html = if note.is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", escape(&note).replace('\n', "<br>"))
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"></head><body>\
         <p>{greeting}</p><p>{intro}</p>\
         <table cellpadding=\"6\" style=\"border-collapse:collapse\"><thead><tr>\
         <th style=\"text-align:left\">{item}</th><th>{quantity}</th><th>{price}</th>\
         <th>{discount}</th><th>{amount}</th></tr></thead><tbody>{rows}</tbody>\
         <tfoot><tr><th colspan=\"4\" style=\"text-align:right\">{total_label}</th>\
         <th style=\"text-align:right\">{total}</th></tr></tfoot></table>\
         <p>{valid}</p>{note_html}<p>{regards},<br>{name}<br>{email}</p></body></html>",
        lang = lang.code(),
        greeting = escape(&greeting),
        intro = escape(t.intro),
        item = escape(t.item),
        quantity = escape(t.quantity),
        price = escape(t.price),
        discount = escape(t.discount),
        amount = escape(t.amount),
        total_label = escape(t.total),
        total = escape(&total),
        valid = escape(&valid),
        regards = escape(t.regards),
        name = escape(&author.name),
        email = escape(&author.email),
    );
    let sheet = Sheet {
        file_name: format!("{}.pdf", file_stem(t.title, client)),
        title: format!("{} — {client}", t.title),
        parties: vec![
            format!("{}: {client}", t.to_whom),
            format!("{}: {}, {}", t.from_whom, author.name, author.email),
            format!(
                "{}: {}",
                t.issued,
                format::date(lang, p.created_at.date_naive())
            ),
        ],
        headings: [t.item, t.quantity, t.price, t.discount, t.amount].map(str::to_string),
        rows: sheet_rows,
        total: (t.total.to_string(), total.clone()),
        closing: std::iter::once(valid.clone())
            .chain((!note.is_empty()).then(|| note.clone()))
            .collect(),
    };
    Letter {
        language: lang,
        sheet: Some(sheet),
        subject: t.subject.replace("{client}", client),
        author,
        to,
        text,
        html,
    }
}

/// A file name people can read: the words, ASCII letters and digits
/// joined by dashes (Latvian and Cyrillic letters folded by the search's
/// own rules).
fn file_stem(title: &str, client: &str) -> String {
    let folded = crate::domain::search::fold(&format!("{title} {client}"));
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let stem = words.join("-");
    if stem.is_empty() {
        "proposal".into()
    } else {
        stem.chars().take(80).collect()
    }
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
