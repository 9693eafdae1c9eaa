//! Commercial proposals on screen: a card's list, and the page that drafts,
//! sends and follows one.

pub mod bulk;
pub mod card_panel;
pub mod form_state;
pub mod labels;
pub mod letter_pickers;
pub mod line_editor;
pub mod page;
