//! Money a client owes: the accounting system's documents (invoices, credit
//! notes, payments), what they add up to on a day, and how a file of them
//! is read. Kartoteka never edits an amount: accounting is the source of
//! truth, and these rules only read what it exported.

pub mod account_letter;
pub mod accounts;
pub mod document;
pub mod import_report;
pub mod import_row;
pub mod position;
pub mod promise;
pub mod reconciliation;
pub mod reminder_text;
pub mod shipment_stop;
pub mod standing;
pub mod statement;
pub mod upload;
