//! Every user-facing text, in Latvian (default), English and Russian.
//!
//! The catalogue is a Rust enum whose every entry must name all three
//! translations (the `catalog!` macro refuses an entry with fewer), so a
//! missing translation is a compile error, not a blank on screen.

mod catalog;
mod problems;

pub use catalog::Key;
/// Written the way each language writes them (shared with the server's letters).
pub use kartoteka_core::format;
pub use problems::problem_text;

use crate::domain::user::Language;

/// The text of `key` in `lang`.
pub fn t(lang: Language, key: Key) -> &'static str {
    catalog::text(lang, key)
}

/// A counted text: `key`'s form for `n` (see `plural`), with `{n}` written
/// as the language writes numbers.
pub fn count(lang: Language, key: Key, n: u64) -> String {
    let form = kartoteka_core::plural::pick(lang, t(lang, key), n);
    form.replace("{n}", &format::integer(lang, n as i64))
}

/// Fills `{name}` placeholders: `fill(t(l, Key::X), &[("n", "3")])`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}
