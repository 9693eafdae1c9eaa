//! `kartoteka bench sync`: device A, offline, creates cards and call logs and
//! edits every card; it pushes them to a server on durable storage (SurrealKV
//! in a temporary directory) over real HTTP on loopback; then device B, empty,
//! pulls everything. Both devices run the real sync client natively. Prints
//! `sync push_s=… pull_s=… total_s=… docs=…` as its last line.

use crate::sync_http::HttpTransport;
use anyhow::{Result, anyhow, bail};
use app::domain::call_log::{CallInput, Direction, Outcome};
use app::domain::client_input::{ClientInput, ContactInput};
use app::domain::user::{Language, NewUser, Role};
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::store::LocalStore;
use app::sync::tables;
use std::net::SocketAddr;
use std::time::Instant;

const EMAIL: &str = "bench@kartoteka.lv";
const PASSWORD: &str = "bench-parole-123";

fn card(i: usize) -> ClientInput {
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

pub async fn run(calls: usize, cards: usize, edits: usize) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    let db = crate::db::open(&url).await?;
    app::backend::users::create(
        &db,
        &NewUser {
            email: EMAIL.into(),
            name: "Etalons".into(),
            role: Role::Manager,
            department: None,
            language: Language::Lv,
            password: PASSWORD.into(),
        },
    )
    .await
    .map_err(|e| anyhow!("{e}"))?;
    let state = crate::serve::state(db.clone(), &crate::config::ServeArgs::default());
    let app = crate::http::router(state, &crate::http::site::Site::empty());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            stopped.await.ok();
        })
        .await
    });

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
            duration: "1:00".into(),
            note: String::new(),
        })
        .await
        .map_err(|e| anyhow!("{e}"))?;
    }
    let ops = a.store().outbox().await?.len();
    println!("device A queued {ops} operations offline");

    let started = Instant::now();
    let pushed = a.sync(&ta, |_| {}).await?;
    let push_s = started.elapsed().as_secs_f64();
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
    // Every handle on the store goes before it closes, and it closes before
    // its directory is removed.
    drop((ta, tb));
    stop.send(()).ok();
    server.await??;
    crate::db::close(db).await;
    // Closing flushes the engine's memory table (tens of MB here) into the
    // directory; removing the directory first makes the engine log an error.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    println!(
        "sync push_s={push_s:.2} pull_s={pull_s:.2} total_s={:.2} docs={docs}",
        push_s + pull_s
    );
    Ok(())
}
