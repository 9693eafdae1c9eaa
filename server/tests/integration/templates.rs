//! Proposal templates through the real server functions: only those who
//! lead people write them, bad input is refused per field with nothing
//! saved, every device receives them by sync (the words only those who see
//! commercial terms), no device writes them through sync, and a proposal
//! written from one is mailed in its words.

use crate::common;
use crate::mail_sink;

use app::api::ApiError;
use app::api::templates::SaveTemplate;
use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::proposal::{LineInput, ProposalInput, ProposalStatus};
use app::domain::template::Template;
use app::domain::user::{Language, Role};
use app::domain::validation::Problem;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use chrono::{Duration, Utc};
use common::{TestApp, device, template_fields, transport};
use mail_sink::{Sink, free_port};
use server::mail::message::Sender;
use server::mail::settings::{MailArgs, Security};
use server::mail::transport::Transport;
use server::mail::worker::{Rules, round};
use std::sync::Arc;

async fn templates(d: &Device<MemoryStore>) -> Vec<Template> {
    d.store()
        .all(tables::TEMPLATE)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::Template { template } => Some(*template),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn heads_write_templates_and_every_device_receives_them() {
    let app = Arc::new(TestApp::new().await);
    let head = app.session("vaditaja@firma.lv", Role::Head).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;

    // A manager may not write one.
    let refused = app
        .call(
            Some(&ilze),
            SaveTemplate {
                id: None,
                fields: template_fields("Pavasaris"),
            },
        )
        .await;
    assert_eq!(refused.unwrap_err(), ApiError::Forbidden);

    // Bad input: each problem at its field, nothing saved.
    let mut bad = template_fields("Pavasaris");
    bad.lv.body = "Labdien, {kontaktpersona}!".into();
    bad.ru.subject = String::new();
    bad.en.subject = "Offer {lines}".into();
    let Err(ApiError::Invalid(issues)) = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: bad,
            },
        )
        .await
    else {
        panic!("a template with an unknown merge field was saved");
    };
    assert_eq!(issues.at("lv.body"), Some(Problem::UnknownMergeField));
    assert_eq!(issues.at("ru.subject"), Some(Problem::Required));
    assert_eq!(issues.at("en.subject"), Some(Problem::MergeFieldNotHere));
    let m = device(&ilze).await;
    m.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert!(templates(&m).await.is_empty());

    let saved = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: template_fields("Pavasaris"),
            },
        )
        .await
        .unwrap();
    // The same name twice is refused at the name.
    let Err(ApiError::Invalid(twice)) = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: template_fields("Pavasaris"),
            },
        )
        .await
    else {
        panic!("two templates with one name");
    };
    assert_eq!(twice.at("name"), Some(Problem::Taken));

    // The manager's phone receives it whole; logistics its name only.
    m.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let got = templates(&m).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].fields, saved.fields);
    let l = device(&logistics).await;
    l.sync(&transport(&app, &logistics), |_| {}).await.unwrap();
    let theirs = templates(&l).await;
    assert_eq!(theirs[0].fields.name, "Pavasaris");
    assert!(theirs[0].fields.lv.body.is_empty());
    assert!(!format!("{theirs:?}").contains("Piedāvājam"));

    // A change reaches the phone on its next sync, and is audited.
    let mut changed = saved.fields.clone();
    changed.lv.subject = "Rudens piedāvājums — {client}".into();
    changed.archived = true;
    app.call(
        Some(&head),
        SaveTemplate {
            id: Some(saved.id.clone()),
            fields: changed,
        },
    )
    .await
    .unwrap();
    m.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let got = templates(&m).await;
    assert_eq!(got[0].fields.lv.subject, "Rudens piedāvājums — {client}");
    assert!(got[0].fields.archived);
    let history = app::backend::audit::history(&app.db, &saved.id)
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"template.create"), "{actions:?}");
    assert!(actions.contains(&"template.update"), "{actions:?}");

    // A device cannot write one through sync.
    use app::sync::op::{Op, OpKind};
    use app::sync::protocol::{AckStatus, PushBatch};
    use app::sync::transport::Transport as _;
    let op = Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: "d".into(),
        seq: 1,
        table: tables::TEMPLATE.into(),
        record_id: saved.id.clone(),
        hlc: app::sync::hlc::Hlc {
            millis: Utc::now().timestamp_millis() as u64,
            counter: 0,
            device: "d".into(),
        },
        kind: OpKind::Patch {
            fields: serde_json::from_value(serde_json::json!({ "name": "Uzlauzts" })).unwrap(),
            base: Default::default(),
        },
    };
    let answer = transport(&app, &head)
        .push(PushBatch {
            device_id: "d".into(),
            ops: vec![op],
            after: None,
        })
        .await
        .unwrap();
    assert!(matches!(answer[0].status, AckStatus::Rejected { .. }));
}

fn offer(client_id: &str, contact: &str, template: Option<String>) -> ProposalInput {
    ProposalInput {
        client_id: client_id.into(),
        contact_ids: vec![contact.into()],
        language: Language::Lv,
        lines: vec![
            LineInput {
                item: "Bērza finieris — Берёзовая фанера".into(),
                quantity: "10".into(),
                unit_price: "31,90".into(),
                discount_pct: "10".into(),
                group: String::new(),
            },
            LineInput {
                item: "Piegāde".into(),
                quantity: "1".into(),
                unit_price: "85".into(),
                discount_pct: String::new(),
                group: String::new(),
            },
        ],
        valid_until: (Utc::now() + Duration::days(14)).date_naive(),
        status: ProposalStatus::Queued,
        note: String::new(),
        template_id: template,
    }
}

#[tokio::test]
async fn a_proposal_from_a_template_is_mailed_in_its_words() {
    let app = Arc::new(TestApp::new().await);
    let head = app.session("vaditaja@firma.lv", Role::Head).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let with_pdf = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: template_fields("Pavasaris"),
            },
        )
        .await
        .unwrap();
    let mut plain = template_fields("Bez PDF");
    plain.attach_pdf = false;
    let without_pdf = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: plain,
            },
        )
        .await
        .unwrap();
    let mut archived = template_fields("Vecais");
    archived.archived = true;
    let archived = app
        .call(
            Some(&head),
            SaveTemplate {
                id: None,
                fields: archived,
            },
        )
        .await
        .unwrap();

    let phone = device(&ilze).await;
    let t = transport(&app, &ilze);
    let c = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Ābeļzieds".into(),
                contacts: vec![ContactInput {
                    name: "Žanis Ēvalds".into(),
                    emails: vec!["zanis@abelzieds.lv".into()],
                    ..Default::default()
                }],
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    let contact = c.contacts[0].id.clone();
    phone
        .save_proposal(None, offer(&c.id, &contact, Some(with_pdf.id.clone())))
        .await
        .unwrap();
    phone
        .save_proposal(None, offer(&c.id, &contact, Some(without_pdf.id.clone())))
        .await
        .unwrap();
    // An archived template, or one that does not exist, is refused.
    phone
        .save_proposal(None, offer(&c.id, &contact, Some(archived.id.clone())))
        .await
        .unwrap();
    phone
        .save_proposal(None, offer(&c.id, &contact, Some("nav-tada".into())))
        .await
        .unwrap();
    let pushed = phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!(pushed.rejected, 2);

    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    let smtp = Transport::from_args(&MailArgs {
        smtp_host: Some("127.0.0.1".into()),
        smtp_port: Some(sink.port),
        smtp_security: Security::None,
        mail_from: Some("kartoteka@firma.lv".into()),
        ..Default::default()
    })
    .unwrap();
    let rules = Rules::new(Sender::Shared("kartoteka@firma.lv".parse().unwrap()));
    let done = round(&app.db, &smtp, &rules).await.unwrap();
    assert_eq!(done.sent, 2);
    let got = sink.received();
    assert_eq!(got.len(), 2);
    for m in &got {
        assert_eq!(m.header("Subject"), "Pavasara piedāvājums — SIA Ābeļzieds");
        let text = m.part("text/plain").replace("\r\n", "\n");
        assert!(text.starts_with("Labdien, Žanis Ēvalds!"), "{text}");
        // 10 × 31.90 × 90 % = 287.10, + 85.00 = 372.10; the largest discount.
        assert!(text.contains("Kopā 372,10\u{a0}€, atlaide 10 %"), "{text}");
        assert!(
            text.contains("1. Bērza finieris — Берёзовая фанера"),
            "{text}"
        );
        assert!(
            text.contains(&format!("Ar cieņu,\n{}", ilze.user.name)),
            "{text}"
        );
        let html = m.part("text/html");
        assert!(
            html.contains("<table") && html.contains("Берёзовая фанера"),
            "{html}"
        );
    }
    let pdfs: Vec<usize> = sink
        .files()
        .iter()
        .map(|f| {
            mail_sink::read_into(f, None)
                .parts
                .iter()
                .filter(|p| p.content_type == "application/pdf")
                .count()
        })
        .collect();
    let mut pdfs = pdfs;
    pdfs.sort();
    assert_eq!(pdfs, [0, 1], "one template attaches the PDF, one does not");
}
