//! Work handed in by deactivated people's devices, for the head to review:
//! who, when, what record, which fields; "reviewed" clears it.

use crate::api::review::{list_review, review_done};
use crate::domain::review::ReviewItem;
use crate::i18n::{Key, format};
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn ReviewPanel() -> impl IntoView {
    let s = use_session();
    let items = RwSignal::new(Vec::<ReviewItem>::new());
    let error = RwSignal::new(None::<String>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match list_review().await {
                Ok(list) => items.set(list),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    reload();
    let done = move |id: String| {
        leptos::task::spawn_local(async move {
            match review_done(id).await {
                Ok(()) => reload(),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    view! {
        <section class="panel" id="review">
            <h2>{move || s.t(Key::ReviewTitle)}</h2>
            <p class="hint">{move || s.t(Key::ReviewIntro)}</p>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <Show when=move || items.with(Vec::is_empty)>
                <p class="empty">{move || s.t(Key::ReviewNone)}</p>
            </Show>
            <ul class="audit-list">
                {move || items.get().into_iter().map(|i| {
                    let id = i.id.clone();
                    let at = i.at;
                    let hidden = i.fields.is_null();
                    let fields = serde_json::to_string(&i.fields).unwrap_or_default();
                    view! {
                        <li class="audit-entry review-item" data-table=i.table.clone()>
                            <p>
                                <time>{move || format::datetime(s.lang.get(), at)}</time>" · "
                                <strong>{i.user_name.clone()}</strong>" · "<code>{i.table.clone()}</code>
                            </p>
                            {if hidden {
                                view! { <p class="hint review-hidden">{move || s.t(Key::ReviewHidden)}</p> }.into_any()
                            } else {
                                view! { <p class="audit-changes"><code>{fields}</code></p> }.into_any()
                            }}
                            <button type="button" class="secondary review-done"
                                on:click=move |_| done(id.clone())>
                                {move || s.t(Key::ReviewDone)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
