//! Names of proposal statuses in the catalogue, and of proposal languages.

use crate::domain::mail::MailFailure;
use crate::domain::proposal::ProposalStatus;
use crate::domain::user::Language;
use crate::i18n::{Key, t};

pub fn status(s: ProposalStatus) -> Key {
    match s {
        ProposalStatus::Draft => Key::PropDraft,
        ProposalStatus::Queued => Key::PropQueued,
        ProposalStatus::Sent => Key::PropSent,
        ProposalStatus::Accepted => Key::PropAccepted,
        ProposalStatus::Declined => Key::PropDeclined,
        ProposalStatus::Expired => Key::PropExpired,
        ProposalStatus::Failed => Key::PropFailed,
    }
}

/// A language named in itself, as people look for their own.
pub fn language(l: Language) -> &'static str {
    match l {
        Language::Lv => "Latviešu",
        Language::En => "English",
        Language::Ru => "Русский",
    }
}

/// Why a proposal was not sent, in `lang`: the server's own reasons are
/// codes; a mail server's refusal is shown in its words.
pub fn failure(lang: Language, raw: &str) -> String {
    match MailFailure::parse(raw) {
        Some(MailFailure::OptedOut) => t(lang, Key::FailOptedOut).into(),
        Some(MailFailure::NoAddress) => t(lang, Key::FailNoAddress).into(),
        Some(MailFailure::Gone) => t(lang, Key::FailGone).into(),
        Some(MailFailure::NothingOverdue) => t(lang, Key::FailNothingOverdue).into(),
        None => raw.to_string(),
    }
}
