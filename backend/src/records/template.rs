//! The template kind's server half: reference data, so no device writes it
//! through sync (the merge policy refuses that before `apply` is asked);
//! it is written by `crate::templates` and pulled by every device, its
//! words only by those who see commercial terms.

use super::Record;
use super::reference_row::{versioned_row, written_on_the_server};
use crate::access::Sight;
use crate::domain::template::{Template, TemplateFields, TemplatePurpose, TemplateText};
use crate::sync::kind::Kind;
use crate::sync::protocol::Row;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use surrealdb::types::SurrealValue;

pub use crate::sync::kinds::template::KIND;

#[derive(Debug, Clone, SurrealValue)]
pub struct TextDoc {
    pub subject: String,
    pub body: String,
}

/// A template as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct TemplateDoc {
    pub id: String,
    pub name: String,
    pub lv: TextDoc,
    pub en: TextDoc,
    pub ru: TextDoc,
    pub attach_pdf: bool,
    pub archived: bool,
    /// `TemplatePurpose`'s code.
    pub purpose: String,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

pub const TEMPLATE_FIELDS: &str = "record::id(id) AS id, name, lv, en, ru, attach_pdf, \
    archived, purpose, updated_by, updated_at, version";

fn text(t: &TextDoc) -> TemplateText {
    TemplateText {
        subject: t.subject.clone(),
        body: t.body.clone(),
    }
}

fn doc_text(t: &TemplateText) -> TextDoc {
    TextDoc {
        subject: t.subject.clone(),
        body: t.body.clone(),
    }
}

impl TemplateDoc {
    pub fn fields(&self) -> TemplateFields {
        TemplateFields {
            name: self.name.clone(),
            lv: text(&self.lv),
            en: text(&self.en),
            ru: text(&self.ru),
            attach_pdf: self.attach_pdf,
            archived: self.archived,
            purpose: TemplatePurpose::parse(&self.purpose).unwrap_or_default(),
        }
    }

    pub fn new(id: &str, f: &TemplateFields, by: &str, at: DateTime<Utc>) -> TemplateDoc {
        TemplateDoc {
            id: id.to_string(),
            name: f.name.clone(),
            lv: doc_text(&f.lv),
            en: doc_text(&f.en),
            ru: doc_text(&f.ru),
            attach_pdf: f.attach_pdf,
            archived: f.archived,
            purpose: f.purpose.code().to_string(),
            updated_by: by.to_string(),
            updated_at: at,
            version: 0,
        }
    }
}

/// A stored template's fields, if it exists (a letter written from it).
pub async fn fields_of(
    db: &crate::Db,
    id: &str,
) -> Result<Option<TemplateFields>, crate::ApiError> {
    let doc = crate::reference::load::<TemplateDoc>(db, KIND.table, TEMPLATE_FIELDS, id).await?;
    Ok(doc.map(|d| d.fields()))
}

/// The template kind, for the engine.
pub struct Templates;

impl Record for Templates {
    const KIND: &'static Kind = &KIND;
    type Doc = TemplateDoc;
    const FIELDS: &'static str = TEMPLATE_FIELDS;

    versioned_row!(TemplateDoc);
    fn audited(doc: &TemplateDoc) -> serde_json::Value {
        serde_json::to_value(doc.fields()).unwrap_or_default()
    }

    written_on_the_server!(TemplateDoc);

    fn row(doc: TemplateDoc, _names: &HashMap<String, String>, sight: Sight) -> Row {
        let mut fields = doc.fields();
        if sight != Sight::Full {
            // `KIND.commercial`: the words stay on the server.
            fields.lv = TemplateText::default();
            fields.en = TemplateText::default();
            fields.ru = TemplateText::default();
        }
        Row::Template {
            template: Box::new(Template {
                id: doc.id,
                fields,
                updated_by: doc.updated_by,
                updated_at: doc.updated_at,
            }),
        }
    }
}
