//! Small components shared by the pages.

pub mod field;
pub mod online;
