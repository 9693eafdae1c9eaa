//! Today's screen as this device last worked it out, kept so that a warm
//! start shows it at once. Working it out needs every card and call in
//! memory, and reading 100,000 records from the browser's store takes
//! seconds on a phone; the kept one is a few kilobytes. It is shown only
//! while it still holds: the same user and settings, the same local day, and
//! the same records (see `RecordsMark`). The live one replaces it as soon
//! as the records are in memory, since due times pass within a day.

use super::device::RecordsMark;
use crate::domain::calling::today::{Settings, Today};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptToday {
    pub user_id: String,
    pub settings: Settings,
    pub mark: RecordsMark,
    pub today: Today,
}

impl KeptToday {
    /// The kept screen, if it was worked out for this user, these settings
    /// and records, on `day`.
    pub fn holding(
        self,
        user_id: &str,
        settings: Settings,
        mark: &RecordsMark,
        day: NaiveDate,
    ) -> Option<Today> {
        (self.user_id == user_id
            && self.settings == settings
            && &self.mark == mark
            && self.today.day == day)
            .then_some(self.today)
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use crate::domain::calling::agenda::{Agenda, Listed};
    use crate::domain::calling::cold::ColdAfter;
    use crate::domain::calling::quota::{Progress, Quotas, Targets};
    use crate::sync::hlc::Hlc;
    use crate::sync::store::Meta;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn meta(next_seq: u64) -> Meta {
        Meta {
            device_id: "d1".into(),
            user_id: "u1".into(),
            clock: Hlc::zero("d1"),
            next_seq,
            cursor: None,
            last_sync: None,
            refetch: Vec::new(),
        }
    }

    fn kept() -> KeptToday {
        let some = Progress {
            done: 3,
            target: 30,
        };
        KeptToday {
            user_id: "u1".into(),
            settings: Settings::default(),
            mark: RecordsMark::of(&meta(7)),
            today: Today {
                day: day(2),
                quotas: Quotas {
                    calls: some,
                    phone_offers: some,
                    email_proposals: some,
                    new_contracts: some,
                },
                cold_total: 0,
                cold: Vec::new(),
                birthdays: Vec::new(),
                agenda: Agenda {
                    overdue: Listed::default(),
                    today: Listed::default(),
                    next_day: day(3),
                    planned: Listed::default(),
                    open: 0,
                },
                contracts_ending: Vec::new(),
                obligations_due: Vec::new(),
            },
        }
    }

    #[test]
    fn it_holds_for_the_same_user_settings_records_and_day_and_survives_storage() {
        let json = serde_json::to_string(&kept()).unwrap();
        let back: KeptToday = serde_json::from_str(&json).unwrap();
        let mark = RecordsMark::of(&meta(7));
        assert_eq!(
            back.holding("u1", Settings::default(), &mark, day(2)),
            Some(kept().today)
        );
    }

    #[test]
    fn it_does_not_hold_for_another_user_setting_record_or_day() {
        let mark = RecordsMark::of(&meta(7));
        let s = Settings::default();
        assert_eq!(kept().holding("u2", s, &mark, day(2)), None);
        assert_eq!(
            kept().holding("u1", s, &RecordsMark::of(&meta(8)), day(2)),
            None
        );
        assert_eq!(kept().holding("u1", s, &mark, day(3)), None);
        let other = Settings {
            targets: Targets {
                calls: 40,
                ..s.targets
            },
            cold_after: ColdAfter::default(),
        };
        assert_eq!(kept().holding("u1", other, &mark, day(2)), None);
    }
}
