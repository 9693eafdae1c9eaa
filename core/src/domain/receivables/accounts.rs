//! Accounting's view of every client's account, on the server (its devices
//! hold no cards): each client with documents, what it owes, what of it is
//! overdue, its credit limit and whether shipments are stopped — and none
//! of the sales work. Searched by name or registration number, narrowed to
//! the overdue or the stopped, the largest overdue first.

use super::standing::Standing;
use crate::domain::code_enum::code_enum;
use crate::domain::search::fold;
use crate::sort;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The most rows one answer lists (the rest are counted).
pub const MAX_ROWS: usize = 200;

code_enum!(
    /// Which accounts the list shows.
    AccountsFilter {
        All => "all",
        Overdue => "overdue",
        Stopped => "stopped",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AccountsQuery {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub filter: Option<AccountsFilter>,
}

/// One client's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLine {
    pub client_id: String,
    pub name: String,
    pub reg_no: Option<String>,
    pub owner_name: String,
    pub balance: Decimal,
    pub overdue: Decimal,
    pub oldest_overdue_days: i64,
    pub limit: Option<Decimal>,
    pub stopped: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AccountsPage {
    pub lines: Vec<AccountLine>,
    /// Lines that matched beyond [`MAX_ROWS`].
    pub more: usize,
}

/// A client as the list names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub reg_no: Option<String>,
    pub owner_name: String,
    pub stopped: bool,
}

/// The page for `q` from every client's standing and how each is named.
pub fn page(
    standings: Vec<Standing>,
    named: impl Fn(&str) -> Option<Named>,
    q: &AccountsQuery,
) -> AccountsPage {
    let words: Vec<String> = fold(&q.text)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut lines: Vec<AccountLine> = standings
        .into_iter()
        .filter_map(|s| {
            let n = named(&s.client_id)?;
            Some(AccountLine {
                oldest_overdue_days: s.position.oldest_overdue_days(),
                client_id: s.client_id,
                name: n.name,
                reg_no: n.reg_no,
                owner_name: n.owner_name,
                balance: s.position.balance,
                overdue: s.position.overdue,
                limit: s.limit,
                stopped: n.stopped,
            })
        })
        .filter(|l| match q.filter.unwrap_or(AccountsFilter::All) {
            AccountsFilter::All => true,
            AccountsFilter::Overdue => l.overdue > Decimal::ZERO,
            AccountsFilter::Stopped => l.stopped,
        })
        .filter(|l| {
            let hay = fold(&format!(
                "{} {}",
                l.name,
                l.reg_no.as_deref().unwrap_or_default()
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect();
    sort::by(&mut lines, |a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then(b.balance.cmp(&a.balance))
            .then(a.name.cmp(&b.name))
    });
    let more = lines.len().saturating_sub(MAX_ROWS);
    lines.truncate(MAX_ROWS);
    AccountsPage { lines, more }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::receivables::position::Position;

    fn standing(id: &str, balance: i64, overdue: i64) -> Standing {
        Standing {
            client_id: id.into(),
            position: Position {
                balance: Decimal::from(balance),
                overdue: Decimal::from(overdue),
                ..Position::default()
            },
            limit: None,
        }
    }

    #[test]
    fn searched_filtered_and_the_largest_overdue_first() {
        let all = vec![
            standing("a", 100, 0),
            standing("b", 500, 300),
            standing("c", 900, 300),
            standing("gone", 50, 50),
        ];
        let named = |id: &str| {
            (id != "gone").then(|| Named {
                name: format!("SIA Ābele {id}"),
                reg_no: Some(format!("4000{id}")),
                owner_name: "Ilze".into(),
                stopped: id == "b",
            })
        };
        let q = |text: &str, filter| AccountsQuery {
            text: text.into(),
            filter,
        };
        let ids = |p: AccountsPage| p.lines.into_iter().map(|l| l.client_id).collect::<Vec<_>>();
        assert_eq!(ids(page(all.clone(), named, &q("", None))), ["c", "b", "a"]);
        assert_eq!(
            ids(page(
                all.clone(),
                named,
                &q("abele", Some(AccountsFilter::Overdue))
            )),
            ["c", "b"]
        );
        assert_eq!(
            ids(page(
                all.clone(),
                named,
                &q("", Some(AccountsFilter::Stopped))
            )),
            ["b"]
        );
        assert_eq!(ids(page(all, named, &q("4000a", None))), ["a"]);
    }
}
