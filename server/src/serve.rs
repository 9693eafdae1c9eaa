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
            secure_cookies: args.secure_cookies || args.tls().is_some(),
            tls: args.tls().is_some(),
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
    // A wrong certificate stops the start, before the database is opened.
    let tls = match args.tls() {
        Some((cert, key)) => Some(crate::tls::server_config(cert, key).await?),
        None => None,
    };
    if common.db.is_none() {
        std::fs::create_dir_all(&common.data_dir)
            .with_context(|| format!("cannot create {}", common.data_dir.display()))?;
    }
    let target = common.database();
    let url = target.url.clone();
    let db = crate::db::open(&target).await?;
    tracing::info!("database open, schema up to date");
    first_admin(&db, args).await?;
    let state = state(db.clone(), args);
    let app = router(state.clone(), &site);
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    tracing::info!(
        address = %args.origin(),
        database = %url,
        build = %site.manifest.build,
        "Kartoteka is serving"
    );
    // The phone-number metadata loads on first use, which would otherwise
    // fall on the first card a device pushes after a start.
    tokio::task::spawn_blocking(|| app::domain::phone::normalize("20 000 000").ok());
    let janitor = tokio::spawn(purge(state.clone()));
    let mailer = tokio::spawn(crate::mail::worker::run(
        db.clone(),
        args.mail.clone(),
        args.origin(),
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
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    match tls {
        Some(config) => serve_tls(listener, config, service, args).await?,
        None => axum::serve(listener, service)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("server failed")?,
    }
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

/// HTTPS on the same listener; SIGHUP reads the certificate files again.
async fn serve_tls(
    listener: tokio::net::TcpListener,
    config: axum_server::tls_rustls::RustlsConfig,
    service: axum::extract::connect_info::IntoMakeServiceWithConnectInfo<axum::Router, SocketAddr>,
    args: &ServeArgs,
) -> Result<()> {
    let handle = axum_server::Handle::new();
    let stopping = handle.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        // Requests under way get a few seconds, as the plain server gives them.
        stopping.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
    });
    #[cfg(unix)]
    if let Some((cert, key)) = args.tls() {
        tokio::spawn(reload_on_hangup(
            config.clone(),
            cert.to_path_buf(),
            key.to_path_buf(),
        ));
    }
    axum_server::from_tcp_rustls(listener.into_std()?, config)
        .context("cannot serve HTTPS on the listener")?
        .handle(handle)
        .serve(service)
        .await
        .context("server failed")
}

/// A renewed certificate is taken up on SIGHUP; a bad one is refused and
/// the old one kept.
#[cfg(unix)]
async fn reload_on_hangup(
    config: axum_server::tls_rustls::RustlsConfig,
    cert: std::path::PathBuf,
    key: std::path::PathBuf,
) {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut hangups) = signal(SignalKind::hangup()) else {
        return;
    };
    while hangups.recv().await.is_some() {
        let checked = crate::tls::certificates(&cert).map(|_| ());
        let reloaded = match checked {
            Ok(()) => config
                .reload_from_pem_file(&cert, &key)
                .await
                .map_err(anyhow::Error::from),
            Err(e) => Err(e),
        };
        match reloaded {
            Ok(()) => tracing::info!(cert = %cert.display(), "certificate reloaded"),
            Err(e) => {
                tracing::error!(error = %format!("{e:#}"), "certificate not reloaded; keeping the old one")
            }
        }
    }
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
            "no users yet: open {}/setup#{token} to create the first administrator \
             (the link works once, for {} hours)",
            args.origin(),
            first_admin::lifetime().num_hours()
        );
    }
    Ok(())
}
