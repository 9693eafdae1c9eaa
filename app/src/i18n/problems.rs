//! Validation problems in the user's language.

use super::{catalog::Key, count, fill, t};
use crate::domain::{user::Language, validation::Problem};

pub fn problem_text(lang: Language, p: Problem) -> String {
    let n = |key: Key, v: usize| count(lang, key, v as u64);
    let num = |key: Key, v: usize| fill(t(lang, key), &[("num", &v.to_string())]);
    match p {
        Problem::Required => t(lang, Key::ErrRequired).into(),
        Problem::TooLong { max } => n(Key::ErrTooLong, max),
        Problem::InvalidPhone => t(lang, Key::ErrPhone).into(),
        Problem::PhoneRulesNotLoaded => t(lang, Key::ErrPhoneRulesNotLoaded).into(),
        Problem::InvalidEmail => t(lang, Key::ErrEmail).into(),
        Problem::RegNoFormat => t(lang, Key::ErrRegNoFormat).into(),
        Problem::RegNoChecksum => t(lang, Key::ErrRegNoChecksum).into(),
        Problem::VatFormat => t(lang, Key::ErrVat).into(),
        Problem::InvalidAmount => t(lang, Key::ErrAmount).into(),
        Problem::NegativeAmount => t(lang, Key::ErrNegative).into(),
        Problem::TooManyDecimals => t(lang, Key::ErrDecimals).into(),
        Problem::AmountTooLarge => t(lang, Key::ErrTooLarge).into(),
        Problem::InvalidDays => t(lang, Key::ErrDays).into(),
        Problem::InvalidDate => t(lang, Key::ErrDate).into(),
        Problem::DateInFuture => t(lang, Key::ErrFutureDate).into(),
        Problem::InvalidUrl => t(lang, Key::ErrUrl).into(),
        Problem::PasswordTooShort { min } => n(Key::ErrPasswordShort, min),
        Problem::TooManyItems { max } => num(Key::ErrTooMany, max),
        Problem::Malformed => t(lang, Key::ErrMalformed).into(),
        Problem::EndsBeforeStart => t(lang, Key::ErrEndsBeforeStart).into(),
        Problem::DateInPast => t(lang, Key::ErrDateInPast).into(),
        Problem::SamePerson => t(lang, Key::ErrSamePerson).into(),
        Problem::RangeTooLong { max } => n(Key::ErrRangeTooLong, max),
        Problem::TakenElsewhere => t(lang, Key::ErrTakenElsewhere).into(),
        Problem::WrongPassword => t(lang, Key::ErrWrongPassword).into(),
        Problem::UnknownMergeField => t(lang, Key::ErrUnknownMergeField).into(),
        Problem::MergeFieldNotHere => t(lang, Key::ErrMergeFieldNotHere).into(),
        Problem::Taken => t(lang, Key::ErrTaken).into(),
        Problem::FileTooLarge { max_mb } => num(Key::ErrFileTooLarge, max_mb),
        Problem::UnsupportedFile => t(lang, Key::ErrUnsupportedFile).into(),
        Problem::UnsupportedCurrency => t(lang, Key::ErrUnsupportedCurrency).into(),
    }
}
