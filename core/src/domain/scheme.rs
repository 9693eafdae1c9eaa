//! A key-client scheme, managed by heads: special terms a client on it
//! gets — a discount overall and per product group, payment days, a
//! delivery lead time, a service level and special conditions. A card names
//! its scheme; a proposal for that client takes the scheme's discount on
//! each line whose discount the manager left empty, once: the line keeps the
//! discount as a number, so editing or syncing a proposal never applies it
//! again, and a discount the manager typed is theirs.

use super::client_input::payment_days;
use super::money;
use super::proposal::LineInput;
use super::text;
use super::validation::{Issues, Problem};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 80;
pub const MAX_GROUPS: usize = 30;
pub const MAX_GROUP_NAME: usize = 60;

/// A product group's own discount, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupInput {
    pub group: String,
    pub discount_pct: String,
}

/// The scheme form: what people typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemeInput {
    pub name: String,
    pub discount_pct: String,
    pub groups: Vec<GroupInput>,
    pub payment_days: String,
    pub lead_days: String,
    pub service: String,
    pub conditions: String,
    #[serde(default)]
    pub archived: bool,
}

/// A product group's discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupDiscount {
    pub group: String,
    pub discount_pct: Decimal,
}

/// A checked scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchemeFields {
    pub name: String,
    /// 0–100, for every line whose group has none of its own.
    pub discount_pct: Decimal,
    pub groups: Vec<GroupDiscount>,
    pub payment_days: Option<u16>,
    /// Days from order to delivery the client is promised.
    pub lead_days: Option<u16>,
    pub service: Option<String>,
    pub conditions: Option<String>,
    pub archived: bool,
}

/// A scheme as devices keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheme {
    pub id: String,
    pub fields: SchemeFields,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

fn percent(input: &str) -> Result<Decimal, Problem> {
    money::parse_decimal(input, 2, Decimal::from(100)).map(Option::unwrap_or_default)
}

impl SchemeInput {
    /// Checks the form; problems at `name`, `groups.2.discount_pct` and so on.
    pub fn validate(&self) -> Result<SchemeFields, Issues> {
        let mut is = Issues::default();
        let name = is.check("name", text::required(&self.name, MAX_NAME));
        let discount = is.check("discount_pct", percent(&self.discount_pct));
        if self.groups.len() > MAX_GROUPS {
            is.push("groups", Problem::TooManyItems { max: MAX_GROUPS });
        }
        let mut groups: Vec<GroupDiscount> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for (i, g) in self.groups.iter().take(MAX_GROUPS).enumerate() {
            if g.group.trim().is_empty() && g.discount_pct.trim().is_empty() {
                continue; // an empty row left in the form
            }
            let at = |f: &str| format!("groups.{i}.{f}");
            let group = is
                .check(at("group"), text::required(&g.group, MAX_GROUP_NAME))
                .and_then(|name| {
                    let twice = seen.iter().any(|o| same_group(o, &name));
                    seen.push(name.clone());
                    let ok = if twice { Err(Problem::Taken) } else { Ok(name) };
                    is.check(at("group"), ok)
                });
            let pct = is.check(at("discount_pct"), percent(&g.discount_pct));
            if let (Some(group), Some(discount_pct)) = (group, pct) {
                groups.push(GroupDiscount {
                    group,
                    discount_pct,
                });
            }
        }
        let payment = is.check("payment_days", payment_days(&self.payment_days));
        let lead = is.check("lead_days", payment_days(&self.lead_days));
        let service = is.check("service", text::optional(&self.service, 200));
        let conditions = is.check("conditions", text::optional(&self.conditions, 2000));
        is.into_result(|| SchemeFields {
            name: name.unwrap_or_default(),
            discount_pct: discount.unwrap_or_default(),
            groups,
            payment_days: payment.flatten(),
            lead_days: lead.flatten(),
            service: service.flatten(),
            conditions: conditions.flatten(),
            archived: self.archived,
        })
    }

    /// The form filled from a scheme.
    pub fn of(f: &SchemeFields) -> SchemeInput {
        let pct = |d: Decimal| {
            if d.is_zero() {
                String::new()
            } else {
                d.normalize().to_string()
            }
        };
        let days = |d: Option<u16>| d.map(|d| d.to_string()).unwrap_or_default();
        SchemeInput {
            name: f.name.clone(),
            discount_pct: pct(f.discount_pct),
            groups: f
                .groups
                .iter()
                .map(|g| GroupInput {
                    group: g.group.clone(),
                    discount_pct: pct(g.discount_pct),
                })
                .collect(),
            payment_days: days(f.payment_days),
            lead_days: days(f.lead_days),
            service: f.service.clone().unwrap_or_default(),
            conditions: f.conditions.clone().unwrap_or_default(),
            archived: f.archived,
        }
    }
}

/// Group names match as people mean them: ignoring case and spaces around.
fn same_group(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl SchemeFields {
    /// The discount for a line of `group` (none, or a group without its own
    /// discount: the overall one).
    pub fn discount_for(&self, group: &str) -> Decimal {
        self.groups
            .iter()
            .find(|g| !group.trim().is_empty() && same_group(&g.group, group))
            .map_or(self.discount_pct, |g| g.discount_pct)
    }

    /// The discount for `group` as the form types it ("12.5"; none: "").
    pub fn typed_discount(&self, group: &str) -> String {
        let d = self.discount_for(group);
        if d.is_zero() {
            String::new()
        } else {
            d.normalize().to_string()
        }
    }

    /// Fills each line's empty discount with the scheme's for its group. It
    /// sets, never adds, and keeps what the manager typed: applying it twice
    /// is applying it once.
    pub fn apply(&self, lines: &mut [LineInput]) {
        for l in lines
            .iter_mut()
            .filter(|l| l.discount_pct.trim().is_empty())
        {
            l.discount_pct = self.typed_discount(&l.group);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::proposal::preview_total;
    use proptest::prelude::*;

    fn input() -> SchemeInput {
        SchemeInput {
            name: "Zelta klients".into(),
            discount_pct: "5".into(),
            groups: vec![
                GroupInput {
                    group: "Finieris".into(),
                    discount_pct: "12,5".into(),
                },
                GroupInput {
                    group: "Kokmateriāli".into(),
                    discount_pct: "8".into(),
                },
            ],
            payment_days: "45".into(),
            lead_days: "2".into(),
            service: "Personīgs vadītājs".into(),
            conditions: String::new(),
            archived: false,
        }
    }

    #[test]
    fn a_scheme_is_checked_field_by_field() {
        let ok = input().validate().unwrap();
        assert_eq!(ok.discount_pct, Decimal::from(5));
        assert_eq!(ok.groups[0].discount_pct, Decimal::new(125, 1));
        assert_eq!(ok.payment_days, Some(45));
        assert_eq!(SchemeInput::of(&ok).validate().unwrap(), ok);

        let mut bad = input();
        bad.name = " ".into();
        bad.discount_pct = "101".into();
        bad.groups[1].group = "finieris ".into();
        bad.groups[0].discount_pct = "-3".into();
        bad.lead_days = "400".into();
        let is = bad.validate().unwrap_err();
        assert_eq!(is.at("name"), Some(Problem::Required));
        assert_eq!(is.at("discount_pct"), Some(Problem::AmountTooLarge));
        assert_eq!(
            is.at("groups.0.discount_pct"),
            Some(Problem::NegativeAmount)
        );
        assert_eq!(is.at("groups.1.group"), Some(Problem::Taken));
        assert_eq!(is.at("lead_days"), Some(Problem::InvalidDays));
    }

    #[test]
    fn a_group_has_its_own_discount_and_the_rest_the_overall_one() {
        let s = input().validate().unwrap();
        assert_eq!(s.discount_for("FINIERIS"), Decimal::new(125, 1));
        assert_eq!(s.discount_for("Skrūves"), Decimal::from(5));
        assert_eq!(s.discount_for(""), Decimal::from(5));
    }

    fn line(group: &str, q: u32, price_cents: u32, discount: &str) -> LineInput {
        LineInput {
            item: "Prece".into(),
            quantity: q.to_string(),
            unit_price: format!("{}.{:02}", price_cents / 100, price_cents % 100),
            discount_pct: discount.into(),
            group: group.into(),
        }
    }

    proptest! {
        /// The scheme's discount is applied once: a second application
        /// changes nothing, whatever the lines carried before, and the total
        /// is the sum of each line at its group's discount.
        #[test]
        fn scheme_discounts_apply_once(
            raw in proptest::collection::vec(
                (0usize..3, 1u32..500, 1u32..100_000, proptest::option::of(0u32..100)), 1..12)
        ) {
            let s = input().validate().unwrap();
            let groups = ["Finieris", "Kokmateriāli", ""];
            let typed = |d: &Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
            let mut lines: Vec<LineInput> = raw
                .iter()
                .map(|(g, q, p, d)| line(groups[*g], *q, *p, &typed(d)))
                .collect();
            s.apply(&mut lines);
            let once = lines.clone();
            s.apply(&mut lines);
            prop_assert_eq!(&lines, &once);
            let total = preview_total(&lines).unwrap();
            let hundred = Decimal::from(100);
            let expected: Decimal = raw
                .iter()
                .map(|(g, q, p, own)| {
                    // The manager's own discount stays; an empty one is the scheme's.
                    let d = own.map_or_else(|| s.discount_for(groups[*g]), Decimal::from);
                    (Decimal::from(*q) * Decimal::new(*p as i64, 2) * (hundred - d) / hundred)
                        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
                })
                .sum();
            prop_assert_eq!(total, expected);
        }
    }
}
