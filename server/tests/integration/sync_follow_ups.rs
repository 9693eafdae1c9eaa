//! Follow-ups through sync: planned offline, merged field by field between a
//! user's devices, kept to the clients their author may see, moved with a
//! reassigned client.

use crate::common;

use app::api::ApiError;
use app::domain::client_input::ClientInput;
use app::domain::follow_up::{FollowUp, FollowUpAction, FollowUpInput};
use app::domain::user::Role;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use chrono::{Duration, DurationRound, Utc};
use common::{TestApp, device, transport};
use std::sync::Arc;

fn card(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        ..Default::default()
    }
}

fn plan(client_id: &str, in_hours: i64) -> FollowUpInput {
    // Whole seconds: what the database keeps is what the device compares.
    let due = (Utc::now() + Duration::hours(in_hours))
        .duration_trunc(Duration::seconds(1))
        .unwrap();
    FollowUpInput {
        client_id: client_id.into(),
        contact_id: None,
        action: FollowUpAction::Call,
        due,
        note: "Zvanīt pēc cenām".into(),
        done_at: None,
        call_id: None,
    }
}

async fn follow_ups(d: &Device<MemoryStore>) -> Vec<FollowUp> {
    d.store()
        .all(tables::FOLLOW_UP)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::FollowUp { follow_up, .. } => Some(follow_up),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_follow_up_done_on_one_device_and_moved_on_another_keeps_both() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let c = phone
        .save_card(None, card("Kurzemes Koks"), false)
        .await
        .unwrap();
    let f = phone.save_follow_up(None, plan(&c.id, 2)).await.unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    let desk = device(&ilze).await;
    desk.sync(&t, |_| {}).await.unwrap();
    let arrived = follow_ups(&desk).await;
    assert_eq!(arrived.len(), 1);
    assert_eq!(
        (&arrived[0].id, &arrived[0].fields, &arrived[0].by),
        (&f.id, &f.fields, &f.by),
        "arrives as planned"
    );

    // Offline on both: the phone marks it done, the desk moves it to tomorrow.
    let done_at = Utc::now().duration_trunc(Duration::seconds(1)).unwrap();
    let mut done = FollowUpInput::of(&f.fields);
    done.done_at = Some(done_at);
    phone.save_follow_up(Some(&f.id), done).await.unwrap();
    let mut moved = FollowUpInput::of(&f.fields);
    moved.due = f.fields.due + Duration::days(1);
    desk.save_follow_up(Some(&f.id), moved).await.unwrap();
    // The desk's own edit stays visible while it is unsent.
    desk.sync(&t, |_| {}).await.unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    desk.sync(&t, |_| {}).await.unwrap();
    for d in [&phone, &desk] {
        let got = follow_ups(d).await;
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].fields.done_at, Some(done_at));
        assert_eq!(got[0].fields.due, f.fields.due + Duration::days(1));
        assert_eq!(got[0].by, ilze.user.id);
    }
}

#[tokio::test]
async fn follow_ups_stay_with_the_clients_their_author_may_see() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let peteris = app.session("peteris@firma.lv", Role::Manager).await;
    let a = device(&ilze).await;
    let c = a
        .save_card(None, card("Ilzes klients"), false)
        .await
        .unwrap();
    let f = a.save_follow_up(None, plan(&c.id, 1)).await.unwrap();
    a.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    // Pēteris does not receive it, and cannot plan on, or edit, her client.
    let b = device(&peteris).await;
    b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();
    assert!(follow_ups(&b).await.is_empty());
    b.save_follow_up(None, plan(&c.id, 1)).await.unwrap();
    let p = b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();
    assert_eq!(p.rejected, 1);
    let refused = b.store().rejected().await.unwrap();
    assert_eq!(refused[0].reason, ApiError::NotFound);

    // Ilze cannot move hers to another client either.
    let other = a.save_card(None, card("Cits"), false).await.unwrap();
    let mut elsewhere = FollowUpInput::of(&f.fields);
    elsewhere.client_id = other.id.clone();
    a.save_follow_up(Some(&f.id), elsewhere).await.unwrap();
    let p = a.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert_eq!(p.rejected, 1);
    // The refused edit is undone on her device: the server's copy returns.
    let got = follow_ups(&a).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].fields.client_id, c.id);
}

#[tokio::test]
async fn a_reassigned_client_takes_its_follow_ups_along() {
    use app::api::clients::UpdateClient;
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let peteris = app.session("peteris@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let a = device(&ilze).await;
    let c = a.save_card(None, card("Pārdodamais"), false).await.unwrap();
    a.save_follow_up(None, plan(&c.id, 3)).await.unwrap();
    a.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let b = device(&peteris).await;
    b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();

    let mut input = ClientInput::from_card(&c);
    input.owner_id = Some(peteris.user.id.clone());
    app.call(
        Some(&head),
        UpdateClient {
            id: c.id.clone(),
            input,
        },
    )
    .await
    .unwrap();

    a.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert!(follow_ups(&a).await.is_empty(), "gone with the card");
    b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();
    assert_eq!(follow_ups(&b).await.len(), 1, "arrives with the card");
}

#[tokio::test]
async fn a_malformed_or_deleting_operation_is_refused_with_its_reason() {
    use app::sync::op::{Op, OpKind};
    use app::sync::protocol::{AckStatus, PushBatch};
    use app::sync::transport::Transport;
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let a = device(&ilze).await;
    let c = a.save_card(None, card("Klients"), false).await.unwrap();
    a.sync(&t, |_| {}).await.unwrap();
    let op = |id: &str, kind: OpKind| Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: "d".into(),
        seq: 1,
        table: tables::FOLLOW_UP.into(),
        record_id: id.into(),
        // A real stamp: one that cannot be real is refused before its fields.
        hlc: app::sync::hlc::Hlc {
            millis: Utc::now().timestamp_millis() as u64,
            counter: 0,
            device: "d".into(),
        },
        kind,
    };
    let fields = [
        ("client_id".to_string(), serde_json::json!(c.id)),
        ("action".to_string(), serde_json::json!("dance")),
        ("due".to_string(), serde_json::json!(Utc::now())),
    ]
    .into();
    let acks = t
        .push(PushBatch {
            device_id: "d".into(),
            ops: vec![
                op(
                    "f1",
                    OpKind::Patch {
                        fields,
                        base: Default::default(),
                    },
                ),
                op("f2", OpKind::Delete),
            ],
            after: None,
        })
        .await
        .unwrap();
    assert!(
        matches!(&acks[0].status, AckStatus::Rejected { reason: ApiError::Invalid(is) } if is.0[0].path == "fields"),
        "{acks:?}"
    );
    assert_eq!(
        acks[1].status,
        AckStatus::Rejected {
            reason: ApiError::Forbidden
        }
    );
}

#[tokio::test]
async fn seeded_follow_ups_reach_the_owners_device() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let a = device(&ilze).await;
    let c = a.save_card(None, card("Demo"), false).await.unwrap();
    a.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    server::seed::fill_follow_ups(
        &app.db,
        std::slice::from_ref(&c.id),
        &ilze.user.id,
        120,
        7,
        |_| {},
    )
    .await
    .unwrap();
    let fresh = device(&ilze).await;
    fresh.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let got = follow_ups(&fresh).await;
    assert_eq!(got.len(), 120);
    assert!(
        got.iter()
            .all(|f| f.fields.client_id == c.id && f.by == ilze.user.id)
    );
    // Past ones are mostly done, future ones all open.
    let now = Utc::now();
    assert!(
        got.iter()
            .filter(|f| f.fields.due > now)
            .all(|f| f.is_open())
    );
    assert!(got.iter().any(|f| !f.is_open()));
}
