//! A contract's draft from a contract template, on its page: pick the
//! template and the language, and the server makes the PDF from the
//! contract as stored there (online; a contract made offline is drafted
//! once it has been sent).

use crate::api::ApiError;
use crate::api::contract_scans::contract_draft;
use crate::domain::template::{Template, TemplatePurpose};
use crate::domain::user::Language;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::proposals::labels::language as language_label;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use crate::ui::widgets::files;
use leptos::prelude::*;

#[component]
pub fn DraftPanel(contract_id: String) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let id = StoredValue::new(contract_id);
    let DeviceData {
        value: templates, ..
    } = use_device_data(None, |r| {
        Some(async move { r.templates_for(TemplatePurpose::Contract).await })
    });
    let offered = move || -> Vec<Template> {
        templates
            .get()
            .unwrap_or_default()
            .into_iter()
            .filter(|t| !t.fields.archived)
            .collect()
    };
    let chosen = RwSignal::new(None::<String>);
    let lang = RwSignal::new(s.lang.get_untracked());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let make = move |_| {
        let Some(template) = chosen
            .get_untracked()
            .or_else(|| offered().first().map(|t| t.id.clone()))
        else {
            return;
        };
        error.set(None);
        busy.set(true);
        let today = chrono::Local::now().date_naive();
        leptos::task::spawn_local(async move {
            let made = contract_draft(id.get_value(), template, lang.get_untracked(), today).await;
            let ui = s.lang.get_untracked();
            match made {
                Ok(f) => {
                    let saved = f
                        .bytes()
                        .ok_or_else(|| "unreadable".to_string())
                        .and_then(|b| files::save(&f.file_name, "application/pdf", &b));
                    if saved.is_err() {
                        error.set(Some(s.t_now(Key::DownloadFailed).to_string()));
                    }
                }
                Err(ApiError::Network(_)) => {
                    error.set(Some(s.t_now(Key::ContractDraftOnline).to_string()))
                }
                Err(e) => error.set(Some(api_error_text(ui, &s.watch(e)))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="panel" id="contract-draft">
            <h2>{move || s.t(Key::ContractDraft)}</h2>
            <p class="form-error" role="alert" id="draft-error">{move || error.get()}</p>
            {move || {
                let list = offered();
                if list.is_empty() {
                    return view! { <p class="muted" id="draft-no-templates">{move || s.t(Key::NoContractTemplates)}</p> }.into_any();
                }
                if !r.online.get() {
                    return view! { <p class="muted" id="draft-offline">{move || s.t(Key::ContractDraftOnline)}</p> }.into_any();
                }
                view! {
                    <div class="field">
                        <label for="draft-template">{move || s.t(Key::TemplatePurposeLabel)}</label>
                        <select id="draft-template" on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
                            {list.into_iter().map(|t| {
                                let tid = t.id.clone();
                                view! {
                                    <option value=t.id.clone()
                                        prop:selected=move || chosen.get().as_deref() == Some(tid.as_str())>
                                        {t.fields.name.clone()}
                                    </option>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="draft-language">{move || s.t(Key::ContractDraftLanguage)}</label>
                        <select id="draft-language" on:change=move |ev| {
                            if let Some(l) = Language::parse(&event_target_value(&ev)) {
                                lang.set(l);
                            }
                        }>
                            {Language::ALL.into_iter().map(|l| view! {
                                <option value=l.code() lang=l.code() prop:selected=move || lang.get() == l>
                                    {language_label(l)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="secondary" id="draft-make"
                        aria-busy=move || busy.get().to_string() disabled=move || busy.get() on:click=make>
                        {move || s.t(Key::ContractDraftMake)}
                    </button>
                }.into_any()
            }}
        </section>
    }
}
