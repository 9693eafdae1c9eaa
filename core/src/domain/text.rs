//! Small text rules shared by every form: trimming and length limits.

use super::validation::Problem;

/// Trims and checks the length (in characters, not bytes: "ā" is one).
pub fn bounded(input: &str, max: usize) -> Result<String, Problem> {
    let t = input.trim();
    if t.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(t.to_string())
    }
}

/// Like [`bounded`] but empty is an error.
pub fn required(input: &str, max: usize) -> Result<String, Problem> {
    let t = bounded(input, max)?;
    if t.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(t)
    }
}

/// Empty input becomes `None`.
pub fn optional(input: &str, max: usize) -> Result<Option<String>, Problem> {
    bounded(input, max).map(|t| if t.is_empty() { None } else { Some(t) })
}

/// `s` percent-encoded for a query value (RFC 3986 unreserved kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `base` as a file name ending in `.{ext}`: control characters and the
/// characters file systems refuse become `-`.
pub fn file_name(base: &str, ext: &str) -> String {
    let safe: String = base
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    format!("{}.{ext}", safe.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(bounded("ļļļ", 3), Ok("ļļļ".into()));
        assert_eq!(bounded("ļļļļ", 3), Err(Problem::TooLong { max: 3 }));
    }

    #[test]
    fn required_rejects_blank() {
        assert_eq!(required("   ", 10), Err(Problem::Required));
        assert_eq!(optional("  ", 10), Ok(None));
        assert_eq!(optional(" x ", 10), Ok(Some("x".into())));
    }
}
