//! The local replica as pages use it: its sync state and its data. Pages
//! read and write here, never the server directly, so they work offline.

pub mod browser;
pub mod contracts;
pub mod data;
pub mod engine;
pub mod follow_ups;
pub mod letters;
pub mod money;
pub mod numbering;
pub mod prices;
pub mod promises;
pub mod proposals;
pub mod reads;
pub mod records;
pub mod schemes;
pub mod shared_mirror;
pub mod store;
pub mod team;
pub mod templates;
pub mod transport;

pub use engine::{Replica, use_replica};
pub use reads::{DeviceData, use_device_data};
