//! A card's receivables: what the client owes, what of it is overdue and
//! for how long (a chart: the eye finds the red bar), the credit limit's
//! use, and the documents still open. Computed on the device from the
//! synced documents, so a phone offline at a fair shows them too. Nothing
//! is shown for a client without documents on this device.

use super::letters_panel::LettersPanel;
use super::promise_form::{PromiseForm, PromiseLine};
use crate::domain::receivables::position::{Aging, OpenItem};
use crate::domain::user::Language;
use crate::i18n::{Key, count, fill, format};
use crate::ui::replica::money::Receivables;
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use crate::ui::widgets::bar_chart::{Bar, BarChart};
use leptos::prelude::*;

#[component]
pub fn MoneyPanel(client_id: String) -> impl IntoView {
    let client_id = StoredValue::new(client_id);
    let DeviceData { value, error } = use_device_data(None, move |r| {
        Some(async move { r.receivables_of(&client_id.get_value()).await })
    });
    view! {
        <p class="form-error" role="alert">{move || error.get()}</p>
        {move || value.get().flatten().map(|m| view! { <Money m=m client_id=client_id.get_value()/> })}
    }
}

/// The client's newest promise to pay, and the form for a new one while
/// something is overdue.
#[component]
fn CardPromise(client_id: String, overdue: rust_decimal::Decimal) -> impl IntoView {
    let s = use_session();
    let id = StoredValue::new(client_id);
    let DeviceData { value, .. } = use_device_data(None, move |r| {
        Some(async move { r.promise_of(&id.get_value()).await })
    });
    let open = RwSignal::new(false);
    view! {
        <div id="money-promise">
            {move || value.get().flatten().map(|(p, k)| view! { <p><PromiseLine promise=p keeping=k/></p> })}
            {(!overdue.is_zero()).then(|| view! {
                <button type="button" class="secondary" id="promise-open"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || s.t(Key::PromiseOpen)}
                </button>
                <Show when=move || open.get()>
                    <PromiseForm client_id=id.get_value() overdue=overdue/>
                </Show>
            })}
        </div>
    }
}

fn aging_bars(lang: Language, a: &Aging) -> Vec<Bar> {
    let bar = |code, label, v: rust_decimal::Decimal| Bar {
        code,
        label,
        size: u64::try_from((v * rust_decimal::Decimal::ONE_HUNDRED).trunc().mantissa())
            .unwrap_or(0),
        figure: format::eur(lang, v),
        value: v.to_string(),
    };
    vec![
        bar("not_due", Key::AgingNotDue, a.not_due),
        bar("1_30", Key::Aging1To30, a.days_1_30),
        bar("31_60", Key::Aging31To60, a.days_31_60),
        bar("61_90", Key::Aging61To90, a.days_61_90),
        bar("over_90", Key::AgingOver90, a.over_90),
    ]
}

#[component]
fn Money(m: Receivables, client_id: String) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let p = m.position.clone();
    let over = p.over_limit(m.limit);
    let limit_use = p.limit_use_pct(m.limit);
    let (balance, overdue, unapplied) = (p.balance, p.overdue, p.unapplied);
    let open = p.open.clone();
    let aging = p.aging.clone();
    view! {
        <section class="panel" id="client-money" data-over-limit=over.to_string()>
            <h2>{move || s.t(Key::MoneyTitle)}</h2>
            <dl class="figures">
                <div class="kv"><dt>{move || s.t(Key::MoneyBalance)}</dt>
                    <dd id="money-balance" data-value=balance.to_string()>{move || format::eur(lang(), balance)}</dd></div>
                <div class="kv"><dt>{move || s.t(Key::MoneyOverdue)}</dt>
                    <dd id="money-overdue" class:overdue=!overdue.is_zero() data-value=overdue.to_string()>
                        {move || format::eur(lang(), overdue)}
                    </dd></div>
                {(!unapplied.is_zero()).then(|| view! {
                    <div class="kv"><dt>{move || s.t(Key::MoneyPrepaid)}</dt>
                    <dd id="money-prepaid">{move || format::eur(lang(), unapplied)}</dd></div>
                })}
                {limit_use.map(|pct| view! {
                    <div class="kv"><dt>{move || s.t(Key::CreditLimit)}</dt>
                    <dd id="money-limit" class:overdue=over>
                        {move || fill(s.t(Key::MoneyLimitUse), &[("num", &pct.to_string())])}
                        {over.then(|| view! { " · "<strong>{move || s.t(Key::MoneyOverLimit)}</strong> })}
                    </dd></div>
                })}
            </dl>
            <CardPromise client_id=client_id.clone() overdue=overdue/>
            <LettersPanel client_id=client_id overdue=overdue/>
            {move || view! { <BarChart id="aging-chart" title=Key::AgingTitle bars=aging_bars(lang(), &aging)/> }}
            {(!open.is_empty()).then(|| view! {
                <h3>{move || s.t(Key::OpenDocuments)}</h3>
                <ul class="today-list" id="open-documents">
                    {open.iter().cloned().map(|o| view! { <OpenRow o=o/> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn OpenRow(o: OpenItem) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let days = o.days_overdue;
    view! {
        <li class="open-doc" data-number=o.number.clone() data-days=days.to_string()>
            <span class="doc-number">{o.number.clone()}</span>
            <span class="muted">{move || fill(s.t(Key::DueOn), &[("date", &format::date(lang(), o.due))])}</span>
            <span class="doc-open">{move || format::eur(lang(), o.open)}</span>
            {(days > 0).then(|| view! {
                <span class="badge overdue">{move || count(lang(), Key::DaysOverdueN, days.unsigned_abs())}</span>
            })}
        </li>
    }
}
