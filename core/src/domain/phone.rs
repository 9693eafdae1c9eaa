//! Phone numbers, stored in E.164 ("+37120000000") so that a number typed as
//! "20 000 000", "+371 2000 0000" or "00371 20000000" is the same number for
//! search and for matching incoming calls.
//!
//! The rules live in `phone_plans`: every country's numbering plan and the
//! regex engine that applies them, a fifth of the browser's app. The server
//! and the tests use them as compiled in. The browser's build (feature
//! `numbering-on-demand`) leaves them out of its first download: the app
//! loads them with the device's data and `install`s them here, and until
//! then a number is shown as stored and cannot be checked.

use super::validation::Problem;

/// The two things the app does with a phone number.
#[derive(Clone, Copy)]
pub struct Numbering {
    /// What the user typed, as E.164, or why it is not a number.
    pub normalize: fn(&str) -> Result<String, Problem>,
    /// E.164 as people read it ("+371 20 000 000").
    pub display: fn(&str) -> String,
}

/// Parses what the user typed into E.164, or says it is not a valid number
/// (or, in the browser before the rules are in, that it cannot yet tell).
pub fn normalize(input: &str) -> Result<String, Problem> {
    match numbering() {
        Some(n) => (n.normalize)(input),
        None if input.trim().is_empty() => Err(Problem::Required),
        None => Err(Problem::PhoneRulesNotLoaded),
    }
}

/// A readable international form for display; the stored form until the
/// rules are in.
pub fn display(e164: &str) -> String {
    match numbering() {
        Some(n) => (n.display)(e164),
        None => e164.to_string(),
    }
}

/// Whether numbers can be checked and formatted yet.
pub fn is_ready() -> bool {
    numbering().is_some()
}

#[cfg(not(feature = "numbering-on-demand"))]
fn numbering() -> Option<&'static Numbering> {
    Some(&super::phone_plans::PLANS)
}

#[cfg(feature = "numbering-on-demand")]
static INSTALLED: std::sync::OnceLock<Numbering> = std::sync::OnceLock::new();

#[cfg(feature = "numbering-on-demand")]
fn numbering() -> Option<&'static Numbering> {
    INSTALLED.get()
}

/// Hands the loaded rules over; later calls change nothing.
#[cfg(feature = "numbering-on-demand")]
pub fn install(rules: Numbering) {
    let _ = INSTALLED.set(rules);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(feature = "numbering-on-demand"))]
    #[test]
    fn the_compiled_rules_are_there_from_the_start() {
        assert!(is_ready());
        assert_eq!(normalize("20 000 000").unwrap(), "+37120000000");
        assert!(display("+37120000000").starts_with("+371 "));
    }

    /// One test, as the installed rules are the process's.
    #[cfg(feature = "numbering-on-demand")]
    #[test]
    fn before_the_rules_are_in_nothing_is_guessed() {
        assert!(!is_ready());
        assert_eq!(normalize("20 000 000"), Err(Problem::PhoneRulesNotLoaded));
        assert_eq!(normalize("  "), Err(Problem::Required));
        assert_eq!(display("+37120000000"), "+37120000000");
        install(super::super::phone_plans::PLANS);
        assert!(is_ready());
        assert_eq!(normalize("20 000 000").unwrap(), "+37120000000");
        assert!(display("+37120000000").starts_with("+371 "));
    }
}
