//! Batches a device sends back to back: the one behind names the last
//! operation of the one before (`PushBatch::after`), is planned while that
//! one is written, and is applied only after it, through the real push
//! server function.

use crate::common;

use app::backend::metrics::PLANNED_AHEAD;
use app::domain::call_log::{CallInput, Direction, Outcome};
use app::domain::client_input::ClientInput;
use app::domain::user::Role;
use app::sync::device::{Device, PUSH_BATCH};
use app::sync::memory_store::MemoryStore;
use app::sync::op::Op;
use app::sync::protocol::{AckStatus, OpRef, PushBatch};
use app::sync::store::LocalStore;
use app::sync::tables;
use app::sync::transport::Transport;
use chrono::{Duration, Utc};
use common::{TestApp, device, transport};
use std::sync::Arc;
use std::sync::atomic::Ordering;

fn card(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        city: "Rīga".into(),
        ..Default::default()
    }
}

fn call(client_id: &str) -> CallInput {
    CallInput {
        client_id: client_id.into(),
        contact_id: None,
        at: Utc::now() - Duration::minutes(5),
        direction: Direction::Outgoing,
        outcome: Outcome::Connected,
        kind: app::domain::calling::call_kind::CallKind::Ordinary,
        duration: "1:00".into(),
        note: String::new(),
    }
}

async fn batch(d: &Device<MemoryStore>, ops: Vec<Op>, after: Option<&Op>) -> PushBatch {
    PushBatch {
        device_id: d.meta().await.unwrap().device_id,
        ops,
        after: after.map(OpRef::of),
    }
}

fn all_applied(acks: &[app::sync::protocol::Ack]) -> bool {
    acks.iter().all(|a| a.status == AckStatus::Applied)
}

/// How many calls a fresh device of the department's head receives.
async fn calls_on_server(app: &Arc<TestApp>, head: &common::Session) -> usize {
    let desk = device(head).await;
    desk.sync(&transport(app, head), |_| {}).await.unwrap();
    desk.store().all(tables::CALL_LOG).await.unwrap().len()
}

#[tokio::test]
async fn a_device_sends_its_outbox_two_batches_at_a_time_and_everything_lands_once() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let phone = device(&ilze).await;
    let c = phone
        .save_card(None, card("Vidzemes Piens"), false)
        .await
        .unwrap();
    for _ in 0..PUSH_BATCH + 5 {
        phone.log_call(call(&c.id)).await.unwrap();
    }
    let mut edit = card("Vidzemes Piens");
    edit.city = "Cēsis".into();
    phone.save_card(Some(&c.id), edit, false).await.unwrap();
    let p = phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert_eq!((p.pushed, p.rejected), (PUSH_BATCH + 7, 0));
    assert!(phone.store().outbox().await.unwrap().is_empty());
    assert_eq!(calls_on_server(&app, &head).await, PUSH_BATCH + 5);
}

/// The batch behind reaches the server first: it waits for the one before,
/// and its plan, made before the card it calls existed, is made again.
#[tokio::test]
async fn a_batch_behind_is_applied_after_the_one_before_even_when_it_arrives_first() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let c = phone
        .save_card(None, card("Zemgales Graudi"), false)
        .await
        .unwrap();
    phone.log_call(call(&c.id)).await.unwrap();
    let ops = phone.store().outbox().await.unwrap();
    let before = batch(&phone, ops[..1].to_vec(), None).await;
    let behind = batch(&phone, ops[1..].to_vec(), Some(&ops[0])).await;
    let (behind, before) = tokio::join!(t.push(behind), t.push(before));
    assert!(all_applied(&before.unwrap()));
    let behind = behind.unwrap();
    assert!(all_applied(&behind), "{behind:?}");
    assert_eq!(calls_on_server(&app, &head).await, 1);
}

/// Two batches about different clients: the plan made while the first was
/// written stands, and the second is written without planning it again.
#[tokio::test]
async fn a_plan_made_ahead_stands_when_the_batch_before_wrote_nothing_it_read() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let a = phone
        .save_card(None, card("Latgales Lini"), false)
        .await
        .unwrap();
    let b = phone
        .save_card(None, card("Kurzemes Zivis"), false)
        .await
        .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    for _ in 0..50 {
        phone.log_call(call(&a.id)).await.unwrap();
    }
    for _ in 0..50 {
        phone.log_call(call(&b.id)).await.unwrap();
    }
    let ops = phone.store().outbox().await.unwrap();
    let before = batch(&phone, ops[..50].to_vec(), None).await;
    let behind = batch(&phone, ops[50..].to_vec(), Some(&ops[49])).await;
    let kept = PLANNED_AHEAD.load(Ordering::Relaxed);
    // The batch behind goes first, so it is planned before the other commits.
    let (behind, before) = tokio::join!(t.push(behind), t.push(before));
    assert!(all_applied(&before.unwrap()));
    assert!(all_applied(&behind.unwrap()));
    assert!(PLANNED_AHEAD.load(Ordering::Relaxed) > kept);
    assert_eq!(calls_on_server(&app, &head).await, 100);
}

#[tokio::test]
async fn a_batch_behind_an_operation_without_an_answer_writes_nothing_until_it_has_one() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let c = phone
        .save_card(None, card("Rīgas Ziedi"), false)
        .await
        .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    phone.log_call(call(&c.id)).await.unwrap();
    phone.log_call(call(&c.id)).await.unwrap();
    let ops = phone.store().outbox().await.unwrap();
    // The first call never reached the server: the second waits for it.
    let behind = batch(&phone, ops[1..].to_vec(), Some(&ops[0])).await;
    let waited = tokio::time::timeout(
        std::time::Duration::from_millis(800),
        t.push(behind.clone()),
    )
    .await;
    assert!(
        waited.is_err(),
        "answered without the batch before: {waited:?}"
    );
    assert_eq!(calls_on_server(&app, &head).await, 0);
    // Once the first has its answer, the second goes through.
    let first = t
        .push(batch(&phone, ops[..1].to_vec(), None).await)
        .await
        .unwrap();
    assert!(all_applied(&first));
    assert!(all_applied(&t.push(behind).await.unwrap()));
    assert_eq!(calls_on_server(&app, &head).await, 2);
}
