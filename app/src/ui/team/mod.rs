//! The head's page (`/team`): their people's targets and the team's calls.

pub mod page;
pub mod report;
pub mod review;
pub mod targets_row;
