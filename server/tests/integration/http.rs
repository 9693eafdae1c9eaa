//! The HTTP layer: the app shell on every route, hashed assets cached for a
//! year and compressed, the service worker and install icons, health,
//! migrations applied once.

use crate::common;

use common::TestApp;
use http::{StatusCode, header};
use server::config::ServeArgs;
use server::http::service_worker;
use server::http::site::Site;
use std::path::Path;

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

/// A site whose public files are the real `public/`, as `scripts/build-web`
/// lays it out.
fn public_site() -> (tempfile::TempDir, Site) {
    let (dir, _) = site();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../public"),
        dir.path(),
    );
    std::fs::write(dir.path().join("pkg/kartoteka-abc_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.path().join("pkg/style-def.css"), "body{}").unwrap();
    let site = Site::load(dir.path()).unwrap();
    (dir, site)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test]
async fn service_worker_caches_this_build_and_never_the_api() {
    let (_dir, site) = site();
    let app = TestApp::with_args(&ServeArgs::default(), &site).await;
    let r = app.get("/sw.js", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-cache");
    assert_eq!(
        r.headers.get(header::CONTENT_TYPE).unwrap(),
        "text/javascript; charset=utf-8"
    );
    let csp = r.headers.get(header::CONTENT_SECURITY_POLICY).unwrap();
    assert!(csp.to_str().unwrap().contains("worker-src 'self'"));
    let body = String::from_utf8(r.body).unwrap();
    assert!(body.contains("const BUILD = \"b1\";"));
    assert!(body.contains("startsWith('/api/')") && body.contains("'/healthz'"));
    let assets: Vec<String> = body
        .lines()
        .find_map(|line| line.strip_prefix("const ASSETS = "))
        .and_then(|line| line.strip_suffix(';'))
        .map(|json| serde_json::from_str(json).unwrap())
        .expect("the asset list");
    for asset in [
        "/",
        "/boot.js",
        "/pkg/kartoteka-abc.js",
        "/pkg/kartoteka-abc_bg.wasm",
        "/pkg/style-def.css",
        "/favicon.svg",
        "/manifest.webmanifest",
        "/icons/icon-192.png",
        "/icons/icon-512.png",
    ] {
        assert!(assets.iter().any(|a| a == asset), "{asset} in {assets:?}");
    }
    assert!(
        !assets
            .iter()
            .any(|a| a.starts_with("/api") || a == "/healthz")
    );

    let boot = String::from_utf8(app.get("/boot.js", &[]).await.body).unwrap();
    assert!(boot.contains("register('/sw.js', { scope: '/' })"));
    assert!(boot.contains("window.__kartotekaBuild = 'b1';"));

    // Like /boot.js, the worker is there even without a built front end.
    let bare = TestApp::new().await;
    assert_eq!(bare.get("/sw.js", &[]).await.status, StatusCode::OK);
}

#[tokio::test]
async fn install_icons_are_listed_and_every_cached_asset_is_served() {
    let (_dir, site) = public_site();
    let app = TestApp::with_args(&ServeArgs::default(), &site).await;
    let r = app.get("/manifest.webmanifest", &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    let manifest: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["scope"], "/");
    let icons = manifest["icons"].as_array().unwrap();
    let has = |sizes: &str, purpose: &str| {
        icons.iter().any(|i| {
            i["sizes"] == sizes
                && i["type"] == "image/png"
                && i["purpose"]
                    .as_str()
                    .unwrap()
                    .split(' ')
                    .any(|p| p == purpose)
        })
    };
    assert!(has("192x192", "any") && has("512x512", "any") && has("512x512", "maskable"));
    assert!(icons.iter().any(|i| i["type"] == "image/svg+xml"));
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        let r = app.get(src, &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{src}");
        let kind = icon["type"].as_str().unwrap();
        let served = r
            .headers
            .get(header::CONTENT_TYPE)
            .unwrap()
            .to_str()
            .unwrap();
        assert!(served.starts_with(kind), "{src}: {served}");
        if kind == "image/png" {
            // The PNG header's width and height are the sizes the manifest claims.
            assert_eq!(&r.body[12..16], b"IHDR", "{src}");
            let side = |at: usize| u32::from_be_bytes(r.body[at..at + 4].try_into().unwrap());
            assert_eq!(
                format!("{}x{}", side(16), side(20)),
                icon["sizes"].as_str().unwrap(),
                "{src}"
            );
        }
    }
    // The worker's install fails whole if one file is missing.
    for asset in service_worker::assets(&site.manifest) {
        let r = app.get(&asset, &[]).await;
        assert_eq!(r.status, StatusCode::OK, "{asset}");
    }
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
    // Every migration, numbered 1, 2, 3 … without gaps.
    let all: Vec<i64> = server::db::MIGRATIONS.iter().map(|m| m.0).collect();
    assert_eq!(all, (1..=all.len() as i64).collect::<Vec<_>>());
    let db = server::db::connect("mem://").await.unwrap();
    let first = server::db::migrate(&db).await.unwrap();
    assert_eq!(first, all);
    let second = server::db::migrate(&db).await.unwrap();
    assert!(second.is_empty());
    let mut res = db
        .query("SELECT VALUE version FROM migration")
        .await
        .unwrap();
    let mut versions: Vec<i64> = res.take(0).unwrap();
    versions.sort();
    assert_eq!(versions, all);
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

/// The front end's files go out as compressed at build time: the brotli
/// file to a browser that takes brotli, gzip to one that takes only gzip,
/// the file itself otherwise, each cached for a year.
#[tokio::test]
async fn the_front_end_is_served_as_compressed_at_build_time() {
    let (dir, site) = site();
    let wasm = dir.path().join("pkg/kartoteka-abc_bg.wasm");
    std::fs::write(&wasm, b"\0asm plain").unwrap();
    std::fs::write(
        dir.path().join("pkg/kartoteka-abc_bg.wasm.br"),
        b"brotli-11 bytes",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pkg/kartoteka-abc_bg.wasm.gz"),
        b"gzip-9 bytes",
    )
    .unwrap();
    let app = TestApp::with_args(&ServeArgs::default(), &site).await;
    let path = "/pkg/kartoteka-abc_bg.wasm";
    let br = app
        .get(path, &[("accept-encoding", "gzip, deflate, br")])
        .await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.headers.get(header::CONTENT_ENCODING).unwrap(), "br");
    assert_eq!(br.body, b"brotli-11 bytes");
    assert_eq!(
        br.headers.get(header::CONTENT_TYPE).unwrap(),
        "application/wasm"
    );
    assert!(
        br.headers
            .get(header::CACHE_CONTROL)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let gz = app.get(path, &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
    assert_eq!(gz.body, b"gzip-9 bytes");
    let plain = app.get(path, &[]).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.body, b"\0asm plain");
}
