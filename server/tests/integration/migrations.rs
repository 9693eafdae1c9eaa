//! Migrations that change stored data keep what was there.

use crate::common;

use server::db::{MIGRATIONS, migrate};

/// A new database as the migrations up to `last` left it.
async fn as_left_by(last: i64) -> app::backend::Db {
    let db = server::db::connect(common::database()).await.unwrap();
    for (version, name, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v <= last) {
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
    db
}

#[tokio::test]
async fn card_clocks_stored_as_objects_become_json_text() {
    // A database as migration 2 left it, with a card written through sync.
    let db = as_left_by(2).await;
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

/// The calls of a store as migration 28 left it (typed fields) read back
/// the same once the table keeps no field definitions, both indexes stay,
/// and a call stored after it is its row as written.
#[tokio::test]
async fn call_logs_keep_their_rows_and_indexes_without_field_definitions() {
    use app::backend::records::call_log::{CALL_FIELDS, CallDoc, import};
    use app::domain::call_log::{CallFields, Direction, Outcome};
    use app::domain::calling::call_kind::CallKind;

    let db = as_left_by(28).await;
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:30:00Z")
        .unwrap()
        .to_utc();
    let call = |id: &str, note: Option<&str>, kind: CallKind| {
        let fields = CallFields {
            client_id: "c1".into(),
            contact_id: note.map(|_| "k1".to_string()),
            at,
            direction: Direction::Incoming,
            outcome: Outcome::Connected,
            kind,
            duration_s: 95,
            note: note.map(str::to_string),
        };
        let mut doc = CallDoc::new(id, fields, "u1", at);
        doc.op = Some(format!("op-{id}"));
        doc.device = Some("d1".into());
        doc
    };
    let read = |db: app::backend::Db| async move {
        let mut res = db
            .query(format!(
                "SELECT {CALL_FIELDS} FROM call_log WHERE version > 0 ORDER BY version, id"
            ))
            .await
            .unwrap();
        let rows: Vec<CallDoc> = res.take(0).unwrap();
        rows.into_iter()
            .map(|r| format!("{r:?}"))
            .collect::<Vec<_>>()
    };
    import(
        &db,
        vec![call("a", Some("Atzvanīt rīt"), CallKind::Receivables)],
    )
    .await
    .unwrap();
    let before = read(db.clone()).await;
    assert_eq!(before.len(), 1);

    let applied = migrate(&db).await.unwrap();
    assert!(applied.contains(&29), "{applied:?}");
    assert_eq!(
        read(db.clone()).await,
        before,
        "the stored call is unchanged"
    );

    let mut res = db.query("INFO FOR TABLE call_log").await.unwrap();
    let info: Option<serde_json::Value> = res.take(0).unwrap();
    let info = info.unwrap();
    assert_eq!(info["fields"], serde_json::json!({}), "{info}");
    for index in ["call_log_version", "call_log_client"] {
        assert!(info["indexes"].get(index).is_some(), "{index} kept: {info}");
    }

    let later = call("b", None, CallKind::Ordinary);
    import(&db, vec![later.clone()]).await.unwrap();
    let after = read(db.clone()).await;
    assert_eq!(after.len(), 2);
    assert_eq!(after[0], before[0]);
    let mut want = later;
    want.version = 2;
    assert_eq!(after[1], format!("{want:?}"), "stored as written");
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM call_log WHERE client = 'c1' ORDER BY at, id")
        .await
        .unwrap();
    let ids: Vec<String> = res.take(0).unwrap();
    assert_eq!(ids, ["a", "b"]);
    // The pull and an owner's change still read through the indexes.
    for (query, index) in [
        ("WHERE version > 0 ORDER BY version", "call_log_version"),
        ("WHERE client = 'c1'", "call_log_client"),
    ] {
        let mut res = db
            .query(format!("SELECT id FROM call_log {query} EXPLAIN"))
            .await
            .unwrap();
        let plan: Option<serde_json::Value> = res.take(0).unwrap();
        let plan = plan.unwrap().to_string();
        assert!(plan.contains(index), "{query} reads {index}: {plan}");
    }
}
