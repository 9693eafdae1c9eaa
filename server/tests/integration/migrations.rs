//! Migrations that change stored data keep what was there.

use crate::common;

use server::db::{MIGRATIONS, migrate};

#[tokio::test]
async fn card_clocks_stored_as_objects_become_json_text() {
    let db = server::db::connect(common::database()).await.unwrap();
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
    let stamps = app::backend::records::client::stamps_from_db(&back.to_string());
    assert_eq!(stamps["city"].by, "user2");
    assert_eq!(stamps["name"].hlc.counter, 2);
}

/// A migration that fails half-way leaves the data readable as it was, is
/// not recorded, and the next start tries it again.
#[tokio::test]
async fn a_failed_migration_leaves_the_old_data_readable() {
    let db = server::db::open(common::database()).await.unwrap();
    db.query("CREATE meta:keep SET value = 'Paliek'")
        .await
        .unwrap()
        .check()
        .unwrap();
    let mut broken: Vec<(i64, &str, &str)> = MIGRATIONS.to_vec();
    let next = broken.last().unwrap().0 + 1;
    broken.push((
        next,
        "broken",
        "UPDATE meta SET value = 'Sabojāts'; THROW 'half-way';",
    ));
    let err = server::db::migrate_with(&db, &broken).await.unwrap_err();
    assert!(format!("{err:#}").contains("broken"), "{err:#}");
    let mut res = db
        .query("SELECT VALUE value FROM ONLY meta:keep; SELECT VALUE version FROM migration")
        .await
        .unwrap();
    let name: Option<String> = res.take(0).unwrap();
    let versions: Vec<i64> = res.take(1).unwrap();
    assert_eq!(
        name.as_deref(),
        Some("Paliek"),
        "the half-done change was rolled back"
    );
    assert!(!versions.contains(&next), "not recorded as applied");
    // The binary's own migrations still open it.
    assert!(server::db::migrate(&db).await.unwrap().is_empty());
}

/// Two servers starting together on one database both migrate it: each
/// migration is applied once and neither server fails to start.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_migrating_at_once_both_start() {
    // One handle: `mem://` opens a new store per connection.
    let first = server::db::connect(common::database()).await.unwrap();
    let second = first.clone();
    let (a, b) = tokio::join!(
        tokio::spawn(async move { migrate(&second).await }),
        migrate(&first)
    );
    let (a, b) = (a.unwrap().unwrap(), b.unwrap());
    let mut res = first
        .query("SELECT VALUE version FROM migration ORDER BY version")
        .await
        .unwrap();
    let recorded: Vec<i64> = res.take(0).unwrap();
    let all: Vec<i64> = MIGRATIONS.iter().map(|(v, _, _)| *v).collect();
    assert_eq!(recorded, all, "each migration recorded once");
    assert_eq!(a.len() + b.len(), all.len(), "{a:?} + {b:?}");
}
