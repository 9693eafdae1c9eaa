//! Batches a device sends back to back: the one behind names the last
//! operation of the one before (`PushBatch::after`), is planned while that
//! one is written, and is applied only after it, through the real push
//! server function.

use crate::common;

use app::backend::metrics::PLANNED_AHEAD;
use app::domain::client_input::ClientInput;
use app::domain::user::Role;
use app::sync::device::{Device, PUSH_BATCH};
use app::sync::memory_store::MemoryStore;
use app::sync::op::Op;
use app::sync::protocol::{AckStatus, OpRef, PushBatch};
use app::sync::store::LocalStore;
use app::sync::tables;
use app::sync::transport::Transport;
use common::{Session, TestApp, call_input as call, device, transport};
use std::sync::Arc;
use std::sync::atomic::Ordering;

fn card(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        city: "Rīga".into(),
        ..Default::default()
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

/// A manager's phone, and the head who sees what reached the server.
struct Setup {
    app: Arc<TestApp>,
    head: Session,
    t: common::AppTransport,
    phone: Device<MemoryStore>,
}

async fn setup() -> Setup {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    Setup {
        app,
        head,
        t,
        phone,
    }
}

impl Setup {
    async fn card(&self, name: &str) -> String {
        self.phone
            .save_card(None, card(name), false)
            .await
            .unwrap()
            .id
    }

    /// Pushes the outbox as two batches split at `at`, the one behind
    /// reaching the server first; both must be applied.
    async fn push_behind_first(&self, at: usize) {
        let ops = self.phone.store().outbox().await.unwrap();
        let before = batch(&self.phone, ops[..at].to_vec(), None).await;
        let behind = batch(&self.phone, ops[at..].to_vec(), Some(&ops[at - 1])).await;
        let (behind, before) = tokio::join!(self.t.push(behind), self.t.push(before));
        let (before, behind) = (before.unwrap(), behind.unwrap());
        assert!(all_applied(&before), "{before:?}");
        assert!(all_applied(&behind), "{behind:?}");
    }

    async fn calls_on_server(&self) -> usize {
        calls_on_server(&self.app, &self.head).await
    }
}

/// How many calls a fresh device of the department's head receives.
async fn calls_on_server(app: &Arc<TestApp>, head: &common::Session) -> usize {
    let desk = device(head).await;
    desk.sync(&transport(app, head), |_| {}).await.unwrap();
    desk.store().all(tables::CALL_LOG).await.unwrap().len()
}

#[tokio::test]
async fn a_device_sends_its_outbox_two_batches_at_a_time_and_everything_lands_once() {
    let s = setup().await;
    let c = s.card("Vidzemes Piens").await;
    for _ in 0..PUSH_BATCH + 5 {
        s.phone.log_call(call(&c)).await.unwrap();
    }
    let mut edit = card("Vidzemes Piens");
    edit.city = "Cēsis".into();
    s.phone.save_card(Some(&c), edit, false).await.unwrap();
    let p = s.phone.sync(&s.t, |_| {}).await.unwrap();
    assert_eq!((p.pushed, p.rejected), (PUSH_BATCH + 7, 0));
    assert!(s.phone.store().outbox().await.unwrap().is_empty());
    assert_eq!(s.calls_on_server().await, PUSH_BATCH + 5);
}

/// The batch behind reaches the server first: it waits for the one before,
/// and its plan, made before the card it calls existed, is made again.
#[tokio::test]
async fn a_batch_behind_is_applied_after_the_one_before_even_when_it_arrives_first() {
    let s = setup().await;
    let c = s.card("Zemgales Graudi").await;
    s.phone.log_call(call(&c)).await.unwrap();
    s.push_behind_first(1).await;
    assert_eq!(s.calls_on_server().await, 1);
}

/// Two batches about different clients: the plan made while the first was
/// written stands, and the second is written without planning it again.
#[tokio::test]
async fn a_plan_made_ahead_stands_when_the_batch_before_wrote_nothing_it_read() {
    let s = setup().await;
    let a = s.card("Latgales Lini").await;
    let b = s.card("Kurzemes Zivis").await;
    s.phone.sync(&s.t, |_| {}).await.unwrap();
    for client in [&a, &b] {
        for _ in 0..50 {
            s.phone.log_call(call(client)).await.unwrap();
        }
    }
    let kept = PLANNED_AHEAD.load(Ordering::Relaxed);
    s.push_behind_first(50).await;
    assert!(PLANNED_AHEAD.load(Ordering::Relaxed) > kept);
    assert_eq!(s.calls_on_server().await, 100);
}

#[tokio::test]
async fn a_batch_behind_an_operation_without_an_answer_writes_nothing_until_it_has_one() {
    let s = setup().await;
    let c = s.card("Rīgas Ziedi").await;
    s.phone.sync(&s.t, |_| {}).await.unwrap();
    s.phone.log_call(call(&c)).await.unwrap();
    s.phone.log_call(call(&c)).await.unwrap();
    let ops = s.phone.store().outbox().await.unwrap();
    // The first call never reached the server: the second waits for it.
    let behind = batch(&s.phone, ops[1..].to_vec(), Some(&ops[0])).await;
    let waited = tokio::time::timeout(
        std::time::Duration::from_millis(800),
        s.t.push(behind.clone()),
    )
    .await;
    assert!(
        waited.is_err(),
        "answered without the batch before: {waited:?}"
    );
    assert_eq!(s.calls_on_server().await, 0);
    // Once the first has its answer, the second goes through.
    let first = batch(&s.phone, ops[..1].to_vec(), None).await;
    assert!(all_applied(&s.t.push(first).await.unwrap()));
    assert!(all_applied(&s.t.push(behind).await.unwrap()));
    assert_eq!(s.calls_on_server().await, 2);
}

/// Two batches of new cards: the plan of the second, made while the first
/// was written, stands.
#[tokio::test]
async fn a_card_batch_planned_ahead_stands_when_the_batch_before_wrote_other_cards() {
    let s = setup().await;
    s.card("Pirmā Firma").await;
    s.card("Otrā Firma").await;
    let kept = PLANNED_AHEAD.load(Ordering::Relaxed);
    s.push_behind_first(1).await;
    assert!(PLANNED_AHEAD.load(Ordering::Relaxed) > kept);
}

/// The batch before frees a registration number (its card takes another)
/// and the batch behind gives it to a new card. Planned before the first
/// was written, the new card would be refused as a duplicate; that plan
/// does not stand, and the number is the new card's.
#[tokio::test]
async fn a_card_planned_ahead_is_planned_again_when_the_batch_before_freed_its_registration_number()
{
    let s = setup().await;
    let mut held = card("Vecā Firma");
    held.reg_no = "30000000001".into();
    let x = s
        .phone
        .save_card(None, held.clone(), false)
        .await
        .unwrap()
        .id;
    s.phone.sync(&s.t, |_| {}).await.unwrap();
    held.reg_no = "30000000002".into();
    s.phone.save_card(Some(&x), held, false).await.unwrap();
    let mut new = card("Jaunā Firma");
    new.reg_no = "30000000001".into();
    s.phone.save_card(None, new, false).await.unwrap();
    s.push_behind_first(1).await;
}
