//! Follow-ups as pages read and change them, on the local replica: a card's
//! list, planning one, marking one done, and a call logged together with
//! "try again" in one step.

use super::data::{api, internal};
use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::call_log::{CallInput, CallLog};
use crate::domain::calling::agenda::{self, Due};
use crate::domain::calling::retry::{Retry, WorkingHours, retry_at};
use crate::domain::follow_up::{FollowUp, FollowUpAction, FollowUpInput};
use crate::sync::protocol::Row;
use crate::sync::tables;
use chrono::Utc;
use kartoteka_core::sort;
use leptos::prelude::*;

impl Replica {
    /// The signed-in person's open follow-ups as the agenda lists them,
    /// soonest first, once the device's records are in memory: `None`
    /// before then, so a periodic check never reads the whole store.
    pub fn open_follow_ups(&self) -> Option<Vec<Due>> {
        let me = self.me().ok()?;
        let mirror = self.mirror.get_value();
        let m = mirror.borrow();
        if !m.is_filled() {
            return None;
        }
        Some(agenda::open_dues(
            m.follow_ups.as_slice(),
            &m.cards.index(),
            &me.id,
        ))
    }

    /// A client's follow-ups: open ones by due time, then done ones, newest
    /// first.
    pub async fn follow_ups_of(&self, client_id: &str) -> Result<Vec<FollowUp>, ApiError> {
        let mut list = self
            .of_client(
                tables::FOLLOW_UP,
                client_id,
                |m| {
                    m.follow_ups
                        .as_slice()
                        .iter()
                        .filter(|f| f.fields.client_id == client_id)
                        .cloned()
                        .collect()
                },
                |row| match row {
                    Row::FollowUp { follow_up, .. } => Some(follow_up),
                    _ => None,
                },
            )
            .await?;
        sort::by(&mut list, |a, b| {
            match (a.fields.done_at, b.fields.done_at) {
                (None, None) => a.fields.due.cmp(&b.fields.due),
                (None, Some(_)) => std::cmp::Ordering::Less,
                (Some(_), None) => std::cmp::Ordering::Greater,
                (Some(x), Some(y)) => y.cmp(&x),
            }
        });
        Ok(list)
    }

    pub async fn plan_follow_up(&self, input: FollowUpInput) -> Result<FollowUp, ApiError> {
        let f = self
            .device()?
            .save_follow_up(None, input)
            .await
            .map_err(api)?;
        self.changed_locally();
        Ok(f)
    }

    /// Marks a follow-up done now.
    pub async fn complete_follow_up(&self, id: &str) -> Result<FollowUp, ApiError> {
        let d = self.device()?;
        let (current, _) = d
            .follow_up(id)
            .await
            .map_err(internal)?
            .ok_or(ApiError::NotFound)?;
        let mut input = FollowUpInput::of(&current.fields);
        input.done_at = Some(Utc::now());
        let f = d.save_follow_up(Some(id), input).await.map_err(api)?;
        self.changed_locally();
        Ok(f)
    }

    /// Logs a call and, in the same tap, plans to call again ("no answer",
    /// "busy"): in two hours or on the next working day, inside working
    /// hours in this device's time zone.
    pub async fn log_call_and_retry(
        &self,
        input: CallInput,
        retry: Retry,
    ) -> Result<(CallLog, FollowUp), ApiError> {
        let call = self.log_call(input).await?;
        let due = retry_at(Utc::now(), retry, &chrono::Local, WorkingHours::default());
        let f = self
            .plan_follow_up(FollowUpInput {
                client_id: call.fields.client_id.clone(),
                contact_id: call.fields.contact_id.clone(),
                action: FollowUpAction::Call,
                due,
                note: String::new(),
                done_at: None,
                call_id: Some(call.id.clone()),
            })
            .await?;
        Ok((call, f))
    }
}
