//! What a proposal's letter is written in: its language, and its template
//! (or the standard letter). Shared by the proposal page and the bulk send.

use super::form_state::ProposalForm;
use super::labels;
use crate::domain::template::Template;
use crate::domain::user::Language;
use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn LanguagePicker(form: ProposalForm) -> impl IntoView {
    let s = use_session();
    view! {
        <div class="field">
            <label for="proposal-language">{move || s.t(Key::ProposalLanguage)}</label>
            <select id="proposal-language" on:change=move |ev| {
                if let Some(l) = Language::parse(&event_target_value(&ev)) {
                    form.language.set(l);
                }
            }>
                {Language::ALL.into_iter().map(|l| view! {
                    <option value=l.code() lang=l.code() prop:selected=move || form.language.get() == l>
                        {labels::language(l)}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The templates offered are those not archived, and the one the form
/// already names even if archived since.
#[component]
pub fn TemplatePicker(
    form: ProposalForm,
    templates: RwSignal<Option<Vec<Template>>>,
) -> impl IntoView {
    let s = use_session();
    let offered = move || {
        let chosen = form.template_id.get();
        templates
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|t| !t.fields.archived || Some(&t.id) == chosen.as_ref())
            .collect::<Vec<_>>()
    };
    view! {
        <div class="field">
            <label for="proposal-template">{move || s.t(Key::ProposalTemplate)}</label>
            <select id="proposal-template" on:change=move |ev| {
                let v = event_target_value(&ev);
                form.template_id.set((!v.is_empty()).then_some(v));
            }>
                <option value="" prop:selected=move || form.template_id.with(Option::is_none)>
                    {move || s.t(Key::StandardLetter)}
                </option>
                {move || offered().into_iter().map(|t| {
                    let id = t.id.clone();
                    view! {
                        <option value=t.id.clone()
                            prop:selected=move || form.template_id.with(|c| c.as_ref() == Some(&id))>
                            {t.fields.name.clone()}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}
