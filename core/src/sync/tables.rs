//! The names of the synced tables, as operations and rows carry them.

pub const CLIENT: &str = "client";
pub const CALL_LOG: &str = "call_log";
pub const CONFLICT: &str = "conflict";
pub const FOLLOW_UP: &str = "follow_up";
pub const PROPOSAL: &str = "proposal";
pub const TEMPLATE: &str = "template";
pub const SCHEME: &str = "scheme";
pub const CONTRACT: &str = "contract";
pub const MONEY_DOC: &str = "money_doc";
pub const ACCOUNT_LETTER: &str = "account_letter";
pub const PROMISE: &str = "promise";
pub const SHIPMENT_STOP: &str = "shipment_stop";
pub const PRICE_ITEM: &str = "price_item";
