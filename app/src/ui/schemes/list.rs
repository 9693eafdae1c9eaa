//! `/schemes`: every key-client scheme on this device, for those who lead
//! people to open and change.

use super::summary::summary;
use crate::i18n::Key;
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SchemesPage() -> impl IntoView {
    let s = use_session();
    let DeviceData { value, error } =
        use_device_data(None, |r| Some(async move { r.schemes().await }));
    view! {
        <header class="page-head">
            <h1>{move || s.t(Key::SchemesTitle)}</h1>
            <A href="/schemes/new" attr:class="button primary" attr:id="new-scheme">
                {move || s.t(Key::NewScheme)}
            </A>
        </header>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <ul class="plain-list" id="schemes">
            {move || value.get().map(|list| {
                if list.is_empty() {
                    view! { <li class="empty">{move || s.t(Key::NoSchemes)}</li> }.into_any()
                } else {
                    list.into_iter().map(|sc| {
                        let f = sc.fields.clone();
                        view! {
                            <li class="template-item" data-scheme=sc.id.clone()>
                                <A href=format!("/schemes/{}", sc.id)>{move || summary(s.lang.get(), &f)}</A>
                                {sc.fields.archived.then(|| view! {
                                    <span class="badge">{move || s.t(Key::TemplateArchivedBadge)}</span>
                                })}
                            </li>
                        }
                    }).collect_view().into_any()
                }
            })}
        </ul>
    }
}
