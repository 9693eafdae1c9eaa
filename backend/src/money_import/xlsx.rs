//! An export saved from a spreadsheet (XLSX) turned into the CSV the import
//! reads, cell by cell through a file on disk, so a sheet of 100,000 rows
//! is never held whole. Numbers are written with the source's decimal
//! mark and dates as ISO days (always read), so a sheet reads as its
//! system's CSV files do; each sheet row stays on its own line, so the
//! report's line numbers are the sheet's row numbers.

use calamine::{DataRef, Reader, Xlsx};
use std::io::{BufWriter, Read, Seek, Write};

/// Whether `head` (a file's first bytes) opens a ZIP archive, as XLSX is.
pub fn is_xlsx(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
}

fn text(v: &DataRef<'_>, decimal: char) -> String {
    let number = |n: String| {
        if decimal == ',' {
            n.replace('.', ",")
        } else {
            n
        }
    };
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(format!("{f}")),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// Writes the first sheet of `sheet` as CSV with `delimiter`, numbers with
/// `decimal` as their mark.
pub fn to_csv<RS: Read + Seek>(
    sheet: RS,
    out: impl Write,
    delimiter: u8,
    decimal: char,
) -> Result<(), String> {
    let mut book = Xlsx::new(sheet).map_err(|e| e.to_string())?;
    let first = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or("the workbook has no sheet")?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(|e| e.to_string())?;
    let mut csv = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_writer(BufWriter::new(out));
    let (mut row, mut line): (u32, Vec<String>) = (0, Vec::new());
    let put = |csv: &mut csv::Writer<_>, line: &mut Vec<String>| {
        csv.write_record(line.iter()).map_err(|e| e.to_string())?;
        line.clear();
        Ok::<(), String>(())
    };
    while let Some(cell) = cells.next_cell().map_err(|e| e.to_string())? {
        let (r, c) = cell.get_position();
        while row < r {
            put(&mut csv, &mut line)?;
            row += 1;
        }
        let c = c as usize;
        if line.len() <= c {
            line.resize(c + 1, String::new());
        }
        line[c] = text(cell.get_value(), decimal);
    }
    put(&mut csv, &mut line)?;
    csv.flush().map_err(|e| e.to_string())?;
    Ok(())
}
