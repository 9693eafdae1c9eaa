//! What pages read and change, answered from the local replica with the
//! same shapes and errors as the server functions they replace, so a page
//! works the same online and offline.

use super::browser;
use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::call_log::{CallInput, CallLog};
use crate::domain::calling::analysis::{self, Analysis};
use crate::domain::calling::incoming::{self, Match};
use crate::domain::calling::local_day::local_day;
use crate::domain::calling::negotiate::negotiate_next;
use crate::domain::calling::today::{self, Today};
use crate::domain::client::{ClientCard, ClientPage, ClientQuery};
use crate::domain::client_input::ClientInput;
use crate::domain::field_conflict::FieldConflict;
use crate::domain::user::Me;
use crate::sync::device::EditError;
use crate::sync::kept_today::KeptToday;
use crate::sync::protocol::Row;
use crate::sync::store::LocalStore;
use crate::sync::tables;
use chrono::{DateTime, NaiveDate, Utc};
use kartoteka_core::sort;
use leptos::prelude::GetUntracked;

/// Today's screen and whether it is the kept one (shown before the
/// device's records are in memory).
#[derive(Debug, Clone, PartialEq)]
pub struct TodayShown {
    pub today: Today,
    pub kept: bool,
}

/// What the analysis screen shows: the figures, and the clients with a
/// connected call and no next step (id, name, last connected call).
#[derive(Debug, Clone, PartialEq)]
pub struct CallReport {
    pub analysis: Analysis,
    pub negotiate: Vec<(String, String, DateTime<Utc>)>,
}

pub(super) fn api(e: EditError) -> ApiError {
    match e {
        EditError::Invalid(issues) => ApiError::Invalid(issues),
        EditError::NotFound => ApiError::NotFound,
        EditError::Store(e) => ApiError::Internal(e.to_string()),
    }
}

pub(super) fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(e.to_string())
}

impl Replica {
    pub async fn list_clients(&self, q: ClientQuery) -> Result<ClientPage, ApiError> {
        Ok(self.index().await?.query(&q))
    }

    pub async fn get_client(&self, id: &str) -> Result<ClientCard, ApiError> {
        let card = self
            .of_client(
                tables::CLIENT,
                id,
                |m| m.cards.get(id).cloned().into_iter().collect(),
                |row| match row {
                    Row::Client { card, .. } if card.id == id => Some(*card),
                    _ => None,
                },
            )
            .await?;
        card.into_iter().next().ok_or(ApiError::NotFound)
    }

    pub async fn create_client(&self, input: ClientInput) -> Result<ClientCard, ApiError> {
        let card = self
            .device()?
            .save_card(None, input, false)
            .await
            .map_err(api)?;
        self.changed_locally();
        Ok(card)
    }

    pub async fn update_client(
        &self,
        id: &str,
        input: ClientInput,
    ) -> Result<ClientCard, ApiError> {
        let archived = self.get_client(id).await?.archived;
        let card = self
            .device()?
            .save_card(Some(id), input, archived)
            .await
            .map_err(api)?;
        self.changed_locally();
        Ok(card)
    }

    pub async fn set_client_archived(
        &self,
        id: &str,
        archived: bool,
    ) -> Result<ClientCard, ApiError> {
        let old = self.get_client(id).await?;
        let card = self
            .device()?
            .save_card(Some(id), ClientInput::from_card(&old), archived)
            .await
            .map_err(api)?;
        self.changed_locally();
        Ok(card)
    }

    /// Who is signed in.
    pub(super) fn me(&self) -> Result<Me, ApiError> {
        self.session
            .me
            .get_untracked()
            .ok_or(ApiError::Unauthorized)
    }

    /// The Today screen for the signed-in user, in this device's time zone.
    /// Until the records are in memory, the one kept from the last time
    /// answers if it still holds (see `sync::kept_today`); a view that reads
    /// this again when `filled` turns true then shows the live one.
    pub async fn today(&self) -> Result<TodayShown, ApiError> {
        let me = self.me()?;
        let zone = self.zone();
        let settings = today::Settings {
            targets: me.targets,
            cold_after: me.cold_after,
        };
        let device = self.device()?;
        if !self.filled.get_untracked() {
            let mark = device.records_mark().await.map_err(internal)?;
            let day = local_day(chrono::Utc::now(), &zone);
            if let Some(today) =
                browser::kept_today(&me.id).and_then(|k| k.holding(&me.id, settings, &mark, day))
            {
                return Ok(TodayShown { today, kept: true });
            }
            self.over_records(|_| ()).await?;
        }
        // The mark is read before the records are: a change stored in
        // between leaves the kept screen unmatched, never matching stale work.
        let mark = device.records_mark().await.map_err(internal)?;
        let today = self
            .over_records(|m| {
                today::today(
                    today::Records {
                        cards: m.cards.as_slice(),
                        index: &m.cards.index(),
                        calls: m.calls.as_slice(),
                        last_contacts: m.card_last_contacts(),
                        follow_ups: m.follow_ups.as_slice(),
                        proposals: m.proposals.as_slice(),
                        contracts: m.contracts.as_slice(),
                    },
                    &me.id,
                    chrono::Utc::now(),
                    &zone,
                    settings,
                )
            })
            .await?;
        browser::keep_today(&KeptToday {
            user_id: me.id.clone(),
            settings,
            mark,
            today: today.clone(),
        });
        Ok(TodayShown { today, kept: false })
    }

    /// The signed-in user's calls over `from..=to` (local days, this
    /// device's time zone), and the clients to negotiate with next.
    pub async fn analysis(&self, from: NaiveDate, to: NaiveDate) -> Result<CallReport, ApiError> {
        let me = self.me()?;
        let zone = self.zone();
        let users = [me.id.as_str()];
        self.over_records(|m| {
            let negotiate = negotiate_next(
                m.calls.as_slice(),
                m.follow_ups.as_slice(),
                &users,
                from,
                to,
                &zone,
            )
            .into_iter()
            .filter_map(|(id, at)| {
                let name = m.cards.get(&id)?.fields.name.clone();
                Some((id, name, at))
            })
            .collect();
            CallReport {
                analysis: analysis::analyse(
                    m.calls.as_slice(),
                    m.cards.as_slice(),
                    &users,
                    from,
                    to,
                    me.targets.calls,
                    &zone,
                ),
                negotiate,
            }
        })
        .await
    }

    /// Who called or wrote: the contact persons with that phone number or
    /// e-mail address; `None` when the input is neither.
    pub async fn find_caller(&self, input: &str) -> Result<Option<Vec<Match>>, ApiError> {
        // A number is read by its numbering plan (see `numbering.rs`).
        super::numbering::load().await;
        let Some(caller) = incoming::read(input) else {
            return Ok(None);
        };
        self.over_records(|m| Some(incoming::find(m.cards.as_slice(), &caller)))
            .await
    }

    /// A client's calls, newest first.
    pub async fn calls_of(&self, client_id: &str) -> Result<Vec<CallLog>, ApiError> {
        let mut calls = self
            .of_client(
                tables::CALL_LOG,
                client_id,
                |m| {
                    m.calls
                        .as_slice()
                        .iter()
                        .filter(|c| c.fields.client_id == client_id)
                        .cloned()
                        .collect()
                },
                |row| match row {
                    Row::CallLog { call } => Some(call),
                    _ => None,
                },
            )
            .await?;
        sort::by_key(&mut calls, |c| std::cmp::Reverse(c.fields.at));
        Ok(calls)
    }

    pub async fn log_call(&self, input: CallInput) -> Result<CallLog, ApiError> {
        let call = self.device()?.log_call(input).await.map_err(api)?;
        self.changed_locally();
        Ok(call)
    }

    /// A card's field conflicts not yet dealt with.
    pub async fn conflicts_of(&self, client_id: &str) -> Result<Vec<FieldConflict>, ApiError> {
        let open = |c: &FieldConflict| c.client_id == client_id && !c.resolved;
        self.of_client(
            tables::CONFLICT,
            client_id,
            |m| {
                m.conflicts
                    .as_slice()
                    .iter()
                    .filter(|c| open(c))
                    .cloned()
                    .collect()
            },
            |row| match row {
                Row::Conflict { conflict } if open(&conflict) => Some(conflict),
                _ => None,
            },
        )
        .await
    }

    pub async fn resolve_conflict(&self, id: &str, restore: bool) -> Result<(), ApiError> {
        self.device()?
            .resolve_conflict(id, restore)
            .await
            .map_err(api)?;
        self.changed_locally();
        Ok(())
    }
}

impl Replica {
    /// Ids of records with changes not yet on the server.
    pub async fn pending_ids(&self) -> std::collections::HashSet<String> {
        let Ok(d) = self.device() else {
            return Default::default();
        };
        d.store()
            .outbox()
            .await
            .map(|ops| ops.into_iter().map(|o| o.record_id).collect())
            .unwrap_or_default()
    }
}
