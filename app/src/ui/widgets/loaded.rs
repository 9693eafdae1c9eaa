//! A page's one read before it can show its form: a loading line while it
//! runs, then the form, or the failure in the user's language.

use crate::api::ApiError;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use leptos::prelude::*;

/// Shows `show` of what `load` answers.
pub fn loaded<T, V>(
    load: LocalResource<Result<T, ApiError>>,
    show: impl Fn(T) -> V + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    let s = use_session();
    view! {
        <Suspense fallback=move || view! { <p role="status">{move || s.t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                match load.await {
                    Ok(v) => show(v).into_any(),
                    Err(e) => view! {
                        <p class="form-error" role="alert">{api_error_text(s.lang.get_untracked(), &e)}</p>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
