//! The price list as pages read it (from the device, so a proposal takes an
//! item's price offline) and import it (on the server, online: heads,
//! directors and administrators).

use super::engine::Replica;
use crate::api::ApiError;
use crate::api::prices::import_price_list;
use crate::domain::price_list::Catalogue;
use crate::domain::price_list_import::PriceListReport;

impl Replica {
    /// The price list on this device, ready to search (withdrawn items
    /// too, for the proposals that name them).
    pub async fn price_items(&self) -> Result<Catalogue, ApiError> {
        self.over_records(|m| Catalogue::new(m.price_items.as_slice().to_vec()))
            .await
    }

    /// Imports (or previews) a price list file on the server; a written
    /// one is synced so this device has it.
    pub async fn import_price_list(
        &self,
        data: String,
        preview: bool,
    ) -> Result<PriceListReport, ApiError> {
        let report = import_price_list(data, preview).await?;
        if report.written {
            self.sync_now();
        }
        Ok(report)
    }
}
