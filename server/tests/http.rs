//! The HTTP layer: the app shell on every route, hashed assets cached for a
//! year and compressed, health, migrations applied once.

mod common;

use common::TestApp;
use http::{StatusCode, header};
use server::config::ServeArgs;
use server::http::site::Site;

fn site() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pkg")).unwrap();
    std::fs::write(
        dir.path().join("asset-manifest.json"),
        r#"{"js":"kartoteka-abc.js","wasm":"kartoteka-abc_bg.wasm","css":"style-def.css","build":"b1"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pkg/kartoteka-abc.js"),
        "export default 1;\n".repeat(200),
    )
    .unwrap();
    std::fs::write(dir.path().join("manifest.webmanifest"), "{}").unwrap();
    let site = Site::load(dir.path()).unwrap();
    (dir, site)
}

#[tokio::test]
async fn every_app_route_gets_the_shell() {
    let (_dir, site) = site();
    let app = TestApp::with_args(&ServeArgs::default(), &site).await;
    for path in ["/", "/clients", "/clients/0190b5a0/edit", "/account"] {
        let r = app.get(path, &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        let body = String::from_utf8(r.body).unwrap();
        assert!(
            body.contains("/pkg/style-def.css") && body.contains("/boot.js"),
            "{path}"
        );
        assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-cache");
        assert!(r.headers.get(header::CONTENT_SECURITY_POLICY).is_some());
    }
    let boot = app.get("/boot.js", &[]).await;
    assert!(
        String::from_utf8(boot.body)
            .unwrap()
            .contains("/pkg/kartoteka-abc_bg.wasm")
    );
    assert_eq!(
        app.get("/missing.png", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/manifest.webmanifest", &[]).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_compressed() {
    let (_dir, site) = site();
    let app = TestApp::with_args(&ServeArgs::default(), &site).await;
    let r = app
        .get("/pkg/kartoteka-abc.js", &[("accept-encoding", "br, gzip")])
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers.get(header::CACHE_CONTROL).unwrap(),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(r.headers.get(header::CONTENT_ENCODING).unwrap(), "br");
    assert!(
        r.body.len() < 3600 / 4,
        "compressed to {} bytes",
        r.body.len()
    );
    let r = app
        .get("/pkg/kartoteka-abc.js", &[("accept-encoding", "gzip")])
        .await;
    assert_eq!(r.headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
}

#[tokio::test]
async fn health_answers_when_the_database_does() {
    let app = TestApp::new().await;
    let r = app.get("/healthz", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, b"ok");
}

#[tokio::test]
async fn migrations_apply_once() {
    let db = server::db::connect("mem://").await.unwrap();
    let first = server::db::migrate(&db).await.unwrap();
    assert_eq!(first, [1, 2]);
    let second = server::db::migrate(&db).await.unwrap();
    assert!(second.is_empty());
    let mut res = db
        .query("SELECT VALUE version FROM migration")
        .await
        .unwrap();
    let mut versions: Vec<i64> = res.take(0).unwrap();
    versions.sort();
    assert_eq!(versions, [1, 2]);
}

#[tokio::test]
async fn embedded_store_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    {
        let db = server::db::open(&url).await.unwrap();
        db.query("CREATE audit CONTENT { at: time::now(), actor: 'test', action: 'x', record: 'r', changes: {} }")
            .await
            .unwrap()
            .check()
            .unwrap();
    }
    // The store closes in the background once the last handle is dropped.
    let mut reopened = None;
    for _ in 0..50 {
        match server::db::open(&url).await {
            Ok(db) => {
                reopened = Some(db);
                break;
            }
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    }
    let db = reopened.expect("reopened within 5 s");
    let mut res = db.query("SELECT VALUE action FROM audit").await.unwrap();
    let actions: Vec<String> = res.take(0).unwrap();
    assert_eq!(actions, ["x"]);
}
