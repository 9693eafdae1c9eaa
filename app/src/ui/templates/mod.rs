//! Templates of proposals' letters and of contracts' drafts: the list and
//! the editor (for those who lead people), and the preview the editor and
//! the proposal form share.

pub mod contract_sample;
pub mod editor;
pub mod list;
pub mod merge_help;
pub mod preview;
