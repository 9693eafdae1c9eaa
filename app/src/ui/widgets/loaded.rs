//! A page's one read before it can show its form: a loading line while it
//! runs, then the form, or the failure in the user's language.
//!
//! The read runs once per key (the page's address, whether the device is
//! open), so a sync never resets what is being typed. Each key gets a
//! Suspense of its own that resolves once: a Suspense that reloads in place
//! builds its new content a tick after the read, and if the user left the
//! page in that tick, the form was built over values already disposed of.

use crate::api::ApiError;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::page_owner::paused_when_dropped;
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::future::Future;

/// Shows `show` of what `load` answers for `key`, read again only when the
/// key changes.
pub fn loaded<K, T, V, Fut>(
    key: impl Fn() -> K + Send + Sync + 'static,
    load: impl Fn(K) -> Fut + Copy + Send + Sync + 'static,
    show: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    K: PartialEq + Clone + Send + Sync + 'static,
    T: Clone + 'static,
    V: IntoView + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let s = use_session();
    // A memo: only a real change of the key reads again. (Leaving the page,
    // the router changes its address too: the read that starts then is
    // dropped with the page.)
    let key = Memo::new(move |_| key());
    move || {
        let k = key.get();
        // Replaced when the key changes; paused first (`page_owner`).
        paused_when_dropped(move || {
            let answer = LocalResource::new(move || load(k.clone()));
            view! {
                <Suspense fallback=move || view! { <p role="status">{move || s.t(Key::Loading)}</p> }>
                    {Suspend::new(async move {
                        match answer.await {
                            Ok(v) => show(v).into_any(),
                            Err(e) => view! {
                                <p class="form-error" role="alert">{api_error_text(s.lang.get_untracked(), &e)}</p>
                            }
                            .into_any(),
                        }
                    })}
                </Suspense>
            }
        })
    }
}
