//! Small components shared by the pages.

pub mod field;
pub mod first_download;
pub mod sync_status;
pub mod update_banner;
