//! An accounting export sent from the import page: the file (CSV or XLSX,
//! base64 in the JSON), the source it came from, corrections to how it is
//! read, and whether it is only a preview. `run` names the import so the
//! page can ask how far it has got while it runs.

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
    /// The file's bytes, base64.
    pub data: String,
    pub adjust: Adjust,
    pub preview: bool,
}

impl Upload {
    pub fn bytes(&self) -> Option<Vec<u8>> {
        crate::domain::contract_scan::decode(&self.data)
    }

    pub fn validate(&self) -> Result<(), Issues> {
        let mut issues = Vec::new();
        let source = self.source.trim();
        if source.is_empty() {
            issues.push(Issue::new("source", Problem::Required));
        } else if source.chars().count() > MAX_SOURCE {
            issues.push(Issue::new("source", Problem::TooLong { max: MAX_SOURCE }));
        }
        if self.data.is_empty() {
            issues.push(Issue::new("file", Problem::Required));
        } else if self.data.len() / 4 * 3 > MAX_BYTES {
            issues.push(Issue::new(
                "file",
                Problem::FileTooLarge {
                    max_mb: MAX_BYTES / (1024 * 1024),
                },
            ));
        }
        if !self.data.is_empty() && self.bytes().is_none() {
            issues.push(Issue::new("file", Problem::Malformed));
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
