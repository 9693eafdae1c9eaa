//! A button that hands a file made on the device to the browser as a real
//! download with its own name (a `data:` link opens as text on a phone and
//! loses the name in some browsers). Works offline.

use super::files;
use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn DownloadButton(
    id: &'static str,
    label: Key,
    /// The file's name, e.g. `kartoteka-zvani-2026-12-01.csv`.
    #[prop(into)]
    name: Signal<String>,
    mime: &'static str,
    /// The file's contents, made when the button is pressed.
    contents: Callback<(), Vec<u8>>,
) -> impl IntoView {
    let s = use_session();
    let failed = RwSignal::new(false);
    let save = move |_| {
        let ok = files::save(&name.get_untracked(), mime, &contents.run(())).is_ok();
        failed.set(!ok);
    };
    view! {
        <button type="button" class="secondary download" id=id on:click=save>
            {move || s.t(label)}
        </button>
        <Show when=move || failed.get()>
            <p class="form-error" role="alert">{move || s.t(Key::DownloadFailed)}</p>
        </Show>
    }
}
