//! Contact persons of a client.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The validated fields of a contact person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactFields {
    pub name: String,
    pub position: Option<String>,
    /// E.164.
    pub phones: Vec<String>,
    /// Lower-cased.
    pub emails: Vec<String>,
    pub birthday: Option<NaiveDate>,
    pub notes: Option<String>,
}

/// A stored contact person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub id: String,
    pub fields: ContactFields,
}
