//! The price list: its items with their prices by price type, searched on
//! the device, and its import from the firm's system.

mod import_form;
pub mod page;
