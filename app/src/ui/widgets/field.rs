//! A labelled input with its error underneath, wired for screen readers.

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
                aria-invalid=move || has_err().to_string()
                aria-describedby=err_id.clone()
                bind:value=value
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
) -> impl IntoView {
    let err_id = format!("{id}-err");
    let has_err = move || error.with(Option::is_some);
    view! {
        <div class="field" class:invalid=has_err>
            <label for=id.clone()>{move || label.get()}</label>
            <textarea
                id=id.clone()
                name=id
                rows="3"
                aria-invalid=move || has_err().to_string()
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
            <p class="error" id=err_id role="alert">{move || error.get()}</p>
        </div>
    }
}
