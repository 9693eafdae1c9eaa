//! Running the server until Ctrl-C or SIGTERM, then closing the database.

use crate::config::{Common, ServeArgs};
use crate::http::{router, site::Site};
use anyhow::{Context, Result};
use app::backend::Db;
use app::backend::context::{AppState, Settings};
use std::net::SocketAddr;
use std::sync::Arc;

pub fn state(db: Db, args: &ServeArgs) -> AppState {
    AppState {
        db,
        settings: Arc::new(Settings {
            secure_cookies: args.secure_cookies,
            session_ttl: chrono::Duration::hours(args.session_hours.max(1)),
            session_idle: chrono::Duration::hours(
                args.session_idle_hours.clamp(1, args.session_hours.max(1)),
            ),
            test_clock: args.test_clock(),
            trusted_proxies: args.trusted_proxy.clone(),
            metrics_from: if args.metrics {
                args.metrics_from.clone()
            } else {
                Vec::new()
            },
            mail_configured: args.mail.smtp_host.is_some() || args.mail.mail_dir.is_some(),
            mail_flags: args.mail.as_page(),
        }),
        search: app::backend::search_index::SearchIndex::new(),
        clock: Default::default(),
    }
}

pub async fn run(common: &Common, args: &ServeArgs) -> Result<()> {
    args.mail.check().map_err(|e| anyhow::anyhow!(e))?;
    let site = Site::load(&args.site_dir)?;
    if common.db.is_none() {
        std::fs::create_dir_all(&common.data_dir)
            .with_context(|| format!("cannot create {}", common.data_dir.display()))?;
    }
    let url = common.db_url();
    let db = crate::db::open(&url).await?;
    first_admin(&db, args).await?;
    let state = state(db.clone(), args);
    let app = router(state.clone(), &site);
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    tracing::info!(
        address = %args.listen,
        database = %url,
        build = %site.manifest.build,
        "Kartoteka is serving"
    );
    let janitor = tokio::spawn(purge(state.clone()));
    let mailer = tokio::spawn(crate::mail::worker::run(
        db.clone(),
        args.mail.clone(),
        format!("http://{}", args.listen),
    ));
    let backups = args.backup_dir.clone().map(|dir| {
        let every = std::time::Duration::from_secs(args.backup_every_hours.max(1) * 3600);
        tracing::info!(dir = %dir.display(), keep = args.backup_keep, "scheduled backups");
        tokio::spawn(crate::backup::schedule(
            db.clone(),
            dir,
            args.backup_keep,
            every,
        ))
    });
    // Load the client list's read model now rather than on the first search.
    let warm = state.search.clone();
    let warm_db = db.clone();
    tokio::spawn(async move {
        let t = std::time::Instant::now();
        match warm.refresh(&warm_db).await {
            Ok(()) => tracing::info!(
                cards = warm.len(),
                ms = t.elapsed().as_millis() as u64,
                "search index loaded"
            ),
            Err(e) => {
                tracing::warn!(error = %e, "search index not loaded; will retry on first search")
            }
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("server failed")?;
    janitor.abort();
    let _ = janitor.await;
    mailer.abort();
    let _ = mailer.await;
    if let Some(b) = backups {
        b.abort();
        let _ = b.await;
    }
    // The store closes only when its last handle is gone.
    drop(state);
    tracing::info!("stopped taking requests; closing the database");
    // Every commit is already fsynced (SurrealKV's default); closing stops
    // the engine's background tasks cleanly.
    crate::db::close(db, &url).await;
    tracing::info!("bye");
    Ok(())
}

async fn purge(state: AppState) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        let idle = state.settings.session_idle;
        if let Err(e) = app::backend::janitor::purge(&state.db, state.clock.now(), idle).await {
            tracing::warn!(error = %e, "could not purge old rows");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutdown requested");
}

/// A database without users: the administrator the environment names, or
/// a one-time set-up link in the log.
async fn first_admin(db: &Db, args: &ServeArgs) -> Result<()> {
    use app::backend::first_admin;
    if let (Some(email), Some(password)) = (&args.admin_email, &args.admin_password) {
        let input = app::domain::user::UserInput {
            email: email.clone(),
            name: args.admin_name.clone().unwrap_or_else(|| email.clone()),
            role: "admin".into(),
            department: String::new(),
            language: "lv".into(),
            password: password.clone(),
            admin: true,
        };
        let user = input.validate().map_err(|issues| {
            let said: Vec<String> = issues.0.iter().map(|i| i.describe()).collect();
            anyhow::anyhow!("KARTOTEKA_ADMIN_*: {}", said.join("; "))
        })?;
        if first_admin::from_environment(db, &user)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        {
            tracing::info!(email = %user.email, "created the first administrator from the environment");
        }
        return Ok(());
    }
    let now = chrono::Utc::now();
    if let Some(token) = first_admin::new_token(db, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        tracing::warn!(
            "no users yet: open http://{}/setup#{token} to create the first administrator \
             (the link works once, for {} hours)",
            args.listen,
            first_admin::lifetime().num_hours()
        );
    }
    Ok(())
}
