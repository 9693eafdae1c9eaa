//! Follow-ups on screen: the agenda on Today, a card's next steps, and the
//! next-step part of the call form.

pub mod agenda;
pub mod card_panel;
pub mod labels;
pub mod next_step;
