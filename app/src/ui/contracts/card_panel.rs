//! A card's contracts: each with where it stands, until when it runs and
//! how many points are still argued over, and a way to draft a new one;
//! above them, the terms of the contract in force.

use super::labels;
use crate::domain::contract::Contract;
use crate::i18n::{Key, count, fill, format};
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ContractsPanel(client_id: String) -> impl IntoView {
    let s = use_session();
    let client_id = StoredValue::new(client_id);
    let DeviceData { value: list, error } = use_device_data(None, move |r| {
        Some(async move { r.contracts_of(&client_id.get_value()).await })
    });
    let DeviceData {
        value: in_force, ..
    } = use_device_data(None, move |r| {
        Some(async move { r.contract_in_force(&client_id.get_value()).await })
    });
    view! {
        <section class="panel" id="card-contracts">
            <div class="list-head">
                <h2>{move || s.t(Key::ContractsTitle)}</h2>
                <A href=format!("/clients/{}/contracts/new", client_id.get_value())
                    attr:class="button" attr:id="new-contract">
                    {move || s.t(Key::NewContract)}
                </A>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || in_force.get().flatten().map(|c| view! { <TermsInForce c=c/> })}
            <ul class="today-list" id="card-contract-list">
                {move || {
                    let all = list.get().unwrap_or_default();
                    let none = all.is_empty();
                    view! {
                        {none.then(|| view! { <li class="empty">{move || s.t(Key::NoContracts)}</li> })}
                        {all.into_iter().map(|c| view! { <ContractRow c=c/> }).collect_view()}
                    }
                }}
            </ul>
        </section>
    }
}

/// The card's commercial terms as the contract in force sets them.
#[component]
fn TermsInForce(c: Contract) -> impl IntoView {
    let s = use_session();
    let f = c.fields.clone();
    let number = f.number.clone();
    view! {
        <dl class="contract-terms" id="contract-terms" data-contract=c.id.clone()>
            <p class="muted">{move || fill(s.t(Key::TermsFromContract), &[("number", &number)])}</p>
            {f.price_type.clone().map(|p| view! {
                <div class="kv"><dt>{move || s.t(Key::PriceType)}</dt><dd>{p}</dd></div>
            })}
            {f.payment_days.map(|d| view! {
                <div class="kv"><dt>{move || s.t(Key::PaymentTerms)}</dt>
                <dd id="contract-payment-days">{move || count(s.lang.get(), Key::DaysN, u64::from(d))}</dd></div>
            })}
            {f.credit_limit.map(|v| view! {
                <div class="kv"><dt>{move || s.t(Key::CreditLimit)}</dt>
                <dd>{move || format::eur(s.lang.get(), v)}</dd></div>
            })}
            {f.delivery_terms.clone().map(|d| view! {
                <div class="kv"><dt>{move || s.t(Key::DeliveryTerms)}</dt><dd>{d}</dd></div>
            })}
        </dl>
    }
}

#[component]
fn ContractRow(c: Contract) -> impl IntoView {
    let s = use_session();
    let status = c.fields.status;
    let open = c.fields.open_points() as u64;
    let until = c.fields.valid_to;
    view! {
        <li class="today-item contract-item" data-contract=c.id.clone() data-status=status.code()>
            <A href=format!("/contracts/{}", c.id)>{c.fields.number.clone()}</A>
            <span class=format!("badge contract-{}", status.code())>{move || s.t(labels::status(status))}</span>
            {until.map(|d| view! {
                <span class="muted">{move || fill(s.t(Key::EndsOn), &[("date", &format::date(s.lang.get(), d))])}</span>
            })}
            {(open > 0).then(|| view! {
                <span class="muted">{move || count(s.lang.get(), Key::OpenPointsN, open)}</span>
            })}
        </li>
    }
}
