//! Why a row of an accounting export was not imported, in the user's
//! language, with the file's own value quoted.

use super::{catalog::Key, fill, problem_text, t};
use crate::domain::receivables::import_row::{Column, RowProblem};
use crate::domain::user::Language;

/// A column of the export by what it holds.
pub fn column_name(lang: Language, c: Column) -> &'static str {
    t(
        lang,
        match c {
            Column::Kind => Key::ColKind,
            Column::Number => Key::ColNumber,
            Column::Client => Key::ColClient,
            Column::Date => Key::ColDate,
            Column::Due => Key::ColDue,
            Column::Amount => Key::ColAmount,
            Column::Currency => Key::ColCurrency,
            Column::Reference => Key::ColReference,
        },
    )
}

pub fn row_problem_text(lang: Language, p: &RowProblem) -> String {
    let with = |key: Key, args: &[(&str, &str)]| fill(t(lang, key), args);
    match p {
        RowProblem::Missing { column } => {
            with(Key::RowMissing, &[("column", column_name(lang, *column))])
        }
        RowProblem::UnknownKind { value } => with(Key::RowUnknownKind, &[("value", value)]),
        RowProblem::BadAmount { value } => with(Key::RowBadAmount, &[("value", value)]),
        RowProblem::BadDate { column, value } => with(
            Key::RowBadDate,
            &[("column", column_name(lang, *column)), ("value", value)],
        ),
        RowProblem::BadClient { value } => with(Key::RowBadClient, &[("value", value)]),
        RowProblem::UnknownClient { value } => with(Key::RowUnknownClient, &[("value", value)]),
        RowProblem::Invalid { issues } => issues
            .iter()
            .map(|i| format!("{}: {}", i.path, problem_text(lang, i.problem)))
            .collect::<Vec<_>>()
            .join("; "),
        RowProblem::Conflicting { number, line } => with(
            Key::RowConflicting,
            &[("number", number), ("line", &line.to_string())],
        ),
        RowProblem::OtherClient { number } => with(Key::RowOtherClient, &[("number", number)]),
        RowProblem::Unreadable { .. } => t(lang, Key::RowUnreadable).into(),
    }
}
