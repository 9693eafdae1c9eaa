//! A table as an XLSX workbook, the file people open in their spreadsheet
//! beside the CSV: one sheet, the header row bold and frozen, every cell
//! written as text as it is (a phone number stays "+371 29…", never turned
//! into a number or a date), the columns as wide as their content.

use crate::ApiError;
use rust_xlsxwriter::{Format, Workbook};

/// Widest a column grows, in characters (a long note wraps off-screen
/// rather than pushing every other column away).
const MAX_WIDTH: usize = 60;

fn failed(e: rust_xlsxwriter::XlsxError) -> ApiError {
    ApiError::Internal(format!("xlsx: {e}"))
}

/// The workbook's bytes: `header` over `rows` on a sheet named `sheet`.
pub fn workbook(sheet: &str, header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(failed)?;
    let bold = Format::new().set_bold();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(failed)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, cell)
                .map_err(failed)?;
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    for (c, w) in widths.into_iter().enumerate() {
        ws.set_column_width(c as u16, (w.min(MAX_WIDTH) + 2) as f64)
            .map_err(failed)?;
    }
    ws.set_freeze_panes(1, 0).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn cells_come_back_as_the_text_written() {
        let rows = vec![
            vec!["SIA Ābele".to_string(), "+371 29 123 456".to_string()],
            vec!["ООО Берёза".to_string(), "0012".to_string()],
        ];
        let bytes = workbook("Klienti", &["name", "phone"], &rows).unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Klienti").unwrap();
        let cell = |r: usize, c: usize| range.get((r, c)).cloned();
        assert_eq!(cell(0, 0), Some(Data::String("name".into())));
        assert_eq!(cell(1, 0), Some(Data::String("SIA Ābele".into())));
        assert_eq!(cell(1, 1), Some(Data::String("+371 29 123 456".into())));
        assert_eq!(cell(2, 0), Some(Data::String("ООО Берёза".into())));
        assert_eq!(cell(2, 1), Some(Data::String("0012".into())));
    }
}
