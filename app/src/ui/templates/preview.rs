//! A letter as the client will read it: its subject and its text, filled
//! by the same merge the server's letter uses (`domain::proposal_text`).

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn LetterPreview(
    /// The subject and the text; `None` while they cannot be filled yet.
    #[prop(into)]
    letter: Signal<Option<(String, String)>>,
    #[prop(into)] waiting: Signal<String>,
) -> impl IntoView {
    let s = use_session();
    view! {
        <section class="letter-preview" id="letter-preview" aria-live="polite">
            <h3>{move || s.t(Key::LetterPreview)}</h3>
            {move || match letter.get() {
                Some((subject, body)) => view! {
                    <p class="letter-subject" id="preview-subject">{subject}</p>
                    <div class="letter-body" id="preview-body">{body}</div>
                }
                .into_any(),
                None => view! { <p class="muted">{move || waiting.get()}</p> }.into_any(),
            }}
        </section>
    }
}
