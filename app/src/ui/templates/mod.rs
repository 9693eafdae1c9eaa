//! Proposal templates: the list and the editor (for those who lead
//! people), and the letter preview the editor and the proposal form share.

pub mod editor;
pub mod list;
pub mod merge_help;
pub mod preview;
