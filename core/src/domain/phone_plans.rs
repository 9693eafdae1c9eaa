//! Phone numbers read and shown by every country's numbering plan (the
//! libphonenumber metadata, applied with a regex engine). Latvia is the
//! default region. Call them through `phone`, which the browser's build
//! lets load when first needed.

use super::phone::Numbering;
use super::validation::Problem;
use phonenumber::{Mode, country};

/// The numbering plans compiled in.
pub const PLANS: Numbering = Numbering { normalize, display };

/// Parses what the user typed into E.164, or says it is not a valid number.
pub fn normalize(input: &str) -> Result<String, Problem> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(Problem::Required);
    }
    // "00" is the international prefix in Latvia; the parser expects "+".
    let candidate = match trimmed.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None => trimmed.to_string(),
    };
    let number =
        phonenumber::parse(Some(country::Id::LV), &candidate).map_err(|_| Problem::InvalidPhone)?;
    if !phonenumber::is_valid(&number) {
        return Err(Problem::InvalidPhone);
    }
    Ok(number.format().mode(Mode::E164).to_string())
}

/// A readable international form for display ("+371 20 000 000").
pub fn display(e164: &str) -> String {
    phonenumber::parse(None, e164)
        .map(|n| n.format().mode(Mode::International).to_string())
        .unwrap_or_else(|_| e164.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latvian_local_numbers_get_the_country_code() {
        assert_eq!(normalize("20 000 000").unwrap(), "+37120000000");
        assert_eq!(normalize("+371 2000 0000").unwrap(), "+37120000000");
        assert_eq!(normalize("00371 20000000").unwrap(), "+37120000000");
        assert_eq!(normalize("67 123 456").unwrap(), "+37167123456");
    }

    #[test]
    fn foreign_numbers_keep_their_country() {
        assert_eq!(normalize("+370 612 34567").unwrap(), "+37061234567");
        assert_eq!(normalize("+49 30 901820").unwrap(), "+4930901820");
    }

    #[test]
    fn garbage_is_rejected() {
        assert_eq!(normalize("123"), Err(Problem::InvalidPhone));
        assert_eq!(normalize("call me"), Err(Problem::InvalidPhone));
        assert_eq!(normalize("  "), Err(Problem::Required));
    }

    #[test]
    fn display_groups_digits() {
        assert!(display("+37120000000").starts_with("+371 "));
    }
}
