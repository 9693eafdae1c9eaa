//! Receiving what changed: pages in version order, stored while the next
//! one is asked for; a reset clears the records and keeps the outbox.

use super::*;
use crate::sync::protocol::Cursor;

/// A page as the server sent it, with what its request asked for again.
struct Page {
    rows: Vec<Row>,
    gone: Vec<RecordKey>,
    cursor: Cursor,
    asked_again: Vec<RecordKey>,
}

impl<S: LocalStore> Device<S> {
    pub(super) async fn pull_all<T: Transport>(
        &self,
        transport: &T,
        p: &mut Progress,
        progress: &mut impl FnMut(&Progress),
    ) -> Result<(), SyncError> {
        let mut resets = 0;
        let mut first_page = true;
        // The next page, asked for while the previous one was being stored.
        let mut prefetched: Option<Result<PullAnswer, ApiError>> = None;
        loop {
            // The records the answer's request asked for again.
            let mut asked_again = Vec::new();
            let answer = match prefetched.take() {
                Some(answer) => answer?,
                None => {
                    let meta = self.meta().await?;
                    asked_again = meta.refetch.clone();
                    transport
                        .pull(PullRequest {
                            cursor: meta.cursor.clone(),
                            limit: PULL_PAGE,
                            refetch: meta.refetch,
                            // Counted once per sync; later pages count down from it.
                            count: first_page,
                        })
                        .await?
                }
            };
            match answer {
                PullAnswer::Reset => {
                    resets += 1;
                    if resets > 2 {
                        return Err(ApiError::Internal(
                            "the server keeps asking for a reset".into(),
                        )
                        .into());
                    }
                    self.store.clear_records().await?;
                }
                PullAnswer::Page {
                    rows,
                    gone,
                    cursor,
                    more,
                    remaining,
                } => {
                    p.pulled += rows.len() + gone.len();
                    p.remaining = match remaining {
                        Some(r) => r,
                        None => p.remaining.saturating_sub((rows.len() + gone.len()) as u64),
                    };
                    first_page = false;
                    let page = Page {
                        rows,
                        gone,
                        cursor: cursor.clone(),
                        asked_again,
                    };
                    if more {
                        // Store this page while the server prepares the next:
                        // the next request needs only this page's cursor, so
                        // every read the storing needs waits beside it.
                        let next = PullRequest {
                            cursor: Some(cursor),
                            limit: PULL_PAGE,
                            refetch: Vec::new(),
                            count: false,
                        };
                        let (stored, answer) =
                            futures::future::join(self.store_page(page), transport.pull(next))
                                .await;
                        stored?;
                        prefetched = Some(answer);
                    } else {
                        self.store_page(page).await?;
                    }
                    progress(p);
                    if !more {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// One page into the store, under the edits still waiting to be sent.
    async fn store_page(&self, page: Page) -> Result<(), StoreError> {
        // Read afresh each page, never written back whole: an edit may be
        // saved while the request is on its way (see `MetaChange`).
        let meta = self.meta().await?;
        // A card that left this device takes its calls and conflicts with it.
        let mut gone = page.gone;
        let cards: Vec<String> = gone
            .iter()
            .filter(|k| k.table == tables::CLIENT)
            .map(|k| k.id.clone())
            .collect();
        if !cards.is_empty() {
            for kind in kinds::following_client() {
                for row in self.store.of_clients(kind.table, &cards).await? {
                    gone.push(row.key());
                }
            }
        }
        let pending = self.pending_by_record().await?;
        let mut clock = Clock::resume(meta.clock);
        let rows: Vec<Row> = page
            .rows
            .into_iter()
            .map(|row| {
                if let Row::Client { clocks, .. } = &row
                    && let Some(newest) = clocks.values().max()
                {
                    clock.observe(newest, now_ms());
                }
                match pending.get(&row.key()) {
                    Some(ops) => rebase(row, ops),
                    None => row,
                }
            })
            .collect();
        let change = MetaChange {
            clock: Some(clock.last().clone()),
            cursor: Some(page.cursor),
            refetch_done: page.asked_again,
            ..Default::default()
        };
        self.store.apply_page(rows, gone, &change).await
    }

    async fn pending_by_record(&self) -> Result<HashMap<RecordKey, Vec<Op>>, StoreError> {
        let mut out: HashMap<RecordKey, Vec<Op>> = HashMap::new();
        for op in self.store.outbox().await? {
            out.entry(RecordKey::new(&op.table, &op.record_id))
                .or_default()
                .push(op);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::scripted::Scripted;
    use super::*;
    use crate::domain::client_input::ClientInput;
    use crate::sync::memory_store::MemoryStore;
    use crate::sync::protocol::Cursor;
    use futures::executor::block_on;

    fn cursor(version: i64) -> Cursor {
        Cursor {
            epoch: "e".into(),
            version,
            scope: "s".into(),
            within: None,
        }
    }

    fn page(rows: Vec<Row>, version: i64, more: bool) -> PullAnswer {
        PullAnswer::Page {
            rows,
            gone: Vec::new(),
            cursor: cursor(version),
            more,
            remaining: None,
        }
    }

    fn device() -> Device<MemoryStore> {
        block_on(Device::open(MemoryStore::default(), "u1", "Ilze")).unwrap()
    }

    /// A card as the server would send it, made on another device.
    fn server_card(name: &str, city: &str) -> Row {
        let other = device();
        let input = ClientInput {
            name: name.into(),
            city: city.into(),
            ..Default::default()
        };
        let card = block_on(other.save_card(None, input, false)).unwrap();
        let (card, clocks) = block_on(other.card(&card.id)).unwrap().unwrap();
        Row::Client {
            card: Box::new(card),
            clocks,
        }
    }

    fn names(d: &Device<MemoryStore>) -> Vec<String> {
        let mut out: Vec<String> = block_on(d.store().all(tables::CLIENT))
            .unwrap()
            .into_iter()
            .filter_map(|r| match r {
                Row::Client { card, .. } => Some(card.fields.name),
                _ => None,
            })
            .collect();
        crate::sort::natural(&mut out);
        out
    }

    #[test]
    fn pages_are_stored_and_the_next_is_asked_for_with_the_previous_cursor() {
        let d = device();
        let t = Scripted::default()
            .pull_answers(Ok(page(vec![server_card("A", "Rīga")], 1, true)))
            .pull_answers(Ok(page(vec![server_card("B", "Cēsis")], 2, false)));
        let p = block_on(d.sync(&t, |_| {})).unwrap();
        assert_eq!(p.pulled, 2);
        assert_eq!(names(&d), ["A", "B"]);
        let asked = t.pulled.borrow();
        assert_eq!(asked[0].cursor, None);
        assert!(asked[0].count, "the first page counts what is to come");
        assert_eq!(asked[1].cursor, Some(cursor(1)));
        assert_eq!(block_on(d.meta()).unwrap().cursor, Some(cursor(2)));
    }

    #[test]
    fn a_reset_clears_the_records_and_keeps_the_outbox() {
        let d = device();
        let first =
            Scripted::default().pull_answers(Ok(page(vec![server_card("A", "Rīga")], 1, false)));
        block_on(d.sync(&first, |_| {})).unwrap();
        let input = ClientInput {
            name: "Neaizsūtītais".into(),
            ..Default::default()
        };
        block_on(d.save_card(None, input, false)).unwrap();
        let t = Scripted::default()
            .pull_answers(Ok(PullAnswer::Reset))
            .pull_answers(Ok(page(vec![server_card("B", "Cēsis")], 7, false)));
        let mut p = Progress::default();
        block_on(d.pull_all(&t, &mut p, &mut |_| {})).unwrap();
        assert_eq!(names(&d), ["B"], "the old copy is gone");
        assert_eq!(
            block_on(d.store().outbox()).unwrap().len(),
            1,
            "unsent work kept"
        );
        assert_eq!(t.pulled.borrow()[1].cursor, None, "downloaded afresh");
    }

    #[test]
    fn a_server_that_keeps_resetting_is_an_error_not_a_loop() {
        let d = device();
        let t = Scripted::default()
            .pull_answers(Ok(PullAnswer::Reset))
            .pull_answers(Ok(PullAnswer::Reset))
            .pull_answers(Ok(PullAnswer::Reset));
        let mut p = Progress::default();
        assert!(matches!(
            block_on(d.pull_all(&t, &mut p, &mut |_| {})),
            Err(SyncError::Server(ApiError::Internal(_)))
        ));
    }

    #[test]
    fn an_unsent_edit_stays_on_top_of_the_pulled_row() {
        let d = device();
        let Row::Client { card, clocks } = server_card("A", "Rīga") else {
            unreachable!()
        };
        let first = Scripted::default().pull_answers(Ok(page(
            vec![Row::Client {
                card: card.clone(),
                clocks: clocks.clone(),
            }],
            1,
            false,
        )));
        block_on(d.sync(&first, |_| {})).unwrap();
        let mut input = ClientInput::from_card(&card);
        input.city = "Valka".into();
        block_on(d.save_card(Some(&card.id), input, false)).unwrap();
        // The server sends the card again (someone else's edit elsewhere).
        let mut theirs = card.clone();
        theirs.fields.name = "A un Co".into();
        let t = Scripted::default().pull_answers(Ok(page(
            vec![Row::Client {
                card: theirs,
                clocks,
            }],
            2,
            false,
        )));
        let mut p = Progress::default();
        block_on(d.pull_all(&t, &mut p, &mut |_| {})).unwrap();
        let (now, _) = block_on(d.card(&card.id)).unwrap().unwrap();
        assert_eq!(
            now.fields.city.as_deref(),
            Some("Valka"),
            "what the user typed"
        );
    }

    /// The user saves while a pull is on its way (the UI's own handle on the
    /// same store): the pull's answer must not undo what the save wrote.
    struct SavesDuringPull {
        server: Scripted,
        ui: Device<MemoryStore>,
    }

    impl crate::sync::transport::Transport for SavesDuringPull {
        async fn push(
            &self,
            batch: crate::sync::protocol::PushBatch,
        ) -> Result<Vec<crate::sync::protocol::Ack>, ApiError> {
            self.server.push(batch).await
        }

        async fn pull(&self, request: PullRequest) -> Result<PullAnswer, ApiError> {
            let input = ClientInput {
                name: "Saglabāts sinhronizējot".into(),
                ..Default::default()
            };
            self.ui.save_card(None, input, false).await.unwrap();
            self.server.pull(request).await
        }
    }

    #[test]
    fn an_edit_saved_during_a_pull_keeps_its_place_in_the_outbox() {
        let store = MemoryStore::default();
        let d = block_on(Device::open(store.clone(), "u1", "Ilze")).unwrap();
        let ui = block_on(Device::open(store.clone(), "u1", "Ilze")).unwrap();
        let t = SavesDuringPull {
            server: Scripted::default().pull_answers(Ok(page(
                vec![server_card("A", "Rīga")],
                1,
                false,
            ))),
            ui,
        };
        block_on(d.sync(&t, |_| {})).unwrap();
        // The next edit after the pull: its own place, the first one kept.
        let after = ClientInput {
            name: "Pēc sinhronizācijas".into(),
            ..Default::default()
        };
        block_on(t.ui.save_card(None, after, false)).unwrap();
        let queued = block_on(store.outbox()).unwrap();
        let seqs: Vec<u64> = queued.iter().map(|o| o.seq).collect();
        assert_eq!(seqs.len(), 2, "{queued:?}");
        assert!(seqs[0] < seqs[1], "{seqs:?}");
        assert_eq!(
            names(&d),
            ["A", "Pēc sinhronizācijas", "Saglabāts sinhronizējot"]
        );
        // And the pull's own change stayed: the cursor it reached.
        assert_eq!(block_on(d.meta()).unwrap().cursor, Some(cursor(1)));
    }
}
