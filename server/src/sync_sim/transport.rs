//! A device's connection in the simulation: the real router and session
//! cookie, with faults chosen by the seed.

use app::api::ApiError;
use app::api::sync::{SyncPull, SyncPush};
use app::sync::op::Op;
use app::sync::protocol::{Ack, AckStatus, PullAnswer, PullRequest, PushBatch};
use app::sync::transport::Transport;
use axum::Router;
use axum::body::Body;
use http::{Request, header};
use leptos::server_fn::ServerFn;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

/// Calls a server function through the router as the browser does.
pub async fn call<A: serde::Serialize, R: serde::de::DeserializeOwned>(
    router: &Router,
    path: &str,
    cookie: Option<&str>,
    args: &A,
) -> Result<R, ApiError> {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::ACCEPT, "application/json");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, format!("kt_session={c}"));
    }
    let body = serde_json::to_vec(args).map_err(|e| ApiError::Internal(e.to_string()))?;
    let req = req
        .body(Body::from(body))
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let res = router
        .clone()
        .oneshot(req)
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let ok = res.status().is_success();
    let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    crate::sync_http::answer(ok, &bytes)
}

/// What the network does to the next request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    DropRequest,
    DropResponse,
    Duplicate,
}

pub struct Shared {
    pub rng: StdRng,
    pub offline: bool,
    pub fault_rate: f64,
    /// Batches held back to be delivered again later (late, reordered copies).
    pub delayed: Vec<PushBatch>,
    /// Every op the server confirmed it holds (applied now or earlier).
    pub confirmed: Vec<Op>,
    pub rejected: Vec<(Op, ApiError)>,
}

impl Shared {
    pub fn new(seed: u64, fault_rate: f64) -> Arc<Mutex<Shared>> {
        Arc::new(Mutex::new(Shared {
            rng: StdRng::seed_from_u64(seed),
            offline: false,
            fault_rate,
            delayed: Vec::new(),
            confirmed: Vec::new(),
            rejected: Vec::new(),
        }))
    }
}

/// The network's state; a panic elsewhere while holding it leaves it usable.
pub fn lock(net: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    net.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Clone)]
pub struct SimTransport {
    pub router: Router,
    pub cookie: String,
    pub net: Arc<Mutex<Shared>>,
}

impl SimTransport {
    fn fault(&self) -> Result<Fault, ApiError> {
        let mut n = lock(&self.net);
        if n.offline {
            return Err(ApiError::Network("offline".into()));
        }
        let rate = n.fault_rate;
        if !n.rng.random_bool(rate) {
            return Ok(Fault::None);
        }
        Ok(match n.rng.random_range(0..3) {
            0 => Fault::DropRequest,
            1 => Fault::DropResponse,
            _ => Fault::Duplicate,
        })
    }

    async fn send_push(&self, batch: &PushBatch) -> Result<Vec<Ack>, ApiError> {
        let args = SyncPush {
            batch: batch.clone(),
        };
        let acks: Vec<Ack> = call(&self.router, SyncPush::PATH, Some(&self.cookie), &args).await?;
        let mut n = lock(&self.net);
        for (ack, op) in acks.iter().zip(&batch.ops) {
            match &ack.status {
                AckStatus::Applied | AckStatus::Duplicate => n.confirmed.push(op.clone()),
                AckStatus::Rejected { reason } => n.rejected.push((op.clone(), reason.clone())),
            }
        }
        Ok(acks)
    }

    /// Delivers the held-back copies now, after newer traffic.
    pub async fn deliver_late(&self) {
        let late: Vec<PushBatch> = std::mem::take(&mut lock(&self.net).delayed);
        for b in late {
            let _ = self.send_push(&b).await;
        }
    }
}

impl Transport for SimTransport {
    async fn push(&self, batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
        match self.fault()? {
            Fault::DropRequest => {
                let mut n = lock(&self.net);
                // Sometimes the "dropped" request is only late.
                if n.rng.random_bool(0.5) {
                    n.delayed.push(batch);
                }
                Err(ApiError::Network("request lost".into()))
            }
            Fault::DropResponse => {
                self.send_push(&batch).await?;
                Err(ApiError::Network("answer lost".into()))
            }
            Fault::Duplicate => {
                let _ = self.send_push(&batch).await;
                self.send_push(&batch).await
            }
            Fault::None => self.send_push(&batch).await,
        }
    }

    async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError> {
        match self.fault()? {
            Fault::DropRequest => Err(ApiError::Network("request lost".into())),
            Fault::DropResponse => {
                let args = SyncPull { request };
                let _: PullAnswer =
                    call(&self.router, SyncPull::PATH, Some(&self.cookie), &args).await?;
                Err(ApiError::Network("answer lost".into()))
            }
            _ => {
                let args = SyncPull { request };
                call(&self.router, SyncPull::PATH, Some(&self.cookie), &args).await
            }
        }
    }
}
