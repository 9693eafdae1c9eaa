//! What an import of accounting documents did, row by row where a row
//! failed. Kept small however long the file: problems beyond the first
//! [`MAX_LISTED`] are counted, not listed.

use super::import_row::RowProblem;
use serde::{Deserialize, Serialize};

/// Problems listed in full; the rest are only counted.
pub const MAX_LISTED: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Data rows read (the header not counted).
    pub rows: u64,
    pub created: u64,
    /// Documents whose values changed since the last import (audited).
    pub updated: u64,
    pub unchanged: u64,
    /// Rows repeating a document earlier in the same file.
    pub repeated: u64,
    pub failed: u64,
    /// The first problems, each with its line in the file (1 = header).
    pub problems: Vec<LineProblem>,
    /// Nothing was written: the import was a preview.
    pub preview: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    pub line: u64,
    pub problem: RowProblem,
}

impl ImportReport {
    pub fn failed_on(&mut self, line: u64, problem: RowProblem) {
        self.failed += 1;
        if self.problems.len() < MAX_LISTED {
            self.problems.push(LineProblem { line, problem });
        }
    }

    /// One line for the command line and the log.
    pub fn summary(&self) -> String {
        format!(
            "{} rows: {} created, {} updated, {} unchanged, {} repeated, {} failed{}",
            self.rows,
            self.created,
            self.updated,
            self.unchanged,
            self.repeated,
            self.failed,
            if self.preview {
                " (preview: nothing saved)"
            } else {
                ""
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::receivables::import_row::Column;

    #[test]
    fn problems_past_the_list_are_counted() {
        let mut r = ImportReport::default();
        for line in 0..(MAX_LISTED as u64 + 5) {
            r.failed_on(
                line,
                RowProblem::Missing {
                    column: Column::Amount,
                },
            );
        }
        assert_eq!(r.failed, MAX_LISTED as u64 + 5);
        assert_eq!(r.problems.len(), MAX_LISTED);
        assert!(r.summary().ends_with("205 failed"), "{}", r.summary());
    }
}
