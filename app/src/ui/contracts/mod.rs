//! Contracts on screen: a card's list (and the terms of the one in force),
//! the page that drafts and follows one, and Today's warnings of contracts
//! ending and obligations falling due.

pub mod card_panel;
pub mod draft;
pub mod labels;
pub mod page;
pub mod scan;
pub mod today_panel;
