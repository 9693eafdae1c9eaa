//! Reading one row of an accounting export: which column holds what (a
//! mapping, saved per source), numbers and dates as the file's locale
//! writes them, and the problem with a row that cannot be read. A row is
//! never guessed at: what does not parse is reported with its line.

use super::document::{CURRENCY, DocFields, DocKind, key};
use crate::domain::code_enum::code_enum;
use crate::domain::registration;
use crate::domain::validation::Issue;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::str::FromStr;

code_enum!(
    /// What a column of the file holds.
    Column {
        Kind => "kind",
        Number => "number",
        Client => "client",
        Date => "date",
        Due => "due",
        Amount => "amount",
        Currency => "currency",
        Reference => "reference",
    }
);

code_enum!(
    /// The decimal mark of the file's numbers: "1 234,56" or "1,234.56".
    DecimalMark {
        Comma => "comma",
        Dot => "dot",
    }
);

code_enum!(
    /// How the file writes a day other than ISO `2026-11-30` (always read):
    /// day first (`30.11.2026`, `30/11/2026`) or month first (`11/30/2026`).
    DateOrder {
        DayFirst => "day_first",
        MonthFirst => "month_first",
    }
);

/// How a source's files are read; saved per source, so the next file from
/// the same accounting system needs no questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    /// The header of each column used.
    pub columns: BTreeMap<Column, String>,
    /// Every row is of this type (a file without a type column).
    pub kind: Option<DocKind>,
    pub decimal: DecimalMark,
    pub dates: DateOrder,
    /// The field separator.
    pub delimiter: char,
}

/// Names accounting exports give each column, in Latvian, English and
/// Russian, compared without case and trailing dots or colons.
const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Kind,
        &[
            "kind",
            "type",
            "document type",
            "doc type",
            "veids",
            "dokumenta veids",
            "dokumenta tips",
            "тип",
            "вид",
            "тип документа",
        ],
    ),
    (
        Column::Number,
        &[
            "number",
            "no",
            "nr",
            "doc no",
            "document number",
            "invoice number",
            "numurs",
            "dokumenta nr",
            "dokumenta numurs",
            "номер",
            "№",
            "номер документа",
        ],
    ),
    (
        Column::Client,
        &[
            "client",
            "customer",
            "client id",
            "reg no",
            "registration number",
            "klients",
            "pircējs",
            "reģ nr",
            "reģ. nr",
            "reģistrācijas nr",
            "reģistrācijas numurs",
            "клиент",
            "покупатель",
            "рег. номер",
            "рег номер",
        ],
    ),
    (
        Column::Date,
        &[
            "date",
            "document date",
            "datums",
            "dokumenta datums",
            "дата",
            "дата документа",
        ],
    ),
    (
        Column::Due,
        &[
            "due",
            "due date",
            "apmaksas termiņš",
            "termiņš",
            "samaksas termiņš",
            "срок оплаты",
            "срок",
        ],
    ),
    (
        Column::Amount,
        &["amount", "sum", "total", "summa", "kopā", "сумма", "итого"],
    ),
    (Column::Currency, &["currency", "valūta", "валюта"]),
    (
        Column::Reference,
        &[
            "reference",
            "ref",
            "atsauce",
            "pamatojums",
            "maksājuma mērķis",
            "назначение",
            "ссылка",
            "основание",
        ],
    ),
];

fn plain(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase()
}

impl Mapping {
    /// The mapping a file's headers suggest, for a source seen the first
    /// time: each column whose header is a known name, numbers with the
    /// decimal mark that goes with the separator (a comma with `;`).
    pub fn guess(headers: &[String], delimiter: char) -> Mapping {
        let mut columns = BTreeMap::new();
        for h in headers {
            let p = plain(h);
            if let Some((c, _)) = HEADERS
                .iter()
                .find(|(_, names)| names.contains(&p.as_str()))
            {
                columns
                    .entry(*c)
                    .or_insert_with(|| h.trim().trim_start_matches('\u{feff}').to_string());
            }
        }
        Mapping {
            columns,
            kind: None,
            decimal: if delimiter == ',' {
                DecimalMark::Dot
            } else {
                DecimalMark::Comma
            },
            dates: DateOrder::DayFirst,
            delimiter,
        }
    }

    /// Where each mapped column is in a file with `headers`, or which
    /// columns it lacks.
    pub fn resolve(&self, headers: &[String]) -> Result<Resolved, Vec<Column>> {
        let mut at = [None; 8];
        let mut missing = Vec::new();
        for (i, c) in Column::ALL.iter().enumerate() {
            let found = self.columns.get(c).and_then(|name| {
                let want = plain(name);
                headers.iter().position(|h| plain(h) == want)
            });
            at[i] = found;
            let required = match c {
                Column::Number | Column::Client | Column::Date | Column::Amount => true,
                Column::Kind => self.kind.is_none(),
                Column::Due | Column::Currency | Column::Reference => false,
            };
            if required && found.is_none() {
                missing.push(*c);
            }
        }
        if missing.is_empty() {
            Ok(Resolved { at })
        } else {
            Err(missing)
        }
    }
}

/// Corrections to a source's mapping (from the command line or the import
/// page); what is not given stays as saved or guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjust {
    pub columns: Vec<(Column, String)>,
    pub kind: Option<DocKind>,
    pub decimal: Option<DecimalMark>,
    pub dates: Option<DateOrder>,
    pub delimiter: Option<char>,
}

impl Adjust {
    pub fn is_empty(&self) -> bool {
        *self == Adjust::default()
    }

    pub fn apply(&self, mut m: Mapping) -> Mapping {
        for (c, header) in &self.columns {
            m.columns.insert(*c, header.clone());
        }
        m.kind = self.kind.or(m.kind);
        m.decimal = self.decimal.unwrap_or(m.decimal);
        m.dates = self.dates.unwrap_or(m.dates);
        m.delimiter = self.delimiter.unwrap_or(m.delimiter);
        m
    }
}

/// A mapping laid over one file's headers.
#[derive(Debug, Clone, Copy)]
pub struct Resolved {
    at: [Option<usize>; 8],
}

/// Whom a row is about: a registration number (11 digits, with or without
/// the VAT prefix `LV`) or Kartoteka's own client id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClientRef {
    RegNo(String),
    Id(String),
}

impl ClientRef {
    pub fn read(cell: &str) -> ClientRef {
        match reg_no_digits(cell) {
            Some(digits) => ClientRef::RegNo(digits),
            None => ClientRef::Id(cell.trim().to_string()),
        }
    }

    /// Whether a registration number's check digit holds (an id: always).
    pub fn plausible(&self) -> bool {
        match self {
            ClientRef::RegNo(r) => registration::normalize_reg_no(r).is_ok(),
            ClientRef::Id(id) => !id.is_empty(),
        }
    }
}

/// The 11 digits of a registration number written with or without spaces
/// and the VAT prefix `LV`; `None` for anything else.
fn reg_no_digits(cell: &str) -> Option<String> {
    let compact: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = compact
        .strip_prefix("LV")
        .or_else(|| compact.strip_prefix("lv"))
        .unwrap_or(&compact);
    (digits.len() == 11 && digits.chars().all(|c| c.is_ascii_digit())).then(|| digits.to_string())
}

/// A row read, before its client is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowDoc {
    pub client: ClientRef,
    pub kind: DocKind,
    pub number: String,
    pub date: NaiveDate,
    pub due: Option<NaiveDate>,
    pub amount: Decimal,
    pub currency: String,
    pub reference: Option<String>,
}

impl RowDoc {
    pub fn key(&self) -> String {
        key(self.kind, &self.number)
    }

    pub fn fields(&self, client_id: &str) -> DocFields {
        DocFields {
            client_id: client_id.to_string(),
            kind: self.kind,
            number: self.number.clone(),
            date: self.date,
            due: self.due,
            amount: self.amount,
            currency: self.currency.clone(),
            reference: self.reference.clone(),
        }
    }

    /// The row, if the document's own rules hold for it (its client is
    /// found later).
    fn checked(self) -> Result<RowDoc, RowProblem> {
        self.fields("-")
            .validate()
            .map_err(|e| RowProblem::Invalid { issues: e.0 })?;
        Ok(self)
    }
}

/// Why a row was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum RowProblem {
    Missing {
        column: Column,
    },
    UnknownKind {
        value: String,
    },
    BadAmount {
        value: String,
    },
    BadDate {
        column: Column,
        value: String,
    },
    /// A registration number with a wrong check digit.
    BadClient {
        value: String,
    },
    UnknownClient {
        value: String,
    },
    /// The document's values break a rule (`DocFields::validate`).
    Invalid {
        issues: Vec<Issue>,
    },
    /// The same type and number earlier in the file with another amount.
    Conflicting {
        number: String,
        line: u64,
    },
    /// The document was imported before for another client: accounting
    /// corrects that with a credit note, never by moving a document.
    OtherClient {
        number: String,
    },
    /// The file's row is not as wide as its header, or not text.
    Unreadable {
        reason: String,
    },
}

impl RowProblem {
    /// In English, for the command line and API clients.
    pub fn describe(&self) -> String {
        match self {
            RowProblem::Missing { column } => format!("no {}", column.code()),
            RowProblem::UnknownKind { value } => {
                format!("document type \"{value}\" is not an invoice, credit note or payment")
            }
            RowProblem::BadAmount { value } => {
                format!("amount \"{value}\" is not a number in this file's format")
            }
            RowProblem::BadDate { column, value } => {
                format!(
                    "{} \"{value}\" is not a date in this file's format",
                    column.code()
                )
            }
            RowProblem::BadClient { value } => {
                format!("client \"{value}\" is not a valid registration number")
            }
            RowProblem::UnknownClient { value } => format!("no client \"{value}\""),
            RowProblem::Invalid { issues } => issues
                .iter()
                .map(Issue::describe)
                .collect::<Vec<_>>()
                .join("; "),
            RowProblem::Conflicting { number, line } => {
                format!("document {number} is on line {line} with another amount")
            }
            RowProblem::OtherClient { number } => {
                format!("document {number} was imported before for another client")
            }
            RowProblem::Unreadable { reason } => reason.clone(),
        }
    }
}

/// Document types as exports name them.
const KINDS: &[(DocKind, &[&str])] = &[
    (
        DocKind::Invoice,
        &[
            "invoice",
            "inv",
            "rēķins",
            "rekins",
            "pavadzīme",
            "счёт",
            "счет",
            "счёт-фактура",
            "счет-фактура",
        ],
    ),
    (
        DocKind::CreditNote,
        &[
            "credit_note",
            "credit note",
            "credit",
            "kredītrēķins",
            "kredītnota",
            "kredīts",
            "кредит-нота",
            "кредитовое авизо",
            "кредит",
        ],
    ),
    (
        DocKind::Payment,
        &[
            "payment",
            "paid",
            "maksājums",
            "apmaksa",
            "samaksa",
            "платёж",
            "платеж",
            "оплата",
        ],
    ),
];

fn read_kind(cell: &str) -> Option<DocKind> {
    let p = plain(cell);
    KINDS
        .iter()
        .find(|(_, names)| names.contains(&p.as_str()))
        .map(|(k, _)| *k)
}

/// An amount as the file writes it: thousands grouped by spaces or by the
/// other mark in threes, a leading minus, an optional "€" or "EUR".
pub fn read_amount(cell: &str, mark: DecimalMark) -> Option<Decimal> {
    let (decimal, group) = match mark {
        DecimalMark::Comma => (',', '.'),
        DecimalMark::Dot => ('.', ','),
    };
    let s: String = cell
        .trim()
        .trim_end_matches('€')
        .trim_end_matches("EUR")
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let (negative, s) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = match s.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split(group).collect();
    let grouped_in_threes = groups.iter().skip(1).all(|g| g.len() == 3);
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !groups.iter().all(|g| digits(g)) || !grouped_in_threes || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    let text = match frac {
        Some(f) => format!("{}.{f}", groups.concat()),
        None => groups.concat(),
    };
    let value = Decimal::from_str(&text).ok()?;
    Some(if negative { -value } else { value })
}

/// An amount written plainly, as an API sends it: an optional minus,
/// digits, and a dot before the cents. No grouping, no currency sign: a
/// `1,234` could be either locale's, so it is refused rather than guessed.
pub fn read_plain_amount(text: &str) -> Option<Decimal> {
    let s = text.trim();
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    Decimal::from_str(s).ok()
}

/// An ISO day (`2026-11-30`), or the day of an ISO date-time.
pub fn read_iso_date(text: &str) -> Option<NaiveDate> {
    let s = text.trim();
    // A spreadsheet's or an API's date-time: the day is what counts.
    let s = s.split_once([' ', 'T']).map_or(s, |(d, _)| d);
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A day as the file writes it; ISO is always read.
pub fn read_date(cell: &str, order: DateOrder) -> Option<NaiveDate> {
    if let Some(d) = read_iso_date(cell) {
        return Some(d);
    }
    let s = cell.trim();
    let s = s.split_once([' ', 'T']).map_or(s, |(d, _)| d);
    let parts: Vec<&str> = s.split(['.', '/', '-']).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let (d, m) = match order {
        DateOrder::DayFirst => (a, b),
        DateOrder::MonthFirst => (b, a),
    };
    let num = |t: &str| t.parse::<u32>().ok();
    let year = i32::try_from(num(y)?).ok().filter(|y| *y >= 1000)?;
    NaiveDate::from_ymd_opt(year, num(m)?, num(d)?)
}

impl Resolved {
    fn cell<'a>(&self, cells: &[&'a str], c: Column) -> Option<&'a str> {
        let i = Column::ALL.iter().position(|x| *x == c)?;
        self.at[i]
            .and_then(|at| cells.get(at).copied())
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    /// One row read with `mapping`.
    pub fn read(&self, mapping: &Mapping, cells: &[&str]) -> Result<RowDoc, RowProblem> {
        let need = |c: Column| self.cell(cells, c).ok_or(RowProblem::Missing { column: c });
        let kind = match (self.cell(cells, Column::Kind), mapping.kind) {
            (Some(k), _) => read_kind(k).ok_or(RowProblem::UnknownKind { value: k.into() })?,
            (None, Some(k)) => k,
            (None, None) => {
                return Err(RowProblem::Missing {
                    column: Column::Kind,
                });
            }
        };
        let number = need(Column::Number)?.to_string();
        let client = ClientRef::read(need(Column::Client)?);
        if !client.plausible() {
            return Err(RowProblem::BadClient {
                value: need(Column::Client)?.into(),
            });
        }
        let day = |c: Column, v: &str| {
            read_date(v, mapping.dates).ok_or(RowProblem::BadDate {
                column: c,
                value: v.into(),
            })
        };
        let date = day(Column::Date, need(Column::Date)?)?;
        let due = match self.cell(cells, Column::Due) {
            Some(v) => Some(day(Column::Due, v)?),
            None => None,
        };
        let amount_text = need(Column::Amount)?;
        let amount = read_amount(amount_text, mapping.decimal).ok_or(RowProblem::BadAmount {
            value: amount_text.into(),
        })?;
        let currency = self
            .cell(cells, Column::Currency)
            .map(str::to_uppercase)
            .unwrap_or_else(|| CURRENCY.to_string());
        RowDoc {
            client,
            kind,
            number,
            date,
            due,
            amount,
            currency,
            reference: self.cell(cells, Column::Reference).map(str::to_string),
        }
        .checked()
    }
}

/// An amount an API sends: a string (`"1234.56"`) or a JSON number
/// (`1234.56`), kept as its text so it is read exactly, never through a
/// binary fraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct PushedAmount(pub String);

impl<'de> Deserialize<'de> for PushedAmount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = PushedAmount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an amount as a string or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PushedAmount, E> {
                Ok(PushedAmount(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PushedAmount, E> {
                Ok(PushedAmount(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PushedAmount, E> {
                Ok(PushedAmount(v.to_string()))
            }
            // The shortest text that reads back as the same number: what
            // the sender wrote, for any amount of up to 15 digits.
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<PushedAmount, E> {
                Ok(PushedAmount(v.to_string()))
            }
        }
        d.deserialize_any(Text)
    }
}

/// One document as an accounting system sends it through the API: each
/// value in its own field, days ISO, the amount with a dot. A value that is
/// absent or cannot be read is that document's problem, as a file's cell
/// is its row's; the other documents are still imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushedDoc {
    /// `invoice`, `credit_note` or `payment` (or a name an export uses).
    pub kind: Option<String>,
    pub number: Option<String>,
    /// The client's registration number (the VAT prefix allowed)…
    pub client_reg_no: Option<String>,
    /// … or Kartoteka's id of the client, which wins when both are given.
    pub client_id: Option<String>,
    pub date: Option<String>,
    pub due: Option<String>,
    pub amount: Option<PushedAmount>,
    /// EUR when absent.
    pub currency: Option<String>,
    pub reference: Option<String>,
}

impl PushedDoc {
    /// The document read with the same rules as a file's row.
    pub fn read(&self) -> Result<RowDoc, RowProblem> {
        fn given(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        fn need(v: &Option<String>, column: Column) -> Result<&str, RowProblem> {
            given(v).ok_or(RowProblem::Missing { column })
        }
        let kind_text = need(&self.kind, Column::Kind)?;
        let kind = read_kind(kind_text).ok_or(RowProblem::UnknownKind {
            value: kind_text.into(),
        })?;
        let number = need(&self.number, Column::Number)?.to_string();
        let client = match (given(&self.client_id), given(&self.client_reg_no)) {
            (Some(id), _) => ClientRef::Id(id.to_string()),
            (None, Some(reg)) => reg_no_digits(reg)
                .map(ClientRef::RegNo)
                .filter(ClientRef::plausible)
                .ok_or(RowProblem::BadClient { value: reg.into() })?,
            (None, None) => {
                return Err(RowProblem::Missing {
                    column: Column::Client,
                });
            }
        };
        let day = |column: Column, v: &str| {
            read_iso_date(v).ok_or(RowProblem::BadDate {
                column,
                value: v.into(),
            })
        };
        let date = day(Column::Date, need(&self.date, Column::Date)?)?;
        let due = match given(&self.due) {
            Some(v) => Some(day(Column::Due, v)?),
            None => None,
        };
        let amount_text = self
            .amount
            .as_ref()
            .map(|a| a.0.trim())
            .filter(|a| !a.is_empty())
            .ok_or(RowProblem::Missing {
                column: Column::Amount,
            })?;
        let amount = read_plain_amount(amount_text).ok_or(RowProblem::BadAmount {
            value: amount_text.into(),
        })?;
        RowDoc {
            client,
            kind,
            number,
            date,
            due,
            amount,
            currency: given(&self.currency).map_or_else(|| CURRENCY.to_string(), str::to_uppercase),
            reference: given(&self.reference).map(str::to_string),
        }
        .checked()
    }
}

/// The documents met so far in one file: the same document twice is read
/// once; twice with another amount is a problem, never a guess.
#[derive(Default)]
pub struct Seen {
    first: HashMap<String, (u64, Decimal)>,
}

impl Seen {
    /// Whether the row on `line` is new in the file (`Ok(false)`: a repeat).
    pub fn note(&mut self, row: &RowDoc, line: u64) -> Result<bool, RowProblem> {
        match self.first.get(&row.key()) {
            None => {
                self.first.insert(row.key(), (line, row.amount));
                Ok(true)
            }
            Some((_, amount)) if *amount == row.amount => Ok(false),
            Some((first, _)) => Err(RowProblem::Conflicting {
                number: row.number.clone(),
                line: *first,
            }),
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn amounts_are_read_in_the_files_locale() {
        use DecimalMark::*;
        assert_eq!(read_amount("1 234,56", Comma), Some(dec("1234.56")));
        assert_eq!(read_amount("1.234,56 €", Comma), Some(dec("1234.56")));
        assert_eq!(read_amount("-12,5", Comma), Some(dec("-12.5")));
        assert_eq!(read_amount("1,234.56", Dot), Some(dec("1234.56")));
        assert_eq!(read_amount("1234.56 EUR", Dot), Some(dec("1234.56")));
        assert_eq!(read_amount("1\u{a0}234.5", Dot), Some(dec("1234.5")));
        // The other locale's number is refused, not misread.
        assert_eq!(read_amount("1,234.56", Comma), None);
        assert_eq!(read_amount("1.23,4", Comma), None);
        assert_eq!(read_amount("12,34", Dot), None);
        assert_eq!(read_amount("", Dot), None);
        assert_eq!(read_amount("abc", Dot), None);
    }

    #[test]
    fn dates_are_read_in_the_files_order_and_iso_always() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(read_date("2026-11-03", DateOrder::MonthFirst), Some(d));
        assert_eq!(read_date("03.11.2026", DateOrder::DayFirst), Some(d));
        assert_eq!(read_date("3/11/2026", DateOrder::DayFirst), Some(d));
        assert_eq!(read_date("11/03/2026", DateOrder::MonthFirst), Some(d));
        assert_eq!(
            read_date("2026-11-03 00:00:00", DateOrder::DayFirst),
            Some(d)
        );
        assert_eq!(read_date("31.02.2026", DateOrder::DayFirst), None);
        assert_eq!(read_date("03.11.26", DateOrder::DayFirst), None);
    }

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_latvian_export_is_mapped_from_its_headers() {
        let h = headers(&[
            "\u{feff}Veids",
            "Nr.",
            "Reģ. nr.",
            "Datums",
            "Apmaksas termiņš",
            "Summa",
            "Valūta",
        ]);
        let m = Mapping::guess(&h, ';');
        assert_eq!(m.decimal, DecimalMark::Comma);
        assert_eq!(m.columns.len(), 7);
        let r = m.resolve(&h).unwrap();
        let row = r
            .read(
                &m,
                &[
                    "Rēķins",
                    "R-17",
                    "LV40003245752",
                    "02.11.2026",
                    "16.11.2026",
                    "1 210,00",
                    "eur",
                ],
            )
            .unwrap();
        assert_eq!(row.kind, DocKind::Invoice);
        assert_eq!(row.client, ClientRef::RegNo("40003245752".into()));
        assert_eq!(row.amount, dec("1210.00"));
        assert_eq!(row.due, NaiveDate::from_ymd_opt(2026, 11, 16));
        assert_eq!(row.currency, "EUR");
    }

    #[test]
    fn a_file_without_required_columns_says_which() {
        let h = headers(&["Number", "Date"]);
        let m = Mapping::guess(&h, ',');
        assert_eq!(
            m.resolve(&h).unwrap_err(),
            vec![Column::Kind, Column::Client, Column::Amount]
        );
        let only_payments = Mapping {
            kind: Some(DocKind::Payment),
            ..m
        };
        assert_eq!(
            only_payments.resolve(&h).unwrap_err(),
            vec![Column::Client, Column::Amount]
        );
    }

    #[test]
    fn each_bad_row_says_what_is_wrong() {
        let h = headers(&[
            "Type", "Number", "Client", "Date", "Due", "Amount", "Currency",
        ]);
        let m = Mapping::guess(&h, ',');
        let r = m.resolve(&h).unwrap();
        let read = |cells: [&str; 7]| r.read(&m, &cells).map(|_| ()).unwrap_err();
        assert_eq!(
            read(["bill", "1", "c1", "2026-11-02", "", "5", ""]),
            RowProblem::UnknownKind {
                value: "bill".into()
            }
        );
        assert_eq!(
            read(["invoice", "1", "c1", "2026-11-02", "", "5,00", ""]),
            RowProblem::BadAmount {
                value: "5,00".into()
            }
        );
        assert_eq!(
            read(["invoice", "1", "c1", "02.11.2026x", "", "5", ""]),
            RowProblem::BadDate {
                column: Column::Date,
                value: "02.11.2026x".into()
            }
        );
        assert_eq!(
            read(["invoice", "1", "40003245753", "2026-11-02", "", "5", ""]),
            RowProblem::BadClient {
                value: "40003245753".into()
            }
        );
        assert_eq!(
            read(["invoice", "", "c1", "2026-11-02", "", "5", ""]),
            RowProblem::Missing {
                column: Column::Number
            }
        );
        let RowProblem::Invalid { issues } =
            read(["credit", "1", "c1", "2026-11-02", "", "-5", "USD"])
        else {
            panic!("expected the document's own rules");
        };
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, vec!["amount", "currency"]);
    }

    #[test]
    fn a_document_twice_is_read_once_and_with_another_amount_refused() {
        let h = headers(&["Type", "Number", "Client", "Date", "Amount"]);
        let m = Mapping::guess(&h, ',');
        let r = m.resolve(&h).unwrap();
        let row = |amount: &str| {
            r.read(&m, &["payment", "P-1", "c1", "2026-11-02", amount])
                .unwrap()
        };
        let mut seen = Seen::default();
        assert_eq!(seen.note(&row("10"), 2), Ok(true));
        assert_eq!(seen.note(&row("10.00"), 3), Ok(false));
        assert_eq!(
            seen.note(&row("11"), 4),
            Err(RowProblem::Conflicting {
                number: "P-1".into(),
                line: 2
            })
        );
    }

    fn pushed(json: &str) -> PushedDoc {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_pushed_document_reads_as_a_files_row_would() {
        let doc = pushed(
            r#"{"kind":"invoice","number":"R-17","client_reg_no":"LV 40003245752","client_id":null,
                "date":"2026-11-02","due":"2026-12-02","amount":"1234.56","currency":"eur","reference":null}"#,
        );
        let row = doc.read().unwrap();
        assert_eq!(row.kind, DocKind::Invoice);
        assert_eq!(row.client, ClientRef::RegNo("40003245752".into()));
        assert_eq!(row.date, NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
        assert_eq!(row.due, NaiveDate::from_ymd_opt(2026, 12, 2));
        assert_eq!(row.amount, dec("1234.56"));
        assert_eq!(row.currency, "EUR");
        assert_eq!(row.reference, None);
        // Kartoteka's own id names the card, also beside a number.
        let by_id = pushed(
            r#"{"kind":"payment","number":"P-1","client_id":"c1","client_reg_no":"40003245752",
                "date":"2026-11-02T10:00:00Z","amount":-12.5}"#,
        );
        let row = by_id.read().unwrap();
        assert_eq!(row.client, ClientRef::Id("c1".into()));
        assert_eq!(row.amount, dec("-12.5"));
        assert_eq!(row.currency, CURRENCY);
    }

    #[test]
    fn a_json_number_is_read_exactly() {
        for (json, want) in [
            ("1234.56", "1234.56"),
            ("0.1", "0.1"),
            ("100", "100"),
            ("-40", "-40"),
            ("999999999.99", "999999999.99"),
        ] {
            let doc = pushed(&format!(
                r#"{{"kind":"payment","number":"1","client_id":"c1","date":"2026-11-02","amount":{json}}}"#
            ));
            assert_eq!(doc.read().map(|r| r.amount), Ok(dec(want)), "{json}");
        }
        // A string or a number, nothing else.
        let e = serde_json::from_str::<PushedDoc>(r#"{"amount":true}"#).unwrap_err();
        assert!(
            e.to_string().contains("an amount as a string or a number"),
            "{e}"
        );
        let e = serde_json::from_str::<PushedDoc>(r#"{"amout":"1"}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `amout`"), "{e}");
    }

    #[test]
    fn each_bad_pushed_document_says_what_is_wrong() {
        let good = || PushedDoc {
            kind: Some("invoice".into()),
            number: Some("R-1".into()),
            client_id: Some("c1".into()),
            date: Some("2026-11-02".into()),
            amount: Some(PushedAmount("5".into())),
            ..PushedDoc::default()
        };
        let problem = |edit: fn(&mut PushedDoc)| {
            let mut d = good();
            edit(&mut d);
            d.read().unwrap_err()
        };
        assert!(good().read().is_ok());
        assert_eq!(
            problem(|d| d.kind = Some("bill".into())),
            RowProblem::UnknownKind {
                value: "bill".into()
            }
        );
        assert_eq!(
            problem(|d| d.number = Some(" ".into())),
            RowProblem::Missing {
                column: Column::Number
            }
        );
        assert_eq!(
            problem(|d| d.client_id = None),
            RowProblem::Missing {
                column: Column::Client
            }
        );
        assert_eq!(
            problem(|d| {
                d.client_id = None;
                d.client_reg_no = Some("40003245753".into());
            }),
            RowProblem::BadClient {
                value: "40003245753".into()
            }
        );
        assert_eq!(
            problem(|d| {
                d.client_id = None;
                d.client_reg_no = Some("4000".into());
            }),
            RowProblem::BadClient {
                value: "4000".into()
            }
        );
        // Days are ISO: a day-first date is not guessed at.
        assert_eq!(
            problem(|d| d.date = Some("02.11.2026".into())),
            RowProblem::BadDate {
                column: Column::Date,
                value: "02.11.2026".into()
            }
        );
        assert_eq!(
            problem(|d| d.due = Some("2026-02-30".into())),
            RowProblem::BadDate {
                column: Column::Due,
                value: "2026-02-30".into()
            }
        );
        // Amounts are plain: grouping or a decimal comma is refused.
        for text in ["1,234.56", "12,5", "1 234", "5 EUR", "abc", "1e3", "-"] {
            let mut d = good();
            d.amount = Some(PushedAmount(text.into()));
            assert_eq!(
                d.read().unwrap_err(),
                RowProblem::BadAmount { value: text.into() },
                "{text}"
            );
        }
        assert_eq!(
            problem(|d| d.amount = None),
            RowProblem::Missing {
                column: Column::Amount
            }
        );
        // And the document's own rules, as for a file's row.
        let RowProblem::Invalid { issues } = problem(|d| {
            d.amount = Some(PushedAmount("-5.001".into()));
            d.currency = Some("USD".into());
        }) else {
            panic!("expected the document's own rules");
        };
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, vec!["amount", "amount", "currency"]);
    }

    #[test]
    fn plain_amounts_and_iso_days() {
        assert_eq!(read_plain_amount(" 1234.56 "), Some(dec("1234.56")));
        assert_eq!(read_plain_amount("-0.5"), Some(dec("-0.5")));
        assert_eq!(read_plain_amount(".5"), None);
        assert_eq!(read_plain_amount("5."), None);
        assert_eq!(read_plain_amount("+5"), None);
        assert_eq!(
            read_iso_date("2026-11-03"),
            NaiveDate::from_ymd_opt(2026, 11, 3)
        );
        assert_eq!(read_iso_date("03.11.2026"), None);
    }
}
