//! What admins are told about the server's mail.

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
