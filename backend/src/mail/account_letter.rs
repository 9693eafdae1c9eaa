//! What mail means for a letter about a client's account: the reminder or
//! statement composed from the accounting documents as they stand when the
//! worker sends it, and what the mail server's answer does to the letter —
//! sent (a statement keeps the closing balance it gave) or failed with the
//! reason. Not an offer: no unsubscribe link, and an address that opted out
//! of proposals still receives its account's letters.

use super::Closing;
use super::account_texts::{self, AccountTexts};
use super::letter::{Letter, Person, Prepared, Sheet, escape};
use super::outbox::{self, OutboxDoc};
use crate::db_error::OrInternal;
use crate::domain::company::Company;
use crate::domain::mail::MailFailure;
use crate::domain::receivables::account_letter::{LetterPurpose, LetterStatus};
use crate::domain::receivables::document::{DocKind, MoneyDoc};
use crate::domain::receivables::position::position;
use crate::domain::receivables::reminder_text::ReminderSource;
use crate::domain::receivables::statement::{Month, Statement, statement};
use crate::domain::template::{ReminderField, TemplateFields, TemplatePurpose};
use crate::domain::user::Language;
use crate::format;
use crate::records::account_letter::{ACCOUNT_LETTER_FIELDS, AccountLetterRow};
use crate::{ApiError, Db};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use surrealdb::types::{RecordId, SurrealValue};

async fn load(db: &Db, id: &str) -> Result<Option<AccountLetterRow>, ApiError> {
    let mut res = db
        .query(format!("SELECT {ACCOUNT_LETTER_FIELDS} FROM ONLY $id"))
        .bind(("id", RecordId::new("account_letter", id)))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

#[derive(Debug, Clone, SurrealValue)]
struct ClientRow {
    name: String,
    reg_no: Option<String>,
    vat_no: Option<String>,
    address: Option<String>,
    primary_email: Option<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct ContactRow {
    name: String,
    emails: Vec<String>,
}

#[derive(Debug, Clone, SurrealValue)]
struct AuthorRow {
    name: String,
    email: String,
}

/// The letter for account letter `id` as its client's documents stand now.
pub async fn prepare(db: &Db, id: &str) -> Result<Prepared, ApiError> {
    let Some(l) = load(db, id).await? else {
        return Ok(Prepared::Cancel("the letter no longer exists".into()));
    };
    if l.status() != LetterStatus::Queued {
        return Ok(Prepared::Cancel(format!(
            "the letter is {}, no longer queued",
            l.status
        )));
    }
    let contacts: Vec<RecordId> = l
        .contact
        .iter()
        .map(|c| RecordId::new("contact", c.as_str()))
        .collect();
    let mut res = db
        .query(
            "SELECT name, reg_no, vat_no, address, primary_email FROM ONLY $client; \
             SELECT name, emails FROM $contacts; \
             SELECT name, email FROM ONLY $author;",
        )
        .bind(("client", RecordId::new("client", l.client.as_str())))
        .bind(("contacts", contacts))
        .bind(("author", RecordId::new("user", l.by.as_str())))
        .await
        .or_internal()?;
    let client: Option<ClientRow> = res.take(0).or_internal()?;
    let contact: Option<ContactRow> = res
        .take::<Vec<ContactRow>>(1)
        .or_internal()?
        .into_iter()
        .next();
    let author: Option<AuthorRow> = res.take(2).or_internal()?;
    let (Some(client), Some(author)) = (client, author) else {
        return Ok(Prepared::Fail(MailFailure::Gone.code().into()));
    };
    let to = match (&contact, &client.primary_email) {
        (Some(c), _) if !c.emails.is_empty() => Person {
            name: c.name.clone(),
            email: c.emails[0].clone(),
        },
        (_, Some(email)) => Person {
            name: client.name.clone(),
            email: email.clone(),
        },
        _ => return Ok(Prepared::Fail(MailFailure::NoAddress.code().into())),
    };
    let docs = crate::records::money_doc::read(db, Some(&l.client)).await?;
    let fields = l.fields();
    let who = Who {
        lang: fields.language,
        client,
        greet: contact.map(|c| c.name),
        author: Person {
            name: author.name,
            email: author.email,
        },
        to,
    };
    let today = Utc::now().date_naive();
    Ok(match (fields.purpose, fields.month) {
        (LetterPurpose::Reminder, _) => {
            let template = match &fields.template_id {
                Some(id) => reminder_template(db, id).await?,
                None => None,
            };
            reminder(&docs, today, template.as_ref(), who)
        }
        (LetterPurpose::Reconciliation, Some(month)) => {
            let company = crate::company::load(db).await?;
            let s = statement(&docs, &l.client, month);
            Prepared::Send(Box::new(reconciliation(&l.id, &s, &company, who)))
        }
        (LetterPurpose::Reconciliation, None) => {
            Prepared::Fail("a statement without its month".into())
        }
    })
}

struct Who {
    lang: Language,
    client: ClientRow,
    greet: Option<String>,
    author: Person,
    to: Person,
}

fn page(lang: Language, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"></head><body>{body}</body></html>",
        lang.code()
    )
}

fn greeting(t: &AccountTexts, who: &Who) -> String {
    match &who.greet {
        Some(name) => format!("{name},"),
        None => t.greeting.to_string(),
    }
}

fn signature(t: &AccountTexts, who: &Who) -> String {
    format!("{},\n{}\n{}", t.regards, who.author.name, who.author.email)
}

/// The reminder: the template's words when it names one that still exists
/// (and is a reminder's), else the standard letter; either way the overdue
/// invoices as they stand now.
fn reminder(
    docs: &[MoneyDoc],
    today: NaiveDate,
    template: Option<&TemplateFields>,
    who: Who,
) -> Prepared {
    let t = account_texts::of(who.lang);
    let src = ReminderSource::of(
        &position(docs, today),
        who.client.name.clone(),
        who.greet.clone(),
        who.author.name.clone(),
        who.lang,
    );
    if src.documents.is_empty() {
        return Prepared::Fail(MailFailure::NothingOverdue.code().into());
    }
    let lines: Vec<String> = src.documents.iter().map(|o| src.line(o)).collect();
    let (subject, text, html) = match template {
        Some(tpl) => {
            let (subject, body) = src.letter(tpl);
            let html = escape(&body).replace('\n', "<br>");
            (subject, format!("{body}\n"), format!("<div>{html}</div>"))
        }
        None => {
            let total = t
                .reminder_total
                .replace("{amount}", &src.value(ReminderField::Overdue));
            let text = format!(
                "{}\n\n{}\n\n{}\n\n{total}\n{}\n\n{}\n",
                greeting(t, &who),
                t.reminder_intro,
                lines.join("\n"),
                t.reminder_ask,
                signature(t, &who)
            );
            let items: String = lines
                .iter()
                .map(|o| format!("<li>{}</li>", escape(o)))
                .collect();
            let html = format!(
                "<p>{}</p><p>{}</p><ul>{items}</ul><p><strong>{}</strong></p><p>{}</p><p>{}</p>",
                escape(&greeting(t, &who)),
                escape(t.reminder_intro),
                escape(&total),
                escape(t.reminder_ask),
                escape(&signature(t, &who)).replace('\n', "<br>"),
            );
            (
                t.reminder_subject.replace("{client}", &who.client.name),
                text,
                html,
            )
        }
    };
    Prepared::Send(Box::new(Letter {
        author: who.author,
        to: vec![who.to],
        subject,
        text,
        html: page(who.lang, &html),
        language: who.lang,
        sheet: None,
        marketing: false,
        answer_for: None,
    }))
}

/// The reminder template `id`, if it still exists and writes reminders.
async fn reminder_template(db: &Db, id: &str) -> Result<Option<TemplateFields>, ApiError> {
    let fields = crate::records::template::fields_of(db, id).await?;
    Ok(fields.filter(|f| f.purpose == TemplatePurpose::Reminder))
}

fn kind_word(t: &AccountTexts, kind: DocKind) -> &'static str {
    match kind {
        DocKind::Invoice => t.invoice,
        DocKind::CreditNote => t.credit_note,
        DocKind::Payment => t.payment,
    }
}

/// The statement's page: both parties, the period, and every document
/// with the running balance.
fn statement_sheet(s: &Statement, company: &Company, who: &Who) -> Sheet {
    let (lang, t) = (who.lang, account_texts::of(who.lang));
    let eur = |v: Decimal| format::eur(lang, v);
    let (from, to) = (
        s.month.first().unwrap_or_default(),
        s.month.last().unwrap_or_default(),
    );
    let client = [
        Some(who.client.name.clone()),
        who.client.reg_no.clone(),
        who.client.vat_no.clone(),
        who.client.address.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let mut running = s.opening;
    let mut rows = vec![[
        format::date(lang, from),
        t.opening.to_string(),
        String::new(),
        String::new(),
        eur(s.opening),
    ]];
    for l in &s.lines {
        running += l.debit - l.credit;
        let cell = |v: Decimal| if v.is_zero() { String::new() } else { eur(v) };
        rows.push([
            format::date(lang, l.date),
            format!("{} {}", kind_word(t, l.kind), l.number),
            cell(l.debit),
            cell(l.credit),
            eur(running),
        ]);
    }
    Sheet {
        file_name: format!("{}-{}.pdf", t.statement_title, s.month.code()).replace(' ', "-"),
        title: t.statement_title.to_string(),
        parties: vec![
            format!("{}: {}", t.we, company.line()),
            format!("{}: {client}", t.client),
            format!(
                "{}: {} – {}",
                t.period,
                format::date(lang, from),
                format::date(lang, to)
            ),
        ],
        headings: t.columns.map(str::to_string),
        rows,
        total: (
            format!("{} {}", t.closing, format::date(lang, to)),
            eur(s.closing),
        ),
        closing: vec![answer_line(t, lang)],
    }
}

fn answer_line(t: &AccountTexts, lang: Language) -> String {
    let until = (Utc::now() + crate::account_letters::links::lifetime()).date_naive();
    t.statement_ask
        .replace("{url}", super::letter::ANSWER_URL)
        .replace("{date}", &format::date(lang, until))
}

fn reconciliation(id: &str, s: &Statement, company: &Company, who: Who) -> Letter {
    let (lang, t) = (who.lang, account_texts::of(who.lang));
    let (from, to) = (
        s.month.first().unwrap_or_default(),
        s.month.last().unwrap_or_default(),
    );
    let intro = t
        .statement_intro
        .replace("{from}", &format::date(lang, from))
        .replace("{to}", &format::date(lang, to));
    let balance = t
        .statement_balance
        .replace("{date}", &format::date(lang, to))
        .replace("{amount}", &format::eur(lang, s.closing));
    let ask = answer_line(t, lang);
    let text = format!(
        "{}\n\n{intro}\n{balance}\n\n{ask}\n\n{}\n",
        greeting(t, &who),
        signature(t, &who)
    );
    let link = format!("<a href=\"{0}\">{0}</a>", super::letter::ANSWER_URL);
    let html = page(
        lang,
        &format!(
            "<p>{}</p><p>{}<br>{}</p><p>{}</p><p>{}</p>",
            escape(&greeting(t, &who)),
            escape(&intro),
            escape(&balance),
            escape(&ask).replace(super::letter::ANSWER_URL, &link),
            escape(&signature(t, &who)).replace('\n', "<br>"),
        ),
    );
    let sheet = statement_sheet(s, company, &who);
    let month = format!("{:02}.{}", s.month.month, s.month.year);
    Letter {
        subject: t
            .statement_subject
            .replace("{month}", &month)
            .replace("{client}", &who.client.name),
        author: who.author,
        to: vec![who.to],
        text,
        html,
        language: lang,
        sheet: Some(sheet),
        marketing: false,
        answer_for: Some(id.to_string()),
    }
}

/// Closes row `mail` and records on its letter what the mail server said:
/// sent (a statement keeps the closing balance it gave, for the answer to
/// be measured against) or failed with the reason. One transaction; the
/// letter moves to the next version so devices pull the finding.
pub async fn close(
    db: &Db,
    mail: &OutboxDoc,
    how: &Closing,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (_, id) = mail.source();
    let Some(l) = load(db, id).await? else {
        return outbox::close(db, &mail.id, "cancelled", Some("the letter is gone"), None).await;
    };
    let (state, error, sent_at) = match how {
        Closing::Sent(_) => ("sent", None, Some(at)),
        Closing::Failed(reason) => ("failed", Some(reason.clone()), None),
        Closing::Cancelled(reason) => {
            return outbox::close(db, &mail.id, "cancelled", Some(reason), None).await;
        }
    };
    let status = if sent_at.is_some() {
        LetterStatus::Sent
    } else {
        LetterStatus::Failed
    };
    // The balance the statement gave, as the documents stood when it went.
    let our_balance = match (l.fields().purpose, l.fields().month, sent_at) {
        (LetterPurpose::Reconciliation, Some(month), Some(_)) => {
            Some(closing_of(db, &l.client, month).await?)
        }
        _ => None,
    };
    let sql = format!(
        "BEGIN TRANSACTION; {close} {next} \
         UPDATE $letter SET status = $status, sent_at = $sent_at, failure = $error, \
           our_balance = $our_balance, version = $version RETURN NONE; \
         CREATE audit CONTENT {{ at: time::now(), actor: $actor, action: $action, \
           record: $record, changes: $changes, device: 'mail' }} RETURN NONE; \
         COMMIT TRANSACTION;",
        close = outbox::CLOSE,
        next = crate::version::NEXT_VERSION,
    );
    let changes = serde_json::json!({
        "purpose": l.purpose, "month": l.month, "status": status.code(),
        "recipients": mail.recipients, "failure": error, "our_balance": our_balance,
    });
    crate::retry::on_conflict(|| {
        db.query(sql.as_str())
            .bind(("mail", outbox::record(&mail.id)))
            .bind(("state", state))
            .bind(("error", error.clone()))
            .bind(("sent_at", sent_at))
            .bind(("letter", RecordId::new("account_letter", id)))
            .bind(("status", status.code()))
            .bind(("our_balance", our_balance))
            .bind(("actor", l.by.clone()))
            .bind(("action", format!("account_letter.{}", status.code())))
            .bind(("record", l.client.clone()))
            .bind(("changes", changes.clone()))
    })
    .await?;
    Ok(())
}

async fn closing_of(db: &Db, client: &str, month: Month) -> Result<Decimal, ApiError> {
    let docs = crate::records::money_doc::read(db, Some(client)).await?;
    Ok(statement(&docs, client, month).closing)
}
