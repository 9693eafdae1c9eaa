//! Records made once on the device about a client's money: a promise to
//! pay (with the follow-up that brings the client back on the promised
//! day, a second store step after the promise, so what the manager heard
//! is kept even if the app stops between the two) and a letter about the
//! account for the server's outbox.

use super::*;
use crate::domain::follow_up::FollowUpAction;
use crate::domain::receivables::account_letter::{AccountLetter, LetterInput, LetterState};
use crate::domain::receivables::promise::{Promise, PromiseInput};

impl<S: LocalStore> Device<S> {
    /// Records `input` and plans a call at `check_at` (the promised day, in
    /// the manager's zone) with `check_note`.
    pub async fn make_promise(
        &self,
        input: PromiseInput,
        check_at: chrono::DateTime<Utc>,
        check_note: String,
    ) -> Result<Promise, EditError> {
        let fields = input
            .validate(crate::domain::latest_day::latest_day(Utc::now()))
            .map_err(EditError::Invalid)?;
        let id = uuid::Uuid::now_v7().to_string();
        let promise = Promise {
            id: id.clone(),
            fields,
            by: self.user_id.clone(),
            created_at: Utc::now(),
        };
        let row = Row::Promise {
            promise: promise.clone(),
        };
        self.create_once(tables::PROMISE, &id, &input, row).await?;
        self.save_follow_up(
            None,
            FollowUpInput {
                client_id: promise.fields.client_id.clone(),
                contact_id: None,
                action: FollowUpAction::Call,
                due: check_at,
                note: check_note,
                done_at: None,
                call_id: None,
            },
        )
        .await?;
        Ok(promise)
    }

    /// Asks for a letter about a client's account; it waits, queued, until
    /// the server's outbox sends it.
    pub async fn ask_letter(&self, input: LetterInput) -> Result<AccountLetter, EditError> {
        let fields = input
            .validate(crate::domain::latest_day::latest_day(Utc::now()))
            .map_err(EditError::Invalid)?;
        let id = uuid::Uuid::now_v7().to_string();
        let letter = AccountLetter {
            id: id.clone(),
            fields,
            state: LetterState::default(),
            by: self.user_id.clone(),
            created_at: Utc::now(),
        };
        let row = Row::AccountLetter {
            letter: Box::new(letter.clone()),
        };
        self.create_once(tables::ACCOUNT_LETTER, &id, &input, row)
            .await?;
        Ok(letter)
    }
}
