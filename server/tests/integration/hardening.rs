//! The holes a security review found, each probed through the real router
//! the way an attacker (or a confused device) would: forged stamps, huge
//! searches, parallel password guesses, a deputy giving cards to
//! themselves, junk fields, refused pushes, late work after a cover, the
//! review list, restores, sessions, cross-site requests, error bodies,
//! registration-number probes, large pulls and body limits.

use crate::common;

use app::api::ApiError;
use app::api::audit::CardHistory;
use app::api::auth::{CurrentUser, SignIn};
use app::api::clients::{CreateClient, ExportClients, GetClient, ListClients, UpdateClient};
use app::api::covers::{CreateCover, EndCover};
use app::api::review::ListReview;
use app::api::sync::{SyncPull, SyncPush};
use app::api::users::SetUserActive;
use app::domain::client::ClientQuery;
use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::cover::CoverInput;
use app::domain::user::Role;
use app::domain::validation::Problem;
use app::sync::hlc::Hlc;
use app::sync::op::{Op, OpKind};
use app::sync::protocol::{AckStatus, PullAnswer, PullRequest, PushBatch, RecordKey, Row};
use app::sync::tables;
use axum::body::Body;
use chrono::{Duration, Utc};
use common::{Session, TestApp, call_op};
use http::{Request, StatusCode, header};
use leptos::server_fn::ServerFn;
use std::sync::Arc;

fn card(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        city: "Smiltene".into(),
        price_type: "Vairumcena B".into(),
        payment_terms_days: "30".into(),
        credit_limit: "5000".into(),
        contacts: vec![ContactInput {
            name: "Anna Ozola".into(),
            phones: vec!["29 123 456".into()],
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn stamp(at: chrono::DateTime<Utc>, device: &str) -> Hlc {
    Hlc {
        millis: at.timestamp_millis() as u64,
        counter: 0,
        device: device.into(),
    }
}

/// A card operation setting `fields`, stamped `hlc`.
fn patch(record: &str, hlc: Hlc, fields: serde_json::Value) -> Op {
    let fields = fields
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: hlc.device.clone(),
        seq: 1,
        table: tables::CLIENT.into(),
        record_id: record.into(),
        hlc,
        kind: OpKind::Patch {
            fields,
            base: Default::default(),
        },
    }
}

async fn push(app: &TestApp, s: &Session, ops: Vec<Op>) -> Result<Vec<AckStatus>, ApiError> {
    app.call(
        Some(s),
        SyncPush {
            batch: PushBatch {
                device_id: "probe".into(),
                ops,
                after: None,
            },
        },
    )
    .await
    .map(|acks| acks.into_iter().map(|a| a.status).collect())
}

async fn counter(app: &TestApp) -> i64 {
    let mut res = app
        .db
        .query("SELECT VALUE value FROM ONLY counter:clients")
        .await
        .unwrap();
    let v: Option<i64> = res.take(0).unwrap();
    v.unwrap_or(0)
}

async fn pull_page(
    app: &TestApp,
    s: &Session,
    cursor: Option<app::sync::protocol::Cursor>,
    limit: u32,
    refetch: Vec<RecordKey>,
) -> Result<PullAnswer, ApiError> {
    app.call(
        Some(s),
        SyncPull {
            request: PullRequest {
                cursor,
                limit,
                refetch,
                count: false,
            },
        },
    )
    .await
}

fn invalid_at(r: &Result<Vec<AckStatus>, ApiError>, path: &str) -> bool {
    matches!(r, Ok(acks) if matches!(&acks[0],
        AckStatus::Rejected { reason: ApiError::Invalid(i) } if i.at(path).is_some()))
}

#[tokio::test]
async fn stamps_that_cannot_be_real_are_refused_and_an_exhausted_counter_does_not_kill_an_edit() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    // u64::MAX milliseconds: refused, not wrapped to 1970 nor clamped to now.
    let mut far = stamp(Utc::now(), "probe");
    far.millis = u64::MAX;
    let r = push(
        &app,
        &ilze,
        vec![patch(&c.id, far, serde_json::json!({"city": "Cēsis"}))],
    )
    .await;
    assert!(invalid_at(&r, "hlc"), "{r:?}");
    // Before 2020: refused too.
    let r = push(
        &app,
        &ilze,
        vec![patch(
            &c.id,
            stamp(Utc::now(), "probe").with_millis(1000),
            serde_json::json!({"city": "Cēsis"}),
        )],
    )
    .await;
    assert!(invalid_at(&r, "hlc"), "{r:?}");
    // A plausible stamp with the counter at its top; then the web form.
    let mut top = stamp(Utc::now(), "probe");
    top.counter = u32::MAX;
    let r = push(
        &app,
        &ilze,
        vec![patch(&c.id, top, serde_json::json!({"city": "Valka"}))],
    )
    .await;
    assert_eq!(r, Ok(vec![AckStatus::Applied]));
    let mut input = ClientInput::from_card(&c);
    input.city = "Rūjiena".into();
    let updated = app
        .call(
            Some(&ilze),
            UpdateClient {
                id: c.id.clone(),
                input,
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.fields.city.as_deref(), Some("Rūjiena"));
}

trait WithMillis {
    fn with_millis(self, millis: u64) -> Self;
}

impl WithMillis for Hlc {
    fn with_millis(mut self, millis: u64) -> Hlc {
        self.millis = millis;
        self
    }
}

#[tokio::test]
async fn a_huge_search_is_refused_before_any_work() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let words: Vec<String> = (0..40_000).map(|i| format!("w{i}")).collect();
    let query = |text: &str| ClientQuery {
        text: text.to_string(),
        ..Default::default()
    };
    for text in [words.join(" "), "a".repeat(201), words[..17].join(" ")] {
        for r in [
            app.call(
                Some(&ilze),
                ListClients {
                    query: query(&text),
                },
            )
            .await
            .map(|_| ()),
            app.call(
                Some(&head),
                ExportClients {
                    query: query(&text),
                    lang: app::domain::user::Language::Lv,
                },
            )
            .await
            .map(|_| ()),
        ] {
            let Err(ApiError::Invalid(issues)) = r else {
                panic!("expected a refusal, got {r:?}");
            };
            assert!(issues.at("text").is_some(), "{issues:?}");
        }
    }
    // An ordinary search still works.
    let ordinary = query("SIA Rīgas Piens 2912");
    assert!(
        app.call(Some(&ilze), ListClients { query: ordinary })
            .await
            .is_ok()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_cannot_outrun_the_throttle() {
    let app = Arc::new(TestApp::new().await);
    app.add_user("janis@firma.lv", Role::Manager).await;
    let started = std::time::Instant::now();
    let guesses: Vec<_> = (0..100)
        .map(|i| {
            let app = app.clone();
            tokio::spawn(async move {
                app.call(
                    None,
                    SignIn {
                        email: "janis@firma.lv".into(),
                        password: format!("minējums-{i}"),
                    },
                )
                .await
            })
        })
        .collect();
    let mut checked = 0;
    let mut throttled = 0;
    for g in guesses {
        match g.await.unwrap() {
            Err(ApiError::BadCredentials) => checked += 1,
            Err(ApiError::Throttled { .. }) => throttled += 1,
            other => panic!("a guess answered {other:?}"),
        }
    }
    // The free allowance, and after the first wait (1 s) at most one more
    // per second the burst lasted.
    let free = app::backend::throttle::FREE_FAILURES_ACCOUNT;
    let extra = started.elapsed().as_secs() as i64;
    assert!(
        (free..=free + extra).contains(&checked),
        "{checked} guesses reached the password check in {extra} s"
    );
    assert_eq!(throttled, 100 - checked);
    assert!(app::backend::password::peak() <= app::backend::password::limit());
}

#[tokio::test]
async fn an_inactive_account_costs_a_password_check_like_any_other() {
    let app = TestApp::new().await;
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    let gone = app.add_user("aizgajis@firma.lv", Role::Manager).await;
    app.call(
        Some(&admin),
        SetUserActive {
            id: gone.id.clone(),
            active: false,
        },
    )
    .await
    .unwrap();
    let before = app::backend::password::computed();
    let r = app
        .call(
            None,
            SignIn {
                email: gone.email.clone(),
                password: common::PASSWORD.into(),
            },
        )
        .await;
    assert_eq!(r.map(|_| ()), Err(ApiError::BadCredentials));
    assert!(
        app::backend::password::computed() > before,
        "the password was checked, so the answer takes as long as a wrong one"
    );
}

#[tokio::test]
async fn a_head_covering_another_department_cannot_take_its_cards() {
    let app = Arc::new(TestApp::new().await);
    let owner = app
        .session_in("peteris@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    let their_head = app
        .session_in("liepajas.vaditaja@firma.lv", Role::Head, Some("Liepāja"))
        .await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let c = app
        .call(
            Some(&owner),
            CreateClient {
                input: card("Liepājas Zivis"),
            },
        )
        .await
        .unwrap();
    app.call(
        Some(&their_head),
        CreateCover {
            input: CoverInput {
                owner_id: owner.user.id.clone(),
                deputy_id: head.user.id.clone(),
                starts: Utc::now(),
                ends: Utc::now() + Duration::days(3),
                clients: Vec::new(),
                note: String::new(),
            },
        },
    )
    .await
    .unwrap();
    // The deputy may work the card, not make it theirs: by form or by push.
    let mut input = ClientInput::from_card(&c);
    input.owner_id = Some(head.user.id.clone());
    assert_eq!(
        app.call(
            Some(&head),
            UpdateClient {
                id: c.id.clone(),
                input
            }
        )
        .await
        .map(|_| ()),
        Err(ApiError::Forbidden)
    );
    let r = push(
        &app,
        &head,
        vec![patch(
            &c.id,
            stamp(Utc::now(), "probe"),
            serde_json::json!({ "owner_id": head.user.id }),
        )],
    )
    .await;
    assert_eq!(
        r,
        Ok(vec![AckStatus::Rejected {
            reason: ApiError::Forbidden
        }])
    );
    let still = app
        .call(Some(&owner), GetClient { id: c.id.clone() })
        .await
        .unwrap();
    assert_eq!(still.owner_id, owner.user.id);
    // Editing as a deputy still works.
    let mut input = ClientInput::from_card(&c);
    input.city = "Grobiņa".into();
    assert!(
        app.call(
            Some(&head),
            UpdateClient {
                id: c.id.clone(),
                input
            }
        )
        .await
        .is_ok()
    );
}

#[tokio::test]
async fn only_declared_fields_with_valid_values_are_stored_and_replicated() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    let old = stamp(Utc::now() - Duration::days(1), "probe");
    let now = stamp(Utc::now(), "probe");
    let huge = "x".repeat(500_000);
    let junk = [
        // An unknown field, a script for a name, a huge name.
        patch(&c.id, now.clone(), serde_json::json!({ "bonus": 1 })),
        patch(
            &c.id,
            now.clone(),
            serde_json::json!({ "<script>alert(1)</script>": "x" }),
        ),
        patch(&c.id, now.clone(), serde_json::json!({ huge.clone(): "x" })),
        // A value of the wrong shape, and one too long, both losing to the
        // stored value (they would be kept as conflicts).
        patch(
            &c.id,
            old.clone(),
            serde_json::json!({ "tags": { "a": [1, 2] } }),
        ),
        patch(&c.id, old, serde_json::json!({ "city": huge })),
    ];
    let acks = push(&app, &ilze, junk.to_vec()).await.unwrap();
    assert!(
        acks.iter().all(|a| matches!(
            a,
            AckStatus::Rejected {
                reason: ApiError::Invalid(_)
            }
        )),
        "{acks:?}"
    );
    // Nothing of it in the pull (values, clocks, conflicts) nor the audit.
    let page = pull_page(&app, &head, None, 2000, Vec::new())
        .await
        .unwrap();
    let text = serde_json::to_string(&page).unwrap();
    assert!(text.len() < 100_000, "the pull is {} bytes", text.len());
    for needle in ["bonus", "script", "xxxxxxxxxx"] {
        assert!(!text.contains(needle), "{needle} reached the pull");
    }
    let history = app
        .call(
            Some(&head),
            CardHistory {
                client_id: c.id.clone(),
            },
        )
        .await
        .unwrap();
    let audit = serde_json::to_string(&history).unwrap();
    assert!(
        !audit.contains("script") && !audit.contains("bonus"),
        "{audit}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn refused_pushes_leave_the_counter_alone_and_contention_is_no_error() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    let stranger = app
        .session_in("peteris@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    let before = counter(&app).await;
    let ops: Vec<Op> = (0..50).map(|_| call_op(&c.id, Utc::now())).collect();
    let acks = push(&app, &stranger, ops).await.unwrap();
    assert!(acks.iter().all(|a| matches!(a, AckStatus::Rejected { .. })));
    assert_eq!(
        counter(&app).await,
        before,
        "a refused-only push wrote the counter"
    );

    // Many honest pushes at once, while a stranger floods refused ones:
    // every honest push succeeds, none is an error.
    let mut tasks = Vec::new();
    for i in 0..8 {
        let app = app.clone();
        let me = app.session(&format!("m{i}@firma.lv"), Role::Manager).await;
        let mine = app
            .call(
                Some(&me),
                CreateClient {
                    input: card(&format!("Klients {i}")),
                },
            )
            .await
            .unwrap();
        tasks.push(tokio::spawn(async move {
            let ops: Vec<Op> = (0..200).map(|_| call_op(&mine.id, Utc::now())).collect();
            push(&app, &me, ops).await
        }));
    }
    for _ in 0..8 {
        let app = app.clone();
        let stranger = stranger.clone();
        let id = c.id.clone();
        tasks.push(tokio::spawn(async move {
            let ops: Vec<Op> = (0..100).map(|_| call_op(&id, Utc::now())).collect();
            push(&app, &stranger, ops).await
        }));
    }
    for t in tasks {
        let acks = t.await.unwrap().expect("no push failed");
        assert!(acks.iter().all(|a| !matches!(a, AckStatus::Duplicate)));
    }
    let mut res = app
        .db
        .query("RETURN count(SELECT id FROM call_log)")
        .await
        .unwrap();
    let calls: Option<i64> = res.take(0).unwrap();
    assert_eq!(calls, Some(8 * 200));
}

#[tokio::test]
async fn late_work_needs_a_cover_that_ended_on_time_and_a_device_seen_during_it() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    // A cover dated a week back starts when it is made.
    let cover = app
        .call(
            Some(&ilze),
            CreateCover {
                input: CoverInput {
                    owner_id: ilze.user.id.clone(),
                    deputy_id: janis.user.id.clone(),
                    starts: Utc::now() - Duration::days(7),
                    ends: Utc::now() + Duration::days(2),
                    clients: Vec::new(),
                    note: String::new(),
                },
            },
        )
        .await
        .unwrap();
    assert!(
        cover.starts > Utc::now() - Duration::minutes(1),
        "{:?}",
        cover.starts
    );
    let r = push(
        &app,
        &janis,
        vec![call_op(&c.id, Utc::now() - Duration::days(3))],
    )
    .await;
    assert_eq!(
        r,
        Ok(vec![AckStatus::Rejected {
            reason: ApiError::NotFound
        }]),
        "work stamped before the cover was made"
    );
    // Ilze ends it early; work stamped during it arrives a minute later.
    let during = Utc::now();
    app.call(
        Some(&ilze),
        EndCover {
            id: cover.id.clone(),
        },
    )
    .await
    .unwrap();
    app.clock.shift(Duration::minutes(1));
    let r = push(&app, &janis, vec![call_op(&c.id, during)]).await;
    assert_eq!(
        r,
        Ok(vec![AckStatus::Rejected {
            reason: ApiError::NotFound
        }]),
        "no late delivery after an early end"
    );

    // A cover that ends on time: late work arrives from the device that
    // was signed in during it, not from one signed in afterwards.
    let cover = app
        .call(
            Some(&ilze),
            CreateCover {
                input: CoverInput {
                    owner_id: ilze.user.id.clone(),
                    deputy_id: janis.user.id.clone(),
                    starts: Utc::now(),
                    ends: app.clock.now() + Duration::hours(1),
                    clients: Vec::new(),
                    note: String::new(),
                },
            },
        )
        .await
        .unwrap();
    let during = app.clock.now() + Duration::minutes(30);
    app.clock.shift(Duration::hours(2));
    let new_phone = app.sign_in(janis.user.clone()).await;
    let r = push(&app, &new_phone, vec![call_op(&c.id, during)]).await;
    assert_eq!(
        r,
        Ok(vec![AckStatus::Rejected {
            reason: ApiError::NotFound
        }]),
        "a device first seen after the cover cannot have worked during it"
    );
    let r = push(&app, &janis, vec![call_op(&c.id, during)]).await;
    assert_eq!(
        r,
        Ok(vec![AckStatus::Applied]),
        "the device of the cover delivers late"
    );
    let _ = cover;
}

#[tokio::test]
async fn the_review_list_shows_values_only_of_clients_the_reviewer_works() {
    let app = Arc::new(TestApp::new().await);
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let elsewhere = app
        .session_in("peteris@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    let their_head = app
        .session_in("liepajas.vaditaja@firma.lv", Role::Head, Some("Liepāja"))
        .await;
    let theirs = app
        .call(
            Some(&elsewhere),
            CreateClient {
                input: card("Liepājas Zivis"),
            },
        )
        .await
        .unwrap();
    // Ilze covered the Liepāja card; her device holds an edit of its terms.
    app.call(
        Some(&their_head),
        CreateCover {
            input: CoverInput {
                owner_id: elsewhere.user.id.clone(),
                deputy_id: ilze.user.id.clone(),
                starts: Utc::now(),
                ends: Utc::now() + Duration::days(3),
                clients: Vec::new(),
                note: String::new(),
            },
        },
    )
    .await
    .unwrap();
    app.call(
        Some(&admin),
        SetUserActive {
            id: ilze.user.id.clone(),
            active: false,
        },
    )
    .await
    .unwrap();
    let secret = patch(
        &theirs.id,
        stamp(Utc::now(), "probe"),
        serde_json::json!({ "credit_limit": "987654" }),
    );
    let own = patch(
        &uuid::Uuid::now_v7().to_string(),
        stamp(Utc::now(), "probe"),
        serde_json::json!({ "name": "Jauns klients", "archived": false }),
    );
    push(&app, &ilze, vec![secret.clone(), own]).await.unwrap();
    let items = app.call(Some(&head), ListReview {}).await.unwrap();
    assert_eq!(items.len(), 2);
    let text = serde_json::to_string(&items).unwrap();
    assert!(
        !text.contains("987654"),
        "another department's terms: {text}"
    );
    assert!(
        text.contains("Jauns klients"),
        "her own new card is shown: {text}"
    );

    // Handed in again under another user's name: a separate item, never an
    // overwrite of hers.
    let other = app.session("m2@firma.lv", Role::Manager).await;
    app.call(
        Some(&admin),
        SetUserActive {
            id: other.user.id.clone(),
            active: false,
        },
    )
    .await
    .unwrap();
    let mut forged = secret.clone();
    forged.kind = OpKind::Patch {
        fields: [("name".to_string(), serde_json::json!("pārrakstīts"))].into(),
        base: Default::default(),
    };
    push(&app, &other, vec![forged]).await.unwrap();
    let items = app.call(Some(&head), ListReview {}).await.unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items.iter().filter(|i| i.user_id == ilze.user.id).count(),
        2,
        "hers are untouched"
    );
}

#[tokio::test]
async fn a_deactivated_device_can_hand_in_only_so_much() {
    let app = TestApp::new().await;
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    app.call(
        Some(&admin),
        SetUserActive {
            id: ilze.user.id.clone(),
            active: false,
        },
    )
    .await
    .unwrap();
    let max = app::backend::review::MAX_OPEN_PER_USER as usize;
    let mut sent = 0;
    while sent < max + 500 {
        let ops: Vec<Op> = (0..500)
            .map(|i| {
                patch(
                    &uuid::Uuid::now_v7().to_string(),
                    stamp(Utc::now(), "probe"),
                    serde_json::json!({ "name": format!("K{i}") }),
                )
            })
            .collect();
        let acks = push(&app, &ilze, ops).await.unwrap();
        assert!(acks.iter().all(|a| *a
            == AckStatus::Rejected {
                reason: ApiError::SignedOut
            }));
        sent += 500;
    }
    let mut res = app
        .db
        .query("RETURN count(SELECT id FROM review WHERE user = $u)")
        .bind(("u", ilze.user.id.clone()))
        .await
        .unwrap();
    let kept: Option<i64> = res.take(0).unwrap();
    assert_eq!(kept, Some(max as i64));
}

/// An embedded store at `url` holding one real user, closed again.
async fn store_with_a_user(url: &str) {
    let db = server::db::open(url).await.unwrap();
    app::backend::users::create(
        &db,
        &app::domain::user::NewUser {
            email: "ilze@firma.lv".into(),
            name: "Ilze".into(),
            role: Role::Manager,
            department: None,
            language: app::domain::user::Language::Lv,
            password: common::PASSWORD.into(),
            admin: false,
        },
    )
    .await
    .unwrap();
    server::db::close(db, url).await;
}

#[tokio::test]
async fn a_restored_database_is_a_new_one_to_every_device() {
    let dir = tempfile::tempdir().unwrap();
    let original = format!("surrealkv://{}", dir.path().join("a").display());
    let restored = format!("surrealkv://{}", dir.path().join("b").display());
    let file = dir.path().join("backup.surql");
    store_with_a_user(&original).await;
    let epoch_of = |url: String| async move {
        let db = server::db::open(&url).await.unwrap();
        let e = app::backend::version::epoch(&db).await.unwrap();
        let mut res = db.query("SELECT VALUE email FROM user").await.unwrap();
        let emails: Vec<String> = res.take(0).unwrap();
        server::db::close(db, &url).await;
        (e, emails)
    };
    let (before, _) = epoch_of(original.clone()).await;
    server::backup::backup(&original, &file).await.unwrap();
    server::backup::restore(&restored, &file).await.unwrap();
    let (after, emails) = epoch_of(restored.clone()).await;
    assert_eq!(
        emails,
        vec!["ilze@firma.lv".to_string()],
        "the data came back"
    );
    assert_ne!(
        before, after,
        "a device's cursor of the old database resets"
    );
    // Not into a database that holds anything.
    let again = server::backup::restore(&restored, &file).await;
    assert!(format!("{:#}", again.unwrap_err()).contains("not empty"));
}

#[tokio::test]
async fn a_schema_newer_than_the_binary_is_refused() {
    let db = server::db::open("mem://").await.unwrap();
    db.query("CREATE migration CONTENT { version: 999, name: 'future', applied_at: time::now() }")
        .await
        .unwrap()
        .check()
        .unwrap();
    let err = server::db::migrate(&db).await.unwrap_err();
    assert!(format!("{err:#}").contains("newer"), "{err:#}");
}

async fn with_peer(app: &TestApp, mut req: Request<Body>, peer: &str) -> common::Raw {
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo::<std::net::SocketAddr>(
            peer.parse().unwrap(),
        ));
    app.send(req).await
}

fn sign_in_request(email: &str, extra: &[(&str, &str)]) -> Request<Body> {
    let mut req = Request::post(SignIn::PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "crm.firma.lv");
    for (k, v) in extra {
        req = req.header(*k, *v);
    }
    let body = serde_json::to_vec(&SignIn {
        email: email.into(),
        password: common::PASSWORD.into(),
    })
    .unwrap();
    req.body(Body::from(body)).unwrap()
}

#[tokio::test]
async fn https_through_a_trusted_proxy_makes_cookies_secure_and_sends_hsts() {
    let args = server::config::ServeArgs {
        trusted_proxy: vec!["127.0.0.1".parse().unwrap()],
        ..Default::default()
    };
    let app = TestApp::with_args(&args, &server::http::site::Site::empty()).await;
    app.add_user("ilze@firma.lv", Role::Manager).await;
    let proto = [
        ("x-forwarded-proto", "https"),
        ("x-forwarded-for", "203.0.113.7"),
    ];
    let raw = with_peer(
        &app,
        sign_in_request("ilze@firma.lv", &proto),
        "127.0.0.1:5000",
    )
    .await;
    assert_eq!(raw.status, StatusCode::OK);
    let cookie = raw.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(raw.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    // The proxy's client is who signed in.
    let mut res = app
        .db
        .query("SELECT VALUE ip FROM session ORDER BY created_at DESC LIMIT 1")
        .await
        .unwrap();
    let ips: Vec<Option<String>> = res.take(0).unwrap();
    assert_eq!(ips, vec![Some("203.0.113.7".to_string())]);
    // The same headers from anyone else are the client's own words.
    let raw = with_peer(
        &app,
        sign_in_request("ilze@firma.lv", &proto),
        "198.51.100.9:5000",
    )
    .await;
    assert_eq!(raw.status, StatusCode::OK);
    let cookie = raw.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(!cookie.contains("Secure"), "{cookie}");
    assert!(!raw.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
}

#[tokio::test]
async fn a_session_left_unused_ends_before_its_lifetime() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    assert!(
        app.call(Some(&ilze), CurrentUser {})
            .await
            .unwrap()
            .is_some()
    );
    app.db
        .query("UPDATE session SET last_seen_at = time::now() - 8d")
        .await
        .unwrap()
        .check()
        .unwrap();
    assert_eq!(app.call(Some(&ilze), CurrentUser {}).await, Ok(None));
}

#[tokio::test]
async fn cross_site_and_non_json_requests_are_refused_before_the_function() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let create = |content_type: &str, origin: Option<&str>| {
        let mut req = Request::post(CreateClient::PATH)
            .header(header::CONTENT_TYPE, content_type)
            .header(header::HOST, "crm.firma.lv")
            .header(header::COOKIE, format!("kt_session={}", ilze.cookie));
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        let body = serde_json::to_vec(&CreateClient {
            input: card("Viltots"),
        })
        .unwrap();
        req.body(Body::from(body)).unwrap()
    };
    let raw = app
        .send(create("text/plain", Some("https://evil.example")))
        .await;
    assert_eq!(raw.status, StatusCode::FORBIDDEN);
    let raw = app.send(create("text/plain", None)).await;
    assert_eq!(raw.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let raw = app
        .send(create("application/json", Some("https://evil.example")))
        .await;
    assert_eq!(raw.status, StatusCode::FORBIDDEN);
    // Login CSRF: another site cannot sign this browser in as someone else.
    let raw = app
        .send(sign_in_request(
            "ilze@firma.lv",
            &[("origin", "https://evil.example")],
        ))
        .await;
    assert_eq!(raw.status, StatusCode::FORBIDDEN);
    assert!(!raw.headers.contains_key(header::SET_COOKIE));
    let raw = app
        .send(sign_in_request(
            "ilze@firma.lv",
            &[("sec-fetch-site", "cross-site")],
        ))
        .await;
    assert_eq!(raw.status, StatusCode::FORBIDDEN);
    let mut res = app.db.query("SELECT VALUE name FROM client").await.unwrap();
    let names: Vec<String> = res.take(0).unwrap();
    assert!(names.is_empty(), "nothing was created: {names:?}");
    // The app's own page passes.
    let raw = app
        .send(create("application/json", Some("https://crm.firma.lv")))
        .await;
    assert_eq!(
        raw.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&raw.body)
    );
}

#[tokio::test]
async fn error_bodies_say_what_was_wrong_without_the_servers_insides() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let req = Request::post(GetClient::PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, format!("kt_session={}", ilze.cookie))
        .body(Body::from(r#"{"id":1}"#))
        .unwrap();
    let raw = app.send(req).await;
    assert_eq!(
        raw.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        String::from_utf8_lossy(&raw.body)
    );
    let e: ApiError = serde_json::from_slice(&raw.body).unwrap();
    let ApiError::Invalid(issues) = e else {
        panic!("{e:?}");
    };
    assert_eq!(issues.at("request"), Some(Problem::Malformed));
    let body = String::from_utf8_lossy(&raw.body);
    assert!(
        !body.contains("invalid type"),
        "the decoder's words: {body}"
    );
}

#[tokio::test]
async fn the_test_clock_is_not_in_a_normal_build() {
    let db = server::db::open("mem://").await.unwrap();
    let mut state = server::serve::state(db, &Default::default());
    let mut settings = (*state.settings).clone();
    settings.test_clock = true;
    state.settings = Arc::new(settings);
    let clock = state.clock.clone();
    let router = server::http::router(state, &server::http::site::Site::empty());
    let req = Request::post("/test/clock")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"seconds": 86400}"#))
        .unwrap();
    use tower::ServiceExt;
    let res = router.oneshot(req).await.unwrap();
    assert_ne!(res.status(), StatusCode::OK);
    assert!(
        clock.now() < Utc::now() + Duration::hours(1),
        "the clock did not move"
    );
}

#[tokio::test]
async fn a_registration_number_on_a_card_one_may_not_see_is_not_revealed() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let with_reg = |name: &str| ClientInput {
        reg_no: "40003032949".into(),
        ..card(name)
    };
    let hers = app
        .call(
            Some(&ilze),
            CreateClient {
                input: with_reg("Rīgas Piens"),
            },
        )
        .await
        .unwrap();
    // Ilze herself: the ordinary "already in the card index".
    assert_eq!(
        app.call(
            Some(&ilze),
            CreateClient {
                input: with_reg("Otrs")
            }
        )
        .await
        .map(|_| ()),
        Err(ApiError::Duplicate("reg_no".into()))
    );
    // Jānis: told to ask, not which card; the probe is audited.
    let r = app
        .call(
            Some(&janis),
            CreateClient {
                input: with_reg("Jāņa kopija"),
            },
        )
        .await;
    let Err(ApiError::Invalid(issues)) = r else {
        panic!("{r:?}");
    };
    assert_eq!(issues.at("reg_no"), Some(Problem::TakenElsewhere));
    let text = format!("{issues:?}");
    assert!(
        !text.contains(&hers.id) && !text.contains("Rīgas"),
        "{text}"
    );
    let history = app
        .call(
            Some(&head),
            CardHistory {
                client_id: hers.id.clone(),
            },
        )
        .await
        .unwrap();
    assert!(
        history.iter().any(|e| e.action == "client.reg_no_probe"),
        "{history:?}"
    );
}

#[tokio::test]
async fn one_large_change_is_pulled_in_pages_and_refetches_are_read_at_once() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    // One push of 600 calls: one version.
    let ops: Vec<Op> = (0..600).map(|_| call_op(&c.id, Utc::now())).collect();
    push(&app, &ilze, ops).await.unwrap();
    let mut cursor = None;
    let mut calls = std::collections::HashSet::new();
    let mut pages = 0;
    loop {
        let PullAnswer::Page {
            rows,
            cursor: next,
            more,
            ..
        } = pull_page(&app, &ilze, cursor.clone(), 100, Vec::new())
            .await
            .unwrap()
        else {
            panic!("reset");
        };
        pages += 1;
        assert!(rows.len() <= 100, "a page of {} rows", rows.len());
        for r in rows {
            if let Row::CallLog { call } = r {
                assert!(calls.insert(call.id), "a call sent twice");
            }
        }
        cursor = Some(next);
        if !more {
            break;
        }
        assert!(pages < 50, "the pull does not end");
    }
    assert_eq!(calls.len(), 600);
    assert!(pages >= 6, "{pages} pages");
    // Refetching many records answers them all (and the unknown as gone).
    let mut keys: Vec<RecordKey> = calls
        .iter()
        .map(|id| RecordKey::new(tables::CALL_LOG, id))
        .collect();
    keys.push(RecordKey::new(tables::CLIENT, &c.id));
    keys.push(RecordKey::new(tables::CLIENT, "nav"));
    let PullAnswer::Page { rows, gone, .. } =
        pull_page(&app, &ilze, cursor, 100, keys).await.unwrap()
    else {
        panic!("reset");
    };
    assert_eq!(rows.len(), 601);
    assert_eq!(gone, vec![RecordKey::new(tables::CLIENT, "nav")]);
}

#[tokio::test]
async fn old_sessions_operations_and_throttle_rows_are_purged() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    push(
        &app,
        &ilze,
        vec![patch(
            &c.id,
            stamp(Utc::now(), "probe"),
            serde_json::json!({"city": "Cēsis"}),
        )],
    )
    .await
    .unwrap();
    let _ = app
        .call(
            None,
            SignIn {
                email: "nav@firma.lv".into(),
                password: "x".into(),
            },
        )
        .await;
    let count = |table: &'static str| {
        let db = app.db.clone();
        async move {
            let mut res = db
                .query(format!("RETURN count(SELECT id FROM {table})"))
                .await
                .unwrap();
            let n: Option<i64> = res.take(0).unwrap();
            n.unwrap_or(0)
        }
    };
    assert!(count("sync_op").await > 0);
    assert!(count("login_throttle").await > 0);
    assert!(count("session").await > 0);
    // A day on: nothing is old yet.
    let idle = Duration::days(7);
    app::backend::janitor::purge(&app.db, Utc::now() + Duration::days(1), idle)
        .await
        .unwrap();
    assert!(count("sync_op").await > 0);
    // Long after: the operations' answers, the throttle rows and idle
    // sessions go.
    app.db
        .query("UPDATE session SET last_seen_at = time::now() - 8d")
        .await
        .unwrap()
        .check()
        .unwrap();
    app::backend::janitor::purge(&app.db, Utc::now() + Duration::days(91), idle)
        .await
        .unwrap();
    assert_eq!(count("sync_op").await, 0);
    assert_eq!(count("login_throttle").await, 0);
    assert_eq!(count("session").await, 0);
}

#[tokio::test]
async fn a_manager_names_only_a_colleague_as_deputy() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let stranger = app
        .session_in("peteris@firma.lv", Role::Manager, Some("Liepāja"))
        .await;
    let input = CoverInput {
        owner_id: ilze.user.id.clone(),
        deputy_id: stranger.user.id.clone(),
        starts: Utc::now(),
        ends: Utc::now() + Duration::days(2),
        clients: Vec::new(),
        note: String::new(),
    };
    assert_eq!(
        app.call(Some(&ilze), CreateCover { input })
            .await
            .map(|_| ()),
        Err(ApiError::Forbidden)
    );
}

#[tokio::test]
async fn seeding_refuses_a_database_with_real_users() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    store_with_a_user(&url).await;
    let common = <server::config::Cli as clap::Parser>::parse_from([
        "kartoteka",
        "--db",
        &url,
        "--log",
        "warn",
    ])
    .common;
    let args = server::config::SeedArgs {
        clients: 3,
        managers: 1,
        seed: 1,
        calls: 0,
        follow_ups: 0,
        force: false,
    };
    let err = server::seed::run(&common, &args).await.unwrap_err();
    assert!(format!("{err:#}").contains("--force"), "{err:#}");
    server::seed::run(
        &common,
        &server::config::SeedArgs {
            force: true,
            ..args
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn bodies_are_limited_per_route() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let big = "x".repeat(3 * 1024 * 1024);
    let req = Request::post(CreateClient::PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, format!("kt_session={}", ilze.cookie))
        .body(Body::from(
            serde_json::to_vec(&CreateClient { input: card(&big) }).unwrap(),
        ))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    // A push of the same size is within its larger limit: answered, not refused.
    let c = app
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    let mut ops: Vec<Op> = (0..900).map(|_| call_op(&c.id, Utc::now())).collect();
    for op in &mut ops {
        if let OpKind::Patch { fields, .. } = &mut op.kind {
            fields.insert("note".into(), serde_json::json!("y".repeat(1900)));
        }
    }
    let body = serde_json::to_vec(&SyncPush {
        batch: PushBatch {
            device_id: "probe".into(),
            ops,
            after: None,
        },
    })
    .unwrap();
    assert!(body.len() > 2 * 1024 * 1024, "{} bytes", body.len());
    let req = Request::post(SyncPush::PATH)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, format!("kt_session={}", ilze.cookie))
        .body(Body::from(body))
        .unwrap();
    let raw = app.send(req).await;
    assert_eq!(
        raw.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&raw.body[..200.min(raw.body.len())])
    );
}

#[tokio::test]
async fn an_export_past_its_cap_asks_for_a_narrower_filter() {
    let app = TestApp::new().await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let today = Utc::now().date_naive();
    let cap = app::backend::clients::MAX_EXPORT_ROWS;
    let mut made = 0;
    while made <= cap {
        let batch: Vec<_> = (made..(made + 5000).min(cap + 1))
            .map(|i| {
                ClientInput {
                    name: format!("Klients {i:05}"),
                    ..Default::default()
                }
                .validate(today)
                .unwrap()
            })
            .collect();
        made += batch.len();
        app::backend::clients::import(&app.db, &head.user.id, &head.user.id, &batch)
            .await
            .unwrap();
    }
    let all = ClientQuery::default();
    let r = app
        .call(
            Some(&head),
            ExportClients {
                query: all,
                lang: app::domain::user::Language::Lv,
            },
        )
        .await;
    let Err(ApiError::Invalid(issues)) = r else {
        panic!("{:?}", r.map(|x| x.rows));
    };
    assert_eq!(issues.at("rows"), Some(Problem::TooManyItems { max: cap }));
    // A narrower filter exports.
    let some = ClientQuery {
        text: "Klients 0000".into(),
        ..Default::default()
    };
    let x = app
        .call(
            Some(&head),
            ExportClients {
                query: some,
                lang: app::domain::user::Language::Lv,
            },
        )
        .await
        .unwrap();
    assert_eq!(x.rows, 10);
}

/// Log lines, captured for one test.
#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn failed_sign_ins_and_refused_requests_are_logged() {
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _log = tracing::subscriber::set_default(subscriber);
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let _ = app
        .call(
            None,
            SignIn {
                email: "ilze@firma.lv".into(),
                password: "nepareiza".into(),
            },
        )
        .await;
    let _ = app.call(Some(&ilze), app::api::users::ListUsers {}).await;
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("refused sign-in"), "{text}");
    assert!(text.contains("/api/sign-in"), "{text}");
    assert!(
        text.contains("refused: not allowed for your role") && text.contains("/api/users/list"),
        "{text}"
    );
}

#[tokio::test]
async fn every_request_gets_an_access_line_and_an_id_its_other_lines_share() {
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _log = tracing::subscriber::set_default(subscriber);
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let raw = app.raw(Some(&ilze), app::api::users::ListUsers {}).await;
    assert_eq!(raw.status, StatusCode::FORBIDDEN);
    let id = raw.headers["x-request-id"].to_str().unwrap().to_string();
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| l.contains(&id)).collect();
    let access = lines
        .iter()
        .find(|l| l.contains("kartoteka::access"))
        .unwrap_or_else(|| panic!("no access line for {id}: {text}"));
    for part in [
        "POST",
        "/api/users/list",
        "status=403",
        "ms=",
        &ilze.user.id,
    ] {
        assert!(access.contains(part), "{part} missing: {access}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("refused: not allowed for your role")),
        "the refusal carries the same request id: {text}"
    );
}

#[tokio::test]
async fn metrics_are_off_unless_enabled_and_then_only_for_allowed_peers() {
    let get = |peer: &str| {
        let mut req = Request::get("/metrics").body(Body::empty()).unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo::<std::net::SocketAddr>(
                peer.parse().unwrap(),
            ));
        req
    };
    let off = TestApp::new().await;
    assert_eq!(
        off.send(get("127.0.0.1:4000")).await.status,
        StatusCode::NOT_FOUND
    );

    let args = server::config::ServeArgs {
        metrics: true,
        ..Default::default()
    };
    let on = TestApp::with_args(&args, &server::http::site::Site::empty()).await;
    let ilze = on.session("ilze@firma.lv", Role::Manager).await;
    let c = on
        .call(
            Some(&ilze),
            CreateClient {
                input: card("SIA Koks"),
            },
        )
        .await
        .unwrap();
    push(&on, &ilze, vec![call_op(&c.id, Utc::now())])
        .await
        .unwrap();
    let raw = on.send(get("127.0.0.1:4000")).await;
    assert_eq!(raw.status, StatusCode::OK);
    let text = String::from_utf8_lossy(&raw.body);
    assert!(text.contains("kartoteka_sync_ops_applied_total"), "{text}");
    assert!(
        text.contains("kartoteka_request_duration_seconds_count{route=\"/api/sync/push\"}"),
        "{text}"
    );
    assert_eq!(
        on.send(get("203.0.113.5:4000")).await.status,
        StatusCode::NOT_FOUND
    );
}
