//! The sync engine end to end: real device client code (memory store) against
//! the real push/pull server functions on `mem://`.

use crate::common;

use app::api::ApiError;
use app::domain::call_log::{CallInput, Direction, Outcome};
use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::user::Role;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::{AckStatus, PullAnswer, PullRequest, PushBatch, Row};
use app::sync::store::LocalStore;
use app::sync::tables;
use app::sync::transport::Transport;
use chrono::{Duration, Utc};
use common::{TestApp, device, transport};
use std::sync::Arc;

fn card(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        city: "Rīga".into(),
        contacts: vec![ContactInput {
            name: "Jānis Bērziņš".into(),
            phones: vec!["29 123 456".into()],
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn call(client_id: &str, outcome: Outcome) -> CallInput {
    CallInput {
        client_id: client_id.into(),
        contact_id: None,
        at: Utc::now() - Duration::minutes(5),
        direction: Direction::Outgoing,
        outcome,
        kind: app::domain::calling::call_kind::CallKind::PhoneOffer,
        duration: "1:20".into(),
        note: "Zvanīt vēlreiz".into(),
    }
}

async fn rows(d: &Device<MemoryStore>, table: &str) -> Vec<Row> {
    d.store().all(table).await.unwrap()
}

fn name_of(r: &Row) -> String {
    match r {
        Row::Client { card, .. } => card.fields.name.clone(),
        _ => String::new(),
    }
}

#[tokio::test]
async fn offline_work_reaches_the_server_and_a_colleague_once() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let phone = device(&ilze).await;

    // Offline: a new card, three calls on it; nothing leaves the device.
    let c = phone
        .save_card(None, card("Kurzemes Koks"), false)
        .await
        .unwrap();
    for o in [Outcome::NoAnswer, Outcome::Busy, Outcome::Connected] {
        phone.log_call(call(&c.id, o)).await.unwrap();
    }
    assert_eq!(phone.store().outbox().await.unwrap().len(), 4);

    let p = phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert_eq!((p.pushed, p.rejected), (4, 0));
    assert!(phone.store().outbox().await.unwrap().is_empty());

    let desk = device(&head).await;
    desk.sync(&transport(&app, &head), |_| {}).await.unwrap();
    let cards = rows(&desk, tables::CLIENT).await;
    assert_eq!(
        cards.iter().map(name_of).collect::<Vec<_>>(),
        ["Kurzemes Koks"]
    );
    let calls = rows(&desk, tables::CALL_LOG).await;
    assert_eq!(calls.len(), 3);
    // What each call was for travels with it.
    assert!(calls.iter().all(|r| matches!(
        r,
        Row::CallLog { call: c } if c.fields.kind == app::domain::calling::call_kind::CallKind::PhoneOffer
    )), "{calls:?}");
    // The card arrived with the contact id the phone made.
    let Row::Client { card: got, .. } = &cards[0] else {
        unreachable!()
    };
    assert_eq!(got.contacts[0].id, c.contacts[0].id);
    assert_eq!(got.owner_id, ilze.user.id);
}

#[tokio::test]
async fn a_push_retried_after_a_lost_answer_is_not_applied_twice() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let c = phone
        .save_card(None, card("Latgales Maiznīca"), false)
        .await
        .unwrap();
    phone
        .log_call(call(&c.id, Outcome::Connected))
        .await
        .unwrap();
    let ops = phone.store().outbox().await.unwrap();
    let batch = PushBatch {
        device_id: phone.meta().await.unwrap().device_id,
        ops,
        after: None,
    };
    // The answer to this push is "lost": the device still holds both ops.
    let first = t.push(batch.clone()).await.unwrap();
    assert!(first.iter().all(|a| a.status == AckStatus::Applied));
    let again = t.push(batch).await.unwrap();
    assert!(
        again.iter().all(|a| a.status == AckStatus::Duplicate),
        "{again:?}"
    );
    phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!(rows(&phone, tables::CLIENT).await.len(), 1);
    assert_eq!(rows(&phone, tables::CALL_LOG).await.len(), 1);
}

#[tokio::test]
async fn concurrent_edits_converge_and_the_loser_is_kept_as_a_conflict() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let (ta, a) = (transport(&app, &ilze), device(&ilze).await);
    let b = device(&ilze).await;
    let c = a
        .save_card(None, card("Vidzemes Piens"), false)
        .await
        .unwrap();
    a.sync(&ta, |_| {}).await.unwrap();
    b.sync(&ta, |_| {}).await.unwrap();

    // Both edit the city offline; b edits later, so b wins.
    let mut ia = ClientInput::from_card(&a.card(&c.id).await.unwrap().unwrap().0);
    ia.city = "Cēsis".into();
    a.save_card(Some(&c.id), ia, false).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let mut ib = ClientInput::from_card(&b.card(&c.id).await.unwrap().unwrap().0);
    ib.city = "Valmiera".into();
    ib.needs = "Piena cisternas".into();
    b.save_card(Some(&c.id), ib, false).await.unwrap();

    b.sync(&ta, |_| {}).await.unwrap();
    a.sync(&ta, |_| {}).await.unwrap();
    b.sync(&ta, |_| {}).await.unwrap();
    for d in [&a, &b] {
        let (card, _) = d.card(&c.id).await.unwrap().unwrap();
        assert_eq!(card.fields.city.as_deref(), Some("Valmiera"));
        assert_eq!(card.fields.needs.as_deref(), Some("Piena cisternas"));
        let conflicts = rows(d, tables::CONFLICT).await;
        assert_eq!(conflicts.len(), 1);
        let Row::Conflict { conflict } = &conflicts[0] else {
            unreachable!()
        };
        assert_eq!(conflict.field, "city");
        assert_eq!(conflict.lost_value, serde_json::json!("Cēsis"));
        assert!(!conflict.resolved);
    }

    // One tap on a: the lost value comes back, and the conflict is closed everywhere.
    let Row::Conflict { conflict } = &rows(&a, tables::CONFLICT).await[0] else {
        unreachable!()
    };
    a.resolve_conflict(&conflict.id, true).await.unwrap();
    a.sync(&ta, |_| {}).await.unwrap();
    b.sync(&ta, |_| {}).await.unwrap();
    for d in [&a, &b] {
        let (card, _) = d.card(&c.id).await.unwrap().unwrap();
        assert_eq!(card.fields.city.as_deref(), Some("Cēsis"));
        let Row::Conflict { conflict } = &rows(d, tables::CONFLICT).await[0] else {
            unreachable!()
        };
        assert!(conflict.resolved);
    }
}

#[tokio::test]
async fn a_refused_operation_is_reported_and_does_not_block_the_queue() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    // A call on a card this user cannot see (an id the server does not know).
    phone
        .log_call(call("0190aaaa-0000-7000-8000-000000000000", Outcome::Busy))
        .await
        .unwrap();
    let ok = phone
        .save_card(None, card("Zemgales Graudi"), false)
        .await
        .unwrap();
    let p = phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!((p.pushed, p.rejected), (2, 1));
    let rejected = phone.store().rejected().await.unwrap();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].reason, ApiError::NotFound);
    assert!(phone.store().outbox().await.unwrap().is_empty());
    assert!(phone.card(&ok.id).await.unwrap().is_some());
    // The refused call does not linger on the device as if it were saved.
    assert!(rows(&phone, tables::CALL_LOG).await.is_empty());
}

#[tokio::test]
async fn a_manager_pulls_only_their_own_cards() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let peteris = app.session("peteris@firma.lv", Role::Manager).await;
    let a = device(&ilze).await;
    let c = a
        .save_card(None, card("Ilzes Klients"), false)
        .await
        .unwrap();
    a.log_call(call(&c.id, Outcome::Connected)).await.unwrap();
    a.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    let b = device(&peteris).await;
    b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();
    assert!(rows(&b, tables::CLIENT).await.is_empty());
    assert!(rows(&b, tables::CALL_LOG).await.is_empty());
    // Editing it anyway (a forged operation) is refused as not found.
    let forged = a.store().all(tables::CLIENT).await.unwrap();
    assert_eq!(forged.len(), 1);
}

#[tokio::test]
async fn a_cursor_from_another_database_resets_and_keeps_unsent_work() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    phone.save_card(None, card("Pirmais"), false).await.unwrap();
    phone.sync(&t, |_| {}).await.unwrap();

    // The phone's cursor comes from another database (a server restored from
    // a backup, say), and it has unsent work.
    phone.save_card(None, card("Otrais"), false).await.unwrap();
    let mut meta = phone.meta().await.unwrap();
    let cursor = meta.cursor.as_mut().unwrap();
    cursor.epoch = "cita-datubaze".into();
    cursor.version += 1000;
    phone.store().put_meta(&meta).await.unwrap();
    let answer = t
        .pull(PullRequest {
            cursor: meta.cursor.clone(),
            limit: 10,
            refetch: Vec::new(),
            count: false,
        })
        .await
        .unwrap();
    assert_eq!(answer, PullAnswer::Reset);

    phone.sync(&t, |_| {}).await.unwrap();
    let mut names: Vec<String> = rows(&phone, tables::CLIENT)
        .await
        .iter()
        .map(name_of)
        .collect();
    names.sort();
    assert_eq!(names, ["Otrais", "Pirmais"]);
    assert!(phone.store().outbox().await.unwrap().is_empty());
}

/// A pull reads each kind with its own statement, each in its own
/// snapshot, so a push committing between them can show the pull part of
/// its version: here, by hand, a call at the next version while the
/// counter and the card of that version are not there yet. The pull must
/// neither send that part nor move the cursor past it, or the card, once
/// committed, would never reach the device.
#[tokio::test]
async fn a_pull_never_moves_past_a_version_it_saw_only_part_of() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let c = phone
        .save_card(None, card("Vidzemes Vilna"), false)
        .await
        .unwrap();
    phone
        .log_call(call(&c.id, Outcome::Connected))
        .await
        .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    let cursor = phone.meta().await.unwrap().cursor.unwrap();
    let pull = |cursor| PullRequest {
        cursor: Some(cursor),
        limit: 100,
        refetch: Vec::new(),
        count: false,
    };
    let next = cursor.version + 1;

    app.db
        .query("UPDATE call_log SET version = $v")
        .bind(("v", next))
        .await
        .unwrap()
        .check()
        .unwrap();
    let PullAnswer::Page {
        rows,
        cursor: seen,
        more,
        ..
    } = t.pull(pull(cursor.clone())).await.unwrap()
    else {
        panic!("reset")
    };
    assert!(
        rows.is_empty(),
        "part of an unfinished version was sent: {rows:?}"
    );
    assert_eq!((seen.version, more), (cursor.version, false));

    // The rest of that version commits: the card and the counter.
    app.db
        .query(
            "UPDATE type::record('client', $id) SET version = $v; \
             UPDATE counter:clients SET value = $v",
        )
        .bind(("id", c.id.clone()))
        .bind(("v", next))
        .await
        .unwrap()
        .check()
        .unwrap();
    let PullAnswer::Page {
        rows,
        cursor: after,
        ..
    } = t.pull(pull(seen)).await.unwrap()
    else {
        panic!("reset")
    };
    let mut tables: Vec<String> = rows.iter().map(|r| r.key().table).collect();
    tables.sort();
    assert_eq!(tables, [tables::CALL_LOG, tables::CLIENT]);
    assert_eq!(after.version, next);
}

#[tokio::test]
async fn the_first_download_comes_in_pages_with_progress() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let a = device(&ilze).await;
    for i in 0..30 {
        a.save_card(None, card(&format!("Klients {i:02}")), false)
            .await
            .unwrap();
        // Separate pushes, so the versions differ and pages can split.
        a.sync(&t, |_| {}).await.unwrap();
    }
    let b = device(&ilze).await;
    let mut seen = Vec::new();
    // A small page size comes from the server's clamp on `limit`; the device
    // asks for 1000, so drive pages by hand here.
    let mut cursor = None;
    loop {
        let page = t
            .pull(PullRequest {
                cursor: cursor.clone(),
                limit: 7,
                refetch: Vec::new(),
                count: true,
            })
            .await
            .unwrap();
        let PullAnswer::Page {
            rows,
            cursor: c,
            more,
            remaining,
            ..
        } = page
        else {
            panic!("reset")
        };
        seen.extend(rows.iter().map(name_of));
        cursor = Some(c);
        if !more {
            assert_eq!(remaining, Some(0));
            break;
        }
        assert!(remaining.is_some_and(|r| r > 0));
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 30);
    let mut steps = Vec::new();
    b.sync(&t, |p| steps.push(p.pulled)).await.unwrap();
    assert_eq!(rows(&b, tables::CLIENT).await.len(), 30);
    assert!(!steps.is_empty());
}

#[tokio::test]
async fn a_reassigned_card_leaves_the_old_owners_device_with_its_calls() {
    use app::api::clients::UpdateClient;
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let peteris = app.session("peteris@firma.lv", Role::Manager).await;
    let head = app.session("vaditajs@firma.lv", Role::Head).await;
    let a = device(&ilze).await;
    let c = a.save_card(None, card("Pārdodamais"), false).await.unwrap();
    a.log_call(call(&c.id, Outcome::Connected)).await.unwrap();
    a.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert_eq!(rows(&a, tables::CALL_LOG).await.len(), 1);
    // Pēteris's device is up to date before the change.
    let b = device(&peteris).await;
    b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();
    assert!(rows(&b, tables::CLIENT).await.is_empty());

    // The head gives the client to Pēteris.
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
    assert!(
        a.card(&c.id).await.unwrap().is_none(),
        "gone from the old owner's device"
    );
    assert!(rows(&a, tables::CALL_LOG).await.is_empty(), "its calls too");
    b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();
    assert!(b.card(&c.id).await.unwrap().is_some());
    assert_eq!(
        rows(&b, tables::CALL_LOG).await.len(),
        1,
        "the history moves with it"
    );
}

#[tokio::test]
async fn a_call_id_reused_by_another_operation_is_refused_and_a_refusal_is_repeated() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let c = phone
        .save_card(None, card("Vidzemes Piens"), false)
        .await
        .unwrap();
    phone.log_call(call(&c.id, Outcome::Busy)).await.unwrap();
    let device_id = phone.meta().await.unwrap().device_id;
    let ops = phone.store().outbox().await.unwrap();
    let first = t
        .push(PushBatch {
            device_id: device_id.clone(),
            ops: ops.clone(),
            after: None,
        })
        .await
        .unwrap();
    assert!(
        first.iter().all(|a| a.status == AckStatus::Applied),
        "{first:?}"
    );

    // The same call id under a new operation id is not the same call.
    let mut copy = ops[1].clone();
    copy.op_id = uuid::Uuid::now_v7().to_string();
    // A call on a card the server does not know.
    let mut stray = ops[1].clone();
    stray.op_id = uuid::Uuid::now_v7().to_string();
    stray.record_id = uuid::Uuid::now_v7().to_string();
    if let app::sync::op::OpKind::Patch { fields, .. } = &mut stray.kind {
        fields.insert(
            "client_id".into(),
            "0190aaaa-0000-7000-8000-000000000000".into(),
        );
    }
    let batch = PushBatch {
        device_id,
        ops: vec![copy, stray],
        after: None,
    };
    let answers = t.push(batch.clone()).await.unwrap();
    assert_eq!(
        answers[0].status,
        AckStatus::Rejected {
            reason: ApiError::Duplicate("call_log".into())
        }
    );
    assert_eq!(
        answers[1].status,
        AckStatus::Rejected {
            reason: ApiError::NotFound
        }
    );
    // Asked again (the answer was lost), the refusals are the same.
    assert_eq!(t.push(batch).await.unwrap(), answers);

    let desk = device(&ilze).await;
    desk.sync(&t, |_| {}).await.unwrap();
    assert_eq!(rows(&desk, tables::CALL_LOG).await.len(), 1);
}

#[tokio::test]
async fn two_cards_of_one_batch_cannot_take_the_same_contact() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let a = phone
        .save_card(None, card("Rūjienas Saldējums"), false)
        .await
        .unwrap();
    let ops = phone.store().outbox().await.unwrap();
    // Another card whose operation names the first card's new contact.
    let mut other = ops[0].clone();
    other.op_id = uuid::Uuid::now_v7().to_string();
    other.record_id = uuid::Uuid::now_v7().to_string();
    if let app::sync::op::OpKind::Patch { fields, .. } = &mut other.kind {
        fields.insert("name".into(), "SIA Cits".into());
    }
    let answers = t
        .push(PushBatch {
            device_id: phone.meta().await.unwrap().device_id,
            ops: vec![ops[0].clone(), other.clone()],
            after: None,
        })
        .await
        .unwrap();
    assert!(
        answers.iter().all(|x| x.status == AckStatus::Applied),
        "{answers:?}"
    );

    let desk = device(&ilze).await;
    desk.sync(&t, |_| {}).await.unwrap();
    let contact_of = |id: &str| {
        let id = id.to_string();
        let desk = &desk;
        async move {
            let (card, _) = desk.card(&id).await.unwrap().unwrap();
            card.contacts[0].id.clone()
        }
    };
    assert_eq!(contact_of(&a.id).await, a.contacts[0].id);
    let theirs = contact_of(&other.record_id).await;
    assert_ne!(
        theirs, a.contacts[0].id,
        "the second card got a contact of its own"
    );
}

#[tokio::test]
async fn a_cards_later_edits_ride_with_its_creation_and_each_is_audited_as_made() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let phone = device(&ilze).await;

    // Offline: a card, more calls on another card than one push carries,
    // then two edits of the first card's own fields.
    let a = phone
        .save_card(None, card("Kurzemes Koks"), false)
        .await
        .unwrap();
    let b = phone
        .save_card(None, card("Latgales Linu"), false)
        .await
        .unwrap();
    for _ in 0..app::sync::device::PUSH_BATCH {
        phone
            .log_call(call(&b.id, Outcome::NoAnswer))
            .await
            .unwrap();
    }
    for needs in ["Atlaide", "Atlaide un piegāde"] {
        let (now, _) = phone.card(&a.id).await.unwrap().unwrap();
        let mut input = ClientInput::from_card(&now);
        input.needs = needs.into();
        phone.save_card(Some(&a.id), input, false).await.unwrap();
    }
    let p = phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert_eq!((p.pushed, p.rejected), (PUSH_OPS, 0));

    // Every change as it was made: who, from which device, when, old and
    // new value; newest first.
    let history = app
        .call(
            Some(&ilze),
            app::api::audit::CardHistory {
                client_id: a.id.clone(),
            },
        )
        .await
        .unwrap();
    let device = phone.meta().await.unwrap().device_id;
    assert_eq!(
        history
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["client.update", "client.update", "client.create"]
    );
    assert!(history.iter().all(|e| e.actor_id == ilze.user.id
        && e.device.as_deref() == Some(device.as_str())
        && e.made_at.is_some_and(|m| m <= e.at)));
    assert_eq!(history[0].changes["needs"]["old"], "Atlaide");
    assert_eq!(history[0].changes["needs"]["new"], "Atlaide un piegāde");
    assert_eq!(history[1].changes["needs"]["new"], "Atlaide");
    // Made within the same millisecond here: the order is kept all the same.
    assert!(history.windows(2).all(|w| w[0].made_at >= w[1].made_at));

    // All three went up in the first push, ahead of the calls that did not
    // fit in it: the card was written once, by that push.
    assert!(history.iter().all(|e| e.at == history[0].at));
    let mut res = app
        .db
        .query(
            "SELECT VALUE version FROM ONLY type::record('client', $id); \
             SELECT VALUE math::max(version) FROM call_log GROUP ALL",
        )
        .bind(("id", a.id.clone()))
        .await
        .unwrap();
    let card_version: Option<i64> = res.take(0).unwrap();
    let last_call_version: Vec<i64> = res.take(1).unwrap();
    assert!(
        card_version.is_some_and(|v| last_call_version.iter().all(|c| v < *c)),
        "{card_version:?} {last_call_version:?}"
    );
    let (now, _) = phone.card(&a.id).await.unwrap().unwrap();
    assert_eq!(now.fields.needs.as_deref(), Some("Atlaide un piegāde"));
}

/// Two cards, a push's worth of calls and two edits.
const PUSH_OPS: usize = app::sync::device::PUSH_BATCH + 4;
