//! Proposals, the first record kind added through the record engine: drafted
//! and queued offline, merged between a user's devices, kept to the clients
//! their author works (never reaching a logistics device), every change
//! audited, and a device never claiming one was sent.

use crate::common;

use app::api::ApiError;
use app::domain::client_input::ClientInput;
use app::domain::proposal::{LineInput, Proposal, ProposalInput, ProposalStatus};
use app::domain::user::{Language, Role};
use app::sync::device::{Device, EditError};
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use chrono::{Duration, Utc};
use common::{TestApp, device, transport};
use std::sync::Arc;

fn card(name: &str) -> ClientInput {
    ClientInput {
        name: name.into(),
        ..Default::default()
    }
}

fn draft(client_id: &str) -> ProposalInput {
    ProposalInput {
        client_id: client_id.into(),
        contact_ids: Vec::new(),
        language: Language::Lv,
        lines: vec![
            LineInput {
                item: "Bērza finieris 18 mm".into(),
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
        status: ProposalStatus::Draft,
        note: "Cenas ar atlaidi".into(),
        template_id: None,
    }
}

async fn proposals(d: &Device<MemoryStore>) -> Vec<Proposal> {
    d.store()
        .all(tables::PROPOSAL)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::Proposal { proposal, .. } => Some(*proposal),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_proposal_drafted_offline_is_queued_on_one_device_and_answered_on_another() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let c = phone
        .save_card(None, card("Kurzemes Koks"), false)
        .await
        .unwrap();
    let p = phone.save_proposal(None, draft(&c.id)).await.unwrap();
    // 40 × 31.90 × 92.5 % = 1180.30; + 85.00.
    assert_eq!(p.fields.total().to_string(), "1265.30");
    phone.sync(&t, |_| {}).await.unwrap();
    let desk = device(&ilze).await;
    desk.sync(&t, |_| {}).await.unwrap();
    let arrived = proposals(&desk).await;
    assert_eq!(arrived.len(), 1);
    assert_eq!(
        (&arrived[0].id, &arrived[0].fields, &arrived[0].by),
        (&p.id, &p.fields, &p.by),
        "arrives exactly as drafted, amounts and all"
    );

    // Offline on both: the phone queues it, the desk changes a quantity.
    let mut queued = ProposalInput::of(&p.fields);
    queued.status = ProposalStatus::Queued;
    phone.save_proposal(Some(&p.id), queued).await.unwrap();
    let mut more = ProposalInput::of(&p.fields);
    more.lines[0].quantity = "50".into();
    desk.save_proposal(Some(&p.id), more).await.unwrap();
    desk.sync(&t, |_| {}).await.unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    desk.sync(&t, |_| {}).await.unwrap();
    for d in [&phone, &desk] {
        let got = proposals(d).await;
        assert_eq!(got[0].fields.status, ProposalStatus::Queued);
        assert_eq!(got[0].fields.total().to_string(), "1560.38");
    }

    // Every change is in the audit, with the stored total.
    let history = app::backend::audit::history(&app.db, &p.id).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "proposal.update").count(),
        2
    );
    assert!(actions.contains(&"proposal.create"));
    let created = history
        .iter()
        .find(|e| e.action == "proposal.create")
        .unwrap();
    assert_eq!(created.changes["total"]["new"], "1265.30");
}

#[tokio::test]
async fn proposals_stay_with_the_clients_their_author_works() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let peteris = app.session("peteris@firma.lv", Role::Manager).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;
    let a = device(&ilze).await;
    let c = a
        .save_card(None, card("Ilzes klients"), false)
        .await
        .unwrap();
    a.save_proposal(None, draft(&c.id)).await.unwrap();
    a.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    // Logistics sees the card (without its terms) and nothing of the offer.
    let l = device(&logistics).await;
    l.sync(&transport(&app, &logistics), |_| {}).await.unwrap();
    assert_eq!(l.store().all(tables::CLIENT).await.unwrap().len(), 1);
    assert!(proposals(&l).await.is_empty());
    let everything = format!("{:?}", l.store().all(tables::CLIENT).await.unwrap());
    assert!(!everything.contains("finieris") && !everything.contains("31.90"));

    // Pēteris receives none, and cannot make one on her client.
    let b = device(&peteris).await;
    b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();
    assert!(proposals(&b).await.is_empty());
    b.save_proposal(None, draft(&c.id)).await.unwrap();
    let p = b.sync(&transport(&app, &peteris), |_| {}).await.unwrap();
    assert_eq!(p.rejected, 1);
    assert_eq!(
        b.store().rejected().await.unwrap()[0].reason,
        ApiError::NotFound
    );
}

#[tokio::test]
async fn bad_lines_and_claimed_sends_are_refused() {
    use app::sync::op::{Op, OpKind};
    use app::sync::protocol::{AckStatus, PushBatch};
    use app::sync::transport::Transport;
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let t = transport(&app, &ilze);
    let a = device(&ilze).await;
    let c = a.save_card(None, card("Klients"), false).await.unwrap();
    let p = a.save_proposal(None, draft(&c.id)).await.unwrap();
    a.sync(&t, |_| {}).await.unwrap();

    // The device's own form refuses both, per field.
    let mut bad = draft(&c.id);
    bad.lines[1].discount_pct = "150".into();
    bad.lines[0].quantity = "-1".into();
    let Err(EditError::Invalid(issues)) = a.save_proposal(None, bad).await else {
        panic!("accepted a 150 % discount");
    };
    let paths: Vec<&str> = issues.0.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["lines.0.quantity", "lines.1.discount_pct"]);
    let mut sent = ProposalInput::of(&p.fields);
    sent.status = ProposalStatus::Sent;
    assert!(matches!(
        a.save_proposal(Some(&p.id), sent).await,
        Err(EditError::Invalid(_))
    ));

    // A device that skips its form is refused by the server, nothing stored.
    let op = |fields: serde_json::Value| Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: "d".into(),
        seq: 1,
        table: tables::PROPOSAL.into(),
        record_id: p.id.clone(),
        hlc: app::sync::hlc::Hlc {
            millis: Utc::now().timestamp_millis() as u64,
            counter: 0,
            device: "d".into(),
        },
        kind: OpKind::Patch {
            fields: serde_json::from_value(fields).unwrap(),
            base: Default::default(),
        },
    };
    let acks = t
        .push(PushBatch {
            device_id: "d".into(),
            ops: vec![
                op(serde_json::json!({ "status": "sent" })),
                op(serde_json::json!({ "lines": [{ "item": "x", "quantity": "1", "unit_price": "-5" }] })),
                op(serde_json::json!({ "total": "0.01" })),
            ],
            after: None,
        })
        .await
        .unwrap();
    let reasons: Vec<String> = acks
        .iter()
        .map(|a| match &a.status {
            AckStatus::Rejected {
                reason: ApiError::Invalid(is),
            } => is.0[0].path.clone(),
            other => panic!("not refused as invalid: {other:?}"),
        })
        .collect();
    assert_eq!(reasons, ["status", "lines.0.unit_price", "fields"]);
    a.sync(&t, |_| {}).await.unwrap();
    assert_eq!(
        proposals(&a).await[0].fields,
        p.fields,
        "the stored proposal is unchanged"
    );
}
