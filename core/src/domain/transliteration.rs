//! The search fold's table: each covered character's folded text (see
//! `build.rs`, which writes it from a full transliteration table at build
//! time, and `search::fold`).

/// One run of consecutive code points. Entry `i` is
/// `TEXT[start..ends[0]]` for the first and `TEXT[ends[i - 1]..ends[i]]`
/// after it.
struct Block {
    first: u32,
    last: u32,
    start: u16,
    ends: &'static [u16],
}

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// `c`'s folded text: lower-case ASCII letters and digits, spaces between
/// words, empty for a combining mark; a space for a character outside the
/// covered scripts. For ASCII, the caller folds it itself.
pub fn folded(c: char) -> &'static str {
    let code = u32::from(c);
    let Some(block) = BLOCKS.iter().find(|b| (b.first..=b.last).contains(&code)) else {
        return " ";
    };
    let i = (code - block.first) as usize;
    let from = if i == 0 {
        block.start
    } else {
        block.ends[i - 1]
    };
    &TEXT[usize::from(from)..usize::from(block.ends[i])]
}

/// The blocks the table covers, for the tests that check it entry by entry.
#[cfg(test)]
pub fn covered() -> impl Iterator<Item = char> {
    BLOCKS
        .iter()
        .flat_map(|b| (b.first..=b.last).filter_map(char::from_u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    include!("fold_rule.rs");

    /// What the table stands for: the full table's transliteration, folded.
    fn reference(c: char) -> String {
        fold_transliteration(deunicode::deunicode_char(c))
    }

    #[test]
    fn every_covered_character_is_the_full_tables() {
        let mut n = 0;
        for c in covered() {
            assert_eq!(folded(c), reference(c), "{c:?} U+{:04X}", u32::from(c));
            n += 1;
        }
        assert!(n > 2900, "{n} characters covered");
    }

    #[test]
    fn the_scripts_in_use_fold_to_letters() {
        assert_eq!(folded('ņ'), "n");
        assert_eq!(folded('Ž'), "z");
        assert_eq!(folded('õ'), "o");
        assert_eq!(folded('ß'), "ss");
        assert_eq!(folded('ł'), "l");
        assert_eq!(folded('Щ'), "shch");
        assert_eq!(folded('ї'), "yi");
        assert_eq!(folded('λ'), "l");
        assert_eq!(folded('№'), "no");
        assert_eq!(folded('ﬁ'), "fi");
        assert_eq!(folded('Ａ'), "a");
        assert_eq!(folded('\u{0304}'), "", "a combining macron adds nothing");
    }

    #[test]
    fn a_character_outside_the_scripts_separates_words() {
        for c in ['中', 'ش', 'א', '😀', '\u{10FFFF}'] {
            assert_eq!(folded(c), " ", "{c:?}");
        }
    }
}
