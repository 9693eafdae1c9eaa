//! Cards that enter by import or `kartoteka seed` carry field clocks, so
//! their owner's first edit, on the web form or on a device, is a plain
//! edit and not a conflict against nobody.

use crate::common;

use app::api::clients::UpdateClient;
use app::domain::client_input::ClientInput;
use app::domain::user::Role;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use common::{AppTransport, TestApp};
use std::sync::Arc;

async fn conflicts(app: &TestApp) -> i64 {
    let mut res = app
        .db
        .query("RETURN count(SELECT id FROM conflict)")
        .await
        .unwrap();
    let n: Option<i64> = res.take(0).unwrap();
    n.unwrap_or(0)
}

async fn imported(app: &TestApp, owner: &str, name: &str) -> String {
    let input = ClientInput {
        name: name.into(),
        city: "Smiltene".into(),
        ..Default::default()
    };
    let valid = input
        .validate(chrono::Utc::now().date_naive())
        .expect("valid");
    app::backend::clients::import(&app.db, owner, owner, &[valid])
        .await
        .unwrap()
        .remove(0)
}

#[tokio::test]
async fn the_first_edit_of_an_imported_card_is_no_conflict() {
    let app = Arc::new(TestApp::new().await);
    let ilze = app.session("ilze@firma.lv", Role::Manager).await;

    // On the web form.
    let id = imported(&app, &ilze.user.id, "Smiltenes Piens").await;
    let card = app
        .call(Some(&ilze), app::api::clients::GetClient { id: id.clone() })
        .await
        .unwrap();
    let mut input = ClientInput::from_card(&card);
    input.city = "Valka".into();
    let saved = app
        .call(Some(&ilze), UpdateClient { id, input })
        .await
        .unwrap();
    assert_eq!(saved.fields.city.as_deref(), Some("Valka"));
    assert_eq!(conflicts(&app).await, 0, "a web edit of a seeded card");

    // On a device.
    let id = imported(&app, &ilze.user.id, "Smiltenes Maize").await;
    let phone = Device::open(MemoryStore::default(), &ilze.user.id, &ilze.user.name)
        .await
        .unwrap();
    let t = AppTransport {
        app: app.clone(),
        session: ilze.clone(),
    };
    phone.sync(&t, |_| {}).await.unwrap();
    let (card, _) = phone.card(&id).await.unwrap().expect("pulled");
    let mut input = ClientInput::from_card(&card);
    input.city = "Rūjiena".into();
    phone.save_card(Some(&id), input, false).await.unwrap();
    let done = phone.sync(&t, |_| {}).await.unwrap();
    assert_eq!(done.rejected, 0);
    assert_eq!(conflicts(&app).await, 0, "a device edit of a seeded card");
}
