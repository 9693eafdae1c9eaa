//! CSV for exported tables: RFC 4180 quoting, and cells that a spreadsheet
//! would run as a formula (=, +, -, @, tab, CR first) neutralised with a
//! leading apostrophe, so an exported client name cannot become a command.

/// One cell, quoted when needed.
pub fn cell(value: &str) -> String {
    let guarded = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A table: the header, then rows, lines ended by CRLF (what spreadsheet
/// programs expect).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| cell(h)).collect()));
    for r in rows {
        out.push_str(&line(r.iter().map(|c| cell(c)).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A minimal reader for the tests: RFC 4180 fields of one line.
    fn read_line(line: &str) -> Vec<String> {
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
                (',', false) => out.push(String::new()),
                (c, _) => out.last_mut().unwrap().push(c),
            }
        }
        out
    }

    #[test]
    fn quotes_and_formula_guard() {
        assert_eq!(cell("SIA \"Koks\", Rīga"), "\"SIA \"\"Koks\"\", Rīga\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+37129123456"), "'+37129123456");
        assert_eq!(cell("plain"), "plain");
        let t = table(&["a", "b"], &[vec!["1".into(), "x,y".into()]]);
        assert_eq!(t, "a,b\r\n1,\"x,y\"\r\n");
    }

    proptest! {
        #[test]
        fn a_cell_reads_back_as_written(s in "[^\r\n]{0,40}") {
            let back = read_line(&cell(&s));
            prop_assert_eq!(back.len(), 1);
            let expected = if s.starts_with(['=', '+', '-', '@', '\t']) { format!("'{s}") } else { s };
            prop_assert_eq!(&back[0], &expected);
        }
    }
}
