//! Key-client schemes: the list and the editor, for those who lead people,
//! and the words that describe a scheme wherever it is shown.

pub mod editor;
pub mod key_clients;
pub mod list;
pub mod summary;
