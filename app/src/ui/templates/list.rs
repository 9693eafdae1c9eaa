//! `/templates`: every template on this device, for those who lead people
//! to open and change (managers pick them in the proposal form).

use crate::domain::template::TemplatePurpose;
use crate::i18n::Key;
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let s = use_session();
    let DeviceData { value, error } =
        use_device_data(None, |r| Some(async move { r.templates().await }));
    view! {
        <header class="page-head">
            <h1>{move || s.t(Key::TemplatesTitle)}</h1>
            <A href="/templates/new" attr:class="button primary" attr:id="new-template">
                {move || s.t(Key::NewTemplate)}
            </A>
        </header>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <ul class="plain-list" id="templates">
            {move || value.get().map(|list| {
                if list.is_empty() {
                    view! { <li class="empty">{move || s.t(Key::NoTemplates)}</li> }.into_any()
                } else {
                    list.into_iter().map(|t| view! {
                        <li class="template-item" data-template=t.id.clone()>
                            <A href=format!("/templates/{}", t.id)>{t.fields.name.clone()}</A>
                            {match t.fields.purpose {
                                TemplatePurpose::Proposal => None,
                                TemplatePurpose::Contract => Some(Key::PurposeContract),
                                TemplatePurpose::Reminder => Some(Key::PurposeReminder),
                            }.map(|k| view! { <span class="badge">{move || s.t(k)}</span> })}
                            {t.fields.archived.then(|| view! {
                                <span class="badge">{move || s.t(Key::TemplateArchivedBadge)}</span>
                            })}
                        </li>
                    }).collect_view().into_any()
                }
            })}
        </ul>
    }
}
