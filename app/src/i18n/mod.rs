//! Every user-facing text, in Latvian (default), English and Russian.
//!
//! The catalogue is a Rust enum whose every entry must name all three
//! translations (the `catalog!` macro refuses an entry with fewer), so a
//! missing translation is a compile error, not a blank on screen.

mod catalog;
mod problems;
mod row_problems;

pub use catalog::Key;
/// Written the way each language writes them (shared with the server's letters).
pub use kartoteka_core::format;
pub use problems::problem_text;
pub use row_problems::{column_name, row_problem_text};

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

/// Fills `{name}` placeholders: `fill(t(l, Key::X), &[("name", "Anna")])`.
/// A count is never filled here but written by `count`, which picks its form.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read the source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// `{n}` is a count; filled by hand it would show every plural form
    /// joined by `|`, or "1 days" for a text that had none.
    #[test]
    fn counts_are_written_by_count() {
        let needle = ["(\"", "n\","].concat();
        let mut files = Vec::new();
        sources(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let offenders: Vec<_> = files
            .iter()
            .filter(|f| {
                std::fs::read_to_string(f)
                    .expect("read a source file")
                    .contains(&needle)
            })
            .collect();
        assert!(offenders.is_empty(), "fill with n in {offenders:?}");
    }

    #[test]
    fn one_day_is_singular_in_every_language() {
        use super::{Key, count};
        use crate::domain::user::Language;
        assert_eq!(count(Language::En, Key::DaysN, 1), "1 day");
        assert_eq!(count(Language::En, Key::DaysN, 2), "2 days");
        assert_eq!(
            count(Language::Lv, Key::QuietDays, 21),
            "21 diena bez kontakta"
        );
        assert_eq!(
            count(Language::Lv, Key::QuietDays, 11),
            "11 dienu bez kontakta"
        );
        assert_eq!(count(Language::Ru, Key::BirthdayInDays, 3), "через 3 дня");
        // The reconciliation's progress counts its clients.
        assert!(count(Language::Lv, Key::ReconcileProgress, 21).ends_with("no 21 klienta"));
        assert!(count(Language::Lv, Key::ReconcileProgress, 12).ends_with("no 12 klientiem"));
        assert!(count(Language::En, Key::ReconcileProgress, 1).ends_with("of 1 client"));
        assert!(count(Language::Ru, Key::ReconcileProgress, 5).ends_with("из 5 клиентов"));
        assert_eq!(
            count(Language::Ru, Key::SignOutPending, 5)
                .split(' ')
                .nth(1),
            Some("изменений")
        );
    }
}
