//! A transport whose answers a test writes in advance, and which keeps
//! what the device sent: the device client's tests run against it and the
//! memory store, with no server.

use crate::ApiError;
use crate::sync::protocol::{Ack, PullAnswer, PullRequest, PushBatch};
use crate::sync::transport::Transport;
use std::cell::RefCell;
use std::collections::VecDeque;

#[derive(Default)]
pub struct Scripted {
    pushes: RefCell<VecDeque<Result<Vec<Ack>, ApiError>>>,
    pulls: RefCell<VecDeque<Result<PullAnswer, ApiError>>>,
    pub pushed: RefCell<Vec<PushBatch>>,
    pub pulled: RefCell<Vec<PullRequest>>,
}

impl Scripted {
    pub fn push_answers(self, answer: Result<Vec<Ack>, ApiError>) -> Self {
        self.pushes.borrow_mut().push_back(answer);
        self
    }

    pub fn pull_answers(self, answer: Result<PullAnswer, ApiError>) -> Self {
        self.pulls.borrow_mut().push_back(answer);
        self
    }
}

impl Transport for Scripted {
    async fn push(&self, batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
        self.pushed.borrow_mut().push(batch);
        self.pushes
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| Err(ApiError::Network("no scripted push answer".into())))
    }

    async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError> {
        self.pulled.borrow_mut().push(request);
        self.pulls
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| Err(ApiError::Network("no scripted pull answer".into())))
    }
}
