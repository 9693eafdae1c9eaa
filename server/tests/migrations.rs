//! Migrations that change stored data keep what was there.

use server::db::{MIGRATIONS, migrate};

#[tokio::test]
async fn card_clocks_stored_as_objects_become_json_text() {
    let db = server::db::connect("mem://").await.unwrap();
    // A database as migration 2 left it, with a card written through sync.
    for (version, name, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v <= 2) {
        db.query(format!(
            "{sql}\n;CREATE migration CONTENT {{ version: $v, name: $n, applied_at: time::now() }};"
        ))
        .bind(("v", *version))
        .bind(("n", name.to_string()))
        .await
        .unwrap()
        .check()
        .unwrap();
    }
    let clocks = serde_json::json!({
        "name": { "by": "user1", "hlc": { "millis": 1795000000000u64, "counter": 2, "device": "dev-a" } },
        "city": { "by": "user2", "hlc": { "millis": 1795000000500u64, "counter": 0, "device": "dev-b" } },
    });
    db.query(
        "CREATE client:c1 CONTENT { kind: 'company', name: 'SIA Etalons', name_key: 'sia etalons', \
         segment: 'active', source: 'other', owner: 'user1', tags: [], search: 'sia etalons', \
         archived: false, created_at: time::now(), created_by: 'user1', updated_at: time::now(), \
         updated_by: 'user1', version: 1, clocks: $clocks }",
    )
    .bind(("clocks", clocks.clone()))
    .await
    .unwrap()
    .check()
    .unwrap();

    let applied = migrate(&db).await.unwrap();
    assert!(applied.contains(&3), "{applied:?}");

    let mut res = db
        .query("SELECT VALUE clocks FROM ONLY client:c1")
        .await
        .unwrap();
    let text: Option<String> = res.take(0).unwrap();
    let back: serde_json::Value = serde_json::from_str(&text.unwrap()).unwrap();
    assert_eq!(back, clocks);
    let stamps = app::backend::sync_cards::stamps_from_db(&back.to_string());
    assert_eq!(stamps["city"].by, "user2");
    assert_eq!(stamps["name"].hlc.counter, 2);
}
