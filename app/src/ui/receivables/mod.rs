//! Money from accounting on screen: a card's receivables (balance, aging,
//! open documents, read from the device so they work offline) and the
//! import page where an accounting export comes in.

pub mod accounts_page;
pub mod card_panel;
pub mod chase_panel;
pub mod import_page;
pub mod letters_panel;
pub mod promise_form;
pub mod reconcile_panel;
pub mod stop_panel;
