//! `/key-clients`: the clients who bring the most (turnover over the last
//! twelve months once invoices are on the device, accepted proposals until
//! then), with their schemes; read from the device, so it works offline.

use crate::domain::key_clients::Measure;
use crate::i18n::{Key, count, format};
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn KeyClientsPage() -> impl IntoView {
    let s = use_session();
    let DeviceData { value, error } =
        use_device_data(None, |r| Some(async move { r.key_clients().await }));
    view! {
        <h1>{move || s.t(Key::KeyClientsTitle)}</h1>
        <p class="muted" id="key-clients-by" data-by=move || value.with(|v| match v.as_ref().map(|(by, _)| *by) {
            Some(Measure::Turnover) => "turnover",
            _ => "accepted",
        })>
            {move || match value.with(|v| v.as_ref().map(|(by, _)| *by)) {
                Some(Measure::Turnover) => s.t(Key::KeyClientsByTurnover),
                _ => s.t(Key::KeyClientsHelp),
            }}
        </p>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <ol class="key-clients" id="key-clients">
            {move || value.get().map(|(by, list)| {
                if list.is_empty() {
                    view! { <li class="empty">{move || s.t(Key::KeyClientsEmpty)}</li> }.into_any()
                } else {
                    list.into_iter().map(|(k, scheme)| {
                        let (amount, n) = (k.amount(by), k.accepted_count);
                        view! {
                            <li class="key-client" data-client=k.client_id.clone() data-accepted=k.accepted.to_string()
                                data-turnover=k.turnover.to_string()>
                                <A href=format!("/clients/{}", k.client_id)>{k.name.clone()}</A>
                                {scheme.map(|name| view! { <span class="badge seg-key">{name}</span> })}
                                <span class="key-amount">{move || format::eur(s.lang.get(), amount)}</span>
                                <span class="muted">{move || count(s.lang.get(), Key::KeyClientsAccepted, n as u64)}</span>
                            </li>
                        }
                    }).collect_view().into_any()
                }
            })}
        </ol>
    }
}
