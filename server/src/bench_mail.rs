//! `kartoteka bench mail`: a device queues N proposals (two lines each) on
//! N cards and pushes them to the real server (its own process, SurrealKV),
//! whose mail worker builds each letter with its PDF and hands it to an SMTP
//! server on loopback (`--smtp-port` of one you run; without it, a directory
//! of `.eml` files). Timed from the push until the device has pulled every
//! proposal back as sent. Then the PDF rendering alone, per proposal.
//! Prints `mail proposals=… total_s=… per_mail_ms=… pdf_p50_ms=… pdf_p95_ms=…`
//! as its last line.

use crate::bench_stats::percentile;
use crate::bench_sync::{EMAIL, PASSWORD, ServerProcess, add_user, card};
use crate::sync_http::HttpTransport;
use anyhow::{Result, anyhow, bail};
use app::backend::mail::letter::Sheet;
use app::domain::proposal::{LineInput, ProposalInput, ProposalStatus};
use app::domain::user::Language;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::protocol::Row;
use app::sync::store::LocalStore;
use app::sync::tables;
use std::time::{Duration, Instant};

fn offer(client_id: &str, contact_id: &str, i: usize) -> ProposalInput {
    ProposalInput {
        client_id: client_id.into(),
        contact_ids: vec![contact_id.into()],
        language: Language::ALL[i % 3],
        lines: vec![
            LineInput {
                item: "Bērza finieris 18 mm — Берёзовая фанера".into(),
                quantity: format!("{}", 10 + i % 40),
                unit_price: "31,90".into(),
                discount_pct: "7,5".into(),
                group: String::new(),
            },
            LineInput {
                item: "Piegāde".into(),
                quantity: "1".into(),
                unit_price: "85".into(),
                discount_pct: String::new(),
                group: String::new(),
            },
        ],
        valid_until: (chrono::Utc::now() + chrono::Duration::days(14)).date_naive(),
        status: ProposalStatus::Queued,
        note: String::new(),
        template_id: None,
    }
}

pub async fn run(proposals: usize, smtp_port: Option<u16>) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    add_user(&url)?;
    let eml = dir.path().join("eml").display().to_string();
    let port = smtp_port.map(|p| p.to_string()).unwrap_or_default();
    let mut extra = vec![
        "--mail-from",
        "bench@kartoteka.lv",
        "--mail-per-minute",
        "1000000",
        "--mail-daily-cap",
        "1000000",
    ];
    match smtp_port {
        Some(_) => extra.extend([
            "--smtp-host",
            "127.0.0.1",
            "--smtp-port",
            &port,
            "--smtp-security",
            "none",
        ]),
        None => extra.extend(["--mail-dir", &eml]),
    }
    let (server, base) = ServerProcess::start(dir.path(), &url, &extra).await?;
    let t = HttpTransport::sign_in(&base, EMAIL, PASSWORD).await?;
    let device = Device::open(MemoryStore::default(), &t.me.id, &t.me.name).await?;
    for i in 0..proposals {
        let c = device
            .save_card(None, card(i), false)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        device
            .save_proposal(None, offer(&c.id, &c.contacts[0].id, i))
            .await
            .map_err(|e| anyhow!("{e}"))?;
    }
    println!(
        "{proposals} proposals queued offline; sending to {}",
        match smtp_port {
            Some(p) => format!("the SMTP server on 127.0.0.1:{p}"),
            None => format!("{eml} (no --smtp-port)"),
        }
    );

    let started = Instant::now();
    device.sync(&t, |_| {}).await?;
    loop {
        let sent = device
            .store()
            .all(tables::PROPOSAL)
            .await?
            .into_iter()
            .filter(|r| {
                matches!(r, Row::Proposal { proposal, .. }
                    if proposal.fields.status == ProposalStatus::Sent)
            })
            .count();
        if sent == proposals {
            break;
        }
        if started.elapsed() > Duration::from_secs(1800) {
            bail!("{sent} of {proposals} sent after 30 minutes");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        device.sync(&t, |_| {}).await?;
    }
    let total_s = started.elapsed().as_secs_f64();
    drop(t);
    server.stop()?;

    // The PDF alone, as the worker renders it (the font loads once, first).
    let sheet = |i: usize| Sheet {
        file_name: "p.pdf".into(),
        title: format!("Komercpiedāvājums — SIA Etalons {i:05}"),
        parties: vec![
            format!("Klients: SIA Etalons {i:05}"),
            "Sagatavoja: Etalons, bench@kartoteka.lv".into(),
            "Datums: 30.11.2026".into(),
        ],
        headings: ["Prece", "Daudzums", "Cena", "Atlaide", "Summa"].map(str::to_string),
        rows: vec![
            [
                "Bērza finieris 18 mm — Берёзовая фанера".into(),
                "40".into(),
                "31,90 €".into(),
                "7,5 %".into(),
                "1 180,30 €".into(),
            ],
            [
                "Piegāde".into(),
                "1".into(),
                "85,00 €".into(),
                String::new(),
                "85,00 €".into(),
            ],
        ],
        total: ("Kopā".into(), "1 265,30 €".into()),
        closing: vec!["Piedāvājums ir spēkā līdz 14.12.2026.".into()],
    };
    let mut ms = Vec::with_capacity(proposals);
    for i in 0..proposals {
        let s = sheet(i);
        let t = Instant::now();
        app::backend::mail::pdf::render(&s).map_err(|e| anyhow!(e))?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "mail proposals={proposals} total_s={total_s:.2} per_mail_ms={:.1} pdf_p50_ms={:.2} pdf_p95_ms={:.2}",
        total_s * 1000.0 / proposals.max(1) as f64,
        percentile(&ms, 0.5),
        percentile(&ms, 0.95)
    );
    Ok(())
}
