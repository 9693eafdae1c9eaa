//! A head's team report, from the calls and cards on the head's device (a
//! head's replica holds their people's cards and calls).

use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::calling::analysis::{Analysis, analyse};
use crate::domain::user::UserView;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct TeamReport {
    /// Each person with their figures (days met against their own target).
    pub people: Vec<(UserView, Analysis)>,
    /// Everyone together (days met against the sum of their targets).
    pub total: Analysis,
}

impl Replica {
    pub async fn team_report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        team: &[UserView],
    ) -> Result<TeamReport, ApiError> {
        let tz = self.zone();
        self.over_records(|m| {
            let (calls, cards) = (m.calls.as_slice(), m.cards.as_slice());
            let people = team
                .iter()
                .map(|u| {
                    let a = analyse(
                        calls,
                        cards,
                        &[u.id.as_str()],
                        from,
                        to,
                        u.targets.calls,
                        &tz,
                    );
                    (u.clone(), a)
                })
                .collect();
            let ids: Vec<&str> = team.iter().map(|u| u.id.as_str()).collect();
            let target = team.iter().map(|u| u.targets.calls).sum();
            TeamReport {
                people,
                total: analyse(calls, cards, &ids, from, to, target, &tz),
            }
        })
        .await
    }
}
