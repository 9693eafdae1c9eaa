//! A labelled input with its error underneath, wired for screen readers.

use crate::domain::validation::Issues;
use crate::i18n::{Key, problem_text};
use crate::ui::session::use_session;
use leptos::prelude::*;

/// One text input. `error` is already translated; `None` hides it.
#[component]
pub fn Field(
    /// Stable id, also used by tests.
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional)] required: bool,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional, into)]
    list: Option<String>,
    /// Hears a value the user committed (typed and left, or picked from
    /// the suggestions), never one set by the program.
    #[prop(optional, into)]
    on_change: Option<Callback<String>>,
) -> impl IntoView {
    let err_id = format!("{id}-err");
    let has_err = move || error.with(Option::is_some);
    view! {
        <div class="field" class:invalid=has_err>
            <label for=id.clone()>{move || label.get()}{required.then_some(" *")}</label>
            <input
                id=id.clone()
                name=id
                type=kind
                autocomplete=autocomplete
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                list=list
                aria-invalid=move || has_err().to_string()
                aria-describedby=err_id.clone()
                bind:value=value
                on:change=move |ev| {
                    if let Some(cb) = on_change {
                        cb.run(event_target_value(&ev));
                    }
                }
            />
            <p class="error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// A multi-line text input.
#[component]
pub fn AreaField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    let err_id = format!("{id}-err");
    let has_err = move || error.with(Option::is_some);
    view! {
        <div class="field" class:invalid=has_err>
            <label for=id.clone()>{move || label.get()}</label>
            <textarea
                id=id.clone()
                name=id
                rows=rows
                aria-invalid=move || has_err().to_string()
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <p class="error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// The translated problem at `path` in `issues`, for a field's `error`.
pub fn issue_at(issues: RwSignal<Issues>, path: &'static str) -> Signal<Option<String>> {
    let s = use_session();
    Signal::derive(move || {
        issues
            .with(|is| is.at(path))
            .map(|p| problem_text(s.lang.get(), p))
    })
}

/// A catalogue text as a reactive label.
pub fn label(key: Key) -> Signal<String> {
    let s = use_session();
    Signal::derive(move || s.t(key).to_string())
}
