//! "Stop shipments": the one money fact logistics sees. Heads, directors
//! and accounting set it on a client whose account is in trouble; while it
//! is on, nothing is shipped to that client. One per client (keyed by the
//! client's id), written on the server, never by a device.

use crate::domain::text;
use crate::domain::validation::{Issues, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest reason given for a stop.
pub const MAX_REASON: usize = 500;

/// A client's shipment stop as stored and synced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipmentStop {
    pub client_id: String,
    /// On: ship nothing to the client.
    pub stopped: bool,
    pub reason: Option<String>,
    /// Who set it last, and when.
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// What the toggle submits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StopInput {
    pub client_id: String,
    pub stopped: bool,
    #[serde(default)]
    pub reason: String,
}

/// A checked [`StopInput`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopFields {
    pub client_id: String,
    pub stopped: bool,
    pub reason: Option<String>,
}

impl StopInput {
    pub fn validate(&self) -> Result<StopFields, Issues> {
        let mut is = Issues::default();
        if self.client_id.trim().is_empty() {
            is.push("client_id", Problem::Required);
        }
        let reason = is.check("reason", text::optional(&self.reason, MAX_REASON));
        is.into_result(|| StopFields {
            client_id: self.client_id.trim().to_string(),
            stopped: self.stopped,
            // A resumed client keeps no reason to stop.
            reason: reason.flatten().filter(|_| self.stopped),
        })
    }
}

/// Whether shipments to `client_id` are stopped, among the stops a device
/// holds.
pub fn is_stopped<'a>(stops: impl IntoIterator<Item = &'a ShipmentStop>, client_id: &str) -> bool {
    stops
        .into_iter()
        .any(|s| s.client_id == client_id && s.stopped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_kept_only_while_stopped_and_is_bounded() {
        let on = StopInput {
            client_id: " c1 ".into(),
            stopped: true,
            reason: " 90 days overdue ".into(),
        };
        let f = on.validate().unwrap();
        assert_eq!(f.client_id, "c1");
        assert_eq!(f.reason.as_deref(), Some("90 days overdue"));
        let off = StopInput {
            stopped: false,
            ..on.clone()
        };
        assert_eq!(off.validate().unwrap().reason, None);
        let long = StopInput {
            reason: "x".repeat(MAX_REASON + 1),
            ..on
        };
        let issues = long.validate().unwrap_err();
        assert_eq!(issues.0[0].path, "reason");
    }

    #[test]
    fn a_client_needs_naming() {
        let none = StopInput {
            client_id: " ".into(),
            stopped: true,
            reason: String::new(),
        };
        assert_eq!(none.validate().unwrap_err().0[0].path, "client_id");
    }
}
