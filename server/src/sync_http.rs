//! The device sync client's transport over real HTTP, for benchmarks and the
//! crash test: the same JSON requests and session cookie as the browser.

use anyhow::{Context, Result, anyhow};
use app::api::ApiError;
use app::api::auth::SignIn;
use app::api::sync::{SyncPull, SyncPush};
use app::domain::user::Me;
use app::sync::protocol::{Ack, PullAnswer, PullRequest, PushBatch};
use app::sync::transport::Transport;
use leptos::server_fn::ServerFn;
use serde::Serialize;
use serde::de::DeserializeOwned;

pub struct HttpTransport {
    client: reqwest::Client,
    base: String,
    cookie: String,
    /// Who signed in (a device opens its store for this user).
    pub me: Me,
}

impl HttpTransport {
    /// Signs in at `base` (e.g. `http://127.0.0.1:3000`).
    pub async fn sign_in(base: &str, email: &str, password: &str) -> Result<HttpTransport> {
        // A request that gets no answer (a server gone without closing the
        // connection) fails instead of holding the sync for ever; the
        // server gives up retrying a batch after 20 s.
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .context("HTTP client")?;
        let res = client
            .post(format!("{base}{}", SignIn::PATH))
            .json(&SignIn {
                email: email.into(),
                password: password.into(),
            })
            .send()
            .await
            .context("sign-in request")?;
        let cookie = res
            .headers()
            .get_all(reqwest::header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("kt_session="))
            .and_then(|rest| rest.split(';').next())
            .map(str::to_string)
            .ok_or_else(|| anyhow!("sign-in refused: {}", res.status()))?;
        let me: Me = res.json().await.context("sign-in answer")?;
        Ok(HttpTransport {
            client,
            base: base.trim_end_matches('/').to_string(),
            cookie,
            me,
        })
    }

    /// Calls the server function at `path` as the browser does.
    pub async fn call<A: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        args: &A,
    ) -> Result<R, ApiError> {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header(
                reqwest::header::COOKIE,
                format!("kt_session={}", self.cookie),
            )
            .json(args)
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        let ok = res.status().is_success();
        let bytes = res
            .bytes()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        answer(ok, &bytes)
    }
}

/// A server function's answer: the value, or the `ApiError` the server sent.
pub fn answer<R: DeserializeOwned>(ok: bool, bytes: &[u8]) -> Result<R, ApiError> {
    if ok {
        serde_json::from_slice(bytes).map_err(|e| ApiError::Internal(e.to_string()))
    } else {
        Err(serde_json::from_slice(bytes)
            .unwrap_or_else(|_| ApiError::Internal(String::from_utf8_lossy(bytes).into())))
    }
}

impl Transport for HttpTransport {
    async fn push(&self, batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
        self.call(SyncPush::PATH, &SyncPush { batch }).await
    }

    async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError> {
        self.call(SyncPull::PATH, &SyncPull { request }).await
    }
}
