//! Crash safety: the real binary on SurrealKV is killed with SIGKILL while a
//! device is pushing, more than once; after each restart the device retries.
//! In the end every operation is on the server exactly once.

use app::domain::call_log::{CallInput, Direction, Outcome};
use app::domain::client_input::ClientInput;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use server::sync_http::HttpTransport;
use std::collections::HashSet;
use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_kartoteka");
const EMAIL: &str = "ilze@firma.lv";
const PASSWORD: &str = "avarijas-parole-1";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The server process, killed when the test ends, also when it fails.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What the store holds, read directly once the server is gone (for a
/// failure's message).
async fn stored(db: &str) -> String {
    let Ok(d) = server::db::connect(db).await else {
        return "the store could not be opened".into();
    };
    let mut res = match d
        .query(
            "SELECT count() FROM client GROUP ALL; SELECT count() FROM call_log GROUP ALL; \
             SELECT count() FROM sync_op GROUP ALL; SELECT VALUE value FROM counter",
        )
        .await
    {
        Ok(r) => r,
        Err(e) => return format!("the store could not be read: {e}"),
    };
    let take = |r: &mut surrealdb::IndexedResults, i: usize| -> String {
        r.take::<Option<serde_json::Value>>(i)
            .map(|v| format!("{v:?}"))
            .unwrap_or_else(|e| e.to_string())
    };
    let (c, l, o) = (take(&mut res, 0), take(&mut res, 1), take(&mut res, 2));
    let counter: Vec<i64> = res.take(3).unwrap_or_default();
    format!("stored cards {c}, call logs {l}, sync ops {o}, counter {counter:?}")
}

fn start(db: &str, port: u16, site: &std::path::Path) -> Child {
    let child = Command::new(BIN)
        .args(["--db", db, "--log", "error", "serve", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--site-dir")
        .arg(site)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_cut_by_kill_9_lands_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("surrealkv://{}", dir.path().join("db").display());
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(
        site.join("asset-manifest.json"),
        r#"{"js":"a.js","wasm":"a.wasm","css":"a.css","build":"t"}"#,
    )
    .unwrap();
    let mut add = Command::new(BIN)
        .args([
            "--db", &db, "--log", "error", "user", "add", "--email", EMAIL,
        ])
        .args(["--name", "Ilze", "--role", "manager"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    assert!(add.wait().unwrap().success());

    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&db, port, &site);

    let t = HttpTransport::sign_in(&base, EMAIL, PASSWORD)
        .await
        .unwrap();
    // Offline work large enough for many push batches.
    let device = Device::open(MemoryStore::default(), &t.me.id, &t.me.name)
        .await
        .unwrap();
    let mut cards = Vec::new();
    for i in 0..150 {
        let input = ClientInput {
            name: format!("Avārija {i:03}"),
            ..Default::default()
        };
        cards.push(device.save_card(None, input, false).await.unwrap().id);
    }
    let mut calls = HashSet::new();
    for i in 0..1500 {
        let call = device
            .log_call(CallInput {
                client_id: cards[i % cards.len()].clone(),
                contact_id: None,
                at: chrono::Utc::now(),
                direction: Direction::Outgoing,
                outcome: Outcome::Busy,
                kind: app::domain::calling::call_kind::CallKind::Ordinary,
                duration: String::new(),
                note: String::new(),
            })
            .await
            .unwrap();
        calls.insert(call.id);
    }
    let mut interrupted = 0;
    for delay_ms in [60, 250, 700] {
        let (result, ()) = tokio::join!(device.sync(&t, |_| {}), async {
            tokio::time::sleep(Duration::from_millis(delay_ms)).await;
            server.kill().unwrap(); // SIGKILL: no shutdown, no flush
            server.wait().unwrap();
        });
        if result.is_err() {
            interrupted += 1;
        }
        server = start(&db, port, &site);
    }
    assert!(interrupted > 0, "no kill landed during a sync");
    // The session survived the restarts (it is in the database).
    device.sync(&t, |_| {}).await.unwrap();
    assert!(device.store().outbox().await.unwrap().is_empty());
    let refused = device.store().rejected().await.unwrap();
    assert!(
        refused.is_empty(),
        "{} operations refused, first: {:?}",
        refused.len(),
        refused.first().map(|r| &r.reason)
    );

    let fresh = Device::open(MemoryStore::default(), &t.me.id, &t.me.name)
        .await
        .unwrap();
    fresh.sync(&t, |_| {}).await.unwrap();
    let got_cards = fresh.store().all(tables::CLIENT).await.unwrap();
    if got_cards.len() != cards.len() {
        let pulled_calls = fresh.store().all(tables::CALL_LOG).await.unwrap().len();
        drop(Server(server));
        panic!(
            "a fresh device pulled {} cards (of {}) and {pulled_calls} calls; {}",
            got_cards.len(),
            cards.len(),
            stored(&db).await
        );
    }
    let got_calls: Vec<String> = fresh
        .store()
        .all(tables::CALL_LOG)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| match r {
            Row::CallLog { call } => Some(call.id),
            _ => None,
        })
        .collect();
    assert_eq!(got_calls.len(), calls.len(), "no call lost or doubled");
    assert_eq!(got_calls.into_iter().collect::<HashSet<_>>(), calls);
    assert!(fresh.store().rejected().await.unwrap().is_empty());
    drop(Server(server));
}
