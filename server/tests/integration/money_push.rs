//! An accounting system pushing its documents as JSON with its own API
//! token, through the real router: no token, an unknown one and a revoked
//! one are refused and import nothing; a good one imports what it may and
//! reports the rest by the document's position; the same push again
//! changes nothing; a changed amount is updated and audited under the
//! token. And the tokens made, listed and revoked from the command line.

use crate::common;

use app::backend::money_import::api_tokens;
use app::domain::client_input::ClientInput;
use app::domain::receivables::import_report::ImportReport;
use app::domain::receivables::import_row::{Column, RowProblem};
use app::domain::user::Role;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use axum::body::Body;
use common::{Raw, TestApp, device, transport};
use http::{Request, StatusCode, header};
use rust_decimal::Decimal;
use std::sync::Arc;

const URL: &str = "/api/accounting/documents";
const REG_A: &str = "40003245752";
/// A valid registration number no card has.
const REG_UNKNOWN: &str = "40103245759";

async fn push(app: &TestApp, token: Option<&str>, body: impl Into<Body>) -> Raw {
    let mut req = Request::post(URL).header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    app.send(req.body(body.into()).unwrap()).await
}

fn error_of(raw: &Raw) -> String {
    let v: serde_json::Value = serde_json::from_slice(&raw.body)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&raw.body)));
    v["error"].as_str().unwrap_or_default().to_string()
}

fn report_of(raw: &Raw) -> ImportReport {
    assert_eq!(
        raw.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&raw.body)
    );
    serde_json::from_slice(&raw.body).unwrap()
}

/// Three invoices and a payment: R-1 at `amount_r1`, one for a client
/// nobody has (position 3), one with a day-first date (position 4).
fn documents(amount_r1: serde_json::Value) -> String {
    serde_json::json!({ "documents": [
        { "kind": "invoice", "number": "R-1", "client_reg_no": format!("LV{REG_A}"),
          "client_id": null, "date": "2026-10-02", "due": "2026-10-16",
          "amount": amount_r1, "currency": "EUR", "reference": null },
        { "kind": "payment", "number": "P-1", "client_reg_no": REG_A,
          "date": "2026-10-20", "amount": 200, "reference": "R-1" },
        { "kind": "invoice", "number": "R-9", "client_reg_no": REG_UNKNOWN,
          "date": "2026-11-01", "amount": "10.00" },
        { "kind": "invoice", "number": "R-10", "client_reg_no": REG_A,
          "date": "02.11.2026", "amount": "10.00" },
    ]})
    .to_string()
}

async fn stored_docs(app: &TestApp) -> usize {
    let mut res = app
        .db
        .query("SELECT VALUE record::id(id) FROM money_doc")
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    ids.len()
}

#[tokio::test]
async fn an_accounting_system_pushes_documents_with_its_token() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let phone = device(&ilze).await;
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Ābele".into(),
                reg_no: REG_A.into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    let made = api_tokens::create(&app.db, "admin", "Horizon", None)
        .await
        .unwrap();
    let old = api_tokens::create(&app.db, "admin", "Old system", None)
        .await
        .unwrap();
    api_tokens::revoke(&app.db, "admin", &old.id, None)
        .await
        .unwrap();
    let body = documents(serde_json::json!("1000.00"));
    let version = app::backend::version::current(&app.db).await.unwrap();

    // Refused, each saying why, before anything is read or written.
    let none = push(&app, None, body.clone()).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert!(
        error_of(&none).starts_with("missing bearer token"),
        "{}",
        error_of(&none)
    );
    let basic = app
        .send(
            Request::post(URL)
                .header(header::AUTHORIZATION, "Basic aG9yaXpvbjpwYXJvbGU=")
                .body(Body::from(body.clone()))
                .unwrap(),
        )
        .await;
    assert_eq!(basic.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        error_of(&basic),
        "the Authorization header is not Bearer <token>"
    );
    let wrong = format!("kt_{}", "0".repeat(64));
    let unknown = push(&app, Some(&wrong), body.clone()).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(&unknown), "unknown token");
    let revoked = push(&app, Some(&old.secret), body.clone()).await;
    assert_eq!(revoked.status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(&revoked), "revoked token");
    assert_eq!(stored_docs(&app).await, 0, "a refused push imported");
    assert_eq!(
        app::backend::version::current(&app.db).await.unwrap(),
        version
    );

    // A body that is not a push: 400 in the reader's words, nothing saved.
    let junk = push(&app, Some(&made.secret), "documents: R-1").await;
    assert_eq!(junk.status, StatusCode::BAD_REQUEST);
    assert!(
        error_of(&junk).contains("expected value"),
        "{}",
        error_of(&junk)
    );
    let shape = push(&app, Some(&made.secret), r#"{"documents":[{"amout":"1"}]}"#).await;
    assert_eq!(shape.status, StatusCode::BAD_REQUEST);
    assert!(
        error_of(&shape).contains("unknown field `amout`"),
        "{}",
        error_of(&shape)
    );

    // No session cookie, no same-origin headers: the token is enough. The
    // access log saw it (its request id comes back).
    let raw = push(&app, Some(&made.secret), body.clone()).await;
    assert!(raw.headers.contains_key("x-request-id"));
    let report = report_of(&raw);
    assert_eq!(
        (report.rows, report.created, report.failed),
        (4, 2, 2),
        "{report:?}"
    );
    let problems: Vec<(u64, &RowProblem)> = report
        .problems
        .iter()
        .map(|p| (p.line, &p.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            (
                3,
                &RowProblem::UnknownClient {
                    value: REG_UNKNOWN.into()
                }
            ),
            (
                4,
                &RowProblem::BadDate {
                    column: Column::Date,
                    value: "02.11.2026".into()
                }
            ),
        ]
    );
    // The card's manager pulls them; the source is the token's name.
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let pulled: Vec<_> = phone
        .store()
        .all(tables::MONEY_DOC)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::MoneyDoc { doc } => Some(*doc),
            _ => None,
        })
        .collect();
    assert_eq!(pulled.len(), 2);
    assert!(pulled.iter().all(|d| d.fields.client_id == card.id));
    let mut res = app
        .db
        .query("SELECT VALUE source FROM money_doc")
        .await
        .unwrap();
    let sources: Vec<String> = res.take(0).unwrap();
    assert_eq!(sources, vec!["Horizon", "Horizon"]);
    let listed = api_tokens::list(&app.db).await.unwrap();
    assert_eq!(listed.len(), 1, "the revoked token is not listed");
    assert!(listed[0].last_used_at.is_some());

    // The same push again changes nothing: no new version.
    let version = app::backend::version::current(&app.db).await.unwrap();
    let again = report_of(&push(&app, Some(&made.secret), body.clone()).await);
    assert_eq!(
        (again.created, again.updated, again.unchanged, again.failed),
        (0, 0, 2, 2)
    );
    assert_eq!(
        app::backend::version::current(&app.db).await.unwrap(),
        version
    );

    // Accounting corrected R-1 (a JSON number this time): updated, and
    // audited under the token.
    let changed = report_of(
        &push(
            &app,
            Some(&made.secret),
            documents(serde_json::json!(1100.5)),
        )
        .await,
    );
    assert_eq!(
        (changed.created, changed.updated, changed.unchanged),
        (0, 1, 1)
    );
    assert!(app::backend::version::current(&app.db).await.unwrap() > version);
    let actor = format!("api_token:{}", made.id);
    let history = app::backend::audit::history(&app.db, "invoice-R-1")
        .await
        .unwrap();
    let update = history
        .iter()
        .find(|e| e.action == "money_doc.update")
        .expect("the changed amount is audited");
    assert_eq!(update.actor_id, actor);
    let changes = update.changes.to_string();
    assert!(
        changes.contains("1000") && changes.contains("1100.5"),
        "{changes}"
    );
    let imports = app::backend::audit::history(&app.db, "Horizon")
        .await
        .unwrap();
    assert_eq!(imports.len(), 3, "one entry per push");
    assert!(
        imports
            .iter()
            .all(|e| e.action == "money_doc.import" && e.actor_id == actor)
    );
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let r1 = phone
        .store()
        .all(tables::MONEY_DOC)
        .await
        .unwrap()
        .into_iter()
        .find_map(|r| match r {
            Row::MoneyDoc { doc } if doc.id == "invoice-R-1" => Some(doc.fields.amount),
            _ => None,
        });
    assert_eq!(r1, Some("1100.5".parse::<Decimal>().unwrap()));

    // Revoked now: the next push is refused.
    api_tokens::revoke(&app.db, "admin", &made.id, None)
        .await
        .unwrap();
    let after = push(&app, Some(&made.secret), body).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(&after), "revoked token");
}

#[tokio::test]
async fn a_push_too_large_is_refused_whole() {
    let app = TestApp::new().await;
    let made = api_tokens::create(&app.db, "admin", "Horizon", None)
        .await
        .unwrap();
    let mut many = String::from(r#"{"documents":["#);
    for i in 0..=app::backend::money_import::push::MAX_DOCUMENTS {
        if i > 0 {
            many.push(',');
        }
        many.push_str("{}");
    }
    many.push_str("]}");
    let raw = push(&app, Some(&made.secret), many).await;
    assert_eq!(raw.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        error_of(&raw).starts_with("too many documents: at most 100000"),
        "{}",
        error_of(&raw)
    );
    let huge = vec![b' '; server::http::accounting_push::LIMIT + 1];
    let raw = push(&app, Some(&made.secret), huge).await;
    assert_eq!(raw.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(error_of(&raw).contains("32 MB"), "{}", error_of(&raw));
    assert_eq!(stored_docs(&app).await, 0);
}

#[tokio::test]
async fn guessing_tokens_is_throttled() {
    let app = TestApp::new().await;
    let wrong = format!("kt_{}", "1".repeat(64));
    let free = app::backend::throttle::FREE_FAILURES_ADDRESS as usize;
    let mut answers = Vec::new();
    for _ in 0..free + 5 {
        answers.push(push(&app, Some(&wrong), "{}").await);
    }
    assert!(
        answers[..free]
            .iter()
            .all(|r| r.status == StatusCode::UNAUTHORIZED)
    );
    // Then the address waits (1 s, 2 s, 4 s … after each further guess).
    let waiting: Vec<&Raw> = answers[free..]
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert!(!waiting.is_empty(), "guessing was not slowed down");
    assert!(
        waiting
            .iter()
            .all(|r| r.headers.contains_key(header::RETRY_AFTER))
    );
    assert!(error_of(waiting[0]).starts_with("too many failed token attempts"));
    // Nothing to do with the office's sign-ins from the same address.
    let ilze = app.add_user("ilze@firma.lv", Role::Manager).await;
    app.sign_in(ilze).await;
}

#[tokio::test]
async fn the_import_page_makes_lists_and_revokes_tokens() {
    use app::api::ApiError;
    use app::api::money::{CreateApiToken, ListApiTokens, RevokeApiToken};
    let app = TestApp::new().await;
    let admin = app.session("admin@firma.lv", Role::Admin).await;
    let made = app
        .call(
            Some(&admin),
            CreateApiToken {
                name: " Horizon ".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(made.name, "Horizon");
    assert!(made.secret.starts_with("kt_"));
    // Unique among the tokens not revoked.
    assert_eq!(
        app.call(
            Some(&admin),
            CreateApiToken {
                name: "Horizon".into()
            }
        )
        .await
        .unwrap_err(),
        ApiError::Duplicate("name".into())
    );
    let Err(ApiError::Invalid(issues)) = app
        .call(Some(&admin), CreateApiToken { name: " ".into() })
        .await
    else {
        panic!("a token without a name was made");
    };
    assert_eq!(
        issues.at("name"),
        Some(app::domain::validation::Problem::Required)
    );
    // The secret is not stored, only its hash.
    let mut res = app
        .db
        .query("SELECT VALUE hash FROM api_token")
        .await
        .unwrap();
    let hashes: Vec<String> = res.take(0).unwrap();
    assert_eq!(hashes, vec![api_tokens::hash(&made.secret)]);
    let listed = app.call(Some(&admin), ListApiTokens {}).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].id.as_str(), listed[0].last_used_at),
        (made.id.as_str(), None)
    );
    let listed_json = serde_json::to_string(&listed).unwrap();
    assert!(!listed_json.contains(&hashes[0]) && !listed_json.contains(&made.secret));

    app.call(
        Some(&admin),
        RevokeApiToken {
            id: made.id.clone(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        app.call(
            Some(&admin),
            RevokeApiToken {
                id: made.id.clone()
            }
        )
        .await
        .unwrap_err(),
        ApiError::NotFound
    );
    assert!(
        app.call(Some(&admin), ListApiTokens {})
            .await
            .unwrap()
            .is_empty()
    );
    // Its name is free again.
    app.call(
        Some(&admin),
        CreateApiToken {
            name: "Horizon".into(),
        },
    )
    .await
    .unwrap();
    let history = app::backend::audit::history(&app.db, &made.id)
        .await
        .unwrap();
    let mut actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    actions.sort();
    assert_eq!(actions, vec!["api_token.create", "api_token.revoke"]);
    assert!(history.iter().all(|e| e.actor_id == admin.user.id));
}

#[tokio::test]
async fn tokens_are_made_listed_and_revoked_from_the_command_line() {
    use std::process::Command;
    let bin = env!("CARGO_BIN_EXE_kartoteka");
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let run = |args: &[&str]| {
        let out = Command::new(bin)
            .args(["--db", &db, "--log", "error"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, secret, err) = run(&["api-token", "create", "Horizon"]);
    assert!(ok, "{err}");
    let secret = secret.trim().to_string();
    assert!(secret.starts_with("kt_") && secret.len() == 67, "{secret}");
    assert!(err.contains("shown only now"), "{err}");
    let (ok, _, err) = run(&["api-token", "create", "Horizon"]);
    assert!(!ok);
    assert!(err.contains("exists already"), "{err}");

    let (ok, listed, _) = run(&["api-token", "list"]);
    assert!(ok);
    let id = listed.split('\t').next().unwrap().to_string();
    assert!(
        listed.contains("\tHorizon\t") && listed.contains("never used"),
        "{listed}"
    );
    assert!(!listed.contains(&secret));

    let (ok, out, err) = run(&["api-token", "revoke", &id]);
    assert!(ok, "{err}");
    assert!(out.contains("revoked"), "{out}");
    let (ok, _, err) = run(&["api-token", "revoke", &id]);
    assert!(!ok);
    assert!(err.contains("revoked already"), "{err}");
    let (_, listed, _) = run(&["api-token", "list"]);
    assert!(listed.trim().is_empty(), "{listed}");

    let conn = server::db::open(db.as_str()).await.unwrap();
    let history = app::backend::audit::history(&conn, &id).await.unwrap();
    server::db::close(conn, &db).await;
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|e| e.actor_id == "cli"));
}
