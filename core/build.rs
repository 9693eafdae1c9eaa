//! Writes the search fold's transliteration table (`domain/search.rs`).
//!
//! The table covers the scripts clients' names and addresses are written in
//! here — Latin with every diacritic, Greek, Cyrillic — and the letter-like
//! symbols, ligatures and full-width forms people paste. All of Unicode
//! would be half a megabyte of the phone's download for scripts the search
//! has never met; a character outside these blocks separates words.
//!
//! Each entry is the character's folded text: its transliteration, lower
//! case, with every character other than a letter or digit made a space
//! (so `fold` copies it as it is). A combining mark's entry is empty, so a
//! decomposed "Rīga" folds as the composed one does.

use std::{env, fmt::Write as _, fs, path::Path};

/// Inclusive ranges of code points the table covers.
const BLOCKS: &[(u32, u32)] = &[
    // Latin-1 Supplement, Latin Extended-A and -B, IPA, spacing modifier
    // letters (the Ukrainian apostrophe), combining diacritical marks,
    // Greek, Cyrillic and its supplement.
    (0x0080, 0x052F),
    // Latin Extended Additional (Vietnamese, Welsh).
    (0x1E00, 0x1EFF),
    // Punctuation, super- and subscripts, currency, letter-like symbols
    // ("№"), number forms, enclosed alphanumerics ("①").
    (0x2000, 0x24FF),
    // Latin ligatures ("ﬁ").
    (0xFB00, 0xFB06),
    // Full- and half-width forms.
    (0xFF00, 0xFFEF),
];

include!("src/domain/fold_rule.rs");

fn folded(c: char) -> String {
    fold_transliteration(deunicode::deunicode_char(c))
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=src/domain/fold_rule.rs");
    let mut text = String::new();
    let mut blocks = String::new();
    for &(first, last) in BLOCKS {
        let start = text.len();
        let mut ends = vec![];
        for code in first..=last {
            let c = char::from_u32(code).expect("no surrogates in the blocks");
            text.push_str(&folded(c));
            ends.push(u16::try_from(text.len()).expect("the table's text fits u16 offsets"));
        }
        writeln!(
            blocks,
            "    Block {{ first: {first:#06X}, last: {last:#06X}, start: {start}, ends: &{ends:?} }},"
        )
        .unwrap();
    }
    let out = format!(
        "/// Every block's entries, one after another.\n\
         static TEXT: &str = {text:?};\n\
         /// The covered blocks, in code point order.\n\
         static BLOCKS: &[Block] = &[\n{blocks}];\n"
    );
    let path = Path::new(&env::var("OUT_DIR").unwrap()).join("fold_table.rs");
    fs::write(path, out).unwrap();
}
