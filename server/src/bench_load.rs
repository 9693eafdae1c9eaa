//! `kartoteka bench load`: many devices and searchers against one server.
//!
//! The server is this binary's `serve` on SurrealKV in a temporary
//! directory, seeded with demo managers and their cards. Every device runs
//! the real sync client natively over HTTP on loopback: it syncs every 5 s
//! and between those saves a call log or a card edit every 10–30 s. Beside
//! them, users search the client list about once a second. Each request is
//! timed; the last line prints push, pull and search percentiles, errors and
//! the server's peak memory. Bounded in time, loopback only.

use crate::bench_sync::ServerProcess;
use crate::sync_http::HttpTransport;
use anyhow::{Context, Result, anyhow, bail};
use app::api::ApiError;
use app::api::clients::ListClients;
use app::domain::call_log::{CallInput, Direction, Outcome};
use app::domain::client::{ClientPage, ClientQuery};
use app::domain::client_input::ClientInput;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::{Ack, PullAnswer, PullRequest, PushBatch, Row};
use app::sync::store::LocalStore;
use app::sync::tables;
use app::sync::transport::Transport;
use leptos::server_fn::ServerFn;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEVICES_PER_MANAGER: usize = 10;
const PULL_EVERY: Duration = Duration::from_secs(5);

/// Every timed request, in milliseconds, and the failures.
#[derive(Default)]
struct Samples {
    push: Vec<f64>,
    pull: Vec<f64>,
    search: Vec<f64>,
    errors: Vec<String>,
}

type Shared = Arc<Mutex<Samples>>;

fn record(samples: &Shared, f: impl FnOnce(&mut Samples)) {
    // A poisoned lock means a task panicked; the run reports that anyway.
    if let Ok(mut s) = samples.lock() {
        f(&mut s);
    }
}

/// The HTTP transport with each push and pull request timed.
struct Timed<'a> {
    inner: &'a HttpTransport,
    samples: Shared,
}

impl Transport for Timed<'_> {
    async fn push(&self, batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
        let t = Instant::now();
        let answer = self.inner.push(batch).await;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        record(&self.samples, |s| match &answer {
            Ok(_) => s.push.push(ms),
            Err(e) => s.errors.push(format!("push: {e}")),
        });
        answer
    }

    async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError> {
        let t = Instant::now();
        let answer = self.inner.pull(request).await;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        record(&self.samples, |s| match &answer {
            Ok(_) => s.pull.push(ms),
            Err(e) => s.errors.push(format!("pull: {e}")),
        });
        answer
    }
}

fn manager_email(m: usize) -> String {
    format!("manager{}@demo.kartoteka.lv", m + 1)
}

pub async fn run(devices: usize, seconds: u64, searchers: usize, cards: usize) -> Result<()> {
    if devices == 0 || seconds == 0 {
        bail!("--devices and --seconds must be at least 1");
    }
    let managers = devices.div_ceil(DEVICES_PER_MANAGER);
    let dir = tempfile::tempdir()?;
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    seed(&url, managers, cards)?;
    let (server, base) = ServerProcess::start(dir.path(), &url, &[]).await?;
    let pid = server.pid();

    // Sign in and download, untimed: the run measures the steady day.
    let t = Instant::now();
    let mut fleet = Vec::with_capacity(devices);
    for d in 0..devices {
        let email = manager_email(d % managers);
        let transport = HttpTransport::sign_in(&base, &email, crate::seed::DEMO_PASSWORD)
            .await
            .with_context(|| format!("sign-in of {email}"))?;
        let device =
            Device::open(MemoryStore::default(), &transport.me.id, &transport.me.name).await?;
        device.sync(&transport, |_| {}).await?;
        fleet.push((transport, device));
    }
    let mut readers = Vec::with_capacity(searchers);
    for s in 0..searchers {
        let email = manager_email(s % managers);
        readers.push(HttpTransport::sign_in(&base, &email, crate::seed::DEMO_PASSWORD).await?);
    }
    println!(
        "{devices} devices of {managers} managers signed in and downloaded in {:.1} s; \
         {searchers} searchers; running {seconds} s",
        t.elapsed().as_secs_f64()
    );

    let samples: Shared = Arc::default();
    let until = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = tokio::task::JoinSet::new();
    for (d, (transport, device)) in fleet.into_iter().enumerate() {
        tasks.spawn(work(d as u64, transport, device, samples.clone(), until));
    }
    for (s, reader) in readers.into_iter().enumerate() {
        tasks.spawn(search(s as u64, reader, samples.clone(), until));
    }
    while let Some(done) = tasks.join_next().await {
        if let Err(e) = done {
            record(&samples, |s| s.errors.push(format!("task: {e}")));
        }
    }
    let peak_mb = peak_memory_mb(pid);
    server.stop()?;

    let s = samples.lock().map_err(|_| anyhow!("samples lost"))?;
    for e in s.errors.iter().take(5) {
        println!("error: {e}");
    }
    let (push, pull, search) = (stats(&s.push), stats(&s.pull), stats(&s.search));
    println!(
        "load devices={devices} seconds={seconds} pushes={} pulls={} searches={} errors={} \
         push_ms={push} pull_ms={pull} search_ms={search} server_peak_mb={peak_mb}",
        s.push.len(),
        s.pull.len(),
        s.search.len(),
        s.errors.len()
    );
    Ok(())
}

/// `kartoteka seed` into the store before the server opens it.
fn seed(url: &str, managers: usize, cards: usize) -> Result<()> {
    let status = std::process::Command::new(std::env::current_exe()?)
        .args(["--db", url, "--log", "error", "seed"])
        .args(["--managers", &managers.to_string()])
        .args(["--clients", &cards.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    if !status.success() {
        bail!("kartoteka seed failed with {status}");
    }
    Ok(())
}

/// One device's day: a sync every 5 s, a call or a card edit every 10–30 s.
async fn work(
    seed: u64,
    transport: HttpTransport,
    device: Device<MemoryStore>,
    samples: Shared,
    until: Instant,
) {
    let mut rng = StdRng::seed_from_u64(seed);
    let timed = Timed {
        inner: &transport,
        samples: samples.clone(),
    };
    // Devices start spread over the first interval, as a day's do.
    tokio::time::sleep(PULL_EVERY.mul_f64(rng.random::<f64>())).await;
    let mut next_edit = Instant::now() + Duration::from_secs(rng.random_range(10..=30));
    while Instant::now() < until {
        if Instant::now() >= next_edit {
            if let Err(e) = edit(&mut rng, &device).await {
                record(&samples, |s| s.errors.push(format!("edit: {e}")));
            }
            next_edit = Instant::now() + Duration::from_secs(rng.random_range(10..=30));
        }
        // Errors are recorded by the timed transport.
        let _ = device.sync(&timed, |_| {}).await;
        tokio::time::sleep(PULL_EVERY).await;
    }
}

/// A call log on one of the device's cards, or its "needs" edited.
async fn edit(rng: &mut StdRng, device: &Device<MemoryStore>) -> Result<()> {
    let cards: Vec<_> = device
        .store()
        .all(tables::CLIENT)
        .await?
        .into_iter()
        .filter_map(|r| match r {
            Row::Client { card, .. } => Some(card),
            _ => None,
        })
        .collect();
    if cards.is_empty() {
        return Ok(());
    }
    let card = &cards[rng.random_range(0..cards.len())];
    if rng.random_bool(0.5) {
        device
            .log_call(CallInput {
                client_id: card.id.clone(),
                contact_id: None,
                at: chrono::Utc::now(),
                direction: Direction::Outgoing,
                outcome: Outcome::Connected,
                kind: app::domain::calling::call_kind::CallKind::Ordinary,
                duration: "2:00".into(),
                note: String::new(),
            })
            .await
            .map_err(|e| anyhow!("{e}"))?;
    } else {
        let mut input = ClientInput::from_card(card);
        input.needs = format!("Slodze {}", rng.random_range(0..1000));
        device
            .save_card(Some(&card.id), input, false)
            .await
            .map_err(|e| anyhow!("{e}"))?;
    }
    Ok(())
}

/// Prefixes a person types into the client list.
const WORDS: &[&str] = &[
    "sia", "rīg", "bal", "tran", "auto", "serv", "grup", "lat", "nord", "būv", "met", "agro",
];

/// A searcher: about one search a second until the end.
async fn search(seed: u64, reader: HttpTransport, samples: Shared, until: Instant) {
    let mut rng = StdRng::seed_from_u64(1_000_000 + seed);
    tokio::time::sleep(Duration::from_millis(rng.random_range(0..1000))).await;
    while Instant::now() < until {
        let query = ClientQuery {
            text: WORDS[rng.random_range(0..WORDS.len())].into(),
            ..Default::default()
        };
        let t = Instant::now();
        let answer: Result<ClientPage, ApiError> =
            reader.call(ListClients::PATH, &ListClients { query }).await;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        record(&samples, |s| match answer {
            Ok(_) => s.search.push(ms),
            Err(e) => s.errors.push(format!("search: {e}")),
        });
        tokio::time::sleep(Duration::from_millis(rng.random_range(500..1500))).await;
    }
}

/// `p50/p95/p99` of the samples, in milliseconds.
fn stats(ms: &[f64]) -> String {
    if ms.is_empty() {
        return "none".into();
    }
    let mut sorted = ms.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |p: f64| sorted[((sorted.len() - 1) as f64 * p).round() as usize];
    format!("{:.1}/{:.1}/{:.1}", at(0.50), at(0.95), at(0.99))
}

/// The server process's peak resident memory (Linux), in MB.
fn peak_memory_mb(pid: u32) -> String {
    process_memory_mb(&pid.to_string(), "VmHWM:")
        .map_or_else(|| "unknown".into(), |mb| format!("{mb:.0}"))
}

/// A memory figure (`VmHWM:`, `VmRSS:` …) of process `pid` (or `self`)
/// from /proc, in MB; `None` where there is no /proc.
pub fn process_memory_mb(pid: &str, field: &str) -> Option<f64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_pick_the_right_samples() {
        let ms: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(stats(&ms), "51.0/95.0/99.0");
        assert_eq!(stats(&[]), "none");
        assert_eq!(stats(&[7.0]), "7.0/7.0/7.0");
    }
}
