//! Today's contract warnings: contracts in force ending within thirty days
//! and what contracts oblige within a week (or already should have).

use crate::domain::calling::today::ContractDue;
use crate::i18n::{Key, fill, format};
use crate::ui::session::use_session;
use leptos::prelude::*;

#[component]
pub fn ContractsDue(ending: Vec<ContractDue>, obligations: Vec<ContractDue>) -> impl IntoView {
    let s = use_session();
    let row = move |d: ContractDue, key: Key| {
        let on = d.due;
        view! {
            <li class="today-item" data-contract=d.contract_id.clone()>
                <a href=format!("/contracts/{}", d.contract_id)>{d.client_name.clone()}</a>
                <span class="muted">{d.number.clone()}</span>
                {d.what.clone().map(|w| view! { <span>{w}</span> })}
                <span class="muted">{move || fill(s.t(key), &[("date", &format::date(s.lang.get(), on))])}</span>
            </li>
        }
    };
    view! {
        {(!ending.is_empty()).then(|| view! {
            <section class="panel" id="today-contracts-ending">
                <h2>{move || s.t(Key::TodayContractsEnding)}</h2>
                <ul class="today-list">{ending.into_iter().map(|d| row(d, Key::EndsOn)).collect_view()}</ul>
            </section>
        })}
        {(!obligations.is_empty()).then(|| view! {
            <section class="panel" id="today-obligations">
                <h2>{move || s.t(Key::TodayObligations)}</h2>
                <ul class="today-list">{obligations.into_iter().map(|d| row(d, Key::DueOn)).collect_view()}</ul>
            </section>
        })}
    }
}
