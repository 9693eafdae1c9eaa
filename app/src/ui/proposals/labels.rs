//! Names of proposal statuses in the catalogue, and of proposal languages.

use crate::domain::proposal::ProposalStatus;
use crate::domain::user::Language;
use crate::i18n::Key;

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
