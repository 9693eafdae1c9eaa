//! Call logs on a client card: the quick log form and the history.

pub mod analysis;
pub mod dialing;
pub mod history;
pub mod incoming;
pub mod labels;
pub mod log_form;
pub mod range_picker;
