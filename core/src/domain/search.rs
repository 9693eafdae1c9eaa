//! Search normalisation: case- and diacritics-insensitive, so "riga" finds
//! "Rīga" and "berzins" finds "Bērziņš". The same function prepares the text
//! stored with a card and the words the user types, on the server and (later)
//! on the device.

use super::transliteration;
use crate::sort;

/// Lower-case ASCII letters and digits; everything else separates words.
/// Latin diacritics fold to their letters and Cyrillic and Greek are
/// transliterated, so "Берзиньш" and "berzinsh" meet too; a script the table
/// does not cover separates words (see `transliteration`).
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(transliteration::folded(c));
        }
    }
    out
}

/// The words of a folded text.
pub fn words(input: &str) -> Vec<String> {
    fold(input).split_whitespace().map(str::to_string).collect()
}

/// The longest search text the server accepts, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most words a search may have.
pub const MAX_QUERY_WORDS: usize = 16;

/// Checks what a user typed before any work is done on it: a search box
/// holds a name, a number or a few words, never a document.
pub fn check_query(input: &str) -> Result<(), crate::domain::validation::Problem> {
    use crate::domain::validation::Problem;
    if input.chars().count() > MAX_QUERY_CHARS {
        return Err(Problem::TooLong {
            max: MAX_QUERY_CHARS,
        });
    }
    if fold(input).split_whitespace().count() > MAX_QUERY_WORDS {
        return Err(Problem::TooManyItems {
            max: MAX_QUERY_WORDS,
        });
    }
    Ok(())
}

/// Words a user typed into the search box, ready for prefix matching.
/// A phone fragment such as "+371 2912" also yields its digits joined
/// ("3712912"), so numbers match however they were grouped.
pub fn query_terms(input: &str) -> Vec<String> {
    let mut terms = words(input);
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    let looks_like_number = digits.len() >= 3
        && input
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()/.".contains(c));
    if looks_like_number {
        terms = vec![digits];
    }
    sort::natural(&mut terms);
    terms.dedup();
    // A word that is a prefix of another adds nothing to an AND of prefixes.
    // Sorted, every word that extends `t` follows it directly, so comparing
    // each word with the next finds them all in one pass.
    let keep: Vec<bool> = (0..terms.len())
        .map(|i| {
            terms
                .get(i + 1)
                .is_none_or(|next| !next.starts_with(terms[i].as_str()))
        })
        .collect();
    terms
        .into_iter()
        .zip(keep)
        .filter_map(|(t, k)| k.then_some(t))
        .collect()
}

/// Sort key for names: folded, so "Āboli" sorts with "Aboli", not after "Z".
pub fn sort_key(name: &str) -> String {
    words(name).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn latvian_diacritics_fold() {
        assert_eq!(fold("Rīga"), "riga");
        assert_eq!(words("Bērziņš & Ķēniņš, SIA"), ["berzins", "kenins", "sia"]);
        assert_eq!(fold("ŽĀŅĢĪŠČŪĻĒĶ"), "zangisculek");
    }

    #[test]
    fn cyrillic_transliterates() {
        assert_eq!(words("Иван Петров"), ["ivan", "petrov"]);
    }

    #[test]
    fn phone_queries_become_digits() {
        assert_eq!(query_terms("+371 2912"), ["3712912"]);
        assert_eq!(query_terms("29-12"), ["2912"]);
        assert_eq!(query_terms("SIA 12"), ["12", "sia"]);
    }

    #[test]
    fn redundant_prefixes_are_dropped() {
        assert_eq!(query_terms("ber berzins"), ["berzins"]);
        assert_eq!(query_terms("a ab abc b"), ["abc", "b"]);
    }

    #[test]
    fn a_search_is_a_few_words_not_a_document() {
        use crate::domain::validation::Problem;
        assert_eq!(check_query("SIA Rīgas Piens 2912"), Ok(()));
        assert_eq!(
            check_query(&"a".repeat(MAX_QUERY_CHARS + 1)),
            Err(Problem::TooLong {
                max: MAX_QUERY_CHARS
            })
        );
        let many = vec!["w"; MAX_QUERY_WORDS + 1].join(" ");
        assert_eq!(
            check_query(&many),
            Err(Problem::TooManyItems {
                max: MAX_QUERY_WORDS
            })
        );
    }

    proptest! {
        #[test]
        fn fold_is_ascii_lowercase_and_idempotent(s in "\\PC{0,40}") {
            let f = fold(&s);
            prop_assert!(f.chars().all(|c| c == ' ' || c.is_ascii_lowercase() || c.is_ascii_digit()));
            prop_assert_eq!(fold(&f), f.clone());
        }

        /// The one-pass reduction keeps exactly the words no other word extends.
        #[test]
        fn reduction_matches_the_quadratic_definition(ws in proptest::collection::vec("[a-c]{1,4}", 0..12)) {
            let text = ws.join(" ");
            let mut all = words(&text);
            crate::sort::natural(&mut all);
            all.dedup();
            let expected: Vec<String> = all
                .iter()
                .filter(|t| !all.iter().any(|o| o != *t && o.starts_with(t.as_str())))
                .cloned()
                .collect();
            prop_assert_eq!(query_terms(&text), expected);
        }

        #[test]
        fn a_word_always_finds_itself(s in "[a-zA-Zāčēģīķļņšūž]{1,12}") {
            let stored = words(&s);
            for t in query_terms(&s) {
                prop_assert!(stored.iter().any(|w| w.starts_with(&t)));
            }
        }
    }
}

/// Everything a card can be found by, folded, as one space-separated text:
/// names, registration and VAT numbers, e-mails, and phones both with and
/// without the Latvian country code ("37129123456" and "29123456").
pub fn card_text(
    fields: &super::client::ClientFields,
    contacts: &[super::contact::ContactFields],
) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(words(&fields.name));
    parts.extend(fields.reg_no.iter().cloned());
    parts.extend(fields.vat_no.iter().map(|v| v.to_lowercase()));
    for c in contacts {
        parts.extend(words(&c.name));
        for e in &c.emails {
            parts.extend(words(e));
        }
        for p in &c.phones {
            let digits: String = p.chars().filter(char::is_ascii_digit).collect();
            if let Some(national) = digits.strip_prefix("371") {
                parts.push(national.to_string());
            }
            parts.push(digits);
        }
    }
    let mut seen = std::collections::HashSet::new();
    parts.retain(|p| !p.is_empty() && seen.insert(p.clone()));
    parts.join(" ")
}

/// Whether a card's search text matches what the user typed: every query
/// term is a prefix of some word. The database does the same with its index;
/// this is the reference the tests compare against.
pub fn matches(card_text: &str, query: &str) -> bool {
    matches_terms(card_text, &query_terms(query))
}

/// `matches` with the query already split into terms (once per search, not
/// once per card).
pub fn matches_terms(card_text: &str, terms: &[String]) -> bool {
    terms.iter().all(|t| has_word_starting(card_text, t))
}

/// Whether some space-separated word of `text` starts with `term` (which has
/// no space, as query terms never do). A substring search that checks the
/// byte before each hit: the device runs this over every card at each
/// keystroke, and splitting every card into words cost most of it.
fn has_word_starting(text: &str, term: &str) -> bool {
    text.match_indices(term)
        .any(|(i, _)| i == 0 || text.as_bytes()[i - 1] == b' ')
}

#[cfg(test)]
mod card_text_tests {
    use super::*;
    use crate::domain::client::{ClientFields, ClientKind, Segment, Source};
    use crate::domain::contact::ContactFields;

    fn card() -> (ClientFields, Vec<ContactFields>) {
        let f = ClientFields {
            kind: ClientKind::Company,
            name: "Rīgas Piens".into(),
            reg_no: Some("40003032949".into()),
            vat_no: Some("LV40003032949".into()),
            segment: Segment::Active,
            source: Source::Other,
            address: None,
            city: Some("Rīga".into()),
            website: None,
            price_type: None,
            payment_terms_days: None,
            credit_limit: None,
            tags: vec![],
            needs: None,
            scheme_id: None,
        };
        let c = ContactFields {
            name: "Jānis Bērziņš".into(),
            position: None,
            phones: vec!["+37129123456".into()],
            emails: vec!["janis@piens.lv".into()],
            birthday: None,
            notes: None,
        };
        (f, vec![c])
    }

    #[test]
    fn finds_by_every_kind_of_fragment() {
        let (f, c) = card();
        let text = card_text(&f, &c);
        for q in [
            "riga",
            "Rīgas",
            "piens",
            "berzins",
            "Bērziņš",
            "JANIS",
            "janis@piens",
            "2912",
            "+371 2912 3456",
            "29 12 34",
            "4000303",
            "lv4000",
            "rigas berz",
        ] {
            assert!(matches(&text, q), "{q} should match {text}");
        }
        for q in ["kalns", "2913", "piens kalns"] {
            assert!(!matches(&text, q), "{q} should not match");
        }
    }
}

#[cfg(test)]
mod word_start_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The substring search answers as splitting into words does.
        #[test]
        fn finds_word_starts_as_splitting_does(
            words in proptest::collection::vec("[ab1ā]{0,4}", 0..8),
            gaps in proptest::collection::vec(1usize..3, 8),
            term in "[ab1ā]{0,3}",
        ) {
            let mut text = String::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    text.push_str(&" ".repeat(gaps[i]));
                }
                text.push_str(w);
            }
            let split = text.split(' ').any(|w| w.starts_with(term.as_str()));
            prop_assert_eq!(has_word_starting(&text, &term), split, "{:?} {:?}", text, term);
        }
    }
}
