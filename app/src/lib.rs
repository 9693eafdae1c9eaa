//! Kartoteka's app crate: the server functions and the UI that runs in the
//! browser as WebAssembly, with the device runtime (IndexedDB, the replica).
//! Built with `csr` for the browser and with `ssr` for the server, which
//! adds `backend`: the data crate the server functions call.

// The split-off screens (`ui/split_pages.rs`) are whole pages turned into
// `AnyView` in an async function; the compiler lays out that future's page
// type, deeper than its default limit of 128 allows.
#![recursion_limit = "256"]

pub mod api;
pub mod i18n;
#[cfg(feature = "csr")]
pub mod local;
pub mod ui;

/// The core crate's domain and sync engine, under the names the app uses.
pub use kartoteka_core::{domain, sync};

/// The data layer (server only).
#[cfg(feature = "ssr")]
pub use kartoteka_backend as backend;

/// The browser entry point, called by the HTML shell.
#[cfg(feature = "csr")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::app::App);
}
