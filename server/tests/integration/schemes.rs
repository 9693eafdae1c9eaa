//! Key-client schemes through the real server functions: those who lead
//! people write them (bad input refused per field, nothing saved), every
//! device receives them by sync with their commercial terms only where
//! commercial terms are seen, and a card names its scheme among its
//! commercial terms, which never reach a logistics device.

use crate::common;

use app::api::ApiError;
use app::api::schemes::SaveScheme;
use app::domain::client_input::ClientInput;
use app::domain::scheme::Scheme;
use app::domain::user::Role;
use app::domain::validation::Problem;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use common::{TestApp, device, scheme_input, transport};
use rust_decimal::Decimal;
use std::sync::Arc;

async fn schemes(d: &Device<MemoryStore>) -> Vec<Scheme> {
    d.store()
        .all(tables::SCHEME)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::Scheme { scheme } => Some(*scheme),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn heads_write_schemes_cards_name_them_and_logistics_sees_no_terms() {
    let app = Arc::new(TestApp::new().await);
    let head = app.session("vaditaja@firma.lv", Role::Head).await;
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;
    let logistics = app.session("logistika@firma.lv", Role::Logistics).await;

    assert_eq!(
        app.call(
            Some(&ilze),
            SaveScheme {
                id: None,
                input: scheme_input("Zelts"),
            },
        )
        .await
        .unwrap_err(),
        ApiError::Forbidden
    );
    let mut bad = scheme_input("Zelts");
    bad.discount_pct = "120".into();
    bad.groups[0].discount_pct = "-1".into();
    bad.payment_days = "pusgads".into();
    let Err(ApiError::Invalid(issues)) = app
        .call(
            Some(&head),
            SaveScheme {
                id: None,
                input: bad,
            },
        )
        .await
    else {
        panic!("a 120 % discount was saved");
    };
    assert_eq!(issues.at("discount_pct"), Some(Problem::AmountTooLarge));
    assert_eq!(
        issues.at("groups.0.discount_pct"),
        Some(Problem::NegativeAmount)
    );
    assert_eq!(issues.at("payment_days"), Some(Problem::InvalidDays));

    let gold = app
        .call(
            Some(&head),
            SaveScheme {
                id: None,
                input: scheme_input("Zelts"),
            },
        )
        .await
        .unwrap();
    assert_eq!(gold.fields.discount_for("finieris"), Decimal::new(125, 1));

    // Ilze puts her client on it; her phone has the scheme whole.
    let phone = device(&ilze).await;
    let t = transport(&app, &ilze);
    phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!(schemes(&phone).await[0].fields, gold.fields);
    let card = phone
        .save_card(
            None,
            ClientInput {
                name: "SIA Zelta Klients".into(),
                scheme_id: gold.id.clone(),
                ..Default::default()
            },
            false,
        )
        .await
        .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    let stored = app
        .call(
            Some(&ilze),
            app::api::clients::GetClient {
                id: card.id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(stored.fields.scheme_id.as_deref(), Some(gold.id.as_str()));

    // Logistics: the scheme's name and service, no discounts, no terms;
    // the card without the scheme it is on.
    let l = device(&logistics).await;
    l.sync(&transport(&app, &logistics), |_| {}).await.unwrap();
    let theirs = schemes(&l).await;
    assert_eq!(theirs[0].fields.name, "Zelts");
    assert_eq!(theirs[0].fields.lead_days, Some(2));
    assert!(theirs[0].fields.discount_pct.is_zero());
    assert!(theirs[0].fields.groups.is_empty() && theirs[0].fields.conditions.is_none());
    let cards = format!("{:?}", l.store().all(tables::CLIENT).await.unwrap());
    assert!(cards.contains("SIA Zelta Klients"));
    assert!(!cards.contains(&gold.id), "{cards}");

    // A change reaches the phone, and is audited.
    let mut changed = scheme_input("Zelts");
    changed.discount_pct = "7".into();
    app.call(
        Some(&head),
        SaveScheme {
            id: Some(gold.id.clone()),
            input: changed,
        },
    )
    .await
    .unwrap();
    phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!(
        schemes(&phone).await[0].fields.discount_pct,
        Decimal::from(7)
    );
    let history = app::backend::audit::history(&app.db, &gold.id)
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"scheme.create") && actions.contains(&"scheme.update"));
}
