//! The progress bar of the first download on a device (it can be tens of
//! thousands of cards and calls).

use crate::i18n::{Key, fill, format};
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn FirstDownload() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let shown = move || r.first_download.get() && r.syncing.get();
    let done = move || r.progress.with(|p| p.as_ref().map_or(0, |p| p.pulled));
    let left = move || r.progress.with(|p| p.as_ref().map_or(0, |p| p.remaining));
    view! {
        <Show when=shown>
            <div class="first-download" id="first-download" role="status" aria-live="polite">
                <p>
                    {move || fill(s.t(Key::FirstDownload), &[("done", &format::integer(s.lang.get(), done() as i64))])}
                    {move || (left() > 0).then(|| format!(" · {}", fill(s.t(Key::FirstDownloadLeft), &[("num", &format::integer(s.lang.get(), left() as i64))])))}
                </p>
                <progress
                    max=move || (done() as u64 + left()).max(1).to_string()
                    value=move || done().to_string()
                ></progress>
            </div>
        </Show>
    }
}
