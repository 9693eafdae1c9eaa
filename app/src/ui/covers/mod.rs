//! `/covers`: appointing a deputy for a date range, and the covers one takes
//! part in or arranges, with "end now".

pub mod client_picker;
pub mod form;
pub mod page;
