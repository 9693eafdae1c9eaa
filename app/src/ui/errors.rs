//! Server errors in the user's language.

use crate::api::ApiError;
use crate::domain::user::Language;
use crate::i18n::{Key, count, t};

pub fn api_error_text(lang: Language, e: &ApiError) -> String {
    match e {
        ApiError::Unauthorized => t(lang, Key::ErrSignInAgain).into(),
        ApiError::SignedOut => t(lang, Key::ErrSignedOut).into(),
        ApiError::Forbidden => t(lang, Key::ErrForbidden).into(),
        ApiError::NotFound => t(lang, Key::ErrNotFound).into(),
        ApiError::Invalid(_) => t(lang, Key::ErrFixFields).into(),
        ApiError::Duplicate(field) if field == "reg_no" => t(lang, Key::ErrDuplicateRegNo).into(),
        ApiError::Duplicate(field) if field == "email" => t(lang, Key::ErrDuplicateEmail).into(),
        ApiError::Duplicate(_) => t(lang, Key::ErrDuplicateRecord).into(),
        ApiError::BadCredentials => t(lang, Key::ErrBadCredentials).into(),
        ApiError::Throttled { retry_after_s } => count(lang, Key::ErrThrottled, *retry_after_s),
        ApiError::Internal(_) => t(lang, Key::ErrServer).into(),
        ApiError::Network(_) => t(lang, Key::ErrNetwork).into(),
    }
}
