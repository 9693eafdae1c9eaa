//! Who sets whose daily and monthly targets, and what a target may be. A
//! head sets their managers' targets, a director also the heads'; nobody
//! sets their own. Until a head sets them, the job description's apply.
//! With the targets go the days after which a client counts as gone cold,
//! per segment (blank: never).

use super::cold::ColdAfter;
use super::quota::Targets;
use crate::domain::user::Role;
use crate::domain::validation::{Issues, Problem};
use serde::{Deserialize, Serialize};

/// The most a daily target may be (a typo guard: 300 calls a day is not a plan).
pub const MAX_DAILY: u32 = 300;
pub const MAX_MONTHLY_CONTRACTS: u32 = 100;
/// The longest a client may stay quiet before counting as cold (two years).
pub const MAX_COLD_DAYS: u32 = 730;

pub fn may_set_targets(setter: Role, of: Role) -> bool {
    match setter {
        Role::Director => matches!(of, Role::Manager | Role::Head),
        Role::Head => of == Role::Manager,
        _ => false,
    }
}

/// The targets form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetsInput {
    pub calls: String,
    pub phone_offers: String,
    pub email_proposals: String,
    pub new_contracts: String,
    #[serde(default)]
    pub cold_prospect: String,
    #[serde(default)]
    pub cold_active: String,
    #[serde(default)]
    pub cold_key: String,
    #[serde(default)]
    pub cold_lost: String,
}

fn count(text: &str, max: u32) -> Result<u32, Problem> {
    let t = text.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    if t.starts_with('-') {
        return Err(Problem::NegativeAmount);
    }
    let n: u32 = t.parse().map_err(|_| Problem::InvalidAmount)?;
    if n > max {
        return Err(Problem::AmountTooLarge);
    }
    Ok(n)
}

/// Days as typed; blank is "never".
fn days(text: &str) -> Result<Option<u32>, Problem> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let n = count(text, MAX_COLD_DAYS)?;
    if n == 0 {
        return Err(Problem::InvalidDays);
    }
    Ok(Some(n))
}

fn days_text(d: Option<u32>) -> String {
    d.map(|n| n.to_string()).unwrap_or_default()
}

impl TargetsInput {
    pub fn of(t: Targets, cold: ColdAfter) -> TargetsInput {
        TargetsInput {
            calls: t.calls.to_string(),
            phone_offers: t.phone_offers.to_string(),
            email_proposals: t.email_proposals.to_string(),
            new_contracts: t.new_contracts.to_string(),
            cold_prospect: days_text(cold.prospect),
            cold_active: days_text(cold.active),
            cold_key: days_text(cold.key),
            cold_lost: days_text(cold.lost),
        }
    }

    /// The cold thresholds, or why not.
    pub fn cold_after(&self) -> Result<ColdAfter, Issues> {
        let mut is = Issues::default();
        let prospect = is.check("cold_prospect", days(&self.cold_prospect));
        let active = is.check("cold_active", days(&self.cold_active));
        let key = is.check("cold_key", days(&self.cold_key));
        let lost = is.check("cold_lost", days(&self.cold_lost));
        is.into_result(|| ColdAfter {
            prospect: prospect.flatten(),
            active: active.flatten(),
            key: key.flatten(),
            lost: lost.flatten(),
        })
    }

    /// Targets and cold thresholds together; every problem named.
    pub fn validate_all(&self) -> Result<(Targets, ColdAfter), Issues> {
        match (self.validate(), self.cold_after()) {
            (Ok(t), Ok(c)) => Ok((t, c)),
            (t, c) => {
                let mut all = t.err().unwrap_or_default().0;
                all.extend(c.err().unwrap_or_default().0);
                Err(Issues(all))
            }
        }
    }

    pub fn validate(&self) -> Result<Targets, Issues> {
        let mut is = Issues::default();
        let calls = is.check("calls", count(&self.calls, MAX_DAILY));
        let offers = is.check("phone_offers", count(&self.phone_offers, MAX_DAILY));
        let proposals = is.check("email_proposals", count(&self.email_proposals, MAX_DAILY));
        let contracts = is.check(
            "new_contracts",
            count(&self.new_contracts, MAX_MONTHLY_CONTRACTS),
        );
        is.into_result(|| Targets {
            calls: calls.unwrap_or(0),
            phone_offers: offers.unwrap_or(0),
            email_proposals: proposals.unwrap_or(0),
            new_contracts: contracts.unwrap_or(0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn heads_set_managers_directors_also_heads_nobody_else() {
        assert!(may_set_targets(Role::Head, Role::Manager));
        assert!(!may_set_targets(Role::Head, Role::Head));
        assert!(may_set_targets(Role::Director, Role::Head));
        assert!(!may_set_targets(Role::Director, Role::Director));
        for r in Role::ALL {
            assert!(!may_set_targets(Role::Manager, r));
            assert!(!may_set_targets(Role::Admin, r));
            assert!(!may_set_targets(Role::Logistics, r));
        }
    }

    #[test]
    fn bad_numbers_are_named_per_field() {
        let is = TargetsInput {
            calls: " ".into(),
            phone_offers: "-1".into(),
            email_proposals: "daudz".into(),
            new_contracts: "101".into(),
            cold_prospect: "0".into(),
            cold_active: "".into(),
            cold_key: "731".into(),
            cold_lost: "x".into(),
        }
        .validate_all()
        .unwrap_err();
        assert_eq!(is.at("calls"), Some(Problem::Required));
        assert_eq!(is.at("phone_offers"), Some(Problem::NegativeAmount));
        assert_eq!(is.at("email_proposals"), Some(Problem::InvalidAmount));
        assert_eq!(is.at("new_contracts"), Some(Problem::AmountTooLarge));
        assert_eq!(is.at("cold_prospect"), Some(Problem::InvalidDays));
        assert_eq!(is.at("cold_active"), None, "blank is never");
        assert_eq!(is.at("cold_key"), Some(Problem::AmountTooLarge));
        assert_eq!(is.at("cold_lost"), Some(Problem::InvalidAmount));
    }

    proptest! {
        #[test]
        fn targets_round_trip_through_the_form(
            calls in 0..=MAX_DAILY, offers in 0..=MAX_DAILY,
            proposals in 0..=MAX_DAILY, contracts in 0..=MAX_MONTHLY_CONTRACTS,
        ) {
            let t = Targets { calls, phone_offers: offers, email_proposals: proposals, new_contracts: contracts };
            let c = ColdAfter { prospect: Some(calls.max(1)), active: None, key: Some(contracts.max(1)), lost: None };
            prop_assert_eq!(TargetsInput::of(t, c).validate_all(), Ok((t, c)));
        }
    }
}
