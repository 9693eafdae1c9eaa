//! A record's printable page as a PDF (A4), with the fonts embedded: DejaVu
//! Sans Condensed, which has every Latvian and Cyrillic letter, ships in
//! the binary (`backend/assets/fonts/`, its licence beside it), so a server needs
//! no fonts of its own and every reader sees the same page.

use super::letter::Sheet;
use krilla::Document;
use krilla::geom::Point;
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use std::sync::LazyLock;

static REGULAR: LazyLock<Option<Font>> = LazyLock::new(|| {
    let data: &'static [u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed.ttf");
    Font::new(data.into(), 0)
});
static BOLD: LazyLock<Option<Font>> = LazyLock::new(|| {
    let data: &'static [u8] = include_bytes!("../../assets/fonts/DejaVuSansCondensed-Bold.ttf");
    Font::new(data.into(), 0)
});

const WIDTH: f32 = 595.0;
const HEIGHT: f32 = 842.0;
const MARGIN: f32 = 50.0;
/// Where each column starts: item, quantity, price, discount, amount.
const COLUMNS: [f32; 5] = [MARGIN, 300.0, 360.0, 440.0, 490.0];
/// The item column's width in characters before a line wraps.
const ITEM_CHARS: usize = 44;
const SIZE: f32 = 9.5;
const LEADING: f32 = 14.0;

/// Words broken into lines of at most `width` characters (a longer word
/// gets a line of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Text placed on pages, a new page when one is full.
struct Writer {
    pages: Vec<Vec<(Point, bool, f32, String)>>,
    y: f32,
}

impl Writer {
    fn new() -> Writer {
        Writer {
            pages: vec![Vec::new()],
            y: MARGIN + 10.0,
        }
    }

    fn room(&mut self, needed: f32) {
        if self.y + needed > HEIGHT - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN + 10.0;
        }
    }

    fn text(&mut self, x: f32, bold: bool, size: f32, text: &str) {
        if let Some(page) = self.pages.last_mut() {
            page.push((Point::from_xy(x, self.y), bold, size, text.to_string()));
        }
    }

    fn paragraph(&mut self, bold: bool, size: f32, text: &str) {
        for line in wrap(text, 95) {
            self.room(LEADING);
            self.text(MARGIN, bold, size, &line);
            self.y += size + 5.0;
        }
    }

    fn row(&mut self, bold: bool, cells: &[String; 5]) {
        let item = wrap(&cells[0], ITEM_CHARS);
        self.room(LEADING * item.len() as f32);
        for (i, cell) in cells.iter().enumerate().skip(1) {
            self.text(COLUMNS[i], bold, SIZE, cell);
        }
        for line in item {
            self.text(COLUMNS[0], bold, SIZE, &line);
            self.y += LEADING;
        }
    }
}

/// Where each piece of the sheet's text goes, page by page.
fn lay_out(sheet: &Sheet) -> Vec<Vec<(Point, bool, f32, String)>> {
    let mut w = Writer::new();
    w.paragraph(true, 16.0, &sheet.title);
    w.y += 6.0;
    for line in &sheet.parties {
        w.paragraph(false, 10.0, line);
    }
    w.y += 12.0;
    // A sheet without rows (a contract's draft) is text alone.
    if !sheet.rows.is_empty() {
        w.row(true, &sheet.headings);
        w.y += 2.0;
        for row in &sheet.rows {
            w.row(false, row);
        }
        w.y += 6.0;
        w.room(LEADING);
        w.text(COLUMNS[3], true, 10.5, &sheet.total.0);
        w.text(COLUMNS[4], true, 10.5, &sheet.total.1);
        w.y += LEADING * 2.0;
    }
    for line in &sheet.closing {
        w.paragraph(false, 10.0, line);
        w.y += 4.0;
    }
    w.pages
}

/// The sheet as PDF bytes.
pub fn render(sheet: &Sheet) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    let settings = PageSettings::from_wh(WIDTH, HEIGHT).ok_or("no A4 page")?;
    for texts in &lay_out(sheet) {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for (at, bold, size, text) in texts {
            let font = if *bold { BOLD.clone() } else { REGULAR.clone() }
                .ok_or("the bundled font does not load")?;
            surface.draw_text(*at, font, *size, text, false, TextDirection::Auto);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| format!("the PDF cannot be made: {e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_words_and_keeps_long_words_whole() {
        assert_eq!(
            wrap("Bērza finieris 18 mm", 10),
            ["Bērza", "finieris", "18 mm"]
        );
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(
            wrap("Ļoti-garš-vārds-bez-atstarpēm", 5),
            ["Ļoti-garš-vārds-bez-atstarpēm"]
        );
    }

    #[test]
    fn a_long_sheet_takes_pages_and_is_a_pdf() {
        let row = |i: usize| {
            [
                format!("Prece {i} — Товар {i}"),
                "1".into(),
                "1,00 €".into(),
                String::new(),
                "1,00 €".into(),
            ]
        };
        let sheet = Sheet {
            file_name: "x.pdf".into(),
            title: "Komercpiedāvājums — SIA Ābeļzieds".into(),
            parties: vec![
                "Klients: SIA Ābeļzieds".into(),
                "Sagatavoja: Ilze Kalniņa, ilze@firma.lv".into(),
                "Datums: 30.11.2026".into(),
            ],
            headings: ["Prece", "Daudzums", "Cena", "Atlaide", "Summa"].map(str::to_string),
            rows: (0..120).map(row).collect(),
            total: ("Kopā".into(), "120,00 €".into()),
            closing: vec!["Spēkā līdz 14.12.2026.".into()],
        };
        let pdf = render(&sheet).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        // To look at it: KARTOTEKA_PDF_OUT=/tmp/sheet.pdf cargo test -p server pdf
        if let Ok(out) = std::env::var("KARTOTEKA_PDF_OUT") {
            std::fs::write(out, &pdf).unwrap();
        }
        // 120 rows take three pages, each below its top margin and above
        // its bottom one.
        let pages = lay_out(&sheet);
        assert_eq!(pages.len(), 3);
        for (at, ..) in pages.iter().flatten() {
            assert!(at.y > MARGIN && at.y < HEIGHT - MARGIN + LEADING);
        }
    }
}
