//! Contracts through the real server: drafted on a phone, negotiated and
//! signed, merged field by field between devices, refused when bad (per
//! field, nothing stored), seen only by whoever works the client (never by
//! logistics), every change audited as a version; Today counts a client's
//! first signed contract and warns of ends and obligations.

use crate::common;

use app::domain::client_input::ClientInput;
use app::domain::contract::{
    Contract, ContractInput, ContractStatus, ObligationInput, ObligationKind, PointInput,
    PointState,
};
use app::domain::field_conflict::FieldConflict;
use app::domain::user::Role;
use app::sync::device::{Device, EditError};
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use chrono::{Duration, Utc};
use common::{TestApp, device, transport};
use std::sync::Arc;

async fn contracts(d: &Device<MemoryStore>) -> Vec<Contract> {
    d.store()
        .all(tables::CONTRACT)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::Contract { contract, .. } => Some(*contract),
            _ => None,
        })
        .collect()
}

fn day(offset: i64) -> String {
    (Utc::now() + Duration::days(offset))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

#[tokio::test]
async fn a_contract_goes_from_draft_to_signed_and_only_its_people_see_it() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let peteris = app.session("peteris@firma.lv", Role::Manager).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;
    let t = transport(&app, &ilze);
    let phone = device(&ilze).await;
    let desk = device(&ilze).await;
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Līgumnieks".into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    let draft = ContractInput {
        number: "L-2026/14".into(),
        valid_from: day(0),
        valid_to: day(20),
        payment_days: "30".into(),
        credit_limit: "15 000".into(),
        points: vec![PointInput {
            text: "Apmaksa 45 dienās".into(),
            state: PointState::Open,
        }],
        obligations: vec![ObligationInput {
            kind: ObligationKind::Document,
            text: "Iesniegt bankas garantiju".into(),
            due: day(3),
            done: false,
        }],
        ..ContractInput::draft(&card.id)
    };
    let c = phone.save_contract(None, draft.clone()).await.unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    desk.sync(&t, |_| {}).await.unwrap();

    // Two devices change different fields offline: both changes stay.
    let mut on_phone = ContractInput::of(&c.fields);
    on_phone.status = ContractStatus::Negotiating;
    on_phone.points[0].state = PointState::Agreed;
    phone.save_contract(Some(&c.id), on_phone).await.unwrap();
    let mut on_desk = ContractInput::of(&c.fields);
    on_desk.delivery_terms = "Piegāde 48 stundās".into();
    desk.save_contract(Some(&c.id), on_desk).await.unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    desk.sync(&t, |_| {}).await.unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    for d in [&phone, &desk] {
        let got = &contracts(d).await[0];
        assert_eq!(got.fields.status, ContractStatus::Negotiating);
        assert_eq!(got.fields.points[0].state, PointState::Agreed);
        assert_eq!(
            got.fields.delivery_terms.as_deref(),
            Some("Piegāde 48 stundās")
        );
    }

    // Signed needs a signing date; with one it is signed.
    let mut signed = ContractInput::of(&contracts(&phone).await[0].fields);
    signed.status = ContractStatus::Signed;
    let Err(EditError::Invalid(is)) = phone.save_contract(Some(&c.id), signed.clone()).await else {
        panic!("signed without a date");
    };
    assert_eq!(
        is.at("signed_on"),
        Some(app::domain::validation::Problem::Required)
    );
    signed.signed_on = day(0);
    phone.save_contract(Some(&c.id), signed).await.unwrap();
    phone.sync(&t, |_| {}).await.unwrap();

    // Every change is a version in the audit.
    let history = app::backend::audit::history(&app.db, &c.id).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"contract.create"), "{actions:?}");
    assert!(
        actions.iter().filter(|a| **a == "contract.update").count() >= 3,
        "{actions:?}"
    );
    let versions = app
        .call(
            Some(&ilze),
            app::api::audit::ContractHistory {
                contract_id: c.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(versions.len(), history.len());
    assert_eq!(
        app.call(
            Some(&peteris),
            app::api::audit::ContractHistory {
                contract_id: c.id.clone(),
            },
        )
        .await
        .unwrap_err(),
        app::api::ApiError::NotFound
    );

    // Pēteris and logistics receive none of it.
    for who in [&peteris, &logistics] {
        let d = device(who).await;
        d.sync(&transport(&app, who), |_| {}).await.unwrap();
        assert!(contracts(&d).await.is_empty());
    }

    // A device that skips its form is refused by the server, nothing stored.
    let patch = |fields: serde_json::Value| app::sync::op::Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: "d".into(),
        seq: 1,
        table: tables::CONTRACT.into(),
        record_id: c.id.clone(),
        hlc: app::sync::hlc::Hlc {
            millis: Utc::now().timestamp_millis() as u64,
            counter: 0,
            device: "d".into(),
        },
        kind: app::sync::op::OpKind::Patch {
            fields: serde_json::from_value(fields).unwrap(),
            base: Default::default(),
        },
    };
    use app::sync::transport::Transport as _;
    let pushed = |op| {
        let t = &t;
        async move {
            t.push(app::sync::protocol::PushBatch {
                device_id: "d".into(),
                ops: vec![op],
                after: None,
            })
            .await
            .unwrap()
            .remove(0)
            .status
        }
    };
    let rejected = |s: &app::sync::protocol::AckStatus| {
        matches!(s, app::sync::protocol::AckStatus::Rejected { .. })
    };
    assert!(rejected(
        &pushed(patch(serde_json::json!({ "valid_to": "2020-01-01" }))).await
    ));
    // Signed "today" by a user in a zone already past midnight is taken; a
    // day no zone has reached yet is refused.
    let east = (Utc::now() + Duration::hours(13)).date_naive().to_string();
    assert!(!rejected(
        &pushed(patch(serde_json::json!({ "signed_on": east }))).await
    ));
    let beyond = (Utc::now() + Duration::hours(14) + Duration::days(1))
        .date_naive()
        .to_string();
    assert!(rejected(
        &pushed(patch(serde_json::json!({ "signed_on": beyond }))).await
    ));
    phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!(
        contracts(&phone).await[0]
            .fields
            .signed_on
            .map(|d| d.to_string()),
        Some(east)
    );
    assert!(!rejected(
        &pushed(patch(serde_json::json!({ "signed_on": day(0) }))).await
    ));
    phone.sync(&t, |_| {}).await.unwrap();

    // Today: the new client's contract counts once; its end and its
    // obligation are listed.
    let me = app
        .call(Some(&ilze), app::api::auth::CurrentUser {})
        .await
        .unwrap()
        .unwrap();
    let all = contracts(&phone).await;
    let cards: Vec<_> = phone
        .store()
        .all(tables::CLIENT)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::Client { card, .. } => Some(*card),
            _ => None,
        })
        .collect();
    let index = app::domain::card_index::CardIndex::new(&cards);
    let today = app::domain::calling::today::today(
        app::domain::calling::today::Records {
            cards: &cards,
            index: &index,
            calls: &[],
            last_contacts: &vec![None; cards.len()],
            follow_ups: &[],
            proposals: &[],
            contracts: &all,
        },
        &me.id,
        Utc::now(),
        &Utc,
        Default::default(),
    );
    assert_eq!(today.quotas.new_contracts.done, 1);
    assert_eq!(today.contracts_ending.len(), 1);
    assert_eq!(
        today.obligations_due[0].what.as_deref(),
        Some("Iesniegt bankas garantiju")
    );
}

async fn conflicts(d: &Device<MemoryStore>) -> Vec<FieldConflict> {
    common::rows_of(d, tables::CONFLICT, |r| match r {
        Row::Conflict { conflict } => Some(conflict),
        _ => None,
    })
    .await
}

#[tokio::test]
async fn concurrent_contract_edits_keep_the_loser_as_a_conflict_its_people_may_restore() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let head = app.session("vaditaja@firma.lv", Role::Head).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;
    let (ti, th) = (transport(&app, &ilze), transport(&app, &head));
    let phone = device(&ilze).await;
    let desk = device(&head).await;
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Divas Puses".into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    let c = phone
        .save_contract(
            None,
            ContractInput {
                number: "L-2026/31".into(),
                payment_days: "30".into(),
                ..ContractInput::draft(&card.id)
            },
        )
        .await
        .unwrap();
    phone.sync(&ti, |_| {}).await.unwrap();
    desk.sync(&th, |_| {}).await.unwrap();

    // Both change the payment days without seeing each other's change; the
    // head's later change wins and Ilze's value is kept, naming her.
    let mut mine = ContractInput::of(&c.fields);
    mine.payment_days = "45".into();
    phone.save_contract(Some(&c.id), mine).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let mut theirs = ContractInput::of(&c.fields);
    theirs.payment_days = "60".into();
    theirs.conditions = "Tikai pēc priekšapmaksas".into();
    desk.save_contract(Some(&c.id), theirs).await.unwrap();
    phone.sync(&ti, |_| {}).await.unwrap();
    desk.sync(&th, |_| {}).await.unwrap();
    phone.sync(&ti, |_| {}).await.unwrap();
    for d in [&phone, &desk] {
        let got = &contracts(d).await[0];
        assert_eq!(got.fields.payment_days, Some(60));
        let open = conflicts(d).await;
        assert_eq!(open.len(), 1, "{open:?}");
        let k = &open[0];
        assert_eq!(k.client_id, card.id);
        assert_eq!(
            k.record,
            Some(app::sync::protocol::RecordKey::new(tables::CONTRACT, &c.id))
        );
        assert_eq!(k.field, "payment_days");
        assert_eq!(k.lost_value, serde_json::json!("45"));
        assert_eq!(k.lost_by, ilze.user.id);
        assert_eq!(k.winner_by, head.user.id);
        assert!(!k.resolved);
    }

    // The other way round: a change made earlier but delivered later loses
    // to the stored one, and is kept naming its own author.
    let now = ContractInput::of(&contracts(&desk).await[0].fields);
    let mut late = now.clone();
    late.delivery_terms = "Piegāde 24 stundās".into();
    desk.save_contract(Some(&c.id), late).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let mut early = now;
    early.delivery_terms = "Piegāde 72 stundās".into();
    phone.save_contract(Some(&c.id), early).await.unwrap();
    phone.sync(&ti, |_| {}).await.unwrap();
    desk.sync(&th, |_| {}).await.unwrap();
    phone.sync(&ti, |_| {}).await.unwrap();
    let lost: Vec<FieldConflict> = conflicts(&desk)
        .await
        .into_iter()
        .filter(|k| k.field == "delivery_terms")
        .collect();
    assert_eq!(lost.len(), 1, "{lost:?}");
    assert_eq!(lost[0].lost_value, serde_json::json!("Piegāde 24 stundās"));
    assert_eq!(lost[0].lost_by, head.user.id);
    assert_eq!(lost[0].winner_by, ilze.user.id);

    // One tap on Ilze's phone: her payment days come back everywhere and
    // the conflict is closed.
    let k = conflicts(&phone)
        .await
        .into_iter()
        .find(|k| k.field == "payment_days")
        .unwrap();
    phone.resolve_conflict(&k.id, true).await.unwrap();
    phone.sync(&ti, |_| {}).await.unwrap();
    desk.sync(&th, |_| {}).await.unwrap();
    for d in [&phone, &desk] {
        assert_eq!(contracts(d).await[0].fields.payment_days, Some(45));
        let k = conflicts(d)
            .await
            .into_iter()
            .find(|k| k.field == "payment_days")
            .unwrap();
        assert!(k.resolved);
    }

    // Terms lost in a negotiation are commercial: logistics receives no
    // conflict (nor the contract).
    let lg = device(&logistics).await;
    lg.sync(&transport(&app, &logistics), |_| {}).await.unwrap();
    assert!(conflicts(&lg).await.is_empty());
    assert!(contracts(&lg).await.is_empty());
}
