//! Signed-in devices: listing and signing out one's own and one's people's,
//! what a signed-out device may still hand in, and a deactivated user's
//! unsent work reaching their head for review instead of being lost.

use crate::common;

use app::api::ApiError;
use app::api::audit::SearchAudit;
use app::api::auth::CurrentUser;
use app::api::review::{ListReview, ReviewDone};
use app::api::sessions::{ListSessions, RevokeSession};
use app::api::sync::{SyncPull, SyncPush};
use app::api::users::SetUserActive;
use app::domain::audit::AuditQuery;
use app::domain::client_input::ClientInput;
use app::domain::user::Role;
use app::sync::hlc::Hlc;
use app::sync::op::{Op, OpKind};
use app::sync::protocol::{AckStatus, PullRequest, PushBatch};
use app::sync::tables;
use chrono::{Duration, Utc};
use common::{Session, TestApp};

/// A card-creating operation stamped `at`, as a device makes it.
fn new_card_op(name: &str, at: chrono::DateTime<Utc>) -> Op {
    let input = ClientInput {
        name: name.into(),
        ..Default::default()
    };
    let fields = serde_json::from_value::<serde_json::Map<String, serde_json::Value>>(
        serde_json::to_value(&input).unwrap(),
    )
    .unwrap()
    .into_iter()
    .chain([("archived".to_string(), serde_json::Value::Bool(false))])
    .collect();
    Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: "telefons".into(),
        seq: 1,
        table: tables::CLIENT.into(),
        record_id: uuid::Uuid::now_v7().to_string(),
        hlc: Hlc {
            millis: at.timestamp_millis() as u64,
            counter: 0,
            device: "telefons".into(),
        },
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
                device_id: "telefons".into(),
                ops,
                after: None,
            },
        },
    )
    .await
    .map(|acks| acks.into_iter().map(|a| a.status).collect())
}

async fn pull(app: &TestApp, s: &Session) -> Result<(), ApiError> {
    app.call(
        Some(s),
        SyncPull {
            request: PullRequest {
                cursor: None,
                limit: 10,
                refetch: Vec::new(),
                count: false,
            },
        },
    )
    .await
    .map(|_| ())
}

#[tokio::test]
async fn a_user_signs_a_lost_phone_out_and_its_unsent_work_goes_to_review() {
    let app = TestApp::new().await;
    let laptop = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let phone = app.sign_in(laptop.user.clone()).await;
    pull(&app, &phone).await.unwrap();
    push(&app, &phone, vec![new_card_op("Pirms", Utc::now())])
        .await
        .unwrap();

    let mine = app
        .call(Some(&laptop), ListSessions { user_id: None })
        .await
        .unwrap();
    assert_eq!(mine.len(), 2);
    assert_eq!(mine.iter().filter(|s| s.current).count(), 1);
    let other = mine.iter().find(|s| !s.current).unwrap();
    assert!(other.last_sync_at.is_some(), "the phone synced");

    // Work stamped before the sign-out, one backdated further, and one whose
    // stamp reads as 1970 if wrapped: the server cannot tell honest work
    // from a stolen phone's, so none of it is applied.
    let before = new_card_op("Bezsaistē pirms", Utc::now() - Duration::minutes(1));
    app.call(
        Some(&laptop),
        RevokeSession {
            id: other.id.clone(),
        },
    )
    .await
    .unwrap();
    let backdated = new_card_op("Atpakaļdatēts", Utc::now() - Duration::days(2));
    let mut wrapped = new_card_op("Apgriezts", Utc::now());
    wrapped.hlc.millis = u64::MAX;
    assert_eq!(pull(&app, &phone).await, Err(ApiError::SignedOut));
    assert_eq!(
        app.call(Some(&phone), CurrentUser {}).await,
        Err(ApiError::SignedOut)
    );
    let acks = push(&app, &phone, vec![before, backdated, wrapped])
        .await
        .unwrap();
    let signed_out = AckStatus::Rejected {
        reason: ApiError::SignedOut,
    };
    assert_eq!(
        acks,
        vec![signed_out.clone(), signed_out.clone(), signed_out]
    );
    let names: Vec<String> = {
        let mut res = app.db.query("SELECT VALUE name FROM client").await.unwrap();
        res.take(0).unwrap()
    };
    assert_eq!(
        names,
        vec!["Pirms".to_string()],
        "nothing after the sign-out landed"
    );
    // Kept for her head to look at, not lost.
    let items = app.call(Some(&head), ListReview {}).await.unwrap();
    let mut handed: Vec<String> = items
        .iter()
        .map(|i| i.fields["name"].as_str().unwrap_or_default().to_string())
        .collect();
    handed.sort();
    assert_eq!(handed, ["Apgriezts", "Atpakaļdatēts", "Bezsaistē pirms"]);
    let left = app
        .call(Some(&laptop), ListSessions { user_id: None })
        .await
        .unwrap();
    assert_eq!(left.len(), 1, "the signed-out phone is gone from the list");
}

#[tokio::test]
async fn heads_and_admins_sign_out_their_peoples_devices_and_nobody_elses() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let other_head = app
        .session_in("liepajas.vaditaja@firma.lv", Role::Head, Some("Liepāja"))
        .await;
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    let hers = Some(ilze.user.id.clone());

    for s in [&janis, &other_head] {
        assert_eq!(
            app.call(
                Some(s),
                ListSessions {
                    user_id: hers.clone()
                }
            )
            .await
            .map(|_| ()),
            Err(ApiError::Forbidden)
        );
    }
    assert_eq!(
        app.call(
            Some(&admin),
            ListSessions {
                user_id: hers.clone()
            }
        )
        .await
        .unwrap()
        .len(),
        1
    );
    let listed = app
        .call(
            Some(&head),
            ListSessions {
                user_id: hers.clone(),
            },
        )
        .await
        .unwrap();
    assert!(!listed[0].current, "the head's own session is not hers");
    assert_eq!(
        app.call(
            Some(&other_head),
            RevokeSession {
                id: listed[0].id.clone()
            }
        )
        .await,
        Err(ApiError::NotFound)
    );
    app.call(
        Some(&head),
        RevokeSession {
            id: listed[0].id.clone(),
        },
    )
    .await
    .unwrap();
    assert_eq!(pull(&app, &ilze).await, Err(ApiError::SignedOut));
    let audit = app
        .call(
            Some(&head),
            SearchAudit {
                query: AuditQuery {
                    user_id: Some(head.user.id.clone()),
                    from: Utc::now() - Duration::hours(1),
                    to: Utc::now() + Duration::hours(1),
                },
            },
        )
        .await
        .unwrap();
    assert!(audit.iter().any(|e| e.action == "session.revoke"));
}

#[tokio::test]
async fn a_deactivated_users_unsent_work_goes_to_their_head() {
    let app = TestApp::new().await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let other_head = app
        .session_in("liepajas.vaditaja@firma.lv", Role::Head, Some("Liepāja"))
        .await;
    let admin = app.session_in("admin@firma.lv", Role::Admin, None).await;
    pull(&app, &ilze).await.unwrap();

    app.call(
        Some(&admin),
        SetUserActive {
            id: ilze.user.id.clone(),
            active: false,
        },
    )
    .await
    .unwrap();
    assert_eq!(pull(&app, &ilze).await, Err(ApiError::SignedOut));
    let op = new_card_op("Neaizsūtītais klients", Utc::now() - Duration::minutes(3));
    let acks = push(&app, &ilze, vec![op.clone()]).await.unwrap();
    assert_eq!(
        acks,
        vec![AckStatus::Rejected {
            reason: ApiError::SignedOut
        }]
    );
    // Handed in twice (the answer was lost): kept once.
    push(&app, &ilze, vec![op.clone()]).await.unwrap();

    assert!(
        app.call(Some(&other_head), ListReview {})
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        app.call(Some(&ilze), ListReview {}).await.map(|_| ()),
        Err(ApiError::SignedOut)
    );
    let items = app.call(Some(&head), ListReview {}).await.unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].user_id, ilze.user.id);
    assert_eq!(items[0].table, tables::CLIENT);
    assert_eq!(items[0].fields["name"], "Neaizsūtītais klients");
    assert_eq!(
        app.call(
            Some(&other_head),
            ReviewDone {
                id: items[0].id.clone()
            }
        )
        .await,
        Err(ApiError::NotFound)
    );
    app.call(
        Some(&head),
        ReviewDone {
            id: items[0].id.clone(),
        },
    )
    .await
    .unwrap();
    assert!(
        app.call(Some(&head), ListReview {})
            .await
            .unwrap()
            .is_empty()
    );
}
