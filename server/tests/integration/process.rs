//! The real binary: create a user from the CLI (password on stdin), serve,
//! answer /healthz, stop cleanly on SIGTERM, and keep the data.

use crate::common::free_port;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_kartoteka");

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

/// `kartoteka user add` for a@firma.lv as admin, the password piped to stdin.
fn user_add(db: &str, name: &str, stdin: &[u8]) -> std::process::Output {
    let args = [
        "--db",
        db,
        "--log",
        "error",
        "user",
        "add",
        "--email",
        "a@firma.lv",
    ];
    Command::new(BIN)
        .args(args)
        .args(["--name", name, "--role", "admin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(stdin)?;
            c.wait_with_output()
        })
        .unwrap()
}

#[test]
fn cli_user_serve_health_and_clean_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(
        site.join("asset-manifest.json"),
        r#"{"js":"a.js","wasm":"a.wasm","css":"a.css","build":"t"}"#,
    )
    .unwrap();

    // A too-short password is refused with a precise message.
    let out = user_add(&db, "A", b"short\n");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("password must have at least 10 characters")
    );

    let out = user_add(&db, "Anna", b"pietiekami-gara\n");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("created Anna <a@firma.lv> as admin"));

    let port = free_port();
    let mut server = Command::new(BIN)
        .args([
            "--db",
            &db,
            "--log",
            "info",
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .arg("--site-dir")
        .arg(&site)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let health = loop {
        if let Some(r) = get(port, "/healthz") {
            break r;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        health.starts_with("HTTP/1.0 200") || health.starts_with("HTTP/1.1 200"),
        "{health}"
    );

    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    let status = loop {
        if let Some(s) = server.try_wait().unwrap() {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "server did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "clean exit, got {status}");
    let mut log = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(
        log.contains("shutdown requested") && log.contains("bye"),
        "{log}"
    );
    assert!(!log.contains("ERROR"), "{log}");

    // The data is there for the next start.
    let out = Command::new(BIN)
        .args(["--db", &db, "--log", "error", "user", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("a@firma.lv\tAnna\tadmin\tactive"));
}

/// A bare `kartoteka` (as a systemd unit or a container runs it) serves with
/// the `KARTOTEKA_*` variables, not with built-in defaults.
#[test]
fn a_bare_kartoteka_serves_as_the_environment_says() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(
        site.join("asset-manifest.json"),
        r#"{"js":"a.js","wasm":"a.wasm","css":"a.css","build":"t"}"#,
    )
    .unwrap();
    let port = free_port();
    let mut server = Command::new(BIN)
        .env("KARTOTEKA_DATA_DIR", dir.path().join("data"))
        .env("KARTOTEKA_LISTEN", format!("127.0.0.1:{port}"))
        .env("KARTOTEKA_SITE_DIR", &site)
        .env("KARTOTEKA_SECURE_COOKIES", "true")
        .env("KARTOTEKA_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let health = loop {
        if let Some(r) = get(port, "/healthz") {
            break r;
        }
        if let Some(s) = server.try_wait().unwrap() {
            panic!("the server exited with {s}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "nothing listens on the port KARTOTEKA_LISTEN names"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(health.contains(" 200 "), "{health}");
    assert!(
        dir.path().join("data").join("kartoteka.db").exists(),
        "the store is in KARTOTEKA_DATA_DIR"
    );
    Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(server.wait().unwrap().success());
}

/// The systemd unit starts a bare `kartoteka` and configures it only through
/// its environment file, whose every variable the binary knows.
#[test]
fn the_systemd_unit_configures_the_binary_by_environment_only() {
    let deploy = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy");
    let unit = std::fs::read_to_string(deploy.join("kartoteka.service")).unwrap();
    let exec: Vec<&str> = unit
        .lines()
        .filter_map(|l| l.strip_prefix("ExecStart="))
        .collect();
    assert_eq!(exec, ["/usr/local/bin/kartoteka"], "no flags in the unit");
    assert!(unit.contains("EnvironmentFile=/etc/kartoteka/kartoteka.env"));
    let help = Command::new(BIN)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout).to_string();
    let env = std::fs::read_to_string(deploy.join("kartoteka.env")).unwrap();
    let names: Vec<&str> = env
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('=').next().unwrap())
        .collect();
    assert!(names.len() >= 5, "{names:?}");
    for name in names {
        assert!(
            help.contains(&format!("env: {name}=")),
            "{name} is not a setting"
        );
    }
}

/// `kartoteka user add` prints its one useful line, not the database's
/// start-up log.
#[test]
fn a_cli_command_says_its_result_without_the_start_up_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let out = Command::new(BIN)
        .args(["--db", &db, "user", "add", "--email", "b@firma.lv"])
        .args(["--name", "Baiba", "--role", "manager"])
        .env_remove("KARTOTEKA_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(b"pietiekami-gara\n")?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("created Baiba <b@firma.lv> as manager"),
        "{stdout}"
    );
    assert!(!stderr.contains("INFO"), "start-up noise: {stderr}");
    assert!(stderr.lines().count() <= 2, "{stderr}");
}

/// A fresh install prints a one-time set-up link; an unattended one takes
/// its administrator from the environment (the password never printed).
#[test]
fn a_fresh_install_prints_a_set_up_link_or_takes_its_admin_from_the_environment() {
    let start = |dir: &std::path::Path, env: &[(&str, &str)]| {
        let site = dir.join("site");
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        std::fs::write(
            site.join("asset-manifest.json"),
            r#"{"js":"a.js","wasm":"a.wasm","css":"a.css","build":"t"}"#,
        )
        .unwrap();
        let port = free_port();
        let mut cmd = Command::new(BIN);
        cmd.env("KARTOTEKA_DATA_DIR", dir.join("data"))
            .env("KARTOTEKA_LISTEN", format!("127.0.0.1:{port}"))
            .env("KARTOTEKA_SITE_DIR", &site)
            .env("KARTOTEKA_LOG", "info")
            .env_remove("KARTOTEKA_ADMIN_EMAIL")
            .env_remove("KARTOTEKA_ADMIN_PASSWORD")
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut server = cmd.spawn().unwrap();
        let started = Instant::now();
        while get(port, "/healthz").is_none() {
            assert!(started.elapsed() < Duration::from_secs(30), "did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Command::new("kill")
            .args(["-TERM", &server.id().to_string()])
            .status()
            .unwrap();
        assert!(server.wait().unwrap().success());
        let mut log = String::new();
        server
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut log)
            .unwrap();
        log
    };
    let fresh = tempfile::tempdir().unwrap();
    let log = start(fresh.path(), &[]);
    let link = log
        .split("/setup#")
        .nth(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_hexdigit).count());
    assert_eq!(link, Some(64), "{log}");

    let unattended = tempfile::tempdir().unwrap();
    let log = start(
        unattended.path(),
        &[
            ("KARTOTEKA_ADMIN_EMAIL", "it@firma.lv"),
            ("KARTOTEKA_ADMIN_PASSWORD", "ļoti-slepena-parole"),
        ],
    );
    assert!(log.contains("created the first administrator"), "{log}");
    assert!(!log.contains("slepena"), "the password was printed: {log}");
    assert!(!log.contains("/setup#"), "{log}");
    let out = Command::new(BIN)
        .env("KARTOTEKA_DATA_DIR", unattended.path().join("data"))
        .args(["user", "list"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("it@firma.lv"));
}
