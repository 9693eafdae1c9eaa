//! The price list's import: the file the firm's system exports (CSV with
//! a header row, or the XLSX it was saved as) read into items, checked
//! whole (one bad line keeps the file out, every bad line named), compared
//! with the stored list, and the changes written as reference data every
//! device pulls (see `records::price_item`), audited as one change of the
//! list. Run again with the same file, it changes nothing.

use super::Db;
use crate::ApiError;
use crate::db_error::OrInternal;
use crate::domain::price_list::PriceItem;
use crate::domain::price_list_import::{self, PriceListReport};
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::money_import::{sniff_delimiter, spreadsheet_as_csv, xlsx};
use crate::records::price_item::{PRICE_ITEM_FIELDS, PriceItemDoc};
use chrono::Utc;
use std::io::{BufRead, BufReader, Read};

/// The largest file the page sends (a list of 50,000 items is ~5 MB).
pub const MAX_BYTES: usize = 16 * 1024 * 1024;
/// Items written per transaction: each takes the change counter's next
/// version, so devices pull a large list in pages as it lands.
const CHUNK: usize = 2000;

fn unreadable(reason: &str) -> ApiError {
    tracing::info!(reason, "price list: file not readable");
    ApiError::Invalid(Issues(vec![Issue::new("file", Problem::Malformed)]))
}

/// A file's header row and its lines, each with its line number.
type Table = (Vec<String>, Vec<(usize, Vec<String>)>);

/// The file's header and lines (numbered as the file numbers them).
fn lines(bytes: &[u8]) -> Result<Table, ApiError> {
    if xlsx::is_xlsx(bytes) {
        let mut csv = spreadsheet_as_csv(bytes, ';', '.')?;
        let mut text = Vec::new();
        csv.read_to_end(&mut text)
            .map_err(|e| unreadable(&e.to_string()))?;
        return lines(&text);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_err() {
        return Err(unreadable("not UTF-8"));
    }
    let mut input = BufReader::new(bytes);
    let delimiter = sniff_delimiter(&mut input)?;
    let _ = input.fill_buf();
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(u8::try_from(delimiter).unwrap_or(b';'))
        .flexible(true)
        .has_headers(false)
        .from_reader(input);
    let mut records = csv.records();
    let header: Vec<String> = match records.next() {
        Some(r) => r
            .map_err(|e| unreadable(&e.to_string()))?
            .iter()
            .map(str::to_string)
            .collect(),
        None => {
            return Err(ApiError::Invalid(Issues(vec![Issue::new(
                "file",
                Problem::Required,
            )])));
        }
    };
    let mut rows = Vec::new();
    for (i, r) in records.enumerate() {
        let r = r.map_err(|e| unreadable(&e.to_string()))?;
        rows.push((i + 2, r.iter().map(str::to_string).collect()));
    }
    Ok((header, rows))
}

/// Every stored item, withdrawn ones too.
pub async fn stored(db: &Db) -> Result<Vec<PriceItem>, ApiError> {
    let mut res = db
        .query(format!(
            "SELECT {PRICE_ITEM_FIELDS} FROM price_item ORDER BY id"
        ))
        .await
        .or_internal()?;
    let docs: Vec<PriceItemDoc> = res.take(0).or_internal()?;
    Ok(docs.iter().map(PriceItemDoc::item).collect())
}

/// Imports the list in `bytes` for `me`; with `preview`, only reads,
/// checks and compares.
pub async fn import(
    db: &Db,
    me: &Me,
    bytes: &[u8],
    preview: bool,
) -> Result<PriceListReport, ApiError> {
    if !me.imports_price_list() {
        return Err(ApiError::Forbidden);
    }
    if bytes.len() > MAX_BYTES {
        return Err(ApiError::Invalid(Issues(vec![Issue::new(
            "file",
            Problem::FileTooLarge {
                max_mb: MAX_BYTES / (1024 * 1024),
            },
        )])));
    }
    let (header, rows) = lines(bytes)?;
    let (items, mut report) = price_list_import::read(&header, rows);
    report.preview = preview;
    if report.is_bad() {
        return Ok(report);
    }
    let write = price_list_import::changes(&stored(db).await?, items, &mut report);
    if preview {
        return Ok(report);
    }
    let now = Utc::now();
    let docs: Vec<PriceItemDoc> = write.iter().map(|i| PriceItemDoc::new(i, now)).collect();
    for chunk in docs.chunks(CHUNK) {
        let sql = format!(
            "BEGIN TRANSACTION; {} \
             FOR $d IN $docs {{ UPSERT type::record('price_item', $d.id) \
               CONTENT $d.extend({{ version: $version }}) RETURN NONE; }}; \
             COMMIT TRANSACTION;",
            crate::version::NEXT_VERSION
        );
        let docs = chunk.to_vec();
        crate::retry::on_conflict(|| db.query(sql.as_str()).bind(("docs", docs.clone()))).await?;
    }
    report.written = true;
    // Audited even when nothing changed: someone took the list again.
    let changes = serde_json::json!({
        "added": report.added,
        "changed": report.changed,
        "withdrawn": report.withdrawn,
        "unchanged": report.unchanged,
        "price_types": report.price_types,
    });
    crate::audit::record(db, &me.id, "price_list.import", "price_list", changes).await?;
    Ok(report)
}

/// An import from the page: the file's bytes as base64.
pub async fn upload(
    db: &Db,
    me: &Me,
    data: &str,
    preview: bool,
) -> Result<PriceListReport, ApiError> {
    if !me.imports_price_list() {
        return Err(ApiError::Forbidden);
    }
    let problem = |p: Problem| ApiError::Invalid(Issues(vec![Issue::new("file", p)]));
    if data.is_empty() {
        return Err(problem(Problem::Required));
    }
    let bytes = crate::domain::contract_scan::decode(data).ok_or(problem(Problem::Malformed))?;
    import(db, me, &bytes, preview).await
}
