//! Content lines as vCard (RFC 2426) and iCalendar (RFC 5545) write them:
//! text values escaped, long lines folded.

/// A text value with `\`, `,`, `;` and line breaks escaped.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// One logical line folded into lines of at most 75 bytes, each
/// continuation starting with a space (RFC 2425, RFC 5545).
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / LIMIT * 3);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn separators_and_line_breaks_are_escaped() {
        assert_eq!(escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    proptest! {
        #[test]
        fn folded_lines_are_short_and_unfold_to_the_original(s in "\\PC{0,200}") {
            let line = format!("NOTE:{}", escape(&s));
            let folded = fold(&line);
            for part in folded.split("\r\n") {
                prop_assert!(part.len() <= 75);
            }
            prop_assert_eq!(folded.replace("\r\n ", ""), line);
        }
    }
}
