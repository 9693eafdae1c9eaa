//! CSV for exported tables, written so the spreadsheet people use opens it
//! right on a double click: a UTF-8 byte-order mark (without it Excel reads
//! "Bērziņš" as mojibake), the separator the reader's language expects (a
//! semicolon where the decimal separator is a comma, as in Latvian and
//! Russian), RFC 4180 quoting, CRLF line ends. A cell a spreadsheet would
//! run as a formula gets a leading apostrophe, so an exported client name
//! cannot become a command; a number or a phone number ("+371…", "-12,50")
//! cannot call anything and is written as it is.

use super::user::Language;

/// What Excel and LibreOffice take as a UTF-8 file's first character.
pub const BOM: char = '\u{feff}';

/// The MIME type of what [`table`] writes.
pub const MIME: &str = "text/csv;charset=utf-8";

/// The field separator a spreadsheet in `lang` expects.
pub fn separator(lang: Language) -> char {
    match lang {
        Language::En => ',',
        Language::Lv | Language::Ru => ';',
    }
}

/// Whether `value` would start a formula that can do something: it starts
/// the way a formula does and holds more than digits and number signs.
fn is_formula(value: &str) -> bool {
    let starts = matches!(
        value.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    let numeric = |c: char| {
        c.is_ascii_digit()
            || matches!(c, '+' | '-' | ' ' | '.' | ',' | '%' | '(' | ')' | '/')
            || c == '\u{a0}'
            || c == '\u{202f}'
    };
    starts && !(value.len() > 1 && value.chars().all(numeric))
}

/// One cell, guarded and quoted when needed.
pub fn cell(value: &str, separator: char) -> String {
    let guarded = if is_formula(value) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A table for a reader of `lang`: the mark, the header, then the rows.
pub fn table(lang: Language, header: &[&str], rows: &[Vec<String>]) -> String {
    let sep = separator(lang);
    let mut out = String::from(BOM);
    let line = |cells: Vec<String>| cells.join(&sep.to_string()) + "\r\n";
    out.push_str(&line(header.iter().map(|h| cell(h, sep)).collect()));
    for r in rows {
        out.push_str(&line(r.iter().map(|c| cell(c, sep)).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A minimal reader for the tests: RFC 4180 fields of one line.
    fn read_line(line: &str, sep: char) -> Vec<String> {
        let mut out = vec![String::new()];
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    chars.next();
                    out.last_mut().unwrap().push('"');
                }
                ('"', _) => quoted = !quoted,
                (c, false) if c == sep => out.push(String::new()),
                (c, _) => out.last_mut().unwrap().push(c),
            }
        }
        out
    }

    #[test]
    fn quotes_and_formula_guard() {
        assert_eq!(
            cell("SIA \"Koks\", Rīga", ','),
            "\"SIA \"\"Koks\"\", Rīga\""
        );
        assert_eq!(cell("=HYPERLINK(\"x\")", ','), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+cmd|' /C calc'!A0", ';'), "'+cmd|' /C calc'!A0");
        assert_eq!(
            cell("-2+3+cmd|' /C calc'!A0", ';'),
            "'-2+3+cmd|' /C calc'!A0"
        );
        assert_eq!(cell("@SUM(A1)", ';'), "'@SUM(A1)");
        assert_eq!(cell("-", ';'), "'-");
        assert_eq!(cell("plain", ';'), "plain");
    }

    #[test]
    fn numbers_and_phone_numbers_keep_their_form() {
        assert_eq!(cell("+37129123456", ';'), "+37129123456");
        assert_eq!(cell("+371 29 123 456", ';'), "+371 29 123 456");
        assert_eq!(cell("-12,50", ';'), "-12,50");
        assert_eq!(cell("-12,50", ','), "\"-12,50\"");
        assert_eq!(cell("-1\u{a0}234,5 %", ';'), "-1\u{a0}234,5 %");
    }

    #[test]
    fn the_readers_language_sets_the_separator_and_the_file_starts_with_the_mark() {
        let rows = [vec!["Bērziņš".to_string(), "12,5".to_string()]];
        let lv = table(Language::Lv, &["Vārds", "Summa"], &rows);
        assert_eq!(lv, "\u{feff}Vārds;Summa\r\nBērziņš;12,5\r\n");
        let ru = table(Language::Ru, &["Имя", "Сумма"], &rows);
        assert!(ru.starts_with("\u{feff}Имя;Сумма\r\n"));
        let en = table(Language::En, &["Name", "Amount"], &rows);
        assert_eq!(en, "\u{feff}Name,Amount\r\nBērziņš,\"12,5\"\r\n");
    }

    proptest! {
        #[test]
        fn a_cell_reads_back_as_written(s in "[^\r\n]{0,40}", semicolon in any::<bool>()) {
            let sep = if semicolon { ';' } else { ',' };
            let back = read_line(&cell(&s, sep), sep);
            prop_assert_eq!(back.len(), 1);
            let expected = if is_formula(&s) { format!("'{s}") } else { s.clone() };
            prop_assert_eq!(&back[0], &expected);
        }

        #[test]
        fn nothing_that_can_call_a_function_goes_unguarded(s in "[=+\\-@][a-zA-Z|!]{1,5}[^\r\n]{0,20}") {
            prop_assert!(cell(&s, ';').trim_start_matches('"').starts_with('\''));
        }
    }
}
