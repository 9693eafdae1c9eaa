//! Command line and environment: every flag has a `KARTOTEKA_…` variable.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "kartoteka",
    version,
    about = "Kartoteka: the account manager's CRM"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Database URL: surrealkv://<path>, mem://, or ws://host:port.
    /// Default: surrealkv:// inside the data directory.
    #[arg(long, env = "KARTOTEKA_DB", global = true)]
    pub db: Option<String>,
    /// Sign in to a SurrealDB server (`ws://`, `wss://`) as this root user.
    #[arg(long, env = "KARTOTEKA_DB_USER", global = true, requires = "db_pass")]
    pub db_user: Option<String>,
    /// The database user's password (never printed or logged).
    #[arg(long, env = "KARTOTEKA_DB_PASS", global = true, hide_env_values = true)]
    pub db_pass: Option<crate::secret::Secret>,
    /// The namespace inside the database.
    #[arg(long, env = "KARTOTEKA_DB_NAMESPACE", global = true, default_value = crate::db::NAMESPACE)]
    pub db_namespace: String,
    /// The database inside the namespace.
    #[arg(long, env = "KARTOTEKA_DB_DATABASE", global = true, default_value = crate::db::DATABASE)]
    pub db_database: String,
    /// A CA certificate (PEM) to trust for `wss://` besides the public
    /// roots: a SurrealDB server with a certificate of the office's own CA.
    #[arg(long, env = "KARTOTEKA_DB_CA", global = true)]
    pub db_ca: Option<PathBuf>,
    /// Where the embedded database lives.
    #[arg(
        long,
        env = "KARTOTEKA_DATA_DIR",
        default_value = "data",
        global = true
    )]
    pub data_dir: PathBuf,
    /// Log filter, e.g. "info" or "kartoteka=debug,info". Default: "info"
    /// when serving; "warn" for the other commands, which print their own
    /// result and should not drown it in the database's start-up lines.
    #[arg(long, env = "KARTOTEKA_LOG", global = true)]
    pub log: Option<String>,
    /// Log as JSON lines (for log collectors) instead of text.
    #[arg(long, env = "KARTOTEKA_LOG_JSON", global = true)]
    pub log_json: bool,
}

impl Common {
    /// The log filter for `command`: as given, else by what the command is.
    pub fn log_filter(&self, command: Option<&Command>) -> String {
        self.log.clone().unwrap_or_else(|| {
            match command {
                None | Some(Command::Serve(_)) => "info",
                Some(_) => "warn",
            }
            .to_string()
        })
    }

    /// The database to open, with the namespace, user and CA given.
    pub fn database(&self) -> crate::db::Target {
        crate::db::Target {
            url: self.db_url(),
            namespace: self.db_namespace.clone(),
            database: self.db_database.clone(),
            user: self.db_user.clone().zip(self.db_pass.clone()),
            ca: self.db_ca.clone(),
        }
    }

    pub fn db_url(&self) -> String {
        self.db.clone().unwrap_or_else(|| {
            format!(
                "surrealkv://{}",
                self.data_dir.join("kartoteka.db").display()
            )
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (the default).
    Serve(Box<ServeArgs>),
    /// Manage users.
    #[command(subcommand)]
    User(UserCommand),
    /// Fill the database with realistic Latvian demo data.
    Seed(SeedArgs),
    /// Write the whole database to a file (stop the server first when the
    /// database is the embedded one).
    Backup {
        /// The file to write (SurrealQL text).
        file: PathBuf,
    },
    /// Load a backup into an empty database; devices then download afresh.
    Restore {
        /// A file written by `kartoteka backup`.
        file: PathBuf,
    },
    /// Bring in data from other systems.
    #[command(subcommand)]
    Import(ImportCommand),
    /// The tokens accounting systems push documents with
    /// (POST /api/accounting/documents).
    #[command(subcommand)]
    ApiToken(ApiTokenCommand),
    /// Benchmarks that print their figures.
    #[command(subcommand)]
    Bench(BenchCommand),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Invoices, credit notes and payments from an accounting system's
    /// export (CSV, or XLSX saved from a spreadsheet). The same file again changes nothing; a changed amount is
    /// updated and audited. Each row that cannot be imported is listed.
    Documents(DocumentsArgs),
}

#[derive(Debug, Subcommand)]
pub enum ApiTokenCommand {
    /// Make a token for an accounting system; its secret is printed once
    /// and never stored.
    Create {
        /// The accounting system's name (its pushes' source).
        name: String,
    },
    /// List the tokens not revoked: id, name, made, last used.
    List,
    /// Revoke a token: its next push is refused.
    Revoke {
        /// The token's id, as `list` prints it.
        id: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct DocumentsArgs {
    /// The CSV or XLSX file.
    pub file: PathBuf,
    /// The system the file came from: how its files are read is kept
    /// under this name for the next import.
    #[arg(long, default_value = "accounting")]
    pub source: String,
    /// Which header holds what, as COLUMN=HEADER (columns: kind, number,
    /// client, date, due, amount, currency, reference); repeatable.
    #[arg(long = "column", value_name = "COLUMN=HEADER")]
    pub columns: Vec<String>,
    /// Every row is of this type (invoice, credit_note or payment), for a
    /// file without a type column.
    #[arg(long)]
    pub kind: Option<String>,
    /// The numbers' decimal mark: comma (1 234,56) or dot (1,234.56).
    #[arg(long)]
    pub decimal: Option<String>,
    /// Dates other than 2026-11-30: day_first (30.11.2026) or month_first
    /// (11/30/2026).
    #[arg(long)]
    pub dates: Option<String>,
    /// The field separator (guessed from the header line if not given).
    #[arg(long)]
    pub delimiter: Option<char>,
    /// Read and check every row, save nothing.
    #[arg(long)]
    pub preview: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on. 0.0.0.0 makes it reachable from phones on the LAN.
    #[arg(long, env = "KARTOTEKA_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,
    /// The built front end (HTML shell assets, pkg/).
    #[arg(long, env = "KARTOTEKA_SITE_DIR", default_value = "target/site")]
    pub site_dir: PathBuf,
    /// Serve HTTPS with this certificate chain (PEM), with `--tls-key`.
    /// SIGHUP reloads both (after a renewal) without a restart.
    #[arg(long, env = "KARTOTEKA_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The private key (PEM) of `--tls-cert`.
    #[arg(long, env = "KARTOTEKA_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Mark the session cookie Secure (only sent over HTTPS). Implied by
    /// `--tls-cert`.
    #[arg(long, env = "KARTOTEKA_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Session lifetime in hours.
    #[arg(long, env = "KARTOTEKA_SESSION_HOURS", default_value_t = 14 * 24)]
    pub session_hours: i64,
    /// Hours a session lasts unused (a device that stays away longer signs
    /// in again; its unsent work waits on it).
    #[arg(long, env = "KARTOTEKA_SESSION_IDLE_HOURS", default_value_t = 7 * 24)]
    pub session_idle_hours: i64,
    /// Reverse proxies (addresses or networks, e.g. 127.0.0.1 or
    /// 10.0.0.0/8) whose X-Forwarded-For / -Proto / -Host or Forwarded
    /// headers name the client. Comma-separated in the variable.
    #[arg(long, env = "KARTOTEKA_TRUSTED_PROXY", value_delimiter = ',')]
    pub trusted_proxy: Vec<app::backend::client_addr::Cidr>,
    /// Answer Prometheus metrics at /metrics (off by default), to peers in
    /// `--metrics-from` only.
    #[arg(long, env = "KARTOTEKA_METRICS")]
    pub metrics: bool,
    /// Who may read /metrics (addresses or networks, comma-separated in the
    /// variable). Default: this machine.
    #[arg(long, env = "KARTOTEKA_METRICS_FROM", value_delimiter = ',', default_values = ["127.0.0.1", "::1"])]
    pub metrics_from: Vec<app::backend::client_addr::Cidr>,
    /// On a database without users, create this administrator at start
    /// (an unattended install); with `--admin-password`. Without them the
    /// server prints a one-time set-up link instead.
    #[arg(long, env = "KARTOTEKA_ADMIN_EMAIL")]
    pub admin_email: Option<String>,
    /// The unattended administrator's password (never printed).
    #[arg(long, env = "KARTOTEKA_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,
    /// The unattended administrator's name (default: the e-mail).
    #[arg(long, env = "KARTOTEKA_ADMIN_NAME")]
    pub admin_name: Option<String>,
    /// Write a backup of the database into this folder every
    /// `--backup-every-hours`, keeping the newest `--backup-keep`.
    #[arg(long, env = "KARTOTEKA_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,
    /// How many scheduled backups to keep.
    #[arg(long, env = "KARTOTEKA_BACKUP_KEEP", default_value_t = 7)]
    pub backup_keep: usize,
    /// Hours between scheduled backups.
    #[arg(long, env = "KARTOTEKA_BACKUP_EVERY_HOURS", default_value_t = 24)]
    pub backup_every_hours: u64,
    #[command(flatten)]
    pub mail: crate::mail::settings::MailArgs,
    /// Let end-to-end tests move the server's clock (`POST /test/clock`).
    /// Only in builds with the `test-clock` feature; never on a real server.
    #[cfg(feature = "test-clock")]
    #[arg(long, env = "KARTOTEKA_TEST_CLOCK", hide = true)]
    pub test_clock: bool,
}

/// `serve`'s arguments alone, for a bare `kartoteka`: read from the
/// environment (and their defaults) exactly as `kartoteka serve` reads them.
#[derive(Debug, Parser)]
#[command(name = "kartoteka")]
struct ServeOnly {
    #[command(flatten)]
    args: ServeArgs,
}

impl ServeArgs {
    /// The arguments `kartoteka serve` would have with no flags: every
    /// `KARTOTEKA_*` variable honoured, so a bare `kartoteka` (a systemd
    /// unit, a container) serves as configured.
    pub fn from_env() -> Result<ServeArgs, clap::Error> {
        ServeOnly::try_parse_from(["kartoteka"]).map(|s| s.args)
    }

    /// The certificate and key when serving HTTPS.
    pub fn tls(&self) -> Option<(&std::path::Path, &std::path::Path)> {
        self.tls_cert.as_deref().zip(self.tls_key.as_deref())
    }

    /// This server's own address as a link starts (`https://` with TLS).
    pub fn origin(&self) -> String {
        let scheme = if self.tls().is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.listen)
    }

    /// Whether this build and these arguments let tests move the clock.
    pub fn test_clock(&self) -> bool {
        #[cfg(feature = "test-clock")]
        return self.test_clock;
        #[cfg(not(feature = "test-clock"))]
        false
    }
}

impl Default for ServeArgs {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:3000".parse().expect("valid address"),
            site_dir: PathBuf::from("target/site"),
            tls_cert: None,
            tls_key: None,
            secure_cookies: false,
            session_hours: 14 * 24,
            session_idle_hours: 7 * 24,
            trusted_proxy: Vec::new(),
            metrics: false,
            metrics_from: app::backend::client_addr::Cidr::loopback(),
            admin_email: None,
            admin_password: None,
            admin_name: None,
            backup_dir: None,
            backup_keep: 7,
            backup_every_hours: 24,
            mail: Default::default(),
            #[cfg(feature = "test-clock")]
            test_clock: false,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user. The password is read from the terminal (or stdin).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// manager, head, director, logistics or admin.
        #[arg(long, default_value = "manager")]
        role: String,
        #[arg(long, default_value = "")]
        department: String,
        /// lv, en or ru.
        #[arg(long, default_value = "lv")]
        language: String,
        /// Also an administrator, beside a business role.
        #[arg(long)]
        admin: bool,
    },
    /// List users.
    List,
}

#[derive(Debug, Clone, Args)]
pub struct SeedArgs {
    /// How many client cards to create.
    #[arg(long, default_value_t = 500)]
    pub clients: usize,
    /// How many managers own them (created if missing; password "demo-parole-1").
    #[arg(long, default_value_t = 5)]
    pub managers: usize,
    /// Random seed, so a demo can be reproduced.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Call logs to create on the first manager's cards.
    #[arg(long, default_value_t = 0)]
    pub calls: usize,
    /// Follow-ups to create on the first manager's cards (due from a month
    /// ago to a month ahead; those in the past mostly done).
    #[arg(long, default_value_t = 0)]
    pub follow_ups: usize,
    /// Seed even a database that has real (non-demo) users.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Seed cards into a fresh store and time client searches.
    Search {
        #[arg(long, default_value_t = 100_000)]
        clients: usize,
        /// Searches to time.
        #[arg(long, default_value_t = 400)]
        queries: usize,
        /// Store to use; default: SurrealKV in a temporary directory.
        #[arg(long)]
        db: Option<String>,
    },
    /// Parallel sign-ins against the real server while /healthz is timed.
    SignIn {
        #[arg(long, default_value_t = 64)]
        parallel: usize,
    },
    /// Push a device's offline work over HTTP to SurrealKV, pull it on another.
    Sync {
        #[arg(long, default_value_t = 10_000)]
        calls: usize,
        #[arg(long, default_value_t = 1_000)]
        cards: usize,
        /// Times every card is edited after creation.
        #[arg(long, default_value_t = 2)]
        edits: usize,
    },
    /// Import an accounting export of many rows from a file, then again.
    Import {
        #[arg(long, default_value_t = 100_000)]
        rows: usize,
        #[arg(long, default_value_t = 1_000)]
        clients: usize,
        /// The export as a spreadsheet (XLSX) instead of CSV.
        #[arg(long)]
        xlsx: bool,
    },
    /// The storage engine's floor for the rows a push writes.
    Store {
        #[arg(long, default_value_t = 10_000)]
        calls: usize,
        #[arg(long, default_value_t = 1_000)]
        cards: usize,
        /// Times every card is written again after creation (as `bench
        /// sync`'s edits write it).
        #[arg(long, default_value_t = 2)]
        edits: usize,
        /// Rows per transaction.
        #[arg(long, default_value_t = 1_000)]
        batch: usize,
    },
    /// Queue proposals on a device and time their delivery with PDFs to an
    /// SMTP server; then the PDF rendering alone.
    Mail {
        #[arg(long, default_value_t = 1_000)]
        proposals: usize,
        /// The port of an SMTP server on 127.0.0.1 (without it: .eml files).
        #[arg(long)]
        smtp_port: Option<u16>,
    },
    /// Many devices syncing and users searching against one server for a
    /// while; prints push, pull and search percentiles, errors and the
    /// server's peak memory.
    Load {
        #[arg(long, default_value_t = 200)]
        devices: usize,
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Users searching the client list, about once a second each.
        #[arg(long, default_value_t = 20)]
        searchers: usize,
        /// Demo cards shared among the managers (ten devices each).
        #[arg(long, default_value_t = 4_000)]
        cards: usize,
    },
    /// Work out Today and the month's analysis natively over one manager's
    /// records, as the browser benchmark's device holds them.
    Today {
        #[arg(long, default_value_t = 20_000)]
        cards: usize,
        #[arg(long, default_value_t = 100_000)]
        calls: usize,
        #[arg(long, default_value_t = 5_000)]
        follow_ups: usize,
        #[arg(long, default_value_t = 20)]
        rounds: usize,
    },
    /// Run the many-device sync simulation over many seeds; prints failures.
    SyncFuzz {
        #[arg(long, default_value_t = 500)]
        seeds: u64,
        /// First seed (to continue a previous run).
        #[arg(long, default_value_t = 0)]
        from: u64,
    },
}
