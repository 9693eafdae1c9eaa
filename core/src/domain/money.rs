//! Money in EUR as exact decimals (never floats). Parsing accepts what people
//! type in Latvian, English and Russian: "1 500,50", "1,500.50", "1500.5".

use super::validation::Problem;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Largest amount a card may hold (a sanity bound, not a business limit).
pub const MAX_EUR: i64 = 1_000_000_000;

/// Parses an amount in euros with at most two decimals; empty is `None`.
pub fn parse_eur(input: &str) -> Result<Option<Decimal>, Problem> {
    parse_decimal(input, 2, Decimal::from(MAX_EUR))
}

/// Parses a non-negative number as people type it (either decimal
/// separator, grouped thousands, a trailing "€" or "EUR") with at most
/// `max_dp` decimals and no more than `max`; empty is `None`.
pub fn parse_decimal(input: &str, max_dp: u32, max: Decimal) -> Result<Option<Decimal>, Problem> {
    let cleaned: String = input
        .trim()
        .trim_end_matches('€')
        .trim_end_matches("EUR")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}' && *c != '\'')
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let normalized = normalize_separators(&cleaned).ok_or(Problem::InvalidAmount)?;
    let value = Decimal::from_str(&normalized).map_err(|_| Problem::InvalidAmount)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Problem::NegativeAmount);
    }
    if value.normalize().scale() > max_dp {
        return Err(Problem::TooManyDecimals);
    }
    if value > max {
        return Err(Problem::AmountTooLarge);
    }
    Ok(Some(value.round_dp(max_dp)))
}

/// Decides which of "," and "." is the decimal separator. The last one that
/// is followed by 1–2 digits is decimal; other separators group thousands.
fn normalize_separators(s: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_digit() || c == ',' || c == '.' || c == '-';
    if !s.chars().all(allowed) {
        return None;
    }
    let last_sep = s.rfind([',', '.']);
    let (int_part, frac_part) = match last_sep {
        Some(i) => {
            let frac = &s[i + 1..];
            let sep_count = s.matches([',', '.']).count();
            let only_one_kind = !(s.contains(',') && s.contains('.'));
            // "1,500" alone is ambiguous; a single separator followed by exactly
            // three digits reads as thousands ("1.500" / "1,500" = 1500).
            let leading_zero = s.starts_with('0') && i == 1;
            if frac.len() == 3 && sep_count >= 1 && only_one_kind && !leading_zero {
                (s.to_string(), String::new())
            } else {
                (s[..i].to_string(), frac.to_string())
            }
        }
        None => (s.to_string(), String::new()),
    };
    let int_digits: String = int_part
        .chars()
        .filter(|c| *c != ',' && *c != '.')
        .collect();
    if int_digits.is_empty() || int_digits == "-" || frac_part.contains([',', '.']) {
        return None;
    }
    Some(if frac_part.is_empty() {
        int_digits
    } else {
        format!("{int_digits}.{frac_part}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn locale_forms() {
        assert_eq!(parse_eur("1 500,50").unwrap(), d("1500.50"));
        assert_eq!(parse_eur("1,500.50").unwrap(), d("1500.50"));
        assert_eq!(parse_eur("1.500,50").unwrap(), d("1500.50"));
        assert_eq!(parse_eur("1500.5").unwrap(), d("1500.5"));
        assert_eq!(parse_eur("1500,5 €").unwrap(), d("1500.5"));
        assert_eq!(parse_eur("10 000").unwrap(), d("10000"));
        assert_eq!(parse_eur("1.500").unwrap(), d("1500"));
        assert_eq!(parse_eur("").unwrap(), None);
    }

    #[test]
    fn bad_amounts() {
        assert_eq!(parse_eur("abc"), Err(Problem::InvalidAmount));
        assert_eq!(parse_eur("-5"), Err(Problem::NegativeAmount));
        assert_eq!(parse_eur("0,125"), Err(Problem::TooManyDecimals));
        assert_eq!(parse_eur("1.234,567"), Err(Problem::TooManyDecimals));
        assert_eq!(parse_eur("99999999999"), Err(Problem::AmountTooLarge));
    }

    proptest! {
        #[test]
        fn cents_round_trip(cents in 0i64..10_000_000_000i64) {
            let value = Decimal::new(cents, 2);
            let lv = value.to_string().replace('.', ",");
            prop_assert_eq!(parse_eur(&value.to_string()), Ok(Some(value)));
            prop_assert_eq!(parse_eur(&lv), Ok(Some(value)));
        }
    }
}
