//! One chunk of an import: its rows' clients found, each document compared
//! with the record it would replace, and what changed written in one
//! transaction under one version (so devices pull it), each changed amount
//! audited beside it.

use crate::ApiError;
use crate::Db;
use crate::db_error::OrInternal;
use crate::domain::receivables::import_report::ImportReport;
use crate::domain::receivables::import_row::{ClientRef, RowDoc, RowProblem};
use crate::records::money_doc::{MONEY_DOC_FIELDS, MoneyDocRow};
use crate::records::push::AuditRow;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use surrealdb::types::{RecordId, SurrealValue};

/// A row read from the file, with its line.
pub struct Line {
    pub line: u64,
    pub row: RowDoc,
}

#[derive(Debug, Clone, SurrealValue)]
struct ClientHit {
    id: String,
    reg_no: Option<String>,
    owner: Option<String>,
}

/// Who imports, from where, and when.
pub struct Run<'a> {
    pub actor: &'a str,
    pub source: &'a str,
    pub at: DateTime<Utc>,
    pub preview: bool,
    pub device: Option<String>,
}

/// The clients the rows name, by registration number and by id.
async fn clients(db: &Db, lines: &[Line]) -> Result<HashMap<ClientRef, ClientHit>, ApiError> {
    let mut regs = Vec::new();
    let mut ids = Vec::new();
    for l in lines {
        match &l.row.client {
            ClientRef::RegNo(r) => regs.push(r.clone()),
            ClientRef::Id(id) => ids.push(RecordId::new("client", id.as_str())),
        }
    }
    regs.sort();
    regs.dedup();
    let mut res = db
        .query(
            "SELECT record::id(id) AS id, reg_no, owner FROM client WHERE reg_no IN $regs; \
             SELECT record::id(id) AS id, reg_no, owner FROM $ids;",
        )
        .bind(("regs", regs))
        .bind(("ids", ids))
        .await
        .or_internal()?;
    let by_reg: Vec<ClientHit> = res.take(0).or_internal()?;
    let by_id: Vec<ClientHit> = res.take(1).or_internal()?;
    let mut found = HashMap::new();
    for c in by_reg {
        if let Some(r) = c.reg_no.clone() {
            found.insert(ClientRef::RegNo(r), c);
        }
    }
    for c in by_id {
        found.insert(ClientRef::Id(c.id.clone()), c);
    }
    Ok(found)
}

async fn existing(db: &Db, lines: &[Line]) -> Result<HashMap<String, MoneyDocRow>, ApiError> {
    let keys: Vec<RecordId> = lines
        .iter()
        .map(|l| RecordId::new("money_doc", l.row.key()))
        .collect();
    let mut res = db
        .query(format!("SELECT {MONEY_DOC_FIELDS} FROM $keys"))
        .bind(("keys", keys))
        .await
        .or_internal()?;
    let rows: Vec<MoneyDocRow> = res.take(0).or_internal()?;
    Ok(rows.into_iter().map(|r| (r.id.clone(), r)).collect())
}

const WRITE: &str = "BEGIN TRANSACTION; {NEXT_VERSION} \
    FOR $d IN $docs { UPSERT type::record('money_doc', $d.id) CONTENT $d.extend({ version: $version }) RETURN NONE; }; \
    IF array::len($audits) > 0 { INSERT INTO audit $audits RETURN NONE; }; \
    COMMIT TRANSACTION;";

/// Imports one chunk, counting into `report`.
pub async fn import(
    db: &Db,
    run: &Run<'_>,
    lines: Vec<Line>,
    report: &mut ImportReport,
) -> Result<(), ApiError> {
    if lines.is_empty() {
        return Ok(());
    }
    let clients = clients(db, &lines).await?;
    let before = existing(db, &lines).await?;
    let mut docs = Vec::new();
    let mut audits = Vec::new();
    for Line { line, row } in lines {
        let Some(client) = clients.get(&row.client) else {
            let value = match &row.client {
                ClientRef::RegNo(r) | ClientRef::Id(r) => r.clone(),
            };
            report.failed_on(line, RowProblem::UnknownClient { value });
            continue;
        };
        let id = row.key();
        let fields = row.fields(&client.id);
        let doc = MoneyDocRow::new(&id, &fields, run.source, client.owner.clone(), run.at);
        match before.get(&id) {
            // Devices keep a client's documents with its card: one moved
            // would stay on the devices of the client it left.
            Some(old) if old.client != fields.client_id => {
                report.failed_on(
                    line,
                    RowProblem::OtherClient {
                        number: row.number.clone(),
                    },
                );
            }
            Some(old) if old.fields() == fields => report.unchanged += 1,
            Some(old) => {
                report.updated += 1;
                audits.push(AuditRow {
                    id: AuditRow::next_id(),
                    at: run.at,
                    made_at: None,
                    actor: run.actor.to_string(),
                    action: "money_doc.update".into(),
                    record: id.clone(),
                    changes: crate::audit::diff(
                        &serde_json::to_value(old.fields()).unwrap_or_default(),
                        &serde_json::to_value(&fields).unwrap_or_default(),
                    ),
                    device: run.device.clone(),
                    on_behalf_of: None,
                });
                docs.push(doc);
            }
            None => {
                report.created += 1;
                docs.push(doc);
            }
        }
    }
    if run.preview || docs.is_empty() {
        return Ok(());
    }
    let sql = WRITE.replace("{NEXT_VERSION}", crate::version::NEXT_VERSION);
    crate::retry::on_conflict(|| {
        db.query(sql.as_str())
            .bind(("docs", docs.clone()))
            .bind(("audits", audits.clone()))
    })
    .await?;
    Ok(())
}
