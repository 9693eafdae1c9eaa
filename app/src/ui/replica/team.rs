//! A head's team report, from the calls and cards on the head's device (a
//! head's replica holds their people's cards and calls).

use super::engine::Replica;
use crate::api::ApiError;
use crate::domain::calling::analysis::{Analysis, analyse};
use crate::domain::proposal::sent_between;
use crate::domain::user::UserView;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct TeamReport {
    /// Each person with their figures (days met against their own target).
    pub people: Vec<TeamRow>,
    /// Everyone together (days met against the sum of their targets).
    pub total: Analysis,
    /// Proposals the mail server accepted, everyone together.
    pub total_proposals: u32,
}

/// One person's line.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamRow {
    pub user: UserView,
    pub calls: Analysis,
    /// Their proposals the mail server accepted in the range.
    pub proposals: u32,
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
            let proposals = m.proposals.as_slice();
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
                    TeamRow {
                        user: u.clone(),
                        calls: a,
                        proposals: sent_between(proposals, &[u.id.as_str()], from, to, &tz),
                    }
                })
                .collect();
            let ids: Vec<&str> = team.iter().map(|u| u.id.as_str()).collect();
            let target = team.iter().map(|u| u.targets.calls).sum();
            TeamReport {
                people,
                total: analyse(calls, cards, &ids, from, to, target, &tz),
                total_proposals: sent_between(proposals, &ids, from, to, &tz),
            }
        })
        .await
    }
}
