//! HTTPS served by the binary itself (`--tls-cert`/`--tls-key`): the app
//! over TLS with HSTS and Secure cookies, nothing in plain HTTP on that
//! port, a renewed certificate taken up on SIGHUP (a broken one refused
//! while the old one stays), and a wrong file refused at start.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;

use common::certs::{Pem, office_certificate};
use common::{Killed, bare_site, free_port};

const BIN: &str = env!("CARGO_BIN_EXE_kartoteka");
const HOST: &str = "kartoteka.test";
const SAN: &str = "DNS:kartoteka.test";
const PASSWORD: &str = "pietiekami-gara";

fn write(dir: &Path, pem: &Pem) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    std::fs::write(&cert, &pem.cert).unwrap();
    std::fs::write(&key, &pem.key).unwrap();
    (cert, key)
}

/// A client that trusts only `pem`'s certificate and finds the test host
/// on loopback.
fn client(pem: &Pem, port: u16) -> reqwest::Client {
    server::tls::install_provider();
    reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(pem.ca.as_bytes()).unwrap())
        .resolve(HOST, SocketAddr::from(([127, 0, 0, 1], port)))
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

async fn health(client: &reqwest::Client, port: u16) -> reqwest::Result<reqwest::Response> {
    client
        .get(format!("https://{HOST}:{port}/healthz"))
        .send()
        .await
}

fn serve(db: &str, site: &Path, port: u16, cert: &Path, key: &Path) -> Child {
    Command::new(BIN)
        .args(["--db", db, "--log", "info", "serve"])
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--site-dir")
        .arg(site)
        .arg("--tls-cert")
        .arg(cert)
        .arg("--tls-key")
        .arg(key)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn signal(child: &Killed, name: &str) {
    Command::new("kill")
        .args([&format!("-{name}"), &child.0.id().to_string()])
        .status()
        .unwrap();
}

fn stop(mut child: Killed) -> String {
    signal(&child, "TERM");
    let mut log = String::new();
    let stderr = child.0.stderr.take();
    stderr.unwrap().read_to_string(&mut log).unwrap();
    assert!(child.0.wait().unwrap().success(), "clean exit:\n{log}");
    log
}

/// Waits until `client` gets a 200 over HTTPS, for at most 30 s.
async fn answered(what: &str, client: &reqwest::Client, port: u16) {
    let started = Instant::now();
    // A proxy answers 502 until the app behind it is up.
    while !health(client, port)
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(started.elapsed() < Duration::from_secs(30), "{what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn https_with_a_certificate_renewed_on_sighup() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let site = bare_site(dir.path());
    let add = Command::new(BIN)
        .args(["--db", &db, "--log", "error", "user", "add"])
        .args([
            "--email",
            "a@firma.lv",
            "--name",
            "Anna",
            "--role",
            "manager",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(PASSWORD.as_bytes())?;
            c.wait()
        })
        .unwrap();
    assert!(add.success());

    let first = office_certificate(&[SAN]);
    let (cert, key) = write(dir.path(), &first);
    let port = free_port();
    let server = Killed(serve(&db, &site, port, &cert, &key));
    let trusts_first = client(&first, port);
    answered("the server answers over HTTPS", &trusts_first, port).await;
    let answer = health(&trusts_first, port).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert!(
        answer.headers().contains_key("strict-transport-security"),
        "HSTS on every answer"
    );

    // Signing in over HTTPS gives a cookie that never travels in plain HTTP.
    let signed_in = trusts_first
        .post(format!("https://{HOST}:{port}/api/sign-in"))
        .json(&serde_json::json!({ "email": "a@firma.lv", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let cookie = signed_in.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");

    // A browser speaks HTTP/2 here, which has no `Host` header: its page's
    // server calls (with their `Origin`) are still this site's own.
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, &first.ca).unwrap();
    let origin = format!("https://{HOST}:{port}");
    let browser_like = Command::new("curl")
        .args([
            "--http2",
            "-sS",
            "-o",
            "/dev/null",
            "-w",
            "%{http_version} %{http_code}",
        ])
        .arg("--cacert")
        .arg(&ca)
        .args(["--resolve", &format!("{HOST}:{port}:127.0.0.1")])
        .args([
            "-H",
            &format!("origin: {origin}"),
            "-H",
            "sec-fetch-site: same-origin",
        ])
        .args(["-H", "content-type: application/json"])
        .args([
            "-d",
            &format!(r#"{{"email":"a@firma.lv","password":"{PASSWORD}"}}"#),
        ])
        .arg(format!("{origin}/api/sign-in"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&browser_like.stdout),
        "2 200",
        "{}",
        String::from_utf8_lossy(&browser_like.stderr)
    );

    // Plain HTTP on the same port gets no page.
    let mut plain = TcpStream::connect(("127.0.0.1", port)).unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    // One write: the server may drop the connection on the first bytes that
    // are not TLS, and a second write would then meet a broken pipe.
    let request = format!("GET /healthz HTTP/1.0\r\nHost: {HOST}\r\n\r\n");
    let _ = plain.write_all(request.as_bytes());
    let mut said = Vec::new();
    let _ = plain.read_to_end(&mut said);
    assert!(
        !String::from_utf8_lossy(&said).contains("200 OK"),
        "plain HTTP answered"
    );

    // A renewed certificate is served after SIGHUP, without a restart.
    let second = office_certificate(&[SAN]);
    write(dir.path(), &second);
    signal(&server, "HUP");
    let trusts_second = client(&second, port);
    answered("the renewed certificate is served", &trusts_second, port).await;
    assert!(
        health(&client(&first, port), port).await.is_err(),
        "the old certificate is gone"
    );

    // A broken file is refused; the renewed certificate stays in service.
    std::fs::write(&cert, "not a certificate").unwrap();
    signal(&server, "HUP");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(health(&trusts_second, port).await.unwrap().status(), 200);

    let log = stop(server);
    assert!(log.contains("certificate reloaded"), "{log}");
    assert!(log.contains("certificate not reloaded"), "{log}");
    assert!(log.contains(&format!("https://127.0.0.1:{port}")), "{log}");
}

#[test]
fn a_wrong_certificate_file_stops_the_start_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let site = bare_site(dir.path());
    let pem = office_certificate(&[SAN]);
    let (cert, key) = write(dir.path(), &pem);
    let start = |cert: &Path, key: &Path| {
        let out = serve("mem://", &site, free_port(), cert, key)
            .wait_with_output()
            .unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let empty = dir.path().join("empty.pem");
    std::fs::write(&empty, "").unwrap();
    let said = start(&empty, &key);
    assert!(said.contains("holds no PEM certificate"), "{said}");
    let said = start(&cert, &empty);
    assert!(said.contains("cannot use"), "{said}");
    let said = start(&dir.path().join("missing.pem"), &key);
    assert!(said.contains("cannot read the certificate file"), "{said}");
    // Only one of the pair is refused by the command line itself.
    let out = Command::new(BIN)
        .args(["serve", "--tls-cert"])
        .arg(&cert)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls-key"));
}

/// The README's reverse proxy: Debian's caddy with the shipped Caddyfile,
/// its own CA for a LAN, in front of a plain kartoteka that trusts it.
#[tokio::test]
async fn behind_caddy_with_the_shipped_caddyfile() {
    let dir = tempfile::tempdir().unwrap();
    let site = bare_site(dir.path());
    let (app_port, https_port, admin_port) = (free_port(), free_port(), free_port());
    let app = Command::new(BIN)
        .args(["--db", "mem://", "--log", "warn", "serve"])
        .args(["--listen", &format!("127.0.0.1:{app_port}")])
        .args(["--trusted-proxy", "127.0.0.1"])
        .arg("--site-dir")
        .arg(&site)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let caddyfile = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/Caddyfile");
    let caddy = Command::new("caddy")
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(&caddyfile)
        .env("XDG_DATA_HOME", dir.path().join("caddy-data"))
        .env("XDG_CONFIG_HOME", dir.path().join("caddy-config"))
        .env("CADDY_ADMIN", format!("127.0.0.1:{admin_port}"))
        .env("KARTOTEKA_SITE", format!("https://{HOST}:{https_port}"))
        .env("KARTOTEKA_UPSTREAM", format!("127.0.0.1:{app_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("Debian's caddy (scripts/setup --test installs it)");
    let (_app, _caddy) = (Killed(app), Killed(caddy));
    // Caddy makes its CA at start; a phone would install this root.
    let root = dir
        .path()
        .join("caddy-data/caddy/pki/authorities/local/root.crt");
    let started = Instant::now();
    while !root.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "caddy made no CA"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let pem = Pem {
        ca: std::fs::read_to_string(&root).unwrap(),
        cert: String::new(),
        key: String::new(),
    };
    let phone = client(&pem, https_port);
    answered("caddy serves kartoteka over HTTPS", &phone, https_port).await;
    let answer = health(&phone, https_port).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert!(
        answer.headers().contains_key("strict-transport-security"),
        "kartoteka believes the proxy that the client used HTTPS"
    );
}
