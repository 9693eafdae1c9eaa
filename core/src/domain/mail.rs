//! What admins are told about the server's mail.

use super::code_enum::code_enum;
use serde::{Deserialize, Serialize};

/// Whether the server can send mail, and how many letters wait.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailStatus {
    /// An SMTP server (or a mail directory) is set.
    pub configured: bool,
    /// Letters queued and not yet sent.
    pub waiting: u64,
}

impl MailStatus {
    /// Admins are warned while nothing can leave.
    pub fn needs_attention(&self) -> bool {
        !self.configured
    }
}

code_enum!(
    /// Why the server itself could not send a letter; kept on the record as
    /// this code so each device shows it in its user's language (a mail
    /// server's own refusal is kept in its words).
    MailFailure {
        OptedOut => "opted_out",
        NoAddress => "no_address",
        Gone => "gone",
    }
);

impl MailFailure {
    /// For logs and the command line.
    pub fn english(self) -> &'static str {
        match self {
            MailFailure::OptedOut => "every addressee asked not to receive proposals",
            MailFailure::NoAddress => {
                "no e-mail address: add one to the contact person or the card"
            }
            MailFailure::Gone => "the client or the author is gone",
        }
    }
}
