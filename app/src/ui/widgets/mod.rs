//! Small components shared by the pages.

pub mod bar_chart;
pub mod cover_banner;
pub mod devices;
pub mod dial;
pub mod download;
pub mod due_alerts;
pub mod field;
pub mod files;
pub mod first_download;
pub mod insecure_warning;
pub mod loaded;
pub mod local_time;
pub mod mail_banner;
pub mod notify_settings;
pub mod offline_unavailable;
pub mod perf;
pub mod phone_text;
pub mod refusals;
pub mod shortcuts;
pub mod sync_status;
pub mod update_banner;
