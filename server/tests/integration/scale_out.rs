//! More than one machine: two `kartoteka` processes on one SurrealDB server
//! (`scripts/test` starts a real one and names it in `KARTOTEKA_TEST_DB`).
//! Both start and migrate at the same moment; `kartoteka user add` works
//! while they serve; devices sync through either and move between them;
//! one process is killed with SIGKILL during pushes and started again. In
//! the end every device holds every card and call exactly once, and a
//! search on each process finds every card with its latest city: the two
//! search read models agree with the database.

use crate::common;

use app::api::clients::ListClients;
use app::domain::call_log::{CallInput, Direction, Outcome};
use app::domain::client::{ClientPage, ClientQuery};
use app::domain::client_input::ClientInput;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use leptos::server_fn::ServerFn;
use server::sync_http::HttpTransport;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_kartoteka");
const EMAIL: &str = "ilze@firma.lv";
const PASSWORD: &str = "merogs-parole-1";
const DEVICES: usize = 6;
const ROUNDS: usize = 6;

/// The database for the processes: `--db` and the rest by environment, as
/// a systemd unit would give them (the password never on a command line).
struct Database {
    url: String,
    env: Vec<(&'static str, String)>,
}

impl Database {
    fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(["--db", &self.url]);
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }
}

/// A serving process, killed when the test ends, also when it fails.
struct Server {
    child: Child,
    port: u16,
    log: std::path::PathBuf,
}

impl Server {
    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn kill(&mut self) {
        self.child.kill().unwrap(); // SIGKILL: no shutdown at all
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn spawn(db: &Database, site: &std::path::Path, port: u16, name: &str) -> Server {
    let log = site.join(format!("{name}.log"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .unwrap();
    let child = db
        .command()
        .args(["--log", "warn", "serve", "--listen"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--site-dir")
        .arg(site)
        .stderr(file)
        .spawn()
        .unwrap();
    Server { child, port, log }
}

async fn ready(server: &mut Server) {
    let started = Instant::now();
    while reqwest::get(format!("{}/healthz", server.base()))
        .await
        .is_err()
    {
        if let Some(status) = server.child.try_wait().unwrap() {
            panic!(
                "the server on port {} stopped with {status}:\n{}",
                server.port,
                std::fs::read_to_string(&server.log).unwrap_or_default()
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn card(name: String, city: &str) -> ClientInput {
    ClientInput {
        name,
        city: city.into(),
        ..Default::default()
    }
}

fn call(client_id: &str) -> CallInput {
    CallInput {
        client_id: client_id.into(),
        contact_id: None,
        at: chrono::Utc::now(),
        direction: Direction::Outgoing,
        outcome: Outcome::Busy,
        kind: app::domain::calling::call_kind::CallKind::Ordinary,
        duration: String::new(),
        note: String::new(),
    }
}

/// Every card the process's search finds for "Mērogs", with its city.
async fn searched(t: &HttpTransport) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for page in 0.. {
        let query = ClientQuery {
            text: "Mērogs".into(),
            page,
            ..Default::default()
        };
        let got: ClientPage = t
            .call(ListClients::PATH, &ListClients { query })
            .await
            .unwrap();
        for item in got.items {
            found.insert(item.id, item.city.unwrap_or_default());
        }
        if !got.has_more {
            break;
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_surrealdb_server() {
    let target = common::database();
    if !target.is_remote() {
        eprintln!("skipped: KARTOTEKA_TEST_DB names no SurrealDB server");
        return;
    }
    let (user, pass) = target.user.clone().expect("the server's root user");
    let db = Database {
        url: target.url.clone(),
        env: vec![
            ("KARTOTEKA_DB_USER", user),
            ("KARTOTEKA_DB_PASS", pass.expose().to_string()),
            ("KARTOTEKA_DB_DATABASE", target.database.clone()),
        ],
    };
    let dir = tempfile::tempdir().unwrap();
    let site = common::bare_site(dir.path());

    // Both processes start on the empty database at once: one migrates,
    // the other finds each migration done.
    let mut a = spawn(&db, &site, common::free_port(), "a");
    let mut b = spawn(&db, &site, common::free_port(), "b");
    ready(&mut a).await;
    ready(&mut b).await;

    // An admin adds the user while both serve.
    let mut add = db
        .command()
        .args(["--log", "error", "user", "add", "--email", EMAIL])
        .args(["--name", "Ilze", "--role", "manager"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    let out = add.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("created Ilze"));

    let on_a = HttpTransport::sign_in(&a.base(), EMAIL, PASSWORD)
        .await
        .unwrap();
    let on_b = HttpTransport::sign_in(&b.base(), EMAIL, PASSWORD)
        .await
        .unwrap();
    let me = on_a.me.clone();
    let mut devices = Vec::new();
    for _ in 0..DEVICES {
        devices.push(
            Device::open(MemoryStore::default(), &me.id, &me.name)
                .await
                .unwrap(),
        );
    }

    let mut cards: BTreeMap<String, String> = BTreeMap::new(); // id → latest city
    let mut calls = HashSet::new();
    let cities = ["Rīga", "Cēsis", "Valmiera", "Liepāja"];
    let mut killed = 0;
    for round in 0..ROUNDS {
        for (d, device) in devices.iter().enumerate() {
            for i in 0..15 {
                let name = format!("Mērogs {round}-{d}-{i:02}");
                let made = device
                    .save_card(None, card(name.clone(), "Rīga"), false)
                    .await
                    .unwrap();
                for _ in 0..3 {
                    calls.insert(device.log_call(call(&made.id)).await.unwrap().id);
                }
                cards.insert(made.id, "Rīga".into());
            }
        }
        // Each device edits the city of cards it already has (its own and
        // those pulled from the others); one writer per card per round.
        for (d, device) in devices.iter().enumerate() {
            for row in device.store().all(tables::CLIENT).await.unwrap() {
                let Row::Client { card: c, .. } = row else {
                    continue;
                };
                if c.fields.name.ends_with(&format!("-{d}-00"))
                    || c.fields.name.ends_with(&format!("-{d}-07"))
                {
                    let city = cities[(round + d) % cities.len()];
                    let mut input = ClientInput::from_card(&c);
                    input.city = city.into();
                    device.save_card(Some(&c.id), input, false).await.unwrap();
                    cards.insert(c.id.clone(), city.into());
                }
            }
        }
        // Devices alternate between the two processes; in every other
        // round process A is killed while they push, then started again.
        let kill_now = round % 2 == 1;
        let syncs = async {
            let mut results = Vec::new();
            for (d, device) in devices.iter().enumerate() {
                let via = if (d + round) % 2 == 0 { &on_a } else { &on_b };
                results.push(device.sync(via, |_| {}).await.is_ok());
            }
            results
        };
        let (results, ()) = tokio::join!(syncs, async {
            if kill_now {
                tokio::time::sleep(Duration::from_millis(150)).await;
                a.kill();
            }
        });
        if kill_now {
            killed += results.iter().filter(|ok| !**ok).count();
            let port = a.port;
            a = spawn(&db, &site, port, "a");
            ready(&mut a).await;
        }
    }
    assert!(killed > 0, "no kill landed during a sync");

    // Heal: every device syncs through each process twice.
    for _ in 0..2 {
        for device in &devices {
            device.sync(&on_a, |_| {}).await.unwrap();
            device.sync(&on_b, |_| {}).await.unwrap();
        }
    }
    for (d, device) in devices.iter().enumerate() {
        assert!(
            device.store().outbox().await.unwrap().is_empty(),
            "device {d}"
        );
        let refused = device.store().rejected().await.unwrap();
        assert!(
            refused.is_empty(),
            "device {d} refused: {:?}",
            refused.first()
        );
        let held: BTreeMap<String, String> = device
            .store()
            .all(tables::CLIENT)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|r| match r {
                Row::Client { card, .. } => Some((card.id, card.fields.city.unwrap_or_default())),
                _ => None,
            })
            .collect();
        assert_eq!(held, cards, "device {d}'s cards");
        let held_calls: Vec<String> = device
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
        assert_eq!(
            held_calls.len(),
            calls.len(),
            "device {d}: no call lost or doubled"
        );
        assert_eq!(held_calls.into_iter().collect::<HashSet<_>>(), calls);
    }
    // Both processes' search read models see every card as it is now.
    assert_eq!(searched(&on_a).await, cards, "search on process A");
    assert_eq!(searched(&on_b).await, cards, "search on process B");

    let log = std::fs::read_to_string(&b.log).unwrap_or_default();
    assert!(!log.contains("ERROR"), "process B:\n{log}");
}
