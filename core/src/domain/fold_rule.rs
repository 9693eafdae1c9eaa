// A character's folded text from its transliteration: letters and digits in
// lower case, anything else a space; a space for an unknown character.
// Shared by `build.rs`, which writes the fold's table with it, and the test
// that holds the table to it (included as text: a build script cannot use
// the crate it builds).
fn fold_transliteration(t: Option<&str>) -> String {
    match t {
        Some(s) => s
            .chars()
            .map(|d| {
                if d.is_ascii_alphanumeric() {
                    d.to_ascii_lowercase()
                } else {
                    ' '
                }
            })
            .collect(),
        None => " ".into(),
    }
}
