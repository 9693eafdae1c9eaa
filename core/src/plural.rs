//! Which plural form a count takes in each language. A counted text in the
//! catalogue lists its forms separated by `|`, in this order:
//!
//! - Latvian: one (1, 21, 101 …), other (2–9, 22 …), zero (0, 10–20, 30 …):
//!   "1 klients", "2 klienti", "10 klientu";
//! - Russian: one (1, 21 …), few (2–4, 22–24 …), many (0, 5–20, 25 …):
//!   "1 клиент", "3 клиента", "5 клиентов";
//! - English: one (1), other: "1 client", "2 clients".

use crate::domain::user::Language;

/// How many forms a counted text has in `lang`.
pub fn forms(lang: Language) -> usize {
    match lang {
        Language::Lv | Language::Ru => 3,
        Language::En => 2,
    }
}

/// The index of the form `n` takes in `lang` (see the module's order).
pub fn form(lang: Language, n: u64) -> usize {
    let (last, last_two) = (n % 10, n % 100);
    match lang {
        Language::Lv => {
            if last == 0 || (11..=19).contains(&last_two) {
                2
            } else if last == 1 {
                0
            } else {
                1
            }
        }
        Language::Ru => {
            if last == 1 && last_two != 11 {
                0
            } else if (2..=4).contains(&last) && !(12..=14).contains(&last_two) {
                1
            } else {
                2
            }
        }
        Language::En => usize::from(n != 1),
    }
}

/// Picks `n`'s form from `forms` ("klients|klienti|klientu"); a text with
/// fewer forms than the language has falls back to its last one.
pub fn pick(lang: Language, forms: &str, n: u64) -> &str {
    let all: Vec<&str> = forms.split('|').collect();
    all.get(form(lang, n))
        .or(all.last())
        .copied()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn latvian_counts() {
        let f = "{n} izmaiņa|{n} izmaiņas|{n} izmaiņu";
        for (n, want) in [
            (1, "{n} izmaiņa"),
            (21, "{n} izmaiņa"),
            (101, "{n} izmaiņa"),
            (2, "{n} izmaiņas"),
            (22, "{n} izmaiņas"),
            (0, "{n} izmaiņu"),
            (10, "{n} izmaiņu"),
            (11, "{n} izmaiņu"),
            (111, "{n} izmaiņu"),
            (30, "{n} izmaiņu"),
        ] {
            assert_eq!(pick(Language::Lv, f, n), want, "{n}");
        }
    }

    #[test]
    fn russian_counts() {
        let f = "изменение|изменения|изменений";
        for (n, want) in [
            (1, "изменение"),
            (21, "изменение"),
            (2, "изменения"),
            (24, "изменения"),
            (5, "изменений"),
            (11, "изменений"),
            (12, "изменений"),
            (14, "изменений"),
            (0, "изменений"),
            (111, "изменений"),
        ] {
            assert_eq!(pick(Language::Ru, f, n), want, "{n}");
        }
    }

    #[test]
    fn english_counts() {
        assert_eq!(pick(Language::En, "change|changes", 1), "change");
        assert_eq!(pick(Language::En, "change|changes", 0), "changes");
        assert_eq!(pick(Language::En, "change|changes", 21), "changes");
    }

    proptest! {
        /// Every count has a form the language has, and only the last two
        /// digits decide it.
        #[test]
        fn forms_are_in_range_and_periodic(n in 0u64..1_000_000) {
            for lang in Language::ALL {
                prop_assert!(form(lang, n) < forms(lang));
                if lang != Language::En {
                    prop_assert_eq!(form(lang, n), form(lang, n % 100 + 100));
                }
            }
        }
    }
}
