//! Templates as pages read them (from the device: they reach it by sync, so
//! a proposal is written from one offline) and save them (on the server:
//! only those who lead people write them, online).

use super::engine::Replica;
use crate::api::ApiError;
use crate::api::templates::save_template;
use crate::domain::template::{Template, TemplateFields, TemplatePurpose};
use kartoteka_core::sort;

impl Replica {
    /// Every template on this device, offered ones first, each by name.
    pub async fn templates(&self) -> Result<Vec<Template>, ApiError> {
        let mut list = self
            .over_records(|m| m.templates.as_slice().to_vec())
            .await?;
        sort::by(&mut list, |a, b| {
            (a.fields.archived, a.fields.name.to_lowercase())
                .cmp(&(b.fields.archived, b.fields.name.to_lowercase()))
        });
        Ok(list)
    }

    /// The templates of one purpose (a proposal's letter, a contract's draft).
    pub async fn templates_for(&self, purpose: TemplatePurpose) -> Result<Vec<Template>, ApiError> {
        let mut list = self.templates().await?;
        list.retain(|t| t.fields.purpose == purpose);
        Ok(list)
    }

    /// Saves a template on the server, then syncs so this device has it.
    pub async fn save_template(
        &self,
        id: Option<String>,
        fields: TemplateFields,
    ) -> Result<Template, ApiError> {
        let saved = save_template(id, fields).await?;
        self.sync_now();
        Ok(saved)
    }
}
