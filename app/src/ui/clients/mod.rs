//! Client cards: the list with search, one card, and the form.

pub mod card;
pub mod changes;
pub mod conflicts;
pub mod contacts_editor;
pub mod edit;
pub mod export;
pub mod form;
pub mod form_state;
pub mod labels;
pub mod list;
pub mod new;
pub mod row_focus;
pub mod row_markup;
