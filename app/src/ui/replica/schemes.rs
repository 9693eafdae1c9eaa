//! Key-client schemes as pages read them (from the device, so a proposal
//! takes a scheme's discount offline) and save them (on the server, online:
//! only those who lead people write them).

use super::engine::Replica;
use crate::api::ApiError;
use crate::api::schemes::save_scheme;
use crate::domain::key_clients::{self, KeyClient, Measure};
use crate::domain::scheme::{Scheme, SchemeInput};
use kartoteka_core::sort;

impl Replica {
    /// Every scheme on this device, offered ones first, each by name.
    pub async fn schemes(&self) -> Result<Vec<Scheme>, ApiError> {
        let mut list = self.over_records(|m| m.schemes.as_slice().to_vec()).await?;
        sort::by(&mut list, |a, b| {
            (a.fields.archived, a.fields.name.to_lowercase())
                .cmp(&(b.fields.archived, b.fields.name.to_lowercase()))
        });
        Ok(list)
    }

    /// Saves a scheme on the server, then syncs so this device has it.
    pub async fn save_scheme(
        &self,
        id: Option<String>,
        input: SchemeInput,
    ) -> Result<Scheme, ApiError> {
        let saved = save_scheme(id, input).await?;
        self.sync_now();
        Ok(saved)
    }

    /// The clients on this device ranked by what they bring (see
    /// `domain::key_clients`), each with its scheme's name.
    pub async fn key_clients(
        &self,
    ) -> Result<(Measure, Vec<(KeyClient, Option<String>)>), ApiError> {
        self.over_records(|m| {
            let (by, ranked) = key_clients::rank(
                m.cards.as_slice(),
                m.proposals.as_slice(),
                m.money_docs.as_slice(),
                chrono::Utc::now(),
            );
            let named = ranked
                .into_iter()
                .map(|k| {
                    let scheme = k
                        .scheme_id
                        .as_ref()
                        .and_then(|id| m.schemes.get(id))
                        .map(|sc| sc.fields.name.clone());
                    (k, scheme)
                })
                .collect();
            (by, named)
        })
        .await
    }
}
