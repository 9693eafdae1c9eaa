//! `kartoteka bench import`: an accounting export of `rows` documents over
//! `clients` cards, written to a file (CSV, or with `--xlsx` a spreadsheet) and imported from it into SurrealKV
//! in a temporary directory with the real schema, then imported again (it
//! must change nothing). Prints the time of each and the process's memory
//! before the import and at its peak, which stays near the former however
//! long the file: the file is read row by row and written in chunks. Last
//! line: `import file=csv|xlsx rows=… clients=… import_s=… rows_per_s=… reimport_s=…
//! rss_before_mb=… peak_mb=…`.

use anyhow::{Result, anyhow, bail};
use app::backend::money_import::{self, Request};
use std::io::{BufWriter, Write};
use std::time::Instant;

fn memory_mb(field: &str) -> f64 {
    crate::bench_load::process_memory_mb("self", field).unwrap_or(0.0)
}

/// Writes the same documents as a spreadsheet: amounts as numbers, days as
/// dates (what a spreadsheet program saves).
fn write_xlsx(path: &std::path::Path, rows: usize, ids: &[String]) -> Result<()> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let day = Format::new().set_num_format("dd.mm.yyyy");
    let head = [
        "Veids",
        "Nr.",
        "Klients",
        "Datums",
        "Apmaksas termiņš",
        "Summa",
        "Atsauce",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for n in 0..rows {
        let r = n as u32 + 1;
        let d = 1 + (n % 28) as u8;
        sheet.write_string(r, 2, &ids[n % ids.len()])?;
        if n % 2 == 0 {
            sheet.write_string(r, 0, "Rēķins")?;
            sheet.write_string(r, 1, format!("R-{n}"))?;
            sheet.write_datetime_with_format(r, 3, &ExcelDateTime::from_ymd(2026, 10, d)?, &day)?;
            sheet.write_datetime_with_format(r, 4, &ExcelDateTime::from_ymd(2026, 11, d)?, &day)?;
            sheet.write_number(r, 5, (100 + n % 900) as f64 + (n % 100) as f64 / 100.0)?;
        } else {
            sheet.write_string(r, 0, "Maksājums")?;
            sheet.write_string(r, 1, format!("P-{n}"))?;
            sheet.write_datetime_with_format(r, 3, &ExcelDateTime::from_ymd(2026, 11, d)?, &day)?;
            sheet.write_number(r, 5, (50 + n % 50) as f64)?;
            sheet.write_string(r, 6, format!("R-{}", n - 1))?;
        }
    }
    book.save(path)?;
    Ok(())
}

pub async fn run(rows: usize, clients: usize, xlsx: bool) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    let db = crate::db::open(&url).await?;
    let owners = crate::seed::ensure_managers(&db, 2).await?;
    let ids = crate::seed::fill(&db, &owners, clients.max(1), 1, |_| {}).await?;
    println!("{} cards written", ids.len());

    // Invoices, each paid in part two weeks later, over the cards in turn.
    let path = dir
        .path()
        .join(if xlsx { "export.xlsx" } else { "export.csv" });
    if xlsx {
        write_xlsx(&path, rows, &ids)?;
    } else {
        let mut out = BufWriter::new(std::fs::File::create(&path)?);
        writeln!(
            out,
            "Veids;Nr.;Klients;Datums;Apmaksas termiņš;Summa;Atsauce"
        )?;
        for n in 0..rows {
            let client = &ids[n % ids.len()];
            let day = 1 + n % 28;
            if n % 2 == 0 {
                writeln!(
                    out,
                    "Rēķins;R-{n};{client};{day:02}.10.2026;{day:02}.11.2026;{},{:02};",
                    100 + n % 900,
                    n % 100
                )?;
            } else {
                writeln!(
                    out,
                    "Maksājums;P-{n};{client};{day:02}.11.2026;;{},00;R-{}",
                    50 + n % 50,
                    n - 1
                )?;
            }
        }
        out.flush()?;
        drop(out);
    }
    let size_mb = std::fs::metadata(&path)?.len() as f64 / 1_048_576.0;
    println!("export of {rows} rows: {size_mb:.1} MB");

    // The peak from here on only: writing the file above is not the import.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let rss_before = memory_mb("VmRSS:");
    let import = |preview| Request {
        actor: "bench",
        source: "bench",
        adjust: Default::default(),
        preview,
        device: None,
    };
    let t = Instant::now();
    let first = money_import::import(&db, import(false), std::fs::File::open(&path)?, |r| {
        eprint!("\r{} rows", r.rows);
    })
    .await
    .map_err(|e| anyhow!("{e}"))?;
    let import_s = t.elapsed().as_secs_f64();
    eprintln!();
    println!("{}", first.summary());
    if first.created as usize != rows {
        bail!("expected {rows} documents, made {}", first.created);
    }

    let t = Instant::now();
    let again = money_import::import(&db, import(false), std::fs::File::open(&path)?, |_| {})
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let reimport_s = t.elapsed().as_secs_f64();
    if again.unchanged as usize != rows {
        bail!("the same file again changed something: {}", again.summary());
    }
    let peak = memory_mb("VmHWM:");
    crate::db::close(db, &url).await;
    println!(
        "import file={} rows={rows} clients={} import_s={import_s:.2} rows_per_s={:.0} reimport_s={reimport_s:.2} \
         rss_before_mb={rss_before:.0} peak_mb={peak:.0}",
        if xlsx { "xlsx" } else { "csv" },
        ids.len(),
        rows as f64 / import_s,
    );
    Ok(())
}
