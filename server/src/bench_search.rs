//! `kartoteka bench search`: seeds cards into a fresh store and times a mix of
//! realistic searches through `backend::clients::list`, the code behind the
//! `list_clients` server function. Prints percentiles as its last line.

use anyhow::{Result, anyhow};
use app::domain::client::{ClientQuery, ClientSort, Segment};
use app::domain::user::{Language, Me, Role};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;

/// What people type: surnames with and without diacritics, company words,
/// city-like name parts, phone and registration-number fragments, e-mails.
const QUERIES: &[&str] = &[
    "berzins",
    "Bērziņš",
    "kalnina",
    "ozols",
    "janis",
    "ilze kalnina",
    "riga",
    "rīgas piens",
    "balt",
    "baltijas auto",
    "kurzemes",
    "zemgales maiz",
    "loģistika",
    "sia dzintara",
    "ivanov",
    "kuzņecov",
    "zagars",
    "sia",
    "29",
    "2912",
    "+371 2",
    "4000",
    "40003",
    "lv400",
    "info@",
    "janis.",
    "ozolu tehn",
    "ventas zivis",
    "skuja",
    "ūdris",
    "kenins",
    "farmacija",
];

pub async fn run(clients: usize, queries: usize, db_url: Option<String>) -> Result<()> {
    anyhow::ensure!(
        queries > 0,
        "--queries must be at least 1: with no searches there is nothing to time"
    );
    let dir = tempfile::tempdir()?;
    let url =
        db_url.unwrap_or_else(|| format!("surrealkv://{}", dir.path().join("bench.db").display()));
    let db = crate::db::open(&url).await?;
    let owners = crate::seed::ensure_managers(&db, 20).await?;
    // A store given with --db keeps its cards between runs.
    let mut res = db.query("SELECT count() FROM client GROUP ALL").await?;
    let existing: Option<i64> = res.take((0, "count"))?;
    let existing = existing.unwrap_or(0) as usize;
    if existing < clients {
        let started = Instant::now();
        let missing = clients - existing;
        crate::seed::fill(&db, &owners, missing, 1 + existing as u64, |done| {
            if done % 5000 == 0 || done == missing {
                eprint!("\rseeding {done}/{missing}");
            }
        })
        .await?;
        eprintln!(
            "\nseeded {missing} cards in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }

    let director = Me {
        id: "bench-director".into(),
        email: "director@demo.kartoteka.lv".into(),
        name: "Direktors".into(),
        role: Role::Director,
        department: None,
        language: Language::Lv,
        targets: Default::default(),
        cold_after: Default::default(),
        may_export: true,
        covers: Vec::new(),
        must_change_password: false,
        admin: false,
    };
    let manager = Me {
        id: owners[0].clone(),
        role: Role::Manager,
        ..director.clone()
    };
    let index = app::backend::search_index::SearchIndex::new();
    let t = Instant::now();
    index.refresh(&db).await.map_err(|e| anyhow!("{e}"))?;
    eprintln!(
        "search index loaded {} cards in {:.1} s",
        index.len(),
        t.elapsed().as_secs_f64()
    );
    let mut rng = StdRng::seed_from_u64(99);
    let mut times = Vec::with_capacity(queries);
    // Warm the caches the way a running server would be warm, and show what
    // each kind of query costs.
    for q in QUERIES {
        let query = ClientQuery {
            text: q.to_string(),
            ..Default::default()
        };
        let t = Instant::now();
        let page = app::backend::clients::list(&db, &index, &director, &query)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        eprintln!(
            "{q:>16}: {:>8.2} ms, {} rows",
            t.elapsed().as_secs_f64() * 1000.0,
            page.items.len()
        );
    }
    let mut found = 0usize;
    // The read model's own share of each search (the rest is the
    // database: the user's scope, the refresh, the owners' names).
    let mut scopes = Vec::new();
    for me in [&director, &manager] {
        let scope = app::backend::access::Scope::load(&db, me, chrono::Utc::now()).await;
        scopes.push(scope.map_err(|e| anyhow!("{e}"))?);
    }
    let mut index_times = Vec::with_capacity(queries);
    let mut slowest: Vec<(f64, String)> = Vec::new();
    for i in 0..queries {
        let who = if i % 2 == 0 { &director } else { &manager };
        let query = ClientQuery {
            text: QUERIES[rng.random_range(0..QUERIES.len())].to_string(),
            segment: if rng.random_bool(0.2) {
                Some(Segment::Active)
            } else {
                None
            },
            sort: if rng.random_bool(0.8) {
                ClientSort::Name
            } else {
                ClientSort::RecentlyUpdated
            },
            ..Default::default()
        };
        let t = Instant::now();
        let page = app::backend::clients::list(&db, &index, who, &query)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        times.push(ms);
        slowest.push((
            ms,
            format!("{:?} {:?} {:?}", query.text, who.role, query.sort),
        ));
        found += page.items.len();
        let t = Instant::now();
        let _ = index.query(&scopes[i % 2], &query);
        index_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let pct = |times: &mut Vec<f64>, p: f64| {
        times.sort_by(|a, b| a.total_cmp(b));
        times[((times.len() as f64 - 1.0) * p).round() as usize]
    };
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (ms, what) in slowest.iter().take(4) {
        eprintln!("slow: {ms:.2} ms {what}");
    }
    eprintln!("{queries} searches, {found} rows returned");
    crate::db::close(db, &url).await;
    println!(
        "search clients={clients} p50_ms={:.2} p95_ms={:.2} p99_ms={:.2} index_p99_ms={:.2} index_max_ms={:.2}",
        pct(&mut times, 0.50),
        pct(&mut times, 0.95),
        pct(&mut times, 0.99),
        pct(&mut index_times, 0.99),
        pct(&mut index_times, 1.0)
    );
    Ok(())
}
