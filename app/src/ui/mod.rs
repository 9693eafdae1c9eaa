//! The interface. Components read state and call server functions; business
//! rules live in `crate::domain`, texts in `crate::i18n`.

pub mod account;
pub mod app;
pub mod audit;
pub mod boot_form;
pub mod calls;
pub mod clients;
pub mod company_form;
pub mod contracts;
pub mod covers;
pub mod errors;
pub mod first_admin;
pub mod follow_ups;
pub mod home;
pub mod layout;
pub mod mail_settings;
pub mod page_owner;
pub mod page_title;
pub mod password_form;
pub mod prices;
pub mod proposals;
pub mod receivables;
pub mod replica;
pub mod schemes;
pub mod session;
pub mod sign_in;
pub mod split_pages;
pub mod sync_page;
pub mod team;
pub mod templates;
pub mod today;
pub mod users;
pub mod widgets;
