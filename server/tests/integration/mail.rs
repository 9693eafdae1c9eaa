//! Proposals e-mailed for real: queued on a device, sent by the server's
//! mail worker to a real SMTP server process on loopback, and what the mail
//! server said recorded on the proposal (and synced back). Retries keep the
//! message's bytes and Message-ID; a refusal fails the proposal with the
//! server's words; nothing is sent twice.

use crate::common;
use crate::mail_sink;

use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::follow_up::FollowUpAction;
use app::domain::proposal::{LineInput, Proposal, ProposalInput, ProposalStatus};
use app::domain::user::{Language, Role};
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use chrono::{Duration, Utc};
use common::{Session, TestApp, device, transport};
use mail_sink::{Sink, free_port};
use server::mail::message::Sender;
use server::mail::settings::{MailArgs, Security};
use server::mail::transport::Transport;
use server::mail::worker::{Round, Rules, round};
use std::sync::Arc;

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

fn shared() -> Rules {
    Rules::new(Sender::Shared("kartoteka@firma.lv".parse().unwrap()))
}

fn offer(client_id: &str, contact_ids: Vec<String>, language: Language) -> ProposalInput {
    ProposalInput {
        client_id: client_id.into(),
        contact_ids,
        language,
        lines: vec![
            LineInput {
                item: "Bērza finieris 18 mm — Берёзовая фанера".into(),
                quantity: "40".into(),
                unit_price: "31,90".into(),
                discount_pct: "7,5".into(),
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
        template_id: None,
    }
}

struct World {
    app: Arc<TestApp>,
    ilze: Session,
    phone: Device<MemoryStore>,
}

async fn world() -> World {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let phone = device(&ilze).await;
    World { app, ilze, phone }
}

impl World {
    /// A card with one contact person at `email`, and a proposal for them
    /// queued on the phone and synced.
    async fn queued(
        &self,
        client: &str,
        person: &str,
        email: &str,
        language: Language,
    ) -> Proposal {
        let c = self
            .phone
            .save_card(
                None,
                ClientInput {
                    name: client.into(),
                    contacts: vec![ContactInput {
                        name: person.into(),
                        emails: vec![email.into()],
                        ..Default::default()
                    }],
                    ..Default::default()
                },
                false,
            )
            .await
            .unwrap();
        let contact = c.contacts[0].id.clone();
        let p = self
            .phone
            .save_proposal(None, offer(&c.id, vec![contact], language))
            .await
            .unwrap();
        self.sync().await;
        p
    }

    async fn sync(&self) {
        let t = transport(&self.app, &self.ilze);
        self.phone.sync(&t, |_| {}).await.unwrap();
    }

    async fn proposal(&self, id: &str) -> Proposal {
        self.phone
            .store()
            .all(tables::PROPOSAL)
            .await
            .unwrap()
            .into_iter()
            .find_map(|r| match r {
                Row::Proposal { proposal, .. } if proposal.id == id => Some(*proposal),
                _ => None,
            })
            .unwrap()
    }

    /// Every queued letter due now (as if its backoff had passed).
    async fn due_now(&self) {
        self.app
            .db
            .query("UPDATE mail_outbox SET due = time::now() - 1s WHERE state = 'queued'")
            .await
            .unwrap()
            .check()
            .unwrap();
    }

    async fn outbox(&self) -> Vec<app::backend::mail::outbox::OutboxDoc> {
        let mut res = self
            .app
            .db
            .query(format!(
                "SELECT {} FROM mail_outbox ORDER BY created_at",
                app::backend::mail::outbox::OUTBOX_FIELDS
            ))
            .await
            .unwrap();
        res.take(0).unwrap()
    }
}

#[tokio::test]
async fn a_proposal_queued_on_a_phone_is_mailed_once_and_comes_back_sent() {
    let w = world().await;
    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    let p = w
        .queued(
            "SIA Ābeļzieds",
            "Žanis Ēvalds",
            "zanis@abelzieds.lv",
            Language::Lv,
        )
        .await;

    let done = round(&w.app.db, &smtp(sink.port), &shared()).await.unwrap();
    assert_eq!(
        done,
        Round {
            sent: 1,
            ..Default::default()
        }
    );
    let got = sink.received();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.header("Subject"), "Piedāvājums: SIA Ābeļzieds");
    assert_eq!(m.header("To"), "Žanis Ēvalds <zanis@abelzieds.lv>");
    // The manager's name on the shared address (quoted: the test name has an "@").
    assert_eq!(
        m.header("From"),
        format!("\"{}\" <kartoteka@firma.lv>", w.ilze.user.name)
    );
    assert!(
        m.header("Reply-To").ends_with("<ilze@firma.lv>"),
        "{:?}",
        m.headers
    );
    assert_eq!(m.content_type, "multipart/mixed");
    let text = m.part("text/plain");
    assert!(text.contains("Labdien, Žanis Ēvalds!"), "{text}");
    assert!(
        text.contains("Bērza finieris 18 mm — Берёзовая фанера"),
        "{text}"
    );
    // 40 × 31.90 × 92.5 % = 1180.30, + 85.00; Latvian money.
    assert!(text.contains("1\u{a0}265,30\u{a0}€"), "{text}");
    let html = m.part("text/html");
    assert!(
        html.contains("Берёзовая фанера") && html.contains("<table"),
        "{html}"
    );

    // The PDF: its text read back as a reader would, Latvian and Cyrillic.
    let saved = tmp.path().join("attachments");
    std::fs::create_dir_all(&saved).unwrap();
    let with_pdf = mail_sink::read_into(&sink.files()[0], Some(&saved));
    let pdf = with_pdf
        .parts
        .iter()
        .find(|p| p.content_type == "application/pdf")
        .expect("the proposal as a PDF");
    let name = pdf.filename.clone().unwrap();
    assert_eq!(name, "komercpiedavajums-sia-abelzieds.pdf");
    assert!(pdf.size.unwrap() > 1000);
    let text = mail_sink::pdf_text(&saved.join(&name));
    for expected in [
        "Komercpiedāvājums — SIA Ābeļzieds",
        "Bērza finieris 18 mm — Берёзовая",
        "31,90",
        "Kopā",
        "265,30",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the PDF:\n{text}"
        );
    }

    // Recorded: the row, the proposal (synced back), a call planned, audit.
    let rows = w.outbox().await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].state, "sent");
    assert_eq!(rows[0].message_id.as_deref(), Some(m.header("Message-ID")));
    w.sync().await;
    let back = w.proposal(&p.id).await;
    assert_eq!(back.fields.status, ProposalStatus::Sent);
    assert!(back.sent_at.is_some());
    let calls: Vec<_> = w
        .phone
        .store()
        .all(tables::FOLLOW_UP)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::FollowUp { follow_up, .. } => Some(follow_up),
            _ => None,
        })
        .collect();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].fields.action, FollowUpAction::Call);
    assert_eq!(calls[0].fields.client_id, p.fields.client_id);
    assert!(calls[0].fields.due > Utc::now() + Duration::days(1));
    let history = app::backend::audit::history(&w.app.db, &p.id)
        .await
        .unwrap();
    assert!(
        history.iter().any(|e| e.action == "proposal.sent"),
        "{history:?}"
    );

    // Nothing goes twice.
    w.due_now().await;
    let again = round(&w.app.db, &smtp(sink.port), &shared()).await.unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(sink.received().len(), 1);

    // An edit on the phone after sending keeps it sent (the server's stamp
    // is newer than anything the phone wrote before it heard).
    let mut note = ProposalInput::of(&back.fields);
    note.note = "Piezvanīju, saņēma".into();
    w.phone.save_proposal(Some(&p.id), note).await.unwrap();
    w.sync().await;
    assert_eq!(w.proposal(&p.id).await.fields.status, ProposalStatus::Sent);
    assert!(
        round(&w.app.db, &smtp(sink.port), &shared())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_mail_server_down_then_up_delivers_each_letter_once_with_its_first_message_id() {
    let w = world().await;
    let port = free_port();
    let mut ids = Vec::new();
    for (client, person, email, lang) in [
        ("SIA Ābele", "Ģirts Ķēniņš", "girts@abele.lv", Language::Lv),
        (
            "ООО Берёзка",
            "Пётр Иванов",
            "petr@berezka.lv",
            Language::Ru,
        ),
        ("Baltic Oak Ltd", "Anne Smith", "anne@oak.lv", Language::En),
    ] {
        ids.push(w.queued(client, person, email, lang).await.id);
    }

    // Nobody listens: every letter waits, built once, with the reason.
    let down = round(&w.app.db, &smtp(port), &shared()).await.unwrap();
    assert_eq!(
        down,
        Round {
            later: 3,
            ..Default::default()
        }
    );
    let waiting = w.outbox().await;
    assert!(
        waiting
            .iter()
            .all(|r| r.state == "queued" && r.attempts == 1)
    );
    assert!(
        waiting
            .iter()
            .all(|r| r.due > Utc::now() + Duration::seconds(20))
    );
    assert!(
        waiting
            .iter()
            .all(|r| r.error.as_deref().is_some_and(|e| !e.is_empty()))
    );
    let first_ids: Vec<String> = waiting
        .iter()
        .map(|r| r.message_id.clone().unwrap())
        .collect();
    let waiting_now = app::backend::mail::outbox::waiting(&w.app.db)
        .await
        .unwrap();
    assert_eq!(waiting_now, 3, "what the admins' banner counts");
    // Not due yet: a round now leaves them alone.
    assert!(
        round(&w.app.db, &smtp(port), &shared())
            .await
            .unwrap()
            .is_empty()
    );
    w.sync().await;
    for id in &ids {
        assert_eq!(w.proposal(id).await.fields.status, ProposalStatus::Queued);
    }

    // The server comes up; the retry delivers each exactly once.
    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), port);
    w.due_now().await;
    let up = round(&w.app.db, &smtp(port), &shared()).await.unwrap();
    assert_eq!(
        up,
        Round {
            sent: 3,
            ..Default::default()
        }
    );
    w.due_now().await;
    assert!(
        round(&w.app.db, &smtp(port), &shared())
            .await
            .unwrap()
            .is_empty()
    );
    let got = sink.received();
    assert_eq!(got.len(), 3);
    let waiting_now = app::backend::mail::outbox::waiting(&w.app.db)
        .await
        .unwrap();
    assert_eq!(waiting_now, 0);
    let mut received_ids: Vec<&str> = got.iter().map(|m| m.header("Message-ID")).collect();
    received_ids.sort();
    let mut expected: Vec<&str> = first_ids.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(
        received_ids, expected,
        "the Message-ID of the first attempt"
    );
    let subjects: Vec<&str> = got.iter().map(|m| m.header("Subject")).collect();
    assert!(
        subjects.contains(&"Предложение: ООО Берёзка"),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&"Proposal: Baltic Oak Ltd"),
        "{subjects:?}"
    );
    w.sync().await;
    for id in &ids {
        assert_eq!(w.proposal(id).await.fields.status, ProposalStatus::Sent);
    }
}

#[tokio::test]
async fn a_refused_mailbox_fails_the_proposal_with_the_servers_words_and_a_busy_one_waits() {
    let w = world().await;
    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    let refused = w
        .queued("SIA Nav", "Kārlis", "reject-karlis@nav.lv", Language::Lv)
        .await;
    let busy = w
        .queued(
            "SIA Aizņemts",
            "Līga",
            "busy-liga@aiznemts.lv",
            Language::Lv,
        )
        .await;
    let done = round(&w.app.db, &smtp(sink.port), &shared()).await.unwrap();
    assert_eq!(
        done,
        Round {
            failed: 1,
            later: 1,
            ..Default::default()
        }
    );
    assert!(sink.received().is_empty());
    w.sync().await;
    let failed = w.proposal(&refused.id).await;
    assert_eq!(failed.fields.status, ProposalStatus::Failed);
    let reason = failed.failure.unwrap_or_default();
    assert!(reason.contains("No such mailbox here"), "{reason}");
    assert_eq!(
        w.proposal(&busy.id).await.fields.status,
        ProposalStatus::Queued
    );
    let history = app::backend::audit::history(&w.app.db, &refused.id)
        .await
        .unwrap();
    assert!(history.iter().any(|e| e.action == "proposal.failed"));

    // The manager fixes the address and queues it again: it goes.
    let (mut card, _) = w
        .phone
        .card(&refused.fields.client_id)
        .await
        .unwrap()
        .unwrap();
    let contact = card.contacts.remove(0);
    let mut input = ClientInput::from_card(&card);
    input.contacts = vec![ContactInput {
        id: Some(contact.id.clone()),
        name: contact.fields.name.clone(),
        emails: vec!["karlis@nav.lv".into()],
        ..Default::default()
    }];
    w.phone
        .save_card(Some(&refused.fields.client_id), input, false)
        .await
        .unwrap();
    let mut again = ProposalInput::of(&failed.fields);
    again.status = ProposalStatus::Queued;
    w.phone
        .save_proposal(Some(&refused.id), again)
        .await
        .unwrap();
    w.sync().await;
    let done = round(&w.app.db, &smtp(sink.port), &shared()).await.unwrap();
    assert_eq!(done.sent, 1, "{done:?}");
    w.sync().await;
    let sent = w.proposal(&refused.id).await;
    assert_eq!(sent.fields.status, ProposalStatus::Sent);
    assert_eq!(sent.failure, None);
    assert_eq!(sink.received()[0].header("To"), "Kārlis <karlis@nav.lv>");
}

#[tokio::test]
async fn a_proposal_taken_back_to_draft_before_sending_is_not_sent() {
    let w = world().await;
    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    let p = w
        .queued("SIA Pārdomas", "Inese", "inese@pardomas.lv", Language::Lv)
        .await;
    let mut back = ProposalInput::of(&p.fields);
    back.status = ProposalStatus::Draft;
    w.phone.save_proposal(Some(&p.id), back).await.unwrap();
    w.sync().await;
    let done = round(&w.app.db, &smtp(sink.port), &shared()).await.unwrap();
    assert_eq!(
        done,
        Round {
            cancelled: 1,
            ..Default::default()
        }
    );
    assert!(sink.received().is_empty());
    w.sync().await;
    assert_eq!(w.proposal(&p.id).await.fields.status, ProposalStatus::Draft);
}

#[tokio::test]
async fn without_an_address_the_proposal_fails_saying_so_and_a_mail_dir_keeps_letters_as_files() {
    let w = world().await;
    let p = w.queued("SIA Bez Adreses", "Ojārs", "", Language::Lv).await;
    let tmp = tempfile::tempdir().unwrap();
    let dir = Transport::from_args(&MailArgs {
        mail_dir: Some(tmp.path().join("eml")),
        ..Default::default()
    })
    .unwrap();
    let done = round(&w.app.db, &dir, &Rules::new(Sender::Manager))
        .await
        .unwrap();
    assert_eq!(
        done,
        Round {
            failed: 1,
            ..Default::default()
        }
    );
    w.sync().await;
    let failed = w.proposal(&p.id).await;
    assert_eq!(failed.failure.as_deref(), Some("no_address"));

    let q = w
        .queued("SIA Faili", "Dace", "dace@faili.lv", Language::Lv)
        .await;
    let done = round(&w.app.db, &dir, &Rules::new(Sender::Manager))
        .await
        .unwrap();
    assert_eq!(done.sent, 1);
    let files: Vec<_> = std::fs::read_dir(tmp.path().join("eml")).unwrap().collect();
    assert_eq!(files.len(), 1);
    let m = mail_sink::read(&files[0].as_ref().unwrap().path());
    assert_eq!(
        m.header("From"),
        format!("\"{}\" <ilze@firma.lv>", w.ilze.user.name)
    );
    assert_eq!(m.header("Subject"), "Piedāvājums: SIA Faili");
    w.sync().await;
    assert_eq!(w.proposal(&q.id).await.fields.status, ProposalStatus::Sent);
}

#[tokio::test]
async fn each_letter_unsubscribes_its_addressees_once_and_they_get_no_more_proposals() {
    let w = world().await;
    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    let rules = Rules {
        public_url: Some("https://crm.firma.lv/".into()),
        ..shared()
    };
    let first = w
        .queued("SIA Klusums", "Māra Kļava", "mara@klusums.lv", Language::Lv)
        .await;
    assert_eq!(
        round(&w.app.db, &smtp(sink.port), &rules)
            .await
            .unwrap()
            .sent,
        1
    );
    let m = &sink.received()[0];
    let header = m.header("List-Unsubscribe");
    let url = header.trim_start_matches('<').trim_end_matches('>');
    assert!(
        url.starts_with("https://crm.firma.lv/unsubscribe/"),
        "{header}"
    );
    assert_eq!(
        m.header("List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert!(m.part("text/plain").contains(url));
    assert!(m.part("text/html").contains(&format!("href=\"{url}\"")));
    let path = url.trim_start_matches("https://crm.firma.lv");

    // The link asks in the letter's language; a POST (the button, or a mail
    // program's one click) opts the address out.
    let asked = w.app.get(path, &[]).await;
    assert_eq!(asked.status, 200);
    let page = String::from_utf8(asked.body).unwrap();
    assert!(
        page.contains("Vairs nesūtīt piedāvājumus uz mara@klusums.lv?"),
        "{page}"
    );
    let click = |p: &str| {
        http::Request::post(p)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
            .unwrap()
    };
    let done = w.app.send(click(path)).await;
    assert_eq!(done.status, 200);
    assert!(
        String::from_utf8(done.body)
            .unwrap()
            .contains("vairs netiks sūtīti")
    );
    // Used once: a second click says it is done and changes nothing.
    assert_eq!(w.app.send(click(path)).await.status, 200);
    assert_eq!(w.app.get("/unsubscribe/nav-tada", &[]).await.status, 404);
    let mut res = w
        .app
        .db
        .query("SELECT VALUE email FROM mail_optout; SELECT VALUE action FROM audit WHERE action = 'mail.optout'")
        .await
        .unwrap();
    let out: Vec<String> = res.take(0).unwrap();
    let audited: Vec<String> = res.take(1).unwrap();
    assert_eq!(out, ["mara@klusums.lv"]);
    assert_eq!(audited.len(), 1);

    // The next proposal to her fails saying why, and sends nothing.
    let mut again = ProposalInput::of(&first.fields);
    again.status = ProposalStatus::Draft;
    let p = w.phone.save_proposal(None, again.clone()).await.unwrap();
    again.status = ProposalStatus::Queued;
    w.phone.save_proposal(Some(&p.id), again).await.unwrap();
    w.sync().await;
    let done = round(&w.app.db, &smtp(sink.port), &rules).await.unwrap();
    assert_eq!(
        done,
        Round {
            failed: 1,
            ..Default::default()
        }
    );
    assert_eq!(sink.received().len(), 1);
    w.sync().await;
    let refused = w.proposal(&p.id).await;
    assert_eq!(refused.fields.status, ProposalStatus::Failed);
    assert_eq!(refused.failure.as_deref(), Some("opted_out"));
}

#[tokio::test]
async fn past_the_daily_cap_a_letter_waits_for_tomorrow_and_the_rate_spaces_sends() {
    let w = world().await;
    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    for (client, person, email) in [
        ("SIA Viens", "Anna", "anna@viens.lv"),
        ("SIA Divi", "Baiba", "baiba@divi.lv"),
        ("SIA Trīs", "Cilda", "cilda@tris.lv"),
    ] {
        w.queued(client, person, email, Language::Lv).await;
    }
    let rules = Rules {
        daily_cap: Some(2),
        pace: Some((1, std::time::Duration::from_millis(400))),
        ..shared()
    };
    let started = std::time::Instant::now();
    let done = round(&w.app.db, &smtp(sink.port), &rules).await.unwrap();
    assert_eq!(
        done,
        Round {
            sent: 2,
            later: 1,
            ..Default::default()
        }
    );
    // One send per 400 ms: the second waited for the first's window.
    assert!(started.elapsed() >= std::time::Duration::from_millis(380));
    assert_eq!(sink.received().len(), 2);
    let held: Vec<_> = w
        .outbox()
        .await
        .into_iter()
        .filter(|r| r.state == "queued")
        .collect();
    assert_eq!(held.len(), 1);
    assert!(held[0].error.as_deref().unwrap().contains("limit of 2"));
    assert!(held[0].due > Utc::now() + Duration::hours(23));
    assert_eq!(held[0].attempts, 0, "a held letter was not tried");
}

#[tokio::test]
async fn mail_settings_saved_by_an_admin_take_effect_without_a_restart() {
    use app::api::mail::{MailSettings, SaveMailSettings};
    use app::domain::mail::{MailSettingsInput, SmtpSecurity};
    use app::domain::validation::Problem;
    let w = world().await;
    let admin = w.app.session("admin@firma.lv", Role::Admin).await;
    let tmp = tempfile::tempdir().unwrap();
    let sink = Sink::start(&tmp.path().join("inbox"), free_port());
    // A server started without any mail server: the worker waits.
    let worker = tokio::spawn(server::mail::worker::run(
        w.app.db.clone(),
        MailArgs::default(),
        "http://127.0.0.1:3000".into(),
    ));
    let p = w
        .queued(
            "SIA Iestatījumi",
            "Olga Ērgle",
            "olga@iestatijumi.lv",
            Language::Lv,
        )
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(sink.received().is_empty());

    let input = |password: Option<&str>| MailSettingsInput {
        smtp_host: "127.0.0.1".into(),
        smtp_port: sink.port.to_string(),
        security: SmtpSecurity::Plain,
        smtp_user: String::new(),
        smtp_password: password.map(str::to_string),
        mail_from: "piedavajumi@firma.lv".into(),
        as_manager: false,
        daily_cap: "300".into(),
        per_minute: "60".into(),
        public_url: "https://crm.firma.lv".into(),
    };
    // Only an admin; bad input per field, nothing saved.
    assert_eq!(
        w.app
            .call(Some(&w.ilze), SaveMailSettings { input: input(None) })
            .await
            .unwrap_err(),
        app::api::ApiError::Forbidden
    );
    let mut bad = input(None);
    bad.smtp_user = "kartoteka".into();
    bad.mail_from = "nav adrese".into();
    let Err(app::api::ApiError::Invalid(is)) = w
        .app
        .call(Some(&admin), SaveMailSettings { input: bad })
        .await
    else {
        panic!("bad mail settings were saved");
    };
    assert_eq!(is.at("smtp_password"), Some(Problem::Required));
    assert_eq!(is.at("mail_from"), Some(Problem::InvalidEmail));
    let shown = w.app.call(Some(&admin), MailSettings {}).await.unwrap();
    assert!(!shown.from_page);

    // Saved with a password: it is never shown back, and the letter goes.
    let saved = w
        .app
        .call(
            Some(&admin),
            SaveMailSettings {
                input: input(Some("ļoti-slepena")),
            },
        )
        .await
        .unwrap();
    assert!(saved.password_set && saved.from_page);
    let shown = w.app.call(Some(&admin), MailSettings {}).await.unwrap();
    assert!(!format!("{shown:?}").contains("ļoti-slepena"));
    assert_eq!(
        shown.settings.mail_from.as_deref(),
        Some("piedavajumi@firma.lv")
    );
    let mut got = Vec::new();
    for _ in 0..100 {
        got = sink.received();
        if !got.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(got.len(), 1, "the worker used the saved settings");
    assert!(got[0].header("From").ends_with("<piedavajumi@firma.lv>"));
    assert!(
        got[0]
            .header("List-Unsubscribe")
            .contains("https://crm.firma.lv/unsubscribe/"),
        "{:?}",
        got[0].headers
    );
    w.sync().await;
    assert_eq!(w.proposal(&p.id).await.fields.status, ProposalStatus::Sent);

    // The audit says the password changed, never what it is.
    let mut res = w
        .app
        .db
        .query("SELECT VALUE changes FROM audit WHERE action = 'mail.settings'")
        .await
        .unwrap();
    let changes: Vec<serde_json::Value> = res.take(0).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["smtp_password"], "changed");
    assert!(!changes[0].to_string().contains("ļoti-slepena"));
    worker.abort();
}
