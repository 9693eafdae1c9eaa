//! Sending the outbox: batches of at most `PUSH_BATCH` operations and
//! `PUSH_BYTES` bytes (chosen by `batch`), each operation leaving the outbox only once the
//! server acknowledged it; a refused one moves to the refused list and its
//! record is fetched again at the next pull.

use super::*;

impl<S: LocalStore> Device<S> {
    pub(super) async fn push_all<T: Transport>(
        &self,
        transport: &T,
        p: &mut Progress,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let device_id = self.meta().await?.device_id;
        loop {
            let window = self.store.outbox_head(batch::PUSH_WINDOW).await?;
            let ops = batch::next_batch(window, PUSH_BATCH, PUSH_BYTES);
            if ops.is_empty() {
                return Ok(());
            }
            let acks = transport
                .push(PushBatch {
                    device_id: device_id.clone(),
                    ops: ops.clone(),
                })
                .await?;
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
        }
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
