//! A commercial proposal to one client: lines (an item, a quantity, a unit
//! price, a discount), a language, the contact people it is for, a date it
//! is valid until, and where it stands (draft → queued → sent → accepted /
//! declined / expired; failed with the mail server's reason).
//!
//! Money is exact. The rounding rule: a line's amount is quantity × unit
//! price × (100 − discount %) / 100, rounded to the cent half away from
//! zero (as Latvian invoices round); the total is the sum of the rounded
//! line amounts. The unit price stays undiscounted, so a discount is
//! applied exactly once, however often a proposal is edited or synced.

use super::code_enum::code_enum;
use super::money;
use super::text;
use super::user::Language;
use super::validation::{Issues, Problem};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

code_enum!(
    /// Where a proposal stands: `queued` waits for the server to send it
    /// (composed offline, too), `sent` means the mail server accepted it,
    /// `failed` that it refused it for good.
    ProposalStatus {
        Draft => "draft",
        Queued => "queued",
        Sent => "sent",
        Accepted => "accepted",
        Declined => "declined",
        Expired => "expired",
        Failed => "failed",
    }
);

impl ProposalStatus {
    /// Whether a device may set it: sent, failed and expired are the
    /// server's findings, never a user's claim.
    pub fn set_by_people(self) -> bool {
        matches!(
            self,
            ProposalStatus::Draft
                | ProposalStatus::Queued
                | ProposalStatus::Accepted
                | ProposalStatus::Declined
        )
    }
}

/// Most lines one proposal may have.
pub const MAX_LINES: usize = 50;
/// Most contact people one proposal may be addressed to.
pub const MAX_CONTACTS: usize = 10;
/// How far ahead a proposal may stay valid (a typo guard).
pub const MAX_VALID_DAYS: i64 = 366;

/// A line as the form holds it: what people typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInput {
    pub item: String,
    pub quantity: String,
    pub unit_price: String,
    #[serde(default)]
    pub discount_pct: String,
    /// The product group, which picks the key-client scheme's discount.
    #[serde(default)]
    pub group: String,
}

/// A checked line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub item: String,
    pub quantity: Decimal,
    /// EUR, before the discount.
    pub unit_price: Decimal,
    /// 0–100.
    pub discount_pct: Decimal,
    #[serde(default)]
    pub group: Option<String>,
}

impl Line {
    /// The line's amount in EUR, by the rounding rule above.
    pub fn amount(&self) -> Decimal {
        let hundred = Decimal::from(100);
        (self.quantity * self.unit_price * (hundred - self.discount_pct) / hundred)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    }

    fn input(&self) -> LineInput {
        LineInput {
            item: self.item.clone(),
            quantity: self.quantity.normalize().to_string(),
            unit_price: self.unit_price.to_string(),
            discount_pct: if self.discount_pct.is_zero() {
                String::new()
            } else {
                self.discount_pct.normalize().to_string()
            },
            group: self.group.clone().unwrap_or_default(),
        }
    }
}

/// The proposal form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalInput {
    pub client_id: String,
    #[serde(default)]
    pub contact_ids: Vec<String>,
    pub language: Language,
    pub lines: Vec<LineInput>,
    pub valid_until: NaiveDate,
    pub status: ProposalStatus,
    #[serde(default)]
    pub note: String,
    /// The template its letter is written from; none: the standard letter.
    #[serde(default)]
    pub template_id: Option<String>,
}

/// A checked proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalFields {
    pub client_id: String,
    pub contact_ids: Vec<String>,
    pub language: Language,
    pub lines: Vec<Line>,
    pub valid_until: NaiveDate,
    pub status: ProposalStatus,
    pub note: Option<String>,
    #[serde(default)]
    pub template_id: Option<String>,
}

impl ProposalFields {
    /// The sum of the rounded line amounts.
    pub fn total(&self) -> Decimal {
        self.lines.iter().map(Line::amount).sum()
    }
}

/// A proposal as devices keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    pub fields: ProposalFields,
    pub by: String,
    pub created_at: DateTime<Utc>,
    /// When the mail server accepted it (the server's finding, never a
    /// device's): what the day's proposals counter counts.
    #[serde(default)]
    pub sent_at: Option<DateTime<Utc>>,
    /// Why the mail server refused it for good (status `failed`).
    #[serde(default)]
    pub failure: Option<String>,
}

/// When the mail server accepted `me`'s proposals: what the day's
/// proposals counter counts (a draft or a queued one is not yet work done).
pub fn sent_by(proposals: &[Proposal], me: &str) -> Vec<DateTime<Utc>> {
    proposals
        .iter()
        .filter(|p| p.by == me)
        .filter_map(|p| p.sent_at)
        .collect()
}

/// How many of `people`'s proposals the mail server accepted on the local
/// days `from..=to` (the team report's column).
pub fn sent_between<Tz: chrono::TimeZone>(
    proposals: &[Proposal],
    people: &[&str],
    from: NaiveDate,
    to: NaiveDate,
    tz: &Tz,
) -> u32 {
    proposals
        .iter()
        .filter(|p| people.contains(&p.by.as_str()))
        .filter_map(|p| p.sent_at)
        .map(|at| super::calling::local_day::local_day(at, tz))
        .filter(|day| (from..=to).contains(day))
        .count() as u32
}

impl ProposalInput {
    /// The names a proposal operation may set.
    pub const FIELDS: &'static [&'static str] = &[
        "client_id",
        "contact_ids",
        "language",
        "lines",
        "valid_until",
        "status",
        "note",
        "template_id",
    ];

    /// The form filled from a proposal (its canonical form: a proposal read
    /// back through it is the same proposal).
    pub fn of(f: &ProposalFields) -> ProposalInput {
        ProposalInput {
            client_id: f.client_id.clone(),
            contact_ids: f.contact_ids.clone(),
            language: f.language,
            lines: f.lines.iter().map(Line::input).collect(),
            valid_until: f.valid_until,
            status: f.status,
            note: f.note.clone().unwrap_or_default(),
            template_id: f.template_id.clone(),
        }
    }

    /// Checks the form; `now` bounds how far ahead it may stay valid.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<ProposalFields, Issues> {
        let mut is = Issues::default();
        if self.client_id.trim().is_empty() {
            is.push("client_id", Problem::Required);
        }
        if self.contact_ids.len() > MAX_CONTACTS {
            is.push("contact_ids", Problem::TooManyItems { max: MAX_CONTACTS });
        }
        if self.lines.is_empty() {
            is.push("lines", Problem::Required);
        }
        if self.lines.len() > MAX_LINES {
            is.push("lines", Problem::TooManyItems { max: MAX_LINES });
        }
        if self.valid_until > (now + Duration::days(MAX_VALID_DAYS)).date_naive() {
            is.push("valid_until", Problem::InvalidDate);
        }
        let note = is.check("note", text::optional(&self.note, 2000));
        let lines: Vec<Line> = self
            .lines
            .iter()
            .take(MAX_LINES)
            .enumerate()
            .filter_map(|(i, l)| line(l, i, &mut is))
            .collect();
        let mut contact_ids: Vec<String> = self
            .contact_ids
            .iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect();
        contact_ids.dedup();
        is.into_result(|| ProposalFields {
            client_id: self.client_id.trim().to_string(),
            contact_ids,
            language: self.language,
            lines,
            valid_until: self.valid_until,
            status: self.status,
            note: note.flatten(),
            template_id: self
                .template_id
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        })
    }
}

/// Checks one line, pushing its problems at `lines.{i}.…`: the one parsing
/// rule, shared by `validate` and the form's live total.
fn line(l: &LineInput, i: usize, is: &mut Issues) -> Option<Line> {
    let at = |f: &str| format!("lines.{i}.{f}");
    let item = is.check(at("item"), text::required(&l.item, 200));
    let quantity = match money::parse_decimal(&l.quantity, 3, Decimal::from(1_000_000)) {
        Ok(Some(q)) if !q.is_zero() => Some(q),
        Ok(_) => {
            is.push(at("quantity"), Problem::Required);
            None
        }
        Err(p) => {
            is.push(at("quantity"), p);
            None
        }
    };
    let unit_price = match money::parse_eur(&l.unit_price) {
        Ok(Some(p)) => Some(p),
        Ok(None) => {
            is.push(at("unit_price"), Problem::Required);
            None
        }
        Err(p) => {
            is.push(at("unit_price"), p);
            None
        }
    };
    let discount = is
        .check(
            at("discount_pct"),
            money::parse_decimal(&l.discount_pct, 2, Decimal::from(100)),
        )
        .map(Option::unwrap_or_default);
    let group = is.check(at("group"), text::optional(&l.group, 60));
    Some(Line {
        item: item?,
        quantity: quantity?,
        unit_price: unit_price?,
        discount_pct: discount?,
        group: group?,
    })
}

/// The total of lines as typed, by the same rules as `validate`, for a form
/// to show while it is filled in. `None` while any line does not parse (or
/// there is none): a total that quietly left a line out would mislead.
pub fn preview_total(lines: &[LineInput]) -> Option<Decimal> {
    let mut is = Issues::default();
    let checked: Vec<Line> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| line(l, i, &mut is))
        .collect();
    (is.is_empty() && !checked.is_empty()).then(|| checked.iter().map(Line::amount).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-30T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn line(q: &str, p: &str, d: &str) -> LineInput {
        LineInput {
            item: "Koka paletes".into(),
            quantity: q.into(),
            unit_price: p.into(),
            discount_pct: d.into(),
            group: String::new(),
        }
    }

    fn input(lines: Vec<LineInput>) -> ProposalInput {
        ProposalInput {
            client_id: "c1".into(),
            contact_ids: vec!["k1".into()],
            language: Language::Lv,
            lines,
            valid_until: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            status: ProposalStatus::Draft,
            note: String::new(),
            template_id: None,
        }
    }

    #[test]
    fn amounts_round_half_away_from_zero_per_line() {
        // 3 × 0.335 = 1.005 → 1.01; 10 % off 10.05 = 9.045 → 9.05.
        let f = input(vec![line("3", "0,335", ""), line("1", "10.05", "10")]);
        assert_eq!(
            f.validate(now()).unwrap_err().0[0].path,
            "lines.0.unit_price"
        );
        let f = input(vec![line("1,5", "2,01", ""), line("1", "10.05", "10")])
            .validate(now())
            .unwrap();
        assert_eq!(f.lines[0].amount().to_string(), "3.02");
        assert_eq!(f.lines[1].amount().to_string(), "9.05");
        assert_eq!(f.total().to_string(), "12.07");
    }

    #[test]
    fn bad_lines_say_which_field_of_which_line() {
        let is = input(vec![
            line("-2", "5", ""),
            line("1", "5", "150"),
            line("0", "", ""),
        ])
        .validate(now())
        .unwrap_err();
        let paths: Vec<&str> = is.0.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "lines.0.quantity",
                "lines.1.discount_pct",
                "lines.2.quantity",
                "lines.2.unit_price"
            ]
        );
        assert_eq!(is.0[1].problem, Problem::AmountTooLarge);
        assert!(input(vec![]).validate(now()).is_err());
        let mut far = input(vec![line("1", "1", "")]);
        far.valid_until = NaiveDate::from_ymd_opt(2028, 1, 1).unwrap();
        assert_eq!(far.validate(now()).unwrap_err().0[0].path, "valid_until");
    }

    #[test]
    fn preview_total_follows_validate() {
        let lines = vec![line("1,5", "2,01", ""), line("1", "10.05", "10")];
        let total = input(lines.clone()).validate(now()).unwrap().total();
        assert_eq!(preview_total(&lines), Some(total));
        assert_eq!(preview_total(&[line("1", "0,335", "")]), None);
        assert_eq!(
            preview_total(&[line("1", "5", ""), LineInput::default()]),
            None
        );
        assert_eq!(preview_total(&[]), None);
    }

    #[test]
    fn the_counter_counts_what_the_mail_server_accepted_of_mine() {
        let valid = input(vec![line("1", "10", "")]).validate(now()).unwrap();
        let at = |h: u32| Utc.with_ymd_and_hms(2026, 3, 13, h, 0, 0).unwrap();
        let p = |by: &str, sent: Option<DateTime<Utc>>| Proposal {
            id: format!("{by}{sent:?}"),
            fields: valid.clone(),
            by: by.into(),
            created_at: at(8),
            sent_at: sent,
            failure: None,
        };
        let all = [
            p("me", Some(at(9))),
            p("me", None),
            p("other", Some(at(10))),
        ];
        assert_eq!(sent_by(&all, "me"), [at(9)]);
        let day = at(9).date_naive();
        assert_eq!(sent_between(&all, &["me", "other"], day, day, &Utc), 2);
        assert_eq!(sent_between(&all, &["me"], day, day, &Utc), 1);
        let next = day.succ_opt().unwrap();
        assert_eq!(sent_between(&all, &["me"], next, next, &Utc), 0);
    }

    #[test]
    fn only_people_statuses_come_from_devices() {
        assert!(ProposalStatus::Queued.set_by_people());
        assert!(!ProposalStatus::Sent.set_by_people());
        assert!(!ProposalStatus::Failed.set_by_people());
    }

    fn arb_line() -> impl Strategy<Value = LineInput> {
        (1u32..10_000, 0u32..10_000_000, 0u32..=10_000).prop_map(|(q, cents, d)| LineInput {
            item: "Prece".into(),
            quantity: format!("{},{:03}", q / 1000 + 1, q % 1000),
            unit_price: format!("{}.{:02}", cents / 100, cents % 100),
            discount_pct: format!("{}.{:02}", d / 100, d % 100),
            group: String::new(),
        })
    }

    proptest! {
        /// The total is the sum of the lines' amounts, each at most the
        /// undiscounted amount and never negative.
        #[test]
        fn total_is_the_sum_of_the_lines(lines in prop::collection::vec(arb_line(), 1..MAX_LINES)) {
            let f = input(lines).validate(now()).unwrap();
            let sum: Decimal = f.lines.iter().map(Line::amount).sum();
            prop_assert_eq!(f.total(), sum);
            for l in &f.lines {
                prop_assert!(l.amount() >= Decimal::ZERO);
                prop_assert!(l.amount() <= (l.quantity * l.unit_price).round_dp(2) + Decimal::new(1, 2));
            }
        }

        /// A discount is applied once: a proposal read back through its
        /// form (an edit, a sync) is the same proposal with the same total.
        #[test]
        fn the_discount_is_applied_once(lines in prop::collection::vec(arb_line(), 1..10)) {
            let f = input(lines).validate(now()).unwrap();
            let again = ProposalInput::of(&f).validate(now()).unwrap();
            prop_assert_eq!(again.total(), f.total());
            prop_assert_eq!(again, f);
        }
    }
}
