//! Sending the outbox: batches of at most `PUSH_BATCH` operations (fewer if
//! the device was opened so) and
//! `PUSH_BYTES` bytes (chosen by `batch`), each operation leaving the outbox only once the
//! server acknowledged it; a refused one moves to the refused list and its
//! record is fetched again at the next pull.
//!
//! Two batches are on their way at a time: the next goes up while the
//! server still writes the one before, naming that one's last operation
//! (`PushBatch::after`). The server plans it meanwhile and applies it only
//! once the one before has its answer, so the order is the outbox's.

use super::*;
use crate::sync::protocol::{Ack, OpRef};
use futures::future::{self, Either};
use std::collections::HashSet;

/// A batch sent and not yet settled: its operations and its answer (the
/// request, or the answer itself when it came before the one before).
struct Sent<F> {
    ops: Vec<Op>,
    answer: F,
}

impl<S: LocalStore> Device<S> {
    pub(super) async fn push_all<T: Transport>(
        &self,
        transport: &T,
        p: &mut Progress,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let device_id = self.meta().await?.device_id;
        let mut on_way = None;
        loop {
            let ops = self.next_ops(on_way.as_ref()).await?;
            let next = (!ops.is_empty()).then(|| {
                let batch = PushBatch {
                    device_id: device_id.clone(),
                    ops: ops.clone(),
                    after: on_way.as_ref().and_then(|s| s.ops.last()).map(OpRef::of),
                };
                Sent {
                    ops,
                    answer: Either::Left(Box::pin(transport.push(batch))),
                }
            });
            let Some(sent) = on_way.take() else {
                match next {
                    None => return Ok(()),
                    Some(first) => {
                        // Pick the batch behind it before either goes.
                        on_way = Some(first);
                        continue;
                    }
                }
            };
            // The earlier batch's answer, while the next one goes up (its
            // answer may come first: it is kept for the next turn).
            let (acks, next) = match next {
                None => (sent.answer.await, None),
                Some(next) => match future::select(sent.answer, next.answer).await {
                    Either::Left((acks, rest)) => (
                        acks,
                        Some(Sent {
                            ops: next.ops,
                            answer: rest,
                        }),
                    ),
                    Either::Right((answer, rest)) => (
                        rest.await,
                        Some(Sent {
                            ops: next.ops,
                            answer: Either::Right(future::ready(answer)),
                        }),
                    ),
                },
            };
            // A failed batch stops the push; the one behind it is dropped
            // (the server applies nothing behind an unanswered operation).
            self.settle_acks(&sent.ops, acks?, p, progress).await?;
            on_way = next;
        }
    }

    /// The next batch from the outbox, leaving out the batch on its way.
    async fn next_ops<F>(&self, on_way: Option<&Sent<F>>) -> Result<Vec<Op>, SyncError> {
        let skip: HashSet<&str> = on_way
            .map(|s| s.ops.iter().map(|o| o.op_id.as_str()).collect())
            .unwrap_or_default();
        let window = self
            .store
            .outbox_head(batch::WINDOW_BATCHES * self.push_batch + skip.len())
            .await?
            .into_iter()
            .filter(|o| !skip.contains(o.op_id.as_str()))
            .collect();
        Ok(batch::next_batch(window, self.push_batch, PUSH_BYTES))
    }

    /// Takes a batch's answers: the acknowledged operations leave the
    /// outbox, the refused ones go to the refused list.
    async fn settle_acks(
        &self,
        ops: &[Op],
        acks: Vec<Ack>,
        p: &mut Progress,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let by_id: HashMap<&str, &Op> = ops.iter().map(|o| (o.op_id.as_str(), o)).collect();
        let mut done = Vec::new();
        let mut rejected = Vec::new();
        for ack in &acks {
            let Some(op) = by_id.get(ack.op_id.as_str()) else {
                continue;
            };
            done.push(ack.op_id.clone());
            if let AckStatus::Rejected { reason } = &ack.status {
                let (client_id, card_name) = self.card_of(op).await;
                rejected.push(Rejected {
                    op: (*op).clone(),
                    reason: reason.clone(),
                    at: Utc::now(),
                    client_id,
                    card_name,
                });
            }
        }
        if done.is_empty() {
            return Err(ApiError::Internal("the server acknowledged nothing".into()).into());
        }
        p.pushed += done.len();
        p.rejected += rejected.len();
        if !rejected.is_empty() {
            let refetch_add = rejected
                .iter()
                .map(|r| RecordKey::new(&r.op.table, &r.op.record_id))
                .collect();
            self.store
                .update_meta(&MetaChange {
                    refetch_add,
                    ..Default::default()
                })
                .await?;
        }
        self.store.settle(&done, rejected).await?;
        progress(p);
        Ok(())
    }
}

impl<S: LocalStore> Device<S> {
    /// The card a refused operation was about and its name, as the device
    /// holds them before the refetch that may remove them. A store that
    /// cannot answer leaves only what the operation itself says.
    async fn card_of(&self, op: &Op) -> (Option<String>, Option<String>) {
        let row = self
            .store
            .get(&RecordKey::new(&op.table, &op.record_id))
            .await
            .ok()
            .flatten();
        let client_id = row
            .as_ref()
            .and_then(Row::client_id)
            .or_else(|| rejected::client_of_op(op))
            .map(str::to_string);
        let card = match &client_id {
            Some(id) => self
                .store
                .get(&RecordKey::new(tables::CLIENT, id))
                .await
                .ok()
                .flatten(),
            None => None,
        };
        let name = match card {
            Some(Row::Client { card, .. }) => Some(card.fields.name),
            _ => rejected::name_in_op(op).map(str::to_string),
        };
        (client_id, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    mod through_a_scripted_server {
        use super::super::super::scripted::Scripted;
        use super::*;
        use crate::domain::client_input::ClientInput;
        use crate::sync::memory_store::MemoryStore;
        use crate::sync::protocol::{Ack, Cursor};
        use futures::executor::block_on;

        fn empty_page() -> PullAnswer {
            PullAnswer::Page {
                rows: Vec::new(),
                gone: Vec::new(),
                cursor: Cursor {
                    epoch: "e".into(),
                    version: 1,
                    scope: "s".into(),
                    within: None,
                },
                more: false,
                remaining: Some(0),
            }
        }

        fn card(name: &str) -> ClientInput {
            ClientInput {
                name: name.into(),
                ..Default::default()
            }
        }

        fn device() -> Device<MemoryStore> {
            block_on(Device::open(MemoryStore::default(), "u1", "Ilze")).unwrap()
        }

        #[test]
        fn an_acknowledged_operation_leaves_the_outbox_and_a_refused_one_is_kept_and_fetched_again()
        {
            let d = device();
            block_on(d.save_card(None, card("Pieņemtais"), false)).unwrap();
            let refused = block_on(d.save_card(None, card("Atteiktais"), false)).unwrap();
            let ops = block_on(d.store().outbox()).unwrap();
            let t = Scripted::default()
                .push_answers(Ok(vec![
                    Ack {
                        op_id: ops[0].op_id.clone(),
                        status: AckStatus::Applied,
                    },
                    Ack {
                        op_id: ops[1].op_id.clone(),
                        status: AckStatus::Rejected {
                            reason: ApiError::Forbidden,
                        },
                    },
                ]))
                .pull_answers(Ok(empty_page()));
            let p = block_on(d.sync(&t, |_| {})).unwrap();
            assert_eq!((p.pushed, p.rejected), (2, 1));
            assert!(block_on(d.store().outbox()).unwrap().is_empty());
            let kept = block_on(d.store().rejected()).unwrap();
            assert_eq!(kept.len(), 1);
            assert_eq!(kept[0].reason, ApiError::Forbidden);
            assert_eq!(kept[0].client(), Some(refused.id.as_str()));
            assert_eq!(kept[0].name(), Some("Atteiktais"));
            assert_eq!(t.pushed.borrow()[0].ops.len(), 2);
            // The refused card's server state is asked for at once.
            let asked = &t.pulled.borrow()[0].refetch;
            assert_eq!(asked, &vec![RecordKey::new(tables::CLIENT, &refused.id)]);
        }

        /// An edit of one field refused because the card went to another
        /// owner: the refetch removes the card, the refusal still names it.
        #[test]
        fn a_refusal_names_the_card_the_refetch_removes() {
            let d = device();
            let saved = block_on(d.save_card(None, card("Aizgājušais"), false)).unwrap();
            let created = block_on(d.store().outbox()).unwrap();
            let t = Scripted::default()
                .push_answers(Ok(vec![Ack {
                    op_id: created[0].op_id.clone(),
                    status: AckStatus::Applied,
                }]))
                .pull_answers(Ok(empty_page()));
            block_on(d.sync(&t, |_| {})).unwrap();

            let mut edit = card("Aizgājušais");
            edit.city = "Cēsis".into();
            block_on(d.save_card(Some(&saved.id), edit, false)).unwrap();
            let ops = block_on(d.store().outbox()).unwrap();
            assert_eq!(
                rejected::name_in_op(&ops[0]),
                None,
                "the edit carries no name"
            );
            let key = RecordKey::new(tables::CLIENT, &saved.id);
            let PullAnswer::Page { cursor, .. } = empty_page() else {
                unreachable!()
            };
            let t = Scripted::default()
                .push_answers(Ok(vec![Ack {
                    op_id: ops[0].op_id.clone(),
                    status: AckStatus::Rejected {
                        reason: ApiError::NotFound,
                    },
                }]))
                .pull_answers(Ok(PullAnswer::Page {
                    rows: Vec::new(),
                    gone: vec![key.clone()],
                    cursor,
                    more: false,
                    remaining: Some(0),
                }));
            block_on(d.sync(&t, |_| {})).unwrap();
            assert_eq!(block_on(d.store().get(&key)).unwrap(), None);
            let kept = block_on(d.store().rejected()).unwrap();
            assert_eq!(kept[0].client(), Some(saved.id.as_str()));
            assert_eq!(kept[0].name(), Some("Aizgājušais"));
        }

        #[test]
        fn a_push_that_fails_keeps_every_operation() {
            let d = device();
            block_on(d.save_card(None, card("Bezsaistē"), false)).unwrap();
            let t = Scripted::default().push_answers(Err(ApiError::Network("nav tīkla".into())));
            let r = block_on(d.sync(&t, |_| {}));
            assert_eq!(
                r,
                Err(SyncError::Server(ApiError::Network("nav tīkla".into())))
            );
            assert_eq!(block_on(d.store().outbox()).unwrap().len(), 1);
            assert!(t.pulled.borrow().is_empty(), "no pull after a failed push");
        }

        /// A card and 1000 calls: two batches (the second holds one call).
        fn two_batches() -> (Device<MemoryStore>, Vec<Op>) {
            use crate::domain::call_log::{CallInput, Direction, Outcome};
            let d = device();
            let card = block_on(d.save_card(None, card("Zvanītais"), false)).unwrap();
            for _ in 0..PUSH_BATCH {
                block_on(d.log_call(CallInput {
                    client_id: card.id.clone(),
                    contact_id: None,
                    at: Utc::now(),
                    direction: Direction::Outgoing,
                    outcome: Outcome::Connected,
                    kind: crate::domain::calling::call_kind::CallKind::Ordinary,
                    duration: "1:00".into(),
                    note: String::new(),
                }))
                .unwrap();
            }
            let ops = block_on(d.store().outbox()).unwrap();
            assert_eq!(ops.len(), PUSH_BATCH + 1);
            (d, ops)
        }

        fn applied(ops: &[Op]) -> Result<Vec<Ack>, ApiError> {
            Ok(ops
                .iter()
                .map(|o| Ack {
                    op_id: o.op_id.clone(),
                    status: AckStatus::Applied,
                })
                .collect())
        }

        #[test]
        fn the_next_batch_goes_up_behind_the_one_before_and_names_its_last_operation() {
            let (d, ops) = two_batches();
            let t = Scripted::default()
                .push_answers(applied(&ops[..PUSH_BATCH]))
                .push_answers(applied(&ops[PUSH_BATCH..]))
                .pull_answers(Ok(empty_page()));
            let p = block_on(d.sync(&t, |_| {})).unwrap();
            assert_eq!(p.pushed, PUSH_BATCH + 1);
            assert!(block_on(d.store().outbox()).unwrap().is_empty());
            let pushed = t.pushed.borrow();
            assert_eq!(pushed.len(), 2);
            assert_eq!(pushed[0].ops, ops[..PUSH_BATCH]);
            assert_eq!(pushed[0].after, None);
            assert_eq!(pushed[1].ops, ops[PUSH_BATCH..]);
            assert_eq!(pushed[1].after, Some(OpRef::of(&ops[PUSH_BATCH - 1])));
        }

        #[test]
        fn a_failed_batch_keeps_the_one_behind_it_in_the_outbox() {
            let (d, ops) = two_batches();
            let t = Scripted::default()
                .push_answers(Err(ApiError::Network("nav tīkla".into())))
                .push_answers(applied(&ops[PUSH_BATCH..]));
            assert!(block_on(d.sync(&t, |_| {})).is_err());
            assert_eq!(block_on(d.store().outbox()).unwrap(), ops);
        }

        /// Answers each batch as scripted, the first one only after the
        /// second: as when the answers cross on the network.
        struct Crossed(Scripted, std::cell::Cell<bool>);

        impl Transport for Crossed {
            async fn push(&self, batch: PushBatch) -> Result<Vec<Ack>, ApiError> {
                let answer = self.0.push(batch).await;
                if !self.1.replace(true) {
                    let mut yielded = false;
                    futures::future::poll_fn(|cx| {
                        if std::mem::replace(&mut yielded, true) {
                            std::task::Poll::Ready(())
                        } else {
                            cx.waker().wake_by_ref();
                            std::task::Poll::Pending
                        }
                    })
                    .await;
                }
                answer
            }

            async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError> {
                self.0.pull(request).await
            }
        }

        #[test]
        fn the_answer_of_the_batch_behind_may_come_first() {
            let (d, ops) = two_batches();
            let t = Crossed(
                Scripted::default()
                    .push_answers(applied(&ops[..PUSH_BATCH]))
                    .push_answers(applied(&ops[PUSH_BATCH..]))
                    .pull_answers(Ok(empty_page())),
                Default::default(),
            );
            let p = block_on(d.sync(&t, |_| {})).unwrap();
            assert_eq!((p.pushed, p.rejected), (PUSH_BATCH + 1, 0));
            assert!(block_on(d.store().outbox()).unwrap().is_empty());
        }

        #[test]
        fn an_answer_that_acknowledges_nothing_is_an_error_and_keeps_the_outbox() {
            let d = device();
            block_on(d.save_card(None, card("Bezsaistē"), false)).unwrap();
            let stranger = Ack {
                op_id: "not-ours".into(),
                status: AckStatus::Applied,
            };
            let t = Scripted::default().push_answers(Ok(vec![stranger]));
            assert!(matches!(
                block_on(d.sync(&t, |_| {})),
                Err(SyncError::Server(ApiError::Internal(_)))
            ));
            assert_eq!(block_on(d.store().outbox()).unwrap().len(), 1);
        }
    }
}
