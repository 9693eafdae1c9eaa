//! Kartoteka's app crate: the domain, the server functions, and the UI that
//! runs in the browser as WebAssembly. Built with `csr` for the browser and
//! with `ssr` for the server (which adds `backend`, the database side).

pub mod api;
pub mod domain;
pub mod i18n;
#[cfg(feature = "csr")]
pub mod local;
pub mod sync;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod backend;

/// The browser entry point, called by the HTML shell.
#[cfg(feature = "csr")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::app::App);
}
