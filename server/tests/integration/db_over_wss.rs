//! A SurrealDB server on another machine speaks TLS (`wss://`) with a
//! certificate from the office's own CA: kartoteka trusts that CA when told
//! with `--db-ca`, migrates, and serves on it; not told, it refuses with a
//! message that names the flag. The database password travels only in the
//! environment and never shows in the output.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common;

use common::certs::office_certificate;
use common::{Killed, bare_site, free_port};

const BIN: &str = env!("CARGO_BIN_EXE_kartoteka");
const DB_PASS: &str = "datubazes-parole-9";
const PASSWORD: &str = "pietiekami-gara";

/// The SurrealDB server `scripts/setup --test` builds into the cache.
fn surreal() -> PathBuf {
    let path = std::env::var_os("KARTOTEKA_SURREAL")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let cache = std::env::var_os("KARTOTEKA_CACHE").map_or_else(
                || PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/kartoteka"),
                PathBuf::from,
            );
            cache.join("tools/bin/surreal")
        });
    assert!(
        path.exists(),
        "no SurrealDB server at {} (scripts/setup --test builds it)",
        path.display()
    );
    path
}

/// `kartoteka user add` against `url`, the password on standard input.
fn user_add(url: &str, ca: Option<&Path>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(["--db", url, "--db-user", "root", "--log", "error"])
        .env("KARTOTEKA_DB_PASS", DB_PASS);
    if let Some(ca) = ca {
        cmd.arg("--db-ca").arg(ca);
    }
    let mut child = cmd
        .args(["user", "add", "--email", "a@firma.lv", "--name", "Anna"])
        .args(["--role", "manager"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(PASSWORD.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn a_database_server_over_wss_with_the_offices_ca() {
    let dir = tempfile::tempdir().unwrap();
    let pem = office_certificate(&["IP:127.0.0.1"]);
    pem.write(dir.path());
    let ca = dir.path().join("ca.pem");
    let db_port = free_port();
    let _surreal = Killed(
        Command::new(surreal())
            .args(["start", "--bind", &format!("127.0.0.1:{db_port}")])
            .arg("--web-crt")
            .arg(dir.path().join("cert.pem"))
            .arg("--web-key")
            .arg(dir.path().join("key.pem"))
            .args(["--log", "warn", "memory"])
            .env("SURREAL_USER", "root")
            .env("SURREAL_PASS", DB_PASS)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let started = Instant::now();
    let healthy = || {
        Command::new("curl")
            .args(["-fs", "-o", "/dev/null", "--cacert"])
            .arg(&ca)
            .arg(format!("https://127.0.0.1:{db_port}/health"))
            .status()
            .is_ok_and(|s| s.success())
    };
    while !healthy() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the SurrealDB server did not start over TLS"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let url = format!("wss://127.0.0.1:{db_port}");

    // Not told about the office CA: refused, and told what to do.
    let out = user_add(&url, None);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("--db-ca"), "{said}");
    assert!(!said.contains(DB_PASS), "{said}");

    // Told: migrates and adds the user over TLS.
    let out = user_add(&url, Some(&ca));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(!said.contains(DB_PASS), "{said}");

    // A server on that database signs the user in.
    let site = bare_site(dir.path());
    let port = free_port();
    let _server = Killed(
        Command::new(BIN)
            .args(["--db", &url, "--db-user", "root", "--log", "warn"])
            .arg("--db-ca")
            .arg(&ca)
            .env("KARTOTEKA_DB_PASS", DB_PASS)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .arg("--site-dir")
            .arg(&site)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    server::tls::install_provider();
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while !client
        .get(format!("{base}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server on wss:// did not start"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let signed_in = client
        .post(format!("{base}/api/sign-in"))
        .json(&serde_json::json!({ "email": "a@firma.lv", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
}
