//! An accounting export sent from the import page: the file's text, the
//! source it came from, corrections to how it is read, and whether it is
//! only a preview. `run` names the import so the page can ask how far it
//! has got while it runs.

use super::import_row::Adjust;
use crate::domain::validation::{Issue, Issues, Problem};
use serde::{Deserialize, Serialize};

/// The largest file the page sends (a 100,000-row export is ~8 MB); larger
/// ones go through `kartoteka import documents`, which streams.
pub const MAX_BYTES: usize = 24 * 1024 * 1024;
const MAX_SOURCE: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upload {
    pub run: String,
    pub source: String,
    pub text: String,
    pub adjust: Adjust,
    pub preview: bool,
}

impl Upload {
    pub fn validate(&self) -> Result<(), Issues> {
        let mut issues = Vec::new();
        let source = self.source.trim();
        if source.is_empty() {
            issues.push(Issue::new("source", Problem::Required));
        } else if source.chars().count() > MAX_SOURCE {
            issues.push(Issue::new("source", Problem::TooLong { max: MAX_SOURCE }));
        }
        if self.text.trim().is_empty() {
            issues.push(Issue::new("file", Problem::Required));
        } else if self.text.len() > MAX_BYTES {
            issues.push(Issue::new(
                "file",
                Problem::FileTooLarge {
                    max_mb: MAX_BYTES / (1024 * 1024),
                },
            ));
        }
        if self.run.is_empty() || self.run.len() > 64 {
            issues.push(Issue::new("run", Problem::Malformed));
        }
        if issues.is_empty() {
            Ok(())
        } else {
            Err(Issues(issues))
        }
    }
}
