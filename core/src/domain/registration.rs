//! Latvian registration numbers (11 digits) and VAT numbers ("LV" + 11
//! digits). Legal entities (first digit 4–9) carry a check digit: the digits
//! weighted by 9,1,4,8,3,10,2,5,7,6,1 sum to 3 modulo 11. Numbers starting
//! with 0–3 are personal codes of sole traders and have no such check.

use super::validation::Problem;

const WEIGHTS: [u32; 11] = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1];

fn digits_only(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

fn checksum_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    sum % 11 == 3
}

/// Validates a registration number, ignoring spaces and dashes.
pub fn normalize_reg_no(input: &str) -> Result<String, Problem> {
    let d = digits_only(input);
    if d.len() != 11 || !d.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::RegNoFormat);
    }
    let legal_entity = d.as_bytes()[0] > b'3';
    if legal_entity && !checksum_ok(&d) {
        return Err(Problem::RegNoChecksum);
    }
    Ok(d)
}

/// Validates a Latvian VAT number; "lv 4000 3032 949" becomes "LV40003032949".
pub fn normalize_vat_no(input: &str) -> Result<String, Problem> {
    let compact = digits_only(input).to_uppercase();
    let digits = compact.strip_prefix("LV").ok_or(Problem::VatFormat)?;
    let reg = normalize_reg_no(digits).map_err(|_| Problem::VatFormat)?;
    Ok(format!("LV{reg}"))
}

/// Completes ten digits with the check digit, or `None` when no digit fits
/// (the registry never issues those). Used to make realistic demo data.
pub fn complete_reg_no(first_ten: &str) -> Option<String> {
    (0..=9u32)
        .map(|d| format!("{first_ten}{d}"))
        .find(|candidate| checksum_ok(candidate))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn real_registration_numbers_pass() {
        // Latvenergo and Rimi Latvia, as published in the Register of Enterprises.
        assert_eq!(normalize_reg_no("40003032949").unwrap(), "40003032949");
        assert_eq!(normalize_reg_no("4000 3053 029").unwrap(), "40003053029");
    }

    #[test]
    fn wrong_check_digit_is_caught() {
        assert_eq!(normalize_reg_no("40003032948"), Err(Problem::RegNoChecksum));
    }

    #[test]
    fn wrong_length_is_a_format_error() {
        assert_eq!(normalize_reg_no("4000303294"), Err(Problem::RegNoFormat));
        assert_eq!(normalize_reg_no("4000303294a"), Err(Problem::RegNoFormat));
    }

    #[test]
    fn personal_codes_have_no_company_check() {
        assert!(normalize_reg_no("32123456789").is_ok());
    }

    #[test]
    fn vat_numbers() {
        assert_eq!(normalize_vat_no("lv 40003032949").unwrap(), "LV40003032949");
        assert_eq!(normalize_vat_no("40003032949"), Err(Problem::VatFormat));
        assert_eq!(normalize_vat_no("LV40003032948"), Err(Problem::VatFormat));
    }

    proptest! {
        #[test]
        fn completed_numbers_always_validate(n in 400_000_000u64..999_999_999u64) {
            let ten = format!("4{n:09}");
            if let Some(full) = complete_reg_no(&ten) {
                prop_assert_eq!(normalize_reg_no(&full), Ok(full.clone()));
                prop_assert_eq!(normalize_vat_no(&format!("LV{full}")), Ok(format!("LV{full}")));
            }
        }

        #[test]
        fn one_changed_digit_is_detected(n in 0u64..999_999_999u64, pos in 1usize..11, delta in 1u32..10) {
            let ten = format!("4{n:09}");
            if let Some(full) = complete_reg_no(&ten) {
                let mut b = full.into_bytes();
                let d = (b[pos] - b'0') as u32;
                b[pos] = b'0' + ((d + delta) % 10) as u8;
                let changed = String::from_utf8(b).unwrap();
                // Weights are all non-zero mod 11, so a single changed digit always shows.
                prop_assert_eq!(normalize_reg_no(&changed), Err(Problem::RegNoChecksum));
            }
        }
    }
}
