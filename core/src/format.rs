//! Dates, numbers and euro amounts written the way each language writes them:
//! Latvian and Russian "1 500,50 €" and "27.11.2026", English "€1,500.50"
//! and "27 Nov 2026".

use crate::domain::user::Language;
use chrono::{DateTime, Datelike, Local, NaiveDate, Utc};
use rust_decimal::Decimal;

/// Narrow no-break space: groups thousands without letting a line break there.
const GROUP_LV: char = '\u{a0}';

fn separators(lang: Language) -> (char, char) {
    match lang {
        Language::Lv | Language::Ru => (GROUP_LV, ','),
        Language::En => (',', '.'),
    }
}

fn group(int_digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(int_digits.len() + int_digits.len() / 3);
    let n = int_digits.len();
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal with a fixed number of decimals, grouped per language.
pub fn number(lang: Language, value: Decimal, decimals: u32) -> String {
    let (g, d) = separators(lang);
    let rounded = value.round_dp(decimals);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let s = format!("{:.*}", decimals as usize, rounded.abs());
    let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(int_part, g));
    if !frac.is_empty() {
        out.push(d);
        out.push_str(frac);
    }
    out
}

/// A whole number, grouped per language.
pub fn integer(lang: Language, value: i64) -> String {
    number(lang, Decimal::from(value), 0)
}

/// An amount in euros.
pub fn eur(lang: Language, value: Decimal) -> String {
    let n = number(lang, value, 2);
    match lang {
        Language::En => format!("€{n}"),
        Language::Lv | Language::Ru => format!("{n}\u{a0}€"),
    }
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar date.
pub fn date(lang: Language, d: NaiveDate) -> String {
    match lang {
        Language::Lv | Language::Ru => d.format("%d.%m.%Y").to_string(),
        Language::En => format!(
            "{} {} {}",
            d.day(),
            EN_MONTHS[d.month0() as usize],
            d.year()
        ),
    }
}

/// A moment, shown in the device's time zone.
pub fn datetime(lang: Language, at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&Local);
    format!(
        "{} {}",
        date(lang, local.date_naive()),
        local.format("%H:%M")
    )
}

/// A file's size as people read it: "820 KB", "1,5 MB" ("МБ" in Russian),
/// decimal units as file managers on phones show them.
pub fn file_size(lang: Language, bytes: u64) -> String {
    let (kb, mb) = match lang {
        Language::Ru => ("КБ", "МБ"),
        _ => ("KB", "MB"),
    };
    if bytes < 1_000_000 {
        let k = bytes.div_ceil(1000).max(1);
        format!("{} {kb}", integer(lang, k as i64))
    } else {
        let m = Decimal::from(bytes) / Decimal::from(1_000_000);
        format!("{} {mb}", number(lang, m, 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn file_sizes_per_language() {
        assert_eq!(file_size(Language::Lv, 200_009), "201 KB");
        assert_eq!(file_size(Language::Lv, 10), "1 KB");
        assert_eq!(file_size(Language::Lv, 1_500_000), "1,5 MB");
        assert_eq!(file_size(Language::En, 10_485_760), "10.5 MB");
        assert_eq!(file_size(Language::Ru, 2_000_000), "2,0 МБ");
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn euros_per_language() {
        assert_eq!(eur(Language::Lv, d("1500.5")), "1\u{a0}500,50\u{a0}€");
        assert_eq!(
            eur(Language::Ru, d("1234567.891")),
            "1\u{a0}234\u{a0}567,89\u{a0}€"
        );
        assert_eq!(eur(Language::En, d("1500.5")), "€1,500.50");
        assert_eq!(eur(Language::En, d("0")), "€0.00");
        assert_eq!(eur(Language::En, d("-12.3")), "€-12.30");
    }

    #[test]
    fn integers_group_thousands() {
        assert_eq!(integer(Language::En, 100000), "100,000");
        assert_eq!(integer(Language::Lv, 999), "999");
    }

    #[test]
    fn dates_per_language() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 7).unwrap();
        assert_eq!(date(Language::Lv, day), "07.11.2026");
        assert_eq!(date(Language::Ru, day), "07.11.2026");
        assert_eq!(date(Language::En, day), "7 Nov 2026");
    }
}
