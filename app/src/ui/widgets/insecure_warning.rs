//! Said at the top when the page was opened without HTTPS (say, over the
//! office network by address): the browser then withholds what offline work
//! needs (the service worker, persistent storage, locks between tabs), so
//! the app cannot start offline nor be installed, and what is typed travels
//! unprotected.

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

/// Whether the browser counts this page as a secure context (HTTPS, or the
/// machine itself).
fn secure_context() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().is_none_or(|w| w.is_secure_context())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        true
    }
}

#[component]
pub fn InsecureWarning() -> impl IntoView {
    let s = use_session();
    (!secure_context()).then(|| {
        view! {
            <p class="notice warning" role="alert" id="insecure-warning">
                {move || s.t(Key::InsecureContext)}
            </p>
        }
    })
}
