//! Working a client's money beyond the import: a shipment stop set by a
//! head or accounting (never a manager) that reaches every device showing
//! the card, logistics' too, and a promise to pay made offline on a phone
//! that reaches the server with its follow-up, for whoever works the client
//! only.

use crate::common;

use app::api::ApiError;
use app::api::receivables::{Accounts, StopShipments};
use app::domain::client_input::ClientInput;
use app::domain::follow_up::FollowUp;
use app::domain::receivables::accounts::{AccountsFilter, AccountsQuery};
use app::domain::receivables::promise::{Promise, PromiseInput};
use app::domain::receivables::shipment_stop::{ShipmentStop, StopInput};
use app::domain::user::Role;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::tables;
use common::{TestApp, device, transport};
use std::sync::Arc;

async fn stops(d: &Device<MemoryStore>) -> Vec<ShipmentStop> {
    common::rows_of(d, tables::SHIPMENT_STOP, |r| match r {
        Row::ShipmentStop { stop } => Some(stop),
        _ => None,
    })
    .await
}

async fn promises(d: &Device<MemoryStore>) -> Vec<Promise> {
    common::rows_of(d, tables::PROMISE, |r| match r {
        Row::Promise { promise } => Some(promise),
        _ => None,
    })
    .await
}

async fn follow_ups(d: &Device<MemoryStore>) -> Vec<FollowUp> {
    common::rows_of(d, tables::FOLLOW_UP, |r| match r {
        Row::FollowUp { follow_up, .. } => Some(follow_up),
        _ => None,
    })
    .await
}

fn stop(client: &str, stopped: bool) -> StopShipments {
    StopShipments {
        input: StopInput {
            client_id: client.into(),
            stopped,
            reason: "90 days overdue".into(),
        },
    }
}

#[tokio::test]
async fn heads_and_accounting_stop_shipments_and_every_device_showing_the_card_has_it() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app
        .session_in("ilze@firma.lv", Role::Manager, Some("Rīga"))
        .await;
    let head = app
        .session_in("vaditaja@firma.lv", Role::Head, Some("Rīga"))
        .await;
    let other_head = app
        .session_in("cits@firma.lv", Role::Head, Some("Liepāja"))
        .await;
    let accounting = app.session("gramatvediba@firma.lv", Role::Accounting).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;

    let phone = device(&ilze).await;
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Parādnieks".into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    // The manager may not; another department's head does not find it;
    // an unknown client is not found either.
    assert_eq!(
        app.call(Some(&ilze), stop(&card.id, true))
            .await
            .unwrap_err(),
        ApiError::Forbidden
    );
    assert_eq!(
        app.call(Some(&other_head), stop(&card.id, true))
            .await
            .unwrap_err(),
        ApiError::NotFound
    );
    assert_eq!(
        app.call(Some(&accounting), stop("nav-tada", true))
            .await
            .unwrap_err(),
        ApiError::NotFound
    );
    let Err(ApiError::Invalid(issues)) = app
        .call(
            Some(&head),
            StopShipments {
                input: StopInput {
                    client_id: card.id.clone(),
                    stopped: true,
                    reason: "x".repeat(501),
                },
            },
        )
        .await
    else {
        panic!("a reason of 501 characters was saved");
    };
    assert!(issues.at("reason").is_some());

    let set = app.call(Some(&head), stop(&card.id, true)).await.unwrap();
    assert!(set.stopped);
    assert_eq!(set.reason.as_deref(), Some("90 days overdue"));

    // The owner's phone and logistics both receive it; logistics nothing
    // else of the money (no documents, no promises).
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();
    assert_eq!(stops(&phone).await, vec![set.clone()]);
    let warehouse = device(&logistics).await;
    warehouse
        .sync(&transport(&app, &logistics), |_| {})
        .await
        .unwrap();
    assert_eq!(stops(&warehouse).await, vec![set]);

    // Accounting resumes any client's shipments; the reason goes with it.
    // Accounting's own list names the client, its owner and the stop,
    // and nothing of the sales work; a manager may not read it.
    let import =
        "type;number;client;date;due;amount\ninvoice;R-1;{id};2026-01-05;2026-01-19;120,00\n"
            .replace("{id}", &card.id);
    app::backend::money_import::import(
        &app.db,
        app::backend::money_import::Request {
            actor: "accountant",
            source: "horizon",
            adjust: Default::default(),
            preview: false,
            device: None,
        },
        import.as_bytes(),
        |_| {},
    )
    .await
    .unwrap();
    let page = app
        .call(
            Some(&accounting),
            Accounts {
                query: AccountsQuery {
                    text: "parādn".into(),
                    filter: Some(AccountsFilter::Stopped),
                },
            },
        )
        .await
        .unwrap();
    assert_eq!(page.lines.len(), 1);
    let line = &page.lines[0];
    assert_eq!(line.name, "SIA Parādnieks");
    assert_eq!(line.owner_name, ilze.user.name);
    assert!(line.stopped);
    assert_eq!(line.overdue, rust_decimal::Decimal::new(12000, 2));
    assert_eq!(
        app.call(
            Some(&ilze),
            Accounts {
                query: AccountsQuery::default()
            }
        )
        .await
        .unwrap_err(),
        ApiError::Forbidden
    );

    let resumed = app
        .call(Some(&accounting), stop(&card.id, false))
        .await
        .unwrap();
    assert!(!resumed.stopped);
    assert_eq!(resumed.reason, None);
    warehouse
        .sync(&transport(&app, &logistics), |_| {})
        .await
        .unwrap();
    assert!(!stops(&warehouse).await[0].stopped);

    let mut res = app
        .db
        .query("SELECT VALUE action FROM audit WHERE record = $id ORDER BY at")
        .bind(("id", card.id.clone()))
        .await
        .unwrap();
    let actions: Vec<String> = res.take(0).unwrap();
    let stop_actions: Vec<&String> = actions
        .iter()
        .filter(|a| a.starts_with("shipment_stop."))
        .collect();
    assert_eq!(
        stop_actions,
        ["shipment_stop.create", "shipment_stop.update"]
    );
}

#[tokio::test]
async fn a_promise_made_offline_reaches_the_server_with_its_follow_up_and_only_those_who_work_the_client()
 {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let janis = app.session("janis@firma.lv", Role::Manager).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;
    let director = app.session("direktors@firma.lv", Role::Director).await;

    let phone = device(&ilze).await;
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Solītājs".into(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    let today = chrono::Utc::now().date_naive();
    let input = |amount: &str, due: chrono::NaiveDate| PromiseInput {
        client_id: card.id.clone(),
        amount: amount.into(),
        due: due.to_string(),
        made_on: today.to_string(),
        note: "pēc algas".into(),
    };
    // A bad promise is refused on the device, field by field.
    let Err(app::sync::device::EditError::Invalid(issues)) = phone
        .make_promise(
            input("nulle", today - chrono::Duration::days(1)),
            chrono::Utc::now(),
            "x".into(),
        )
        .await
    else {
        panic!("a promise without an amount, dated yesterday, was made");
    };
    assert!(issues.at("amount").is_some() && issues.at("due").is_some());

    let due = today + chrono::Duration::days(7);
    let check_at = chrono::Utc::now() + chrono::Duration::days(7);
    let p = phone
        .make_promise(input("1 250,50", due), check_at, "Pārbaudīt".into())
        .await
        .unwrap();
    phone.sync(&transport(&app, &ilze), |_| {}).await.unwrap();

    // The director's device has it and its follow-up; Jānis's and
    // logistics' have neither.
    let boss = device(&director).await;
    boss.sync(&transport(&app, &director), |_| {})
        .await
        .unwrap();
    let got = promises(&boss).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].fields, p.fields);
    assert_eq!(got[0].fields.amount, rust_decimal::Decimal::new(125050, 2));
    let planned = follow_ups(&boss).await;
    assert_eq!(planned.len(), 1);
    assert_eq!(planned[0].fields.due, check_at);
    for (s, name) in [(&janis, "a colleague"), (&logistics, "logistics")] {
        let d = device(s).await;
        d.sync(&transport(&app, s), |_| {}).await.unwrap();
        assert!(promises(&d).await.is_empty(), "{name} got the promise");
    }

    // Stored once, the amount exact.
    let mut res = app
        .db
        .query("SELECT VALUE amount FROM promise")
        .await
        .unwrap();
    let amounts: Vec<rust_decimal::Decimal> = res.take(0).unwrap();
    assert_eq!(amounts, vec![rust_decimal::Decimal::new(125050, 2)]);
}
