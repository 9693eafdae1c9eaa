//! A real Kartoteka server in-process on `mem://` (or on a SurrealDB server:
//! see [`database`]), called over HTTP exactly as the browser calls it (JSON
//! to the server function endpoints, cookies).

use app::api::ApiError;
use app::backend::Db;
use app::domain::user::{Language, NewUser, Role, UserView};
use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use leptos::server_fn::ServerFn;
use server::config::ServeArgs;
use server::http::site::Site;
use tower::ServiceExt;

pub mod certs;
pub mod logs;

/// A child process killed when the test ends, also when it fails.
pub struct Killed(pub std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    /// The server's clock; tests move it (a cover ending) with `shift`.
    pub clock: app::backend::clock::Clock,
}

/// The department `add_user` and `session` put everyone in.
pub const DEPARTMENT: &str = "Rīga";

/// A signed-in browser: its session cookie.
#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub user: UserView,
}

pub struct Raw {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

pub const PASSWORD: &str = "laba-parole-123";

/// `mem://`; or, when `KARTOTEKA_TEST_DB` names a SurrealDB server (its
/// root user in `KARTOTEKA_TEST_DB_USER` / `_PASS`), a new database of its
/// own there: `scripts/test` runs the same tests against a real server.
pub fn database() -> server::db::Target {
    let Ok(url) = std::env::var("KARTOTEKA_TEST_DB") else {
        return "mem://".into();
    };
    let mut target = server::db::Target::url(url);
    target.database = format!("t{}", uuid::Uuid::now_v7().simple());
    target.user = std::env::var("KARTOTEKA_TEST_DB_USER")
        .ok()
        .zip(std::env::var("KARTOTEKA_TEST_DB_PASS").ok())
        .map(|(user, pass)| (user, server::secret::Secret::new(pass)));
    target
}

/// A free port on loopback, for a server process.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A site folder with only a manifest, enough for a server process that
/// answers the API (`<dir>/site`).
pub fn bare_site(dir: &std::path::Path) -> std::path::PathBuf {
    let site = dir.join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(
        site.join("asset-manifest.json"),
        r#"{"js":"a.js","wasm":"a.wasm","css":"a.css","build":"t"}"#,
    )
    .unwrap();
    site
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with_args(&ServeArgs::default(), &Site::empty()).await
    }

    pub async fn with_args(args: &ServeArgs, site: &Site) -> TestApp {
        logs::install();
        let db = server::db::open(database())
            .await
            .expect("the test database");
        let state = server::serve::state(db.clone(), args);
        TestApp {
            clock: state.clock.clone(),
            router: server::http::router(state, site),
            db,
        }
    }

    /// A second app server on the same database (its own caches).
    pub fn sharing(&self) -> TestApp {
        let state = server::serve::state(self.db.clone(), &ServeArgs::default());
        TestApp {
            clock: state.clock.clone(),
            router: server::http::router(state, &Site::empty()),
            db: self.db.clone(),
        }
    }

    pub async fn add_user(&self, email: &str, role: Role) -> UserView {
        self.add_user_in(email, role, Some(DEPARTMENT)).await
    }

    pub async fn add_user_in(&self, email: &str, role: Role, department: Option<&str>) -> UserView {
        app::backend::users::create(
            &self.db,
            &NewUser {
                email: email.into(),
                name: format!("User {email}"),
                role,
                department: department.map(str::to_string),
                language: Language::Lv,
                password: PASSWORD.into(),
                admin: false,
            },
        )
        .await
        .expect("user created")
    }

    /// Creates a user and signs them in.
    pub async fn session(&self, email: &str, role: Role) -> Session {
        self.session_in(email, role, Some(DEPARTMENT)).await
    }

    /// Creates a user in a department and signs them in.
    pub async fn session_in(&self, email: &str, role: Role, department: Option<&str>) -> Session {
        let user = self.add_user_in(email, role, department).await;
        self.sign_in(user).await
    }

    /// Signs an existing user in (a second device).
    pub async fn sign_in(&self, user: UserView) -> Session {
        let email = user.email.clone();
        let raw = self
            .raw(
                None,
                app::api::auth::SignIn {
                    email: email.clone(),
                    password: PASSWORD.into(),
                },
            )
            .await;
        assert_eq!(
            raw.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&raw.body)
        );
        Session {
            cookie: session_cookie(&raw.headers).expect("session cookie"),
            user,
        }
    }

    pub async fn get(&self, path: &str, headers: &[(&str, &str)]) -> Raw {
        let mut req = Request::get(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn send(&self, req: Request<Body>) -> Raw {
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Raw {
            status,
            headers,
            body,
        }
    }

    /// Posts a server function's arguments as JSON, as the browser does.
    pub async fn raw<F: ServerFn + serde::Serialize>(&self, s: Option<&Session>, args: F) -> Raw {
        let mut req = Request::post(F::PATH)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json");
        if let Some(s) = s {
            req = req.header(header::COOKIE, format!("kt_session={}", s.cookie));
        }
        let body = serde_json::to_vec(&args).unwrap();
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// Calls a server function and decodes its answer or its error.
    pub async fn call<F>(&self, s: Option<&Session>, args: F) -> Result<F::Output, ApiError>
    where
        F: ServerFn<Error = ApiError> + serde::Serialize,
        F::Output: serde::de::DeserializeOwned,
    {
        let raw = self.raw(s, args).await;
        if raw.status.is_success() {
            Ok(serde_json::from_slice(&raw.body)
                .unwrap_or_else(|e| panic!("bad body {e}: {}", String::from_utf8_lossy(&raw.body))))
        } else {
            let err: ApiError = serde_json::from_slice(&raw.body).unwrap_or_else(|e| {
                panic!("bad error body {e}: {}", String::from_utf8_lossy(&raw.body))
            });
            assert_eq!(raw.status.as_u16(), err.status(), "status matches {err:?}");
            Err(err)
        }
    }
}

pub fn session_cookie(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("kt_session="))
        .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        .filter(|v| !v.is_empty())
}

/// A device's way to the in-process server: the real sync endpoints, through
/// the router, with the user's session cookie.
#[derive(Clone)]
pub struct AppTransport {
    pub app: std::sync::Arc<TestApp>,
    pub session: Session,
}

impl app::sync::transport::Transport for AppTransport {
    async fn push(
        &self,
        batch: app::sync::protocol::PushBatch,
    ) -> Result<Vec<app::sync::protocol::Ack>, ApiError> {
        self.app
            .call(Some(&self.session), app::api::sync::SyncPush { batch })
            .await
    }

    async fn pull(
        &self,
        request: app::sync::protocol::PullRequest,
    ) -> Result<app::sync::protocol::PullAnswer, ApiError> {
        self.app
            .call(Some(&self.session), app::api::sync::SyncPull { request })
            .await
    }
}

/// A connected call on `client` five minutes ago, as the call form sends it.
pub fn call_input(client_id: &str) -> app::domain::call_log::CallInput {
    use app::domain::call_log::{CallInput, Direction, Outcome};
    CallInput {
        client_id: client_id.into(),
        contact_id: None,
        at: chrono::Utc::now() - chrono::Duration::minutes(5),
        direction: Direction::Outgoing,
        outcome: Outcome::Connected,
        kind: app::domain::calling::call_kind::CallKind::Ordinary,
        duration: "2:00".into(),
        note: "Par piegādi".into(),
    }
}

/// A device's operation logging a call on `client`, stamped `at` (the call
/// itself five minutes earlier).
pub fn call_op(client: &str, at: chrono::DateTime<chrono::Utc>) -> app::sync::op::Op {
    let input = app::domain::call_log::CallInput {
        client_id: client.into(),
        contact_id: None,
        at: at - chrono::Duration::minutes(5),
        direction: app::domain::call_log::Direction::Outgoing,
        outcome: app::domain::call_log::Outcome::Connected,
        kind: app::domain::calling::call_kind::CallKind::Ordinary,
        duration: "1:00".into(),
        note: String::new(),
    };
    let fields = serde_json::to_value(&input)
        .unwrap()
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    app::sync::op::Op {
        op_id: uuid::Uuid::now_v7().to_string(),
        device_id: "probe".into(),
        seq: 1,
        table: app::sync::tables::CALL_LOG.into(),
        record_id: uuid::Uuid::now_v7().to_string(),
        hlc: app::sync::hlc::Hlc {
            millis: at.timestamp_millis() as u64,
            counter: 0,
            device: "probe".into(),
        },
        kind: app::sync::op::OpKind::Patch {
            fields,
            base: Default::default(),
        },
    }
}

/// A fresh device (memory store) of the session's user.
pub async fn device(
    s: &Session,
) -> app::sync::device::Device<app::sync::memory_store::MemoryStore> {
    app::sync::device::Device::open(
        app::sync::memory_store::MemoryStore::default(),
        &s.user.id,
        &s.user.name,
    )
    .await
    .unwrap()
}

/// The records of `table` a device holds, as `pick` reads each row.
pub async fn rows_of<T>(
    d: &app::sync::device::Device<app::sync::memory_store::MemoryStore>,
    table: &str,
    pick: impl Fn(app::sync::protocol::Row) -> Option<T>,
) -> Vec<T> {
    use app::sync::store::LocalStore;
    d.store()
        .all(table)
        .await
        .unwrap()
        .into_iter()
        .filter_map(pick)
        .collect()
}

/// The session's way to the test server, for a device's sync.
pub fn transport(app: &std::sync::Arc<TestApp>, s: &Session) -> AppTransport {
    AppTransport {
        app: app.clone(),
        session: s.clone(),
    }
}

/// A complete template named `name`, with merge fields and Latvian and
/// Cyrillic words in each language.
pub fn template_fields(name: &str) -> app::domain::template::TemplateFields {
    use app::domain::template::{TemplateFields, TemplateText};
    let text = |subject: &str, body: &str| TemplateText {
        subject: subject.into(),
        body: body.into(),
    };
    TemplateFields {
        name: name.into(),
        lv: text(
            "Pavasara piedāvājums — {client}",
            "Labdien, {contact}!\n\nPiedāvājam:\n{lines}\nKopā {total}, atlaide {discount}, spēkā līdz {valid_until}.\n\nAr cieņu,\n{manager}",
        ),
        en: text(
            "Spring offer — {client}",
            "Dear {contact},\n\n{lines}\nTotal {total}, valid until {valid_until}.\n\n{manager}",
        ),
        ru: text(
            "Весеннее предложение — {client}",
            "Здравствуйте, {contact}!\n\n{lines}\nИтого {total}, до {valid_until}.\n\n{manager}",
        ),
        attach_pdf: true,
        archived: false,
        purpose: Default::default(),
    }
}

/// A contract template named `name` in all three languages, naming the
/// contract's terms (see `contract_drafts.rs`).
pub fn contract_template_fields(name: &str) -> app::domain::template::TemplateFields {
    use app::domain::template::{TemplateFields, TemplatePurpose, TemplateText};
    let text = |subject: &str, body: &str| TemplateText {
        subject: subject.into(),
        body: body.into(),
    };
    TemplateFields {
        name: name.into(),
        lv: text(
            "Līgums Nr. {number}",
            "{client}, {address}, turpmāk — Pircējs.\n\
             Apmaksa {payment_days} dienu laikā; kredītlimits {credit_limit}.\n\
             Piegāde: {delivery}.\n{points}\nRīgā, {date}. Vadītājs: {manager}.",
        ),
        en: text(
            "Contract No. {number}",
            "{kind} with {client}; credit limit {credit_limit}.",
        ),
        ru: text(
            "Договор № {number}",
            "{kind} с {client}; кредитный лимит {credit_limit}.",
        ),
        attach_pdf: false,
        archived: false,
        purpose: TemplatePurpose::Contract,
    }
}

/// A key-client scheme named `name`: 5 % overall, 12.5 % on plywood.
pub fn scheme_input(name: &str) -> app::domain::scheme::SchemeInput {
    use app::domain::scheme::{GroupInput, SchemeInput};
    SchemeInput {
        name: name.into(),
        discount_pct: "5".into(),
        groups: vec![GroupInput {
            group: "Finieris".into(),
            discount_pct: "12,5".into(),
        }],
        payment_days: "45".into(),
        lead_days: "2".into(),
        service: "Personīgs vadītājs, piegāde nākamajā dienā".into(),
        conditions: "Apjoma atlaide virs 10 000 €".into(),
        archived: false,
    }
}
