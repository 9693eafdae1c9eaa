//! The phone numbering plans (see `domain::phone`) in a module of their own,
//! cut off the first download by `scripts/build-web` like the seldom-opened
//! screens (`ui/split_pages.rs`). The replica loads them beside the device's
//! data: Today does not wait for them, a sync does.

use crate::domain::phone::{self, Numbering};
use crate::ui::split_pages::NotLoaded;
use wasm_split_helpers::wasm_split;

#[wasm_split(numbering, fallible)]
fn plans() -> Result<Numbering, NotLoaded> {
    Ok(crate::domain::phone_plans::PLANS)
}

/// Loads and installs the rules; false when the module could not be
/// fetched (offline before the service worker kept it).
pub async fn load() -> bool {
    if phone::is_ready() {
        return true;
    }
    match plans().await {
        Ok(rules) => {
            install(rules);
            true
        }
        Err(NotLoaded) => false,
    }
}

#[cfg(feature = "csr")]
fn install(rules: Numbering) {
    phone::install(rules);
}

/// The server's build has the rules compiled in.
#[cfg(not(feature = "csr"))]
fn install(_: Numbering) {}
