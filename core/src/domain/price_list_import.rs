//! An import of the price list: the file's lines read into items (every
//! bad line named, and then nothing is written), compared with the list
//! as stored: which items are new, which changed, which are the same, and
//! which are gone from the file (withdrawn, never deleted: proposals name
//! them). The report says it all, for a preview and for the real run.

use super::price_list::{MAX_ITEMS, PriceItem};
use super::price_list_file::{CellProblem, HeaderProblem, columns};
use super::validation::Problem;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// How many bad lines a report lists (the count covers them all).
pub const MAX_LISTED: usize = 200;

/// A bad line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblems {
    /// The file's line (the header is line 1).
    pub line: usize,
    pub code: String,
    pub cells: Vec<CellProblem>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceListReport {
    pub preview: bool,
    /// Items read from the file.
    pub items: usize,
    pub price_types: Vec<String>,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Gone from the file: withdrawn now.
    pub withdrawn: usize,
    pub header: Option<HeaderProblem>,
    /// The first `MAX_LISTED` bad lines.
    pub problems: Vec<LineProblems>,
    pub bad_lines: usize,
    /// Whether the list was stored (not a preview, nothing bad).
    pub written: bool,
}

impl PriceListReport {
    pub fn is_bad(&self) -> bool {
        self.header.is_some() || self.bad_lines > 0
    }
}

/// The file's lines (`rows`, after the header, each with its line number)
/// read into items; the report names what is wrong. A code seen twice is
/// wrong on its second line.
pub fn read(
    header: &[String],
    rows: impl IntoIterator<Item = (usize, Vec<String>)>,
) -> (Vec<PriceItem>, PriceListReport) {
    let mut report = PriceListReport::default();
    let cols = match columns(header) {
        Ok(c) => c,
        Err(h) => {
            report.header = Some(h);
            return (Vec::new(), report);
        }
    };
    report.price_types = cols.price_types();
    let mut items = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let bad = |report: &mut PriceListReport, p: LineProblems| {
        report.bad_lines += 1;
        if report.problems.len() < MAX_LISTED {
            report.problems.push(p);
        }
    };
    for (line, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match cols.item(header, &cells) {
            Ok(item) if !seen.insert(item.code.to_lowercase()) => bad(
                &mut report,
                LineProblems {
                    line,
                    code: item.code,
                    cells: vec![CellProblem {
                        column: cols.code_column(header),
                        problem: Problem::Taken,
                    }],
                },
            ),
            Ok(item) => items.push(item),
            Err(cells_wrong) => {
                let code = cells.first().cloned().unwrap_or_default();
                bad(
                    &mut report,
                    LineProblems {
                        line,
                        code,
                        cells: cells_wrong,
                    },
                )
            }
        }
        if items.len() > MAX_ITEMS {
            report.header = Some(HeaderProblem::TooManyItems { max: MAX_ITEMS });
            return (Vec::new(), report);
        }
    }
    report.items = items.len();
    (items, report)
}

/// What storing `read` over `stored` changes: the items to write (new,
/// changed, back on the list, or withdrawn now), with the counts in
/// `report`.
pub fn changes(
    stored: &[PriceItem],
    read: Vec<PriceItem>,
    report: &mut PriceListReport,
) -> Vec<PriceItem> {
    let before: HashMap<&str, &PriceItem> = stored.iter().map(|i| (i.code.as_str(), i)).collect();
    let in_file: HashSet<String> = read.iter().map(|i| i.code.clone()).collect();
    let mut write = Vec::new();
    for item in read {
        match before.get(item.code.as_str()) {
            Some(old) if **old == item => report.unchanged += 1,
            Some(_) => {
                report.changed += 1;
                write.push(item);
            }
            None => {
                report.added += 1;
                write.push(item);
            }
        }
    }
    for old in stored {
        if !old.withdrawn && !in_file.contains(&old.code) {
            report.withdrawn += 1;
            write.push(PriceItem {
                withdrawn: true,
                ..old.clone()
            });
        }
    }
    write
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::price_list::TypePrice;
    use proptest::prelude::*;

    fn cells(c: &[&str]) -> Vec<String> {
        c.iter().map(|s| s.to_string()).collect()
    }

    fn header() -> Vec<String> {
        cells(&["Kods", "Nosaukums", "Grupa", "Bāzes", "Vairumtirdzniecība"])
    }

    #[test]
    fn every_bad_line_is_named_and_a_repeated_code_is_bad() {
        let rows = vec![
            (
                2,
                cells(&["A-1", "Skrūves", "Stiprinājumi", "1,20", "0,99"]),
            ),
            (3, cells(&["A-2", "", "", "x", ""])),
            (4, cells(&["", "", "", "", ""])),
            (5, cells(&["a-1", "Skrūves vēlreiz", "", "1", ""])),
        ];
        let (items, report) = read(&header(), rows);
        assert_eq!(items.len(), 1);
        assert_eq!(report.bad_lines, 2);
        assert_eq!(report.problems[0].line, 3);
        assert_eq!(report.problems[0].cells.len(), 2);
        assert_eq!(report.problems[1].line, 5);
        assert_eq!(report.problems[1].cells[0].problem, Problem::Taken);
        assert_eq!(report.problems[1].cells[0].column, "Kods");
        assert!(report.is_bad());
        assert_eq!(report.price_types, ["Bāzes", "Vairumtirdzniecība"]);
    }

    fn item(code: &str, price: i64) -> PriceItem {
        PriceItem {
            code: code.into(),
            name: format!("Prece {code}"),
            group: None,
            unit: None,
            prices: vec![TypePrice {
                price_type: "Bāzes".into(),
                price: rust_decimal::Decimal::new(price, 2),
            }],
            withdrawn: false,
        }
    }

    #[test]
    fn new_changed_same_and_gone_items_are_told_apart() {
        let stored = vec![item("A", 100), item("B", 200), item("C", 300), {
            let mut d = item("D", 400);
            d.withdrawn = true;
            d
        }];
        let read = vec![
            item("A", 100),
            item("B", 250),
            item("D", 400),
            item("E", 500),
        ];
        let mut report = PriceListReport::default();
        let write = changes(&stored, read, &mut report);
        assert_eq!(
            (
                report.added,
                report.changed,
                report.unchanged,
                report.withdrawn
            ),
            (1, 2, 1, 1)
        );
        let codes: Vec<(&str, bool)> = write
            .iter()
            .map(|i| (i.code.as_str(), i.withdrawn))
            .collect();
        assert_eq!(
            codes,
            [("B", false), ("D", false), ("E", false), ("C", true)]
        );
    }

    proptest! {
        /// Importing the same file twice changes nothing the second time,
        /// and every stored item is accounted for once.
        #[test]
        fn an_import_is_idempotent_and_counts_every_item(
            stored_codes in proptest::collection::btree_set("[A-F]", 0..6),
            file_codes in proptest::collection::btree_set("[A-F]", 0..6),
            price in 0i64..1000,
        ) {
            let stored: Vec<PriceItem> = stored_codes.iter().map(|c| item(c, 100)).collect();
            let read: Vec<PriceItem> = file_codes.iter().map(|c| item(c, price)).collect();
            let mut first = PriceListReport::default();
            let write = changes(&stored, read.clone(), &mut first);
            prop_assert_eq!(first.added + first.changed + first.unchanged, read.len());
            prop_assert_eq!(
                first.unchanged + first.changed + first.withdrawn,
                stored.len()
            );
            let mut after: HashMap<String, PriceItem> =
                stored.into_iter().map(|i| (i.code.clone(), i)).collect();
            for w in write {
                after.insert(w.code.clone(), w);
            }
            let after: Vec<PriceItem> = after.into_values().collect();
            let mut second = PriceListReport::default();
            prop_assert!(changes(&after, read, &mut second).is_empty());
            prop_assert_eq!(second.changed + second.added + second.withdrawn, 0);
        }
    }
}
