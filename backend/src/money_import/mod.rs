//! Importing accounting documents from a CSV export (or an XLSX sheet,
//! turned into the same CSV on disk first): read row by row (a
//! file of 100,000 rows is never held whole), each row checked and reported
//! with its line, written in chunks of [`CHUNK`] rows. The same file again
//! changes nothing (a document is keyed by its type and number and written
//! only when its values changed); a changed amount is written and audited.
//! The command line (`kartoteka import documents`) and the import page
//! both come here; who may import is theirs to check.

pub mod api_tokens;
mod chunk;
pub mod mapping_store;
mod progress;
pub mod push;
pub(crate) mod xlsx;

use crate::ApiError;
use crate::Db;
use crate::domain::receivables::import_report::ImportReport;
use crate::domain::receivables::import_row::DecimalMark;
use crate::domain::receivables::import_row::{
    Adjust, Column, Mapping, Resolved, RowDoc, RowProblem, Seen,
};
use crate::domain::receivables::upload::Upload;
use crate::domain::user::Me;
use crate::domain::validation::{Issue, Issues, Problem};
use chunk::{Line, Run};
use std::io::{BufRead, BufReader, Read, Seek};

/// Rows written per transaction.
pub const CHUNK: usize = 1000;

/// What to import and how.
pub struct Request<'a> {
    pub actor: &'a str,
    /// The accounting system the file came from; its mapping is kept.
    pub source: &'a str,
    /// Corrections to the source's saved mapping (or, for a new source, to
    /// the one its headers suggest); saved for the next file when given.
    pub adjust: Adjust,
    /// Read and check everything, write nothing.
    pub preview: bool,
    pub device: Option<String>,
}

/// Imports the CSV `input`; `progress` hears the report after each chunk.
pub async fn import(
    db: &Db,
    req: Request<'_>,
    input: impl Read,
    mut progress: impl FnMut(&ImportReport),
) -> Result<ImportReport, ApiError> {
    let mut input = BufReader::new(input);
    let saved = mapping_store::load(db, req.source).await?;
    let head = input.fill_buf().map_err(|e| unreadable(&e.to_string()))?;
    if xlsx::is_xlsx(head) {
        // Read as the source's own CSV: its separator and decimal mark.
        let delimiter = req
            .adjust
            .delimiter
            .or(saved.as_ref().map(|m| m.delimiter))
            .unwrap_or(';');
        // As `Mapping::guess` pairs them when nothing is saved.
        let decimal = match req.adjust.decimal.or(saved.as_ref().map(|m| m.decimal)) {
            Some(DecimalMark::Dot) => '.',
            Some(DecimalMark::Comma) => ',',
            None if delimiter == ',' => '.',
            None => ',',
        };
        let as_csv = spreadsheet_as_csv(input, delimiter, decimal)?;
        return Box::pin(import(db, req, as_csv, progress)).await;
    }
    let delimiter = match (req.adjust.delimiter, &saved) {
        (Some(d), _) => d,
        (None, Some(m)) => m.delimiter,
        (None, None) => sniff_delimiter(&mut input)?,
    };
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(u8::try_from(delimiter).unwrap_or(b';'))
        .flexible(true)
        .from_reader(input);
    let headers: Vec<String> = csv
        .headers()
        .map_err(|e| unreadable(&e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    let mapping = req
        .adjust
        .apply(saved.unwrap_or_else(|| Mapping::guess(&headers, delimiter)));
    let resolved = mapping.resolve(&headers).map_err(missing_columns)?;
    if !req.adjust.is_empty() && !req.preview {
        mapping_store::save(db, req.source, &mapping, req.actor).await?;
    }

    let run = Run {
        actor: req.actor,
        source: req.source,
        at: chrono::Utc::now(),
        preview: req.preview,
        device: req.device,
    };
    let mut report = ImportReport {
        preview: req.preview,
        ..ImportReport::default()
    };
    let mut seen = Seen::default();
    let mut lines = Vec::with_capacity(CHUNK);
    let mut record = csv::StringRecord::new();
    loop {
        let more = match csv.read_record(&mut record) {
            Ok(more) => more,
            Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => {
                return Err(unreadable(&e.to_string()));
            }
            Err(e) => {
                // A row that is not text (or a broken quote): reported, and
                // the rest of the file still read.
                report.rows += 1;
                let line = e.position().map_or(report.rows + 1, |p| p.line());
                report.failed_on(line, unreadable_row(&e.to_string()));
                continue;
            }
        };
        if !more {
            break;
        }
        report.rows += 1;
        let line = record.position().map_or(report.rows + 1, |p| p.line());
        if record.iter().all(|c| c.trim().is_empty()) {
            report.rows -= 1;
            continue;
        }
        read_line(
            &resolved,
            &mapping,
            &record,
            line,
            &mut seen,
            &mut lines,
            &mut report,
        );
        if lines.len() >= CHUNK {
            chunk::import(db, &run, std::mem::take(&mut lines), &mut report).await?;
            progress(&report);
        }
    }
    chunk::import(db, &run, lines, &mut report).await?;
    finish(db, &run, &mut report).await?;
    progress(&report);
    Ok(report)
}

/// The end of an import, from a file or pushed: its problems in line order
/// and, unless a preview, one audit entry with its counts.
async fn finish(db: &Db, run: &Run<'_>, report: &mut ImportReport) -> Result<(), ApiError> {
    // Clients are looked up a chunk at a time, after the rows were read.
    report.problems.sort_by_key(|p| p.line);
    if run.preview {
        return Ok(());
    }
    let summary = serde_json::json!({
        "source": run.source, "rows": report.rows, "created": report.created,
        "updated": report.updated, "unchanged": report.unchanged, "failed": report.failed,
    });
    crate::audit::record_from(
        db,
        run.actor,
        "money_doc.import",
        run.source,
        summary,
        run.device.as_deref(),
    )
    .await
}

fn read_line(
    resolved: &Resolved,
    mapping: &Mapping,
    record: &csv::StringRecord,
    line: u64,
    seen: &mut Seen,
    lines: &mut Vec<Line>,
    report: &mut ImportReport,
) {
    let cells: Vec<&str> = record.iter().collect();
    note(resolved.read(mapping, &cells), line, seen, lines, report);
}

/// A row (or pushed document) read: to be written, a repeat, or a problem.
fn note(
    read: Result<RowDoc, RowProblem>,
    line: u64,
    seen: &mut Seen,
    lines: &mut Vec<Line>,
    report: &mut ImportReport,
) {
    let row = match read {
        Ok(row) => row,
        Err(p) => return report.failed_on(line, p),
    };
    match seen.note(&row, line) {
        Ok(true) => lines.push(Line { line, row }),
        Ok(false) => report.repeated += 1,
        Err(p) => report.failed_on(line, p),
    }
}

/// A spreadsheet copied to disk (the reader needs to seek) and written out
/// as CSV beside it; the answer reads that CSV.
pub(crate) fn spreadsheet_as_csv(
    mut input: impl Read,
    delimiter: char,
    decimal: char,
) -> Result<std::fs::File, ApiError> {
    let fail = |e: String| unreadable(&e);
    let mut book = tempfile::tempfile().map_err(|e| fail(e.to_string()))?;
    std::io::copy(&mut input, &mut book).map_err(|e| fail(e.to_string()))?;
    book.rewind().map_err(|e| fail(e.to_string()))?;
    let mut csv = tempfile::tempfile().map_err(|e| fail(e.to_string()))?;
    xlsx::to_csv(
        book,
        &mut csv,
        u8::try_from(delimiter).unwrap_or(b';'),
        decimal,
    )
    .map_err(fail)?;
    csv.rewind().map_err(|e| fail(e.to_string()))?;
    Ok(csv)
}

/// The field separator of a file without a saved mapping: whichever of
/// `;`, `,` and tab its header line has most of.
pub(crate) fn sniff_delimiter(input: &mut impl BufRead) -> Result<char, ApiError> {
    let head = input.fill_buf().map_err(|e| unreadable(&e.to_string()))?;
    let first = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| first.iter().filter(|b| **b == c).count();
    let best = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|c| count(*c))
        .unwrap_or(b';');
    Ok(char::from(best))
}

fn unreadable(reason: &str) -> ApiError {
    tracing::info!(reason, "import: file not readable");
    ApiError::Invalid(Issues(vec![Issue::new("file", Problem::Malformed)]))
}

fn unreadable_row(reason: &str) -> crate::domain::receivables::import_row::RowProblem {
    crate::domain::receivables::import_row::RowProblem::Unreadable {
        reason: reason.to_string(),
    }
}

/// A file lacking columns the mapping needs: one issue per column, at
/// `columns.<column>`.
fn missing_columns(missing: Vec<Column>) -> ApiError {
    ApiError::Invalid(Issues(
        missing
            .into_iter()
            .map(|c| Issue::new(format!("columns.{}", c.code()), Problem::Required))
            .collect(),
    ))
}

/// Who may import accounting documents: administrators and accounting.
pub fn may_import(me: &Me) -> bool {
    me.imports_documents()
}

/// An import from the page: checked, run, its progress kept for the page.
pub async fn upload(db: &Db, me: &Me, upload: Upload) -> Result<ImportReport, ApiError> {
    if !may_import(me) {
        return Err(ApiError::Forbidden);
    }
    upload.validate()?;
    let bytes = upload.bytes().unwrap_or_default();
    let req = Request {
        actor: &me.id,
        source: upload.source.trim(),
        adjust: upload.adjust,
        preview: upload.preview,
        device: crate::request::request_info().user_agent,
    };
    let run = upload.run;
    progress::set(&run, &me.id, &ImportReport::default());
    let report = import(db, req, bytes.as_slice(), |r| {
        progress::set(&run, &me.id, r)
    })
    .await?;
    progress::set(&run, &me.id, &report);
    Ok(report)
}

/// How far the caller's import `run` has got.
pub fn progress_of(me: &Me, run: &str) -> Result<Option<ImportReport>, ApiError> {
    if !may_import(me) {
        return Err(ApiError::Forbidden);
    }
    Ok(progress::get(run, &me.id))
}
