//! `kartoteka bench sign-in`: a burst of parallel sign-ins (each a different
//! user from a different address, behind a trusted proxy on loopback) against
//! the real server, while `/healthz` is asked every 20 ms. Password hashing
//! runs on a bounded blocking pool, so the health check should stay fast.
//! Prints `sign-in parallel=… total_s=… healthz_p50_ms=… healthz_max_ms=…`
//! as its last line.

use crate::bench_sync::ServerProcess;
use anyhow::{Result, bail};
use app::domain::user::{Language, NewUser, Role};
use std::time::{Duration, Instant};

const PASSWORD: &str = "bench-parole-123";

pub async fn run(parallel: usize) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    {
        let db = crate::db::open(&url).await?;
        for i in 0..parallel {
            app::backend::users::create(
                &db,
                &NewUser {
                    email: format!("u{i}@bench.kartoteka.lv"),
                    name: format!("Lietotājs {i}"),
                    role: Role::Manager,
                    department: None,
                    language: Language::Lv,
                    password: PASSWORD.into(),
                    admin: false,
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
        crate::db::close(db, &url).await;
    }
    let (server, base) =
        ServerProcess::start(dir.path(), &url, &["--trusted-proxy", "127.0.0.1"]).await?;
    let client = reqwest::Client::new();
    let started = Instant::now();
    let burst: Vec<_> = (0..parallel)
        .map(|i| {
            let client = client.clone();
            let url = format!("{base}/api/sign-in");
            tokio::spawn(async move {
                client
                    .post(url)
                    .header("x-forwarded-for", format!("198.51.100.{}", i % 250 + 1))
                    .json(&serde_json::json!({
                        "email": format!("u{i}@bench.kartoteka.lv"),
                        "password": PASSWORD,
                    }))
                    .send()
                    .await
                    .map(|r| r.status().is_success())
            })
        })
        .collect();
    let mut health = Vec::new();
    while burst.iter().any(|b| !b.is_finished()) {
        let t = Instant::now();
        let ok = client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if !ok {
            bail!("/healthz failed during the burst");
        }
        health.push(t.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let total = started.elapsed();
    let mut signed_in = 0;
    for b in burst {
        if b.await?? {
            signed_in += 1;
        }
    }
    server.stop()?;
    if signed_in != parallel {
        bail!("{signed_in} of {parallel} sign-ins succeeded");
    }
    health.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p50 = health.get(health.len() / 2).copied().unwrap_or_default();
    let max = health.last().copied().unwrap_or_default();
    println!(
        "sign-in parallel={parallel} total_s={:.2} healthz_probes={} healthz_p50_ms={:.1} healthz_max_ms={:.1}",
        total.as_secs_f64(),
        health.len(),
        ms(p50),
        ms(max)
    );
    Ok(())
}
