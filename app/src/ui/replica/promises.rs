//! Promises to pay as pages read and make them, on the local replica: the
//! newest promise of a client and whether it is kept, from the payments
//! synced to this device, so the broken ones show offline too.

use super::data::api;
use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::calling::local_day::instant_of;
use crate::domain::receivables::promise::{self, Keeping, Promise, PromiseInput};
use crate::sync::protocol::Row;
use crate::sync::tables;

/// The hour of the promised day the follow-up falls due.
const CHECK_HOUR: u32 = 10;

impl Replica {
    /// Records a promise and plans the call that checks it on its day
    /// (`note`: the follow-up's words, in the manager's language).
    pub async fn make_promise(
        &self,
        input: PromiseInput,
        note: String,
    ) -> Result<Promise, ApiError> {
        let day = chrono::NaiveDate::parse_from_str(input.due.trim(), "%Y-%m-%d")
            .unwrap_or_else(|_| chrono::Local::now().date_naive());
        let check_at = instant_of(
            day.and_hms_opt(CHECK_HOUR, 0, 0).unwrap_or_default(),
            &chrono::Local,
        );
        let p = self
            .device()?
            .make_promise(input, check_at, note)
            .await
            .map_err(api)?;
        self.changed_locally();
        Ok(p)
    }

    /// The client's newest promise and where it stands today.
    pub async fn promise_of(
        &self,
        client_id: &str,
    ) -> Result<Option<(Promise, Keeping)>, ApiError> {
        let promises = self
            .of_client(
                tables::PROMISE,
                client_id,
                |m| {
                    m.promises
                        .as_slice()
                        .iter()
                        .filter(|p| p.fields.client_id == client_id)
                        .cloned()
                        .collect()
                },
                |row| match row {
                    Row::Promise { promise } => Some(promise),
                    _ => None,
                },
            )
            .await?;
        let Some(latest) = promise::latest(&promises, client_id).cloned() else {
            return Ok(None);
        };
        let docs = self.money_docs_of(client_id).await?;
        let keeping = promise::keeping(&latest.fields, &docs, chrono::Local::now().date_naive());
        Ok(Some((latest, keeping)))
    }
}
