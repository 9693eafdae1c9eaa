//! "Shipments stopped" on a card: a banner for everyone who sees the card
//! (logistics ships nothing while it shows), and for those who may stop
//! shipments (heads, directors) the switch, with a reason. The switch is
//! the server's (`money/stop`), so it needs the network; the banner is the
//! synced record, so it shows offline.

use crate::api::receivables::stop_shipments;
use crate::domain::receivables::shipment_stop::{ShipmentStop, StopInput};
use crate::i18n::{Key, fill, format};
use crate::ui::errors::api_error_text;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn StopPanel(client_id: String) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let client_id = StoredValue::new(client_id);
    let DeviceData { value, error } = use_device_data(None, move |r| {
        Some(async move { r.shipment_stop_of(&client_id.get_value()).await })
    });
    let may_stop = move || {
        s.me.with(|m| m.as_ref().is_some_and(|m| m.role.stops_shipments()))
    };
    let reason = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let set = move |stopped: bool| {
        busy.set(true);
        let input = StopInput {
            client_id: client_id.get_value(),
            stopped,
            reason: reason.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match stop_shipments(input).await {
                Ok(stop) => {
                    value.set(Some(Some(stop)));
                    error.set(None);
                    reason.set(String::new());
                    r.sync_now();
                }
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
            busy.set(false);
        });
    };
    let stop = move || value.get().flatten();
    let stopped = move || stop().is_some_and(|st| st.stopped);
    view! {
        <p class="form-error" role="alert">{move || error.get()}</p>
        {move || stop().filter(|st| st.stopped).map(|st| view! { <Banner st=st/> })}
        <Show when=may_stop>
            <div class="actions" id="shipment-switch">
                <Show when=move || !stopped()
                    fallback=move || view! {
                        <button type="button" class="secondary" id="resume-shipments"
                            disabled=move || busy.get() on:click=move |_| set(false)>
                            {move || s.t(Key::ResumeShipments)}
                        </button>
                    }>
                    <label class="field">
                        <span>{move || s.t(Key::StopReason)}</span>
                        <input id="stop-reason" type="text" maxlength="500"
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                    </label>
                    <button type="button" class="secondary" id="stop-shipments"
                        disabled=move || busy.get() on:click=move |_| set(true)>
                        {move || s.t(Key::StopShipments)}
                    </button>
                </Show>
            </div>
        </Show>
    }
}

#[component]
fn Banner(st: ShipmentStop) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let at = st.at;
    let by = st.by_name.clone();
    view! {
        <section class="notice shipment-stop" id="shipment-stop" role="status" data-stopped="true">
            <strong>{move || s.t(Key::ShipmentsStopped)}</strong>
            {st.reason.clone().map(|r| view! { <span class="stop-reason">{r}</span> })}
            <span class="muted">
                {move || fill(s.t(Key::StoppedBy), &[("name", &by), ("date", &format::date(lang(), at.date_naive()))])}
            </span>
        </section>
    }
}
