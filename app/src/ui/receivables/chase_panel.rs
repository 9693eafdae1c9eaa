//! Today's clients to chase for money: those with overdue invoices, the
//! largest overdue amount first. A tap opens the card with its call form
//! set to a debt call, so the chasing call is logged as such. Nothing is
//! shown when nobody owes anything overdue (or no documents reached this
//! device).

use crate::i18n::{Key, count, format};
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

/// The most clients the list shows.
const SHOWN: usize = 10;

#[component]
pub fn ChasePanel() -> impl IntoView {
    let s = use_session();
    let DeviceData { value, .. } =
        use_device_data(None, |r| Some(async move { r.to_chase(SHOWN).await }));
    view! {
        {move || value.get().filter(|l| !l.is_empty()).map(|list| view! {
            <section class="panel" id="chase">
                <h2>{move || s.t(Key::ChaseTitle)}</h2>
                <ul class="today-list">
                    {list.into_iter().map(|c| {
                        let overdue = c.standing.position.overdue;
                        let days = c.standing.position.oldest_overdue_days().unsigned_abs();
                        view! {
                            <li class="today-item" data-client=c.standing.client_id.clone() data-overdue=overdue.to_string()>
                                <A href=format!("/clients/{}?kind=receivables", c.standing.client_id)>{c.name}</A>
                                <span class="chase-amount">{move || format::eur(s.lang.get(), overdue)}</span>
                                <span class="muted">{move || count(s.lang.get(), Key::ChaseOldest, days)}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
