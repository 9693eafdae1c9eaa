//! A contract's draft from a contract template, as a PDF: made on the
//! server (where the fonts are) for those who work the contract's client,
//! from the contract as stored, each draft audited with its template and
//! language. Nothing is kept: a draft is made again whenever it is asked.

use crate::domain::contract_text::{self, DraftFile, DraftSource};
use crate::domain::template::TemplatePurpose;
use crate::domain::user::{Language, Me};
use crate::domain::validation::{Issues, Problem};
use crate::mail::letter::Sheet;
use crate::records::contract::{CONTRACT_FIELDS, ContractDoc};
use crate::records::scheme::{SCHEME_FIELDS, SchemeDoc};
use crate::records::template::{TEMPLATE_FIELDS, TemplateDoc};
use crate::{ApiError, Db, audit, clients, contract_scans, reference};
use chrono::NaiveDate;

/// The draft of contract `contract_id` from template `template_id`, in
/// `lang`, dated `today` (the asker's own day: a day somewhere on Earth now).
pub async fn make(
    db: &Db,
    me: &Me,
    contract_id: &str,
    template_id: &str,
    lang: Language,
    today: NaiveDate,
) -> Result<DraftFile, ApiError> {
    let now = crate::clock::now();
    let earliest = (now - chrono::Duration::hours(12)).date_naive();
    if today < earliest || today > crate::clock::latest_day(now) {
        let mut issues = Issues::default();
        issues.push("today", Problem::InvalidDate);
        return Err(ApiError::Invalid(issues));
    }
    let client_id = contract_scans::worked_client(db, me, contract_id).await?;
    let contract = reference::load::<ContractDoc>(db, "contract", CONTRACT_FIELDS, contract_id)
        .await?
        .ok_or(ApiError::NotFound)?
        .fields();
    let template = reference::load::<TemplateDoc>(db, "template", TEMPLATE_FIELDS, template_id)
        .await?
        .map(|t| t.fields())
        .filter(|t| t.purpose == TemplatePurpose::Contract && !t.archived)
        .ok_or(ApiError::NotFound)?;
    let card = clients::get(db, me, &client_id).await?;
    let scheme = match contract.scheme_id.as_deref() {
        Some(id) => reference::load::<SchemeDoc>(db, "scheme", SCHEME_FIELDS, id)
            .await?
            .map(|s| s.name),
        None => None,
    };
    let src = DraftSource {
        contract: &contract,
        client: &card,
        scheme: scheme.as_deref(),
        lang,
        today,
    };
    let draft = contract_text::draft(&template, &src);
    let file_name = contract_text::file_name(&contract, &card.fields.name);
    let sheet = Sheet {
        file_name: file_name.clone(),
        title: draft.title,
        parties: Vec::new(),
        headings: Default::default(),
        rows: Vec::new(),
        total: Default::default(),
        closing: draft.paragraphs,
    };
    let pdf = crate::mail::pdf::render(&sheet).map_err(ApiError::Internal)?;
    audit::record(
        db,
        &me.id,
        "contract.draft",
        contract_id,
        serde_json::json!({ "template": template_id, "language": lang.code() }),
    )
    .await?;
    Ok(DraftFile {
        file_name,
        data: crate::domain::contract_scan::encode(&pdf),
    })
}
