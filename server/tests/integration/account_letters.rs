//! Letters about a client's account, for real: a reconciliation statement
//! asked for on a phone is mailed by the server's worker to a real SMTP
//! server process with its PDF (read back with `pdftotext`), carries no
//! unsubscribe link but a single-use answer link; the client's answer
//! through it lands on the letter (synced back), in the audit and, for a
//! dispute, as a call for the manager with the difference; a second use is
//! refused. A reminder lists what is overdue.

use crate::common;
use crate::mail_sink;

use app::api::receivables::SaveCompany;
use app::api::templates::SaveTemplate;
use app::backend::money_import::{self, Request};
use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::company::CompanyInput;
use app::domain::follow_up::FollowUp;
use app::domain::receivables::account_letter::{
    AccountLetter, LetterInput, LetterPurpose, LetterStatus, reconciled_month,
};
use app::domain::template::{TemplateFields, TemplatePurpose, TemplateText};
use app::domain::user::{Language, Role};
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::tables;
use chrono::Datelike;
use common::{TestApp, device, transport};
use mail_sink::{Sink, free_port};
use rust_decimal::Decimal;
use server::mail::message::Sender;
use server::mail::settings::{MailArgs, Security};
use server::mail::transport::Transport;
use server::mail::worker::{Rules, round};
use std::sync::Arc;

const REG: &str = "40003245752";

fn smtp(port: u16) -> Transport {
    Transport::from_args(&MailArgs {
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: Some(port),
        smtp_security: Security::None,
        mail_from: Some("kartoteka@firma.lv".into()),
        ..Default::default()
    })
    .unwrap()
}

fn rules() -> Rules {
    Rules {
        public_url: Some("https://crm.firma.lv".into()),
        ..Rules::new(Sender::Shared("kartoteka@firma.lv".parse().unwrap()))
    }
}

async fn letters(d: &Device<MemoryStore>) -> Vec<AccountLetter> {
    common::rows_of(d, tables::ACCOUNT_LETTER, |r| match r {
        Row::AccountLetter { letter } => Some(*letter),
        _ => None,
    })
    .await
}

async fn follow_ups(d: &Device<MemoryStore>) -> Vec<FollowUp> {
    common::rows_of(d, tables::FOLLOW_UP, |r| match r {
        Row::FollowUp { follow_up, .. } => Some(follow_up),
        _ => None,
    })
    .await
}

fn form(body: &str) -> http::Request<axum::body::Body> {
    http::Request::post("/")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn a_statement_goes_with_its_pdf_and_is_answered_once_through_its_link() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let admin = app.session("admin@firma.lv", Role::Admin).await;
    app.call(
        Some(&admin),
        SaveCompany {
            input: CompanyInput {
                name: "SIA Kartotēka".into(),
                reg_no: "40103245759".into(),
                address: "Rīga, Brīvības iela 1".into(),
                ..Default::default()
            },
        },
    )
    .await
    .unwrap();

    let phone = device(&ilze).await;
    let t = transport(&app, &ilze);
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Ābele".into(),
                reg_no: REG.into(),
                contacts: vec![ContactInput {
                    name: "Anna Ābele".into(),
                    emails: vec!["anna@abele.lv".into()],
                    ..Default::default()
                }],
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();

    // Last month: an invoice before it (the opening balance), an invoice and
    // a payment in it.
    let month = reconciled_month(chrono::Utc::now().date_naive());
    let day = |d: u32| {
        month
            .first()
            .unwrap()
            .with_day(d)
            .unwrap()
            .format("%Y-%m-%d")
            .to_string()
    };
    let before = month.previous().first().unwrap().format("%Y-%m-%d");
    let csv = format!(
        "type;number;client;date;due;amount\n\
         invoice;R-1;{REG};{before};{before};1000,00\n\
         invoice;R-2;{REG};{};{};500,00\n\
         payment;P-1;{REG};{};;300,00\n",
        day(5),
        day(19),
        day(10)
    );
    money_import::import(
        &app.db,
        Request {
            actor: "accountant",
            source: "horizon",
            adjust: Default::default(),
            preview: false,
            device: None,
        },
        csv.as_bytes(),
        |_| {},
    )
    .await
    .unwrap();

    // Asked for on the phone, in English, to the contact person.
    let asked = phone
        .ask_letter(LetterInput {
            client_id: card.id.clone(),
            purpose: LetterPurpose::Reconciliation,
            month: month.code(),
            contact_id: Some(card.contacts[0].id.clone()),
            language: Language::En,
            template_id: None,
        })
        .await
        .unwrap();
    assert_eq!(asked.status(), LetterStatus::Queued);
    phone.sync(&t, |_| {}).await.unwrap();

    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    let done = round(&app.db, &smtp(sink.port), &rules()).await.unwrap();
    assert_eq!(done.sent, 1, "{done:?}");
    let saved = tmp.path().join("saved");
    std::fs::create_dir_all(&saved).unwrap();
    let m = mail_sink::read_into(&sink.files()[0], Some(&saved));
    let label = format!("{:02}.{}", month.month, month.year);
    assert_eq!(
        m.header("Subject"),
        format!("Reconciliation statement for {label}: SIA Ābele")
    );
    assert_eq!(m.header("To"), "Anna Ābele <anna@abele.lv>");
    // Not an offer: no way to unsubscribe from one's own account.
    assert_eq!(m.header("List-Unsubscribe"), "");
    let text = m.part("text/plain");
    assert!(
        text.contains("Our records show you owe €1,200.00"),
        "{text}"
    );
    let start = text.find("https://crm.firma.lv/reconcile/").unwrap();
    let url: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let path = url.trim_start_matches("https://crm.firma.lv").to_string();
    let pdf = m
        .parts
        .iter()
        .find_map(|p| p.filename.clone())
        .expect("the statement as a PDF");
    let page = mail_sink::pdf_text(&saved.join(&pdf));
    for expected in [
        "Reconciliation statement",
        "We: SIA Kartotēka, 40103245759, Rīga, Brīvības iela 1",
        "Client: SIA Ābele, 40003245752",
        "Opening balance",
        "Invoice R-2",
        "Payment P-1",
        "€1,200.00",
    ] {
        assert!(page.contains(expected), "{expected:?} not in {page}");
    }

    // The letter is sent, with the balance it gave, on the phone too.
    phone.sync(&t, |_| {}).await.unwrap();
    let sent = letters(&phone).await;
    assert_eq!(sent[0].status(), LetterStatus::Sent);
    assert_eq!(sent[0].state.our_balance, Some(Decimal::new(120000, 2)));

    // The client opens the link: only this statement, in English.
    let shown = app.get(&path, &[]).await;
    assert_eq!(shown.status, 200);
    let html = String::from_utf8(shown.body).unwrap();
    assert!(
        html.contains("SIA Ābele") && html.contains("€1,200.00"),
        "{html}"
    );
    assert!(html.contains("I confirm the balance"));

    // A balance that is no amount is asked again, nothing written.
    let mut bad = form("action=dispute&balance=daudz&note=");
    *bad.uri_mut() = path.parse().unwrap();
    let again = app.send(bad).await;
    assert_eq!(again.status, 422);
    assert!(
        String::from_utf8(again.body)
            .unwrap()
            .contains("Enter an amount")
    );

    // They dispute: their balance and why.
    let mut dispute = form("action=dispute&balance=1+000%2C00&note=P-2+paid+on+the+30th");
    *dispute.uri_mut() = path.parse().unwrap();
    let answered = app.send(dispute).await;
    assert_eq!(answered.status, 200);
    assert!(
        String::from_utf8(answered.body)
            .unwrap()
            .contains("data-status=\"disputed\"")
    );

    // A second use of the link is refused, and changes nothing.
    let mut twice = form("action=confirm");
    *twice.uri_mut() = path.parse().unwrap();
    assert_eq!(app.send(twice).await.status, 410);
    assert_eq!(app.get(&path, &[]).await.status, 410);
    assert_eq!(app.get("/reconcile/nav-tada", &[]).await.status, 404);

    phone.sync(&t, |_| {}).await.unwrap();
    let l = &letters(&phone).await[0];
    assert_eq!(l.status(), LetterStatus::Disputed);
    assert_eq!(l.state.their_balance, Some(Decimal::new(100000, 2)));
    assert_eq!(l.difference(), Some(Decimal::new(20000, 2)));
    assert_eq!(l.state.answer_note.as_deref(), Some("P-2 paid on the 30th"));
    // The dispute is a call for the manager today, with the figures.
    let calls = follow_ups(&phone).await;
    let dispute_call = calls
        .iter()
        .find(|f| {
            f.fields
                .note
                .as_deref()
                .is_some_and(|n| n.contains("apstrīdēts"))
        })
        .expect("a call about the dispute");
    assert!(
        dispute_call
            .fields
            .note
            .as_deref()
            .unwrap()
            .contains("starpība 200,00"),
        "{dispute_call:?}"
    );

    let mut res = app
        .db
        .query("SELECT VALUE action FROM audit WHERE record = $id ORDER BY at")
        .bind(("id", card.id.clone()))
        .await
        .unwrap();
    let actions: Vec<String> = res.take(0).unwrap();
    assert!(
        actions.contains(&"account_letter.sent".to_string()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&"account_letter.disputed".to_string()),
        "{actions:?}"
    );
}

#[tokio::test]
async fn a_reminder_from_a_template_lists_what_is_overdue_and_fails_when_nothing_is() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditaja@firma.lv", Role::Head).await;
    let words = |subject: &str, body: &str| TemplateText {
        subject: subject.into(),
        body: body.into(),
    };
    let template = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: TemplateFields {
                    name: "Pieklājīgs atgādinājums".into(),
                    lv: words(
                        "Par rēķiniem — {client}",
                        "Labdien, {contact}!\n{documents}\nKopā: {overdue}.\n{manager}",
                    ),
                    en: words("About invoices — {client}", "{documents}"),
                    ru: words("О счетах — {client}", "{documents}"),
                    attach_pdf: false,
                    archived: false,
                    purpose: TemplatePurpose::Reminder,
                },
            },
        )
        .await
        .unwrap();
    let phone = device(&ilze).await;
    let t = transport(&app, &ilze);
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Kavētājs".into(),
                reg_no: REG.into(),
                contacts: vec![ContactInput {
                    name: "Kārlis".into(),
                    emails: vec!["karlis@kavetajs.lv".into()],
                    ..Default::default()
                }],
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    let settled = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Kārtīgais".into(),
                contacts: vec![ContactInput {
                    name: "Laura".into(),
                    emails: vec!["laura@kartigais.lv".into()],
                    ..Default::default()
                }],
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    let old = (chrono::Utc::now() - chrono::Duration::days(40)).format("%Y-%m-%d");
    let csv = format!("type;number;client;date;due;amount\ninvoice;R-9;{REG};{old};{old};250,00\n");
    money_import::import(
        &app.db,
        Request {
            actor: "accountant",
            source: "horizon",
            adjust: Default::default(),
            preview: false,
            device: None,
        },
        csv.as_bytes(),
        |_| {},
    )
    .await
    .unwrap();
    for c in [&card, &settled] {
        phone
            .ask_letter(LetterInput {
                client_id: c.id.clone(),
                purpose: LetterPurpose::Reminder,
                month: String::new(),
                contact_id: Some(c.contacts[0].id.clone()),
                language: Language::Lv,
                template_id: Some(template.id.clone()),
            })
            .await
            .unwrap();
    }
    phone.sync(&t, |_| {}).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    let done = round(&app.db, &smtp(sink.port), &rules()).await.unwrap();
    assert_eq!((done.sent, done.failed), (1, 1), "{done:?}");
    let m = &sink.received()[0];
    assert_eq!(m.header("Subject"), "Par rēķiniem — SIA Kavētājs");
    let text = m.part("text/plain");
    assert!(
        text.starts_with("Labdien, Kārlis!\nR-9 (termiņš "),
        "{text}"
    );
    assert!(text.contains("Kopā: 250,00"), "{text}");
    assert!(text.contains(&ilze.user.name), "{text}");
    phone.sync(&t, |_| {}).await.unwrap();
    let failed = letters(&phone)
        .await
        .into_iter()
        .find(|l| l.fields.client_id == settled.id)
        .unwrap();
    assert_eq!(failed.status(), LetterStatus::Failed);
    assert_eq!(failed.state.failure.as_deref(), Some("nothing_overdue"));

    // Without a template: the standard letter, to the card's contact.
    phone
        .ask_letter(LetterInput {
            client_id: card.id.clone(),
            purpose: LetterPurpose::Reminder,
            month: String::new(),
            contact_id: Some(card.contacts[0].id.clone()),
            language: Language::Lv,
            template_id: None,
        })
        .await
        .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!(
        round(&app.db, &smtp(sink.port), &rules())
            .await
            .unwrap()
            .sent,
        1
    );
    let standard = sink
        .received()
        .into_iter()
        .find(|m| m.header("Subject").starts_with("Atgādinājums"))
        .expect("the standard reminder");
    assert_eq!(
        standard.header("Subject"),
        "Atgādinājums par kavētiem maksājumiem: SIA Kavētājs"
    );
    assert!(standard.part("text/plain").contains("Kopā kavēti: 250,00"));
}
