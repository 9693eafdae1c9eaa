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
    /// Several on one page: each one's ids end in `-{index}`.
    #[prop(optional)]
    index: Option<usize>,
) -> impl IntoView {
    let s = use_session();
    let id = move |base: &str| match index {
        Some(i) => format!("{base}-{i}"),
        None => base.to_string(),
    };
    view! {
        <section class="letter-preview" id=id("letter-preview") aria-live="polite">
            <h3>{move || s.t(Key::LetterPreview)}</h3>
            {move || match letter.get() {
                Some((subject, body)) => view! {
                    <p class="letter-subject" id=id("preview-subject")>{subject}</p>
                    <div class="letter-body" id=id("preview-body")>{body}</div>
                }
                .into_any(),
                None => view! { <p class="muted">{move || waiting.get()}</p> }.into_any(),
            }}
        </section>
    }
}
