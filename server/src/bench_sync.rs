//! `kartoteka bench sync`: device A, offline, creates cards and call logs and
//! edits every card; it pushes them to a server on durable storage (SurrealKV
//! in a temporary directory) over real HTTP on loopback; then device B, empty,
//! pulls everything. Both devices run the real sync client natively; the
//! server is this binary's `serve`, in its own process. Prints
//! `sync push_s=… pull_s=… total_s=… docs=…` as its last line.

use crate::sync_http::HttpTransport;
use anyhow::{Result, anyhow, bail};
use app::domain::call_log::{CallInput, Direction, Outcome};
use app::domain::client_input::{ClientInput, ContactInput};
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::store::LocalStore;
use app::sync::tables;
use std::path::Path;
use std::time::Instant;

pub(crate) const EMAIL: &str = "bench@kartoteka.lv";
pub(crate) const PASSWORD: &str = "bench-parole-123";

pub(crate) fn card(i: usize) -> ClientInput {
    ClientInput {
        name: format!("SIA Etalons {i:05}"),
        city: "Rīga".into(),
        contacts: vec![ContactInput {
            name: "Jānis Bērziņš".into(),
            phones: vec![format!("29{:06}", i % 1_000_000)],
            emails: vec![format!("janis{i}@etalons.lv")],
            ..Default::default()
        }],
        ..Default::default()
    }
}

/// The real server binary (this one) serving the store in `dir`, as in
/// production: its own process, stopped with SIGTERM so the store closes.
pub(crate) struct ServerProcess(std::process::Child);

impl ServerProcess {
    /// Starts `kartoteka serve` on a free loopback port with `extra`
    /// arguments; answers the process and its base URL.
    pub(crate) async fn start(
        dir: &Path,
        url: &str,
        extra: &[&str],
    ) -> Result<(ServerProcess, String)> {
        // The API needs no front end; the shell only needs a manifest.
        let site = dir.join("site");
        std::fs::create_dir_all(&site)?;
        std::fs::write(
            site.join("asset-manifest.json"),
            r#"{"js":"none.js","wasm":"none.wasm","css":"none.css","build":"bench"}"#,
        )?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        // `KARTOTEKA_BENCH_SERVER_LOG=kartoteka_backend::records::push=debug`
        // shows each batch's planning and writing times.
        let log = std::env::var("KARTOTEKA_BENCH_SERVER_LOG").unwrap_or_else(|_| "error".into());
        let child = std::process::Command::new(std::env::current_exe()?)
            .args(["--db", url, "--log", &log, "serve", "--listen"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("--site-dir")
            .arg(&site)
            .args(extra)
            .stdin(std::process::Stdio::null())
            .spawn()?;
        let server = ServerProcess(child);
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while reqwest::get(format!("{base}/healthz")).await.is_err() {
            if started.elapsed() > std::time::Duration::from_secs(60) {
                bail!("the server did not start on port {port}");
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        Ok((server, base))
    }

    /// The process id (for its memory in /proc).
    pub(crate) fn pid(&self) -> u32 {
        self.0.id()
    }

    /// SIGTERM, then wait: the server stops taking requests and closes the store.
    pub(crate) fn stop(mut self) -> Result<()> {
        let pid = self.0.id().to_string();
        std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()?;
        let status = self.0.wait()?;
        if !status.success() {
            bail!("the server stopped with {status}");
        }
        Ok(())
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        // Only reached on an early error; `stop` has waited otherwise.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The bench's user, made by `kartoteka user add` as an admin would.
pub(crate) fn add_user(url: &str) -> Result<()> {
    use std::io::Write;
    let mut add = std::process::Command::new(std::env::current_exe()?)
        .args([
            "--db", url, "--log", "error", "user", "add", "--email", EMAIL,
        ])
        .args(["--name", "Etalons", "--role", "manager"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = add.stdin.take() {
        writeln!(stdin, "{PASSWORD}")?;
    }
    let status = add.wait()?;
    if !status.success() {
        bail!("kartoteka user add failed with {status}");
    }
    Ok(())
}

pub async fn run(calls: usize, cards: usize, edits: usize) -> Result<()> {
    if calls > 0 && cards == 0 {
        bail!("--calls {calls} needs at least one card to log them about (--cards 0 was given)");
    }
    let dir = tempfile::tempdir()?;
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    add_user(&url)?;
    let (server, base) = ServerProcess::start(dir.path(), &url, &[]).await?;

    let ta = HttpTransport::sign_in(&base, EMAIL, PASSWORD).await?;
    let a = Device::open(MemoryStore::default(), &ta.me.id, &ta.me.name).await?;
    let mut ids = Vec::with_capacity(cards);
    for i in 0..cards {
        ids.push(
            a.save_card(None, card(i), false)
                .await
                .map_err(|e| anyhow!("{e}"))?
                .id,
        );
    }
    for round in 0..edits {
        for (i, id) in ids.iter().enumerate() {
            // As the edit form does: the input is the card as it is now.
            let (now, _) = a
                .card(id)
                .await?
                .ok_or_else(|| anyhow!("card {i} missing on device A"))?;
            let mut input = ClientInput::from_card(&now);
            input.needs = format!("Labojums {round}");
            a.save_card(Some(id), input, false)
                .await
                .map_err(|e| anyhow!("{e}"))?;
        }
    }
    for i in 0..calls {
        a.log_call(CallInput {
            client_id: ids[i % ids.len().max(1)].clone(),
            contact_id: None,
            at: chrono::Utc::now(),
            direction: Direction::Outgoing,
            outcome: Outcome::Connected,
            kind: app::domain::calling::call_kind::CallKind::Ordinary,
            duration: "1:00".into(),
            note: String::new(),
        })
        .await
        .map_err(|e| anyhow!("{e}"))?;
    }
    let ops = a.store().outbox().await?.len();
    println!("device A queued {ops} operations offline");

    // The push is timed to its last answer; the pull that ends the same
    // sync (device A receiving back what it sent) is printed apart.
    let started = Instant::now();
    let mut pushed_at = None;
    let pushed = a
        .sync(&ta, |p| {
            if p.pushed == ops && pushed_at.is_none() {
                pushed_at = Some(started.elapsed());
            }
        })
        .await?;
    let synced_s = started.elapsed().as_secs_f64();
    let push_s = pushed_at.map_or(synced_s, |d| d.as_secs_f64());
    println!(
        "device A pushed in {push_s:.2} s, then pulled back for {:.2} s",
        synced_s - push_s
    );
    if pushed.pushed != ops || pushed.rejected != 0 {
        bail!(
            "pushed {} of {ops}, {} refused",
            pushed.pushed,
            pushed.rejected
        );
    }

    let tb = HttpTransport::sign_in(&base, EMAIL, PASSWORD).await?;
    let b = Device::open(MemoryStore::default(), &tb.me.id, &tb.me.name).await?;
    let t = Instant::now();
    b.sync(&tb, |_| {}).await?;
    let pull_s = t.elapsed().as_secs_f64();
    let docs =
        b.store().all(tables::CLIENT).await?.len() + b.store().all(tables::CALL_LOG).await?.len();
    if docs != cards + calls {
        bail!("device B has {docs} records, expected {}", cards + calls);
    }
    drop((ta, tb));
    server.stop()?;
    println!(
        "sync push_s={push_s:.2} pull_s={pull_s:.2} total_s={:.2} docs={docs}",
        push_s + pull_s
    );
    Ok(())
}
