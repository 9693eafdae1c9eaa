//! The month's reconciliations: which clients have something to reconcile
//! for a month (documents in it, or a balance carried into it), which of
//! them confirmed their statement, and which are still missing — the
//! manager's, the head's and the director's progress, each over the
//! clients their device holds.

use super::account_letter::{AccountLetter, LetterPurpose, LetterStatus};
use super::document::MoneyDoc;
use super::statement::{Month, statement};
use crate::sort;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashMap};

/// Where one client stands for the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// No statement asked for yet.
    NotSent,
    /// Asked for or sent, not answered.
    Waiting,
    Disputed,
    Confirmed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub month: Month,
    /// Clients with something to reconcile, and where each stands.
    pub clients: Vec<(String, Standing)>,
}

impl Standing {
    pub fn code(self) -> &'static str {
        match self {
            Standing::NotSent => "not_sent",
            Standing::Waiting => "waiting",
            Standing::Disputed => "disputed",
            Standing::Confirmed => "confirmed",
        }
    }
}

impl Progress {
    pub fn active(&self) -> usize {
        self.clients.len()
    }

    pub fn confirmed(&self) -> usize {
        self.count(Standing::Confirmed)
    }

    pub fn count(&self, s: Standing) -> usize {
        self.clients.iter().filter(|(_, st)| *st == s).count()
    }

    /// Those not reconciled yet, the ones nobody sent a statement first.
    pub fn missing(&self) -> Vec<(String, Standing)> {
        let rank = |s: Standing| match s {
            Standing::NotSent => 0,
            Standing::Disputed => 1,
            Standing::Waiting => 2,
            Standing::Confirmed => 3,
        };
        let mut out: Vec<(String, Standing)> = self
            .clients
            .iter()
            .filter(|(_, s)| *s != Standing::Confirmed)
            .cloned()
            .collect();
        sort::by_key(&mut out, |(id, s)| (rank(*s), id.clone()));
        out
    }
}

/// The day of the month from which Today lists the clients not yet
/// reconciled (before it, only the progress shows).
pub const MISSING_FROM_DAY: u32 = 20;

/// Whether Today lists the missing clients on `today`.
pub fn lists_missing(today: chrono::NaiveDate) -> bool {
    chrono::Datelike::day(&today) >= MISSING_FROM_DAY
}

/// The progress for `month` over the clients `counts` accepts (those whose
/// card the device holds, not archived), from their documents and letters.
pub fn progress(
    docs: &[MoneyDoc],
    letters: &[AccountLetter],
    counts: impl Fn(&str) -> bool,
    month: Month,
) -> Progress {
    let clients: BTreeSet<&str> = docs
        .iter()
        .map(|d| d.fields.client_id.as_str())
        .filter(|c| counts(c))
        .collect();
    let mut by_client: HashMap<&str, Vec<&MoneyDoc>> = HashMap::new();
    for d in docs {
        by_client.entry(&d.fields.client_id).or_default().push(d);
    }
    let mut best: HashMap<&str, Standing> = HashMap::new();
    for l in letters.iter().filter(|l| {
        l.fields.purpose == LetterPurpose::Reconciliation && l.fields.month == Some(month)
    }) {
        let s = match l.status() {
            LetterStatus::Confirmed => Standing::Confirmed,
            LetterStatus::Disputed => Standing::Disputed,
            LetterStatus::Failed => Standing::NotSent,
            LetterStatus::Queued | LetterStatus::Sent => Standing::Waiting,
        };
        let entry = best.entry(&l.fields.client_id).or_insert(Standing::NotSent);
        // A later confirmation settles an earlier dispute, never the reverse.
        let rank = |s: Standing| match s {
            Standing::NotSent => 0,
            Standing::Waiting => 1,
            Standing::Disputed => 2,
            Standing::Confirmed => 3,
        };
        if rank(s) > rank(*entry) {
            *entry = s;
        }
    }
    let clients = clients
        .into_iter()
        .filter(|c| {
            let s = statement(by_client[c].iter().copied(), c, month);
            !s.lines.is_empty() || s.closing != Decimal::ZERO
        })
        .map(|c| {
            (
                c.to_string(),
                best.get(c).copied().unwrap_or(Standing::NotSent),
            )
        })
        .collect();
    Progress { month, clients }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::receivables::account_letter::{LetterFields, LetterState};
    use crate::domain::receivables::document::{DocFields, DocKind};
    use crate::domain::user::Language;
    use chrono::NaiveDate;

    fn doc(client: &str, n: u32, date: NaiveDate, cents: i64, kind: DocKind) -> MoneyDoc {
        MoneyDoc {
            id: format!("{client}-{n}"),
            fields: DocFields {
                client_id: client.into(),
                kind,
                number: n.to_string(),
                date,
                due: None,
                amount: Decimal::new(cents, 2),
                currency: "EUR".into(),
                reference: None,
            },
        }
    }

    fn letter(client: &str, status: LetterStatus, month: Month) -> AccountLetter {
        AccountLetter {
            id: format!("{client}-{}", status.code()),
            fields: LetterFields {
                client_id: client.into(),
                purpose: LetterPurpose::Reconciliation,
                month: Some(month),
                contact_id: None,
                language: Language::Lv,
                template_id: None,
            },
            state: LetterState {
                status: Some(status),
                ..LetterState::default()
            },
            by: "u".into(),
            created_at: chrono::Utc::now(),
        }
    }

    #[test]
    fn the_missing_are_listed_from_the_twentieth() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        assert!(!lists_missing(d(19)));
        assert!(lists_missing(d(20)));
        assert!(lists_missing(d(31)));
    }

    #[test]
    fn only_clients_with_something_to_reconcile_count_and_a_confirmation_settles_them() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let nov = Month::parse("2026-11").unwrap();
        let docs = [
            // Settled before November, nothing in it: nothing to reconcile.
            doc("settled", 1, d(9, 1), 10_000, DocKind::Invoice),
            doc("settled", 2, d(9, 9), 10_000, DocKind::Payment),
            // A balance carried into November.
            doc("owes", 3, d(10, 1), 50_000, DocKind::Invoice),
            // Documents in November.
            doc("busy", 4, d(11, 3), 20_000, DocKind::Invoice),
            doc("disputes", 5, d(11, 4), 20_000, DocKind::Invoice),
            doc("archived", 6, d(11, 4), 20_000, DocKind::Invoice),
        ];
        let letters = [
            letter("busy", LetterStatus::Disputed, nov),
            letter("busy", LetterStatus::Confirmed, nov),
            letter("disputes", LetterStatus::Disputed, nov),
            letter("owes", LetterStatus::Confirmed, nov.previous()),
        ];
        let p = progress(&docs, &letters, |c| c != "archived", nov);
        assert_eq!(p.active(), 3);
        assert_eq!(p.confirmed(), 1);
        assert_eq!(
            p.missing(),
            vec![
                ("owes".to_string(), Standing::NotSent),
                ("disputes".to_string(), Standing::Disputed)
            ]
        );
    }
}
