//! `kartoteka import documents FILE`: an accounting export read into the
//! ledger, with its progress on stderr and every row that failed listed.

use crate::config::{Common, DocumentsArgs};
use anyhow::{Context, Result, bail};
use app::backend::money_import::{self, Request};
use app::domain::receivables::document::DocKind;
use app::domain::receivables::import_row::{Adjust, Column, DateOrder, DecimalMark};

/// The corrections the flags ask for, or which flag is wrong and why.
pub fn adjust(args: &DocumentsArgs) -> Result<Adjust> {
    let codes = |all: &[&str]| all.join(", ");
    let mut columns = Vec::new();
    for pair in &args.columns {
        let Some((column, header)) = pair.split_once('=') else {
            bail!("--column {pair}: write it as COLUMN=HEADER, e.g. amount=Summa");
        };
        let Some(c) = Column::parse(column.trim()) else {
            let all: Vec<&str> = Column::ALL.iter().map(|c| c.code()).collect();
            bail!(
                "--column {pair}: no column \"{column}\" (one of {})",
                codes(&all)
            );
        };
        columns.push((c, header.trim().to_string()));
    }
    let kind = match &args.kind {
        Some(k) => Some(
            DocKind::parse(k)
                .with_context(|| format!("--kind {k}: one of invoice, credit_note, payment"))?,
        ),
        None => None,
    };
    let decimal = match &args.decimal {
        Some(d) => {
            Some(DecimalMark::parse(d).with_context(|| format!("--decimal {d}: comma or dot"))?)
        }
        None => None,
    };
    let dates = match &args.dates {
        Some(d) => Some(
            DateOrder::parse(d)
                .with_context(|| format!("--dates {d}: day_first or month_first"))?,
        ),
        None => None,
    };
    Ok(Adjust {
        columns,
        kind,
        decimal,
        dates,
        delimiter: args.delimiter,
    })
}

pub async fn documents(common: &Common, args: &DocumentsArgs) -> Result<()> {
    let adjust = adjust(args)?;
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let db = crate::db::open(common.database()).await?;
    let req = Request {
        actor: "cli",
        source: &args.source,
        adjust,
        preview: args.preview,
        device: Some("kartoteka import".into()),
    };
    let result = money_import::import(&db, req, file, |r| {
        eprint!("\r{} rows read", r.rows);
    })
    .await;
    crate::db::close(db, &common.db_url()).await;
    eprintln!();
    let report = match result {
        Ok(r) => r,
        Err(app::api::ApiError::Invalid(issues)) => bail!("{}: {issues}", args.file.display()),
        Err(e) => bail!("{e}"),
    };
    for p in &report.problems {
        println!("line {}: {}", p.line, p.problem.describe());
    }
    if report.failed > report.problems.len() as u64 {
        println!(
            "… and {} more",
            report.failed - report.problems.len() as u64
        );
    }
    println!("{}", report.summary());
    if report.failed > 0 {
        bail!("rows not imported: {} (the others were)", report.failed);
    }
    Ok(())
}
