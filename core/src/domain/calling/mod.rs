//! The calling day's rules (issue 4): which local day a call counts on,
//! today's quotas, when to try again, and which clients have gone cold.
//! Time zones are a parameter (`chrono::TimeZone`): the browser passes its
//! own zone, tests pass Europe/Riga with its DST changes.

pub mod agenda;
pub mod analysis;
pub mod birthdays;
pub mod call_kind;
pub mod cold;
pub mod dialing;
pub mod due_now;
pub mod hourly_zone;
pub mod incoming;
pub mod last_contact;
pub mod local_day;
pub mod negotiate;
pub mod quota;
pub mod reach;
pub mod retry;
pub mod targets;
pub mod today;
