//! Reading the price list's file, as the firm's system exports it: a header
//! row naming the item's code and name (and, if there, its product group
//! and unit) in Latvian, English or Russian; every other named column is a
//! price type, its cells the item's prices of that type, the first such
//! column the base price. Each row is checked on its own, so a report can
//! name every bad line at once; one bad line keeps the whole list out.

use super::price_list::{
    self, MAX_CODE, MAX_GROUP, MAX_NAME, MAX_PRICE_TYPE, MAX_PRICE_TYPES, MAX_UNIT, PriceItem,
    TypePrice,
};
use super::text;
use super::validation::Problem;
use serde::{Deserialize, Serialize};

/// Where each of the item's own columns is, and the price types' columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    code: usize,
    name: usize,
    group: Option<usize>,
    unit: Option<usize>,
    prices: Vec<(usize, String)>,
}

/// A problem with the header row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum HeaderProblem {
    /// No column is the item's code (or name).
    Missing(String),
    /// No column holds a price type.
    NoPriceType,
    TooManyPriceTypes {
        max: usize,
    },
    TooManyItems {
        max: usize,
    },
    /// Two columns with the same name.
    Repeated(String),
}

/// A bad cell of one line: the column's name as the file has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    pub column: String,
    pub problem: Problem,
}

const CODE: &[&str] = &[
    "kods",
    "code",
    "код",
    "artikuls",
    "artikula nr.",
    "sku",
    "артикул",
];
const NAME: &[&str] = &[
    "nosaukums",
    "name",
    "наименование",
    "название",
    "prece",
    "item",
];
const GROUP: &[&str] = &["grupa", "group", "группа", "preču grupa", "product group"];
const UNIT: &[&str] = &["mērvienība", "mērv.", "unit", "единица", "ед.", "ед. изм."];

fn is(names: &[&str], header: &str) -> bool {
    let h = header.trim().to_lowercase();
    names.contains(&h.as_str())
}

/// Finds the columns in the header row.
pub fn columns(header: &[String]) -> Result<Columns, HeaderProblem> {
    let find = |names: &[&str]| header.iter().position(|h| is(names, h));
    let code = find(CODE).ok_or_else(|| HeaderProblem::Missing("code".into()))?;
    let name = find(NAME).ok_or_else(|| HeaderProblem::Missing("name".into()))?;
    let (group, unit) = (find(GROUP), find(UNIT));
    let mut prices: Vec<(usize, String)> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let own = [Some(code), Some(name), group, unit].contains(&Some(i));
        let h = h.trim();
        if own || h.is_empty() {
            continue;
        }
        if prices
            .iter()
            .any(|(_, t)| t.to_lowercase() == h.to_lowercase())
        {
            return Err(HeaderProblem::Repeated(h.to_string()));
        }
        prices.push((i, h.chars().take(MAX_PRICE_TYPE).collect()));
    }
    if prices.is_empty() {
        return Err(HeaderProblem::NoPriceType);
    }
    if prices.len() > MAX_PRICE_TYPES {
        return Err(HeaderProblem::TooManyPriceTypes {
            max: MAX_PRICE_TYPES,
        });
    }
    Ok(Columns {
        code,
        name,
        group,
        unit,
        prices,
    })
}

impl Columns {
    /// The price types, in the file's order (the first is the base).
    pub fn price_types(&self) -> Vec<String> {
        self.prices.iter().map(|(_, t)| t.clone()).collect()
    }

    /// The code column's name as the file has it.
    pub fn code_column(&self, header: &[String]) -> String {
        header.get(self.code).cloned().unwrap_or_default()
    }

    /// One line of the file as an item, or every problem it has.
    pub fn item(&self, header: &[String], cells: &[String]) -> Result<PriceItem, Vec<CellProblem>> {
        let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or_default();
        let mut problems = Vec::new();
        let mut check = |i: usize, r: Result<Option<String>, Problem>| match r {
            Ok(v) => v,
            Err(problem) => {
                problems.push(CellProblem {
                    column: header.get(i).cloned().unwrap_or_default(),
                    problem,
                });
                None
            }
        };
        let code = check(
            self.code,
            text::required(cell(self.code), MAX_CODE).map(Some),
        );
        let name = check(
            self.name,
            text::required(cell(self.name), MAX_NAME).map(Some),
        );
        let group = self
            .group
            .and_then(|i| check(i, text::optional(cell(i), MAX_GROUP)));
        let unit = self
            .unit
            .and_then(|i| check(i, text::optional(cell(i), MAX_UNIT)));
        let mut prices = Vec::new();
        for (i, price_type) in &self.prices {
            match price_list::read_price(cell(*i)) {
                Ok(Some(price)) => prices.push(TypePrice {
                    price_type: price_type.clone(),
                    price,
                }),
                Ok(None) => {}
                Err(problem) => problems.push(CellProblem {
                    column: price_type.clone(),
                    problem,
                }),
            }
        }
        if code
            .as_deref()
            .is_some_and(|c| c.contains(char::is_whitespace))
        {
            problems.push(CellProblem {
                column: header.get(self.code).cloned().unwrap_or_default(),
                problem: Problem::Malformed,
            });
        }
        match (code, name) {
            (Some(code), Some(name)) if problems.is_empty() => Ok(PriceItem {
                code,
                name,
                group,
                unit,
                prices,
                withdrawn: false,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn the_header_names_the_items_columns_and_the_rest_are_price_types() {
        let h = row(&[
            "Kods",
            "Nosaukums",
            "Grupa",
            "Mērvienība",
            "Mazumtirdzniecība",
            "Vairumtirdzniecība",
        ]);
        let c = columns(&h).unwrap();
        assert_eq!(c.price_types(), ["Mazumtirdzniecība", "Vairumtirdzniecība"]);
        let i = c
            .item(
                &h,
                &row(&["A-100", "Skrūves", "Stiprinājumi", "kaste", "12,40", ""]),
            )
            .unwrap();
        assert_eq!(i.code, "A-100");
        assert_eq!(i.unit.as_deref(), Some("kaste"));
        assert_eq!(i.prices.len(), 1);
        assert_eq!(i.prices[0].price, "12.40".parse().unwrap());
        let ru = row(&["Артикул", "Наименование", "Опт"]);
        assert_eq!(columns(&ru).unwrap().price_types(), ["Опт"]);
    }

    #[test]
    fn a_header_without_code_name_or_prices_is_refused() {
        assert_eq!(
            columns(&row(&["Nosaukums", "Cena"])),
            Err(HeaderProblem::Missing("code".into()))
        );
        assert_eq!(
            columns(&row(&["Kods", "Nosaukums", "Grupa"])),
            Err(HeaderProblem::NoPriceType)
        );
        assert_eq!(
            columns(&row(&["Kods", "Nosaukums", "Cena", "cena"])),
            Err(HeaderProblem::Repeated("cena".into()))
        );
    }

    #[test]
    fn every_bad_cell_of_a_line_is_named() {
        let h = row(&["Code", "Name", "Retail", "Wholesale"]);
        let c = columns(&h).unwrap();
        let problems = c.item(&h, &row(&["A 1", "", "-3", "x"])).unwrap_err();
        let named: Vec<(&str, &Problem)> = problems
            .iter()
            .map(|p| (p.column.as_str(), &p.problem))
            .collect();
        assert!(named.contains(&("Name", &Problem::Required)), "{named:?}");
        assert!(
            named.contains(&("Retail", &Problem::NegativeAmount)),
            "{named:?}"
        );
        assert!(
            named.contains(&("Wholesale", &Problem::InvalidAmount)),
            "{named:?}"
        );
        assert!(named.contains(&("Code", &Problem::Malformed)), "{named:?}");
    }
}
