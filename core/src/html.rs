//! Text made safe inside HTML, as element content or a quoted attribute
//! value: the letters the server sends and the rows the app writes as markup.

/// `text` with `&`, `<`, `>`, `"` and `'` written as character references.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends `text`, escaped, to `out`.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<b>SIA \"A&B\"</b> 'x'"),
            "&lt;b&gt;SIA &quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;"
        );
        assert_eq!(escape("Rīga, Ērgļi 5"), "Rīga, Ērgļi 5");
    }

    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    proptest! {
        /// No markup survives, and nothing else is changed or lost.
        #[test]
        fn leaves_no_markup_and_reads_back(text in any::<String>()) {
            let out = escape(&text);
            prop_assert!(!out.contains(['<', '>', '"', '\'']));
            let references = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"];
            let only_references = out
                .match_indices('&')
                .all(|(i, _)| references.iter().any(|r| out[i..].starts_with(r)));
            prop_assert!(only_references, "a bare & in {}", out);
            prop_assert_eq!(unescape(&out), text);
        }
    }
}
