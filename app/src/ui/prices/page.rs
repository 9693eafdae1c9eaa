//! `/prices`: the price list on this device, searched by code, name or
//! group, each item with its prices by price type (none on a device whose
//! user sees no prices); above it, for those who may, the import.

use super::import_form::PriceImport;
use crate::domain::price_list::PriceItem;
use crate::i18n::{Key, format};
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use leptos::prelude::*;

/// How many items the list shows at once (searching narrows it).
const SHOWN: usize = 50;

#[component]
pub fn PricesPage() -> impl IntoView {
    let s = use_session();
    let DeviceData { value, error } =
        use_device_data(None, |r| Some(async move { r.price_items().await }));
    let query = RwSignal::new(String::new());
    let may_import = move || {
        s.me.with(|m| m.as_ref().is_some_and(|m| m.imports_price_list()))
    };
    let found = move || {
        let q = query.get();
        value.with(|list| {
            let Some(list) = list else {
                return (false, Vec::new());
            };
            let hits: Vec<PriceItem> = list.search(&q, SHOWN + 1).into_iter().cloned().collect();
            (list.offers_any(), hits)
        })
    };
    view! {
        <header class="page-head">
            <h1>{move || s.t(Key::PricesTitle)}</h1>
        </header>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <Show when=may_import>
            <PriceImport/>
        </Show>
        <div class="field">
            <label for="price-search">{move || s.t(Key::PriceSearch)}</label>
            <input id="price-search" type="search" autocomplete="off"
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        </div>
        <ul class="plain-list price-items" id="price-items">
            {move || {
                let (any, hits) = found();
                if !any {
                    return view! { <li class="empty">{move || s.t(Key::NoPriceItems)}</li> }.into_any();
                }
                let more = hits.len() > SHOWN;
                view! {
                    {hits.into_iter().take(SHOWN).map(|i| view! { <ItemRow item=i/> }).collect_view()}
                    {more.then(|| view! { <li class="muted">{move || s.t(Key::PriceNarrow)}</li> })}
                }.into_any()
            }}
        </ul>
    }
}

#[component]
fn ItemRow(item: PriceItem) -> impl IntoView {
    let s = use_session();
    let about: Vec<String> = [item.group.clone(), item.unit.clone()]
        .into_iter()
        .flatten()
        .collect();
    view! {
        <li class="price-item" data-code=item.code.clone()>
            <p><strong class="code">{item.code.clone()}</strong>" "{item.name.clone()}</p>
            {(!about.is_empty()).then(|| view! { <p class="muted">{about.join(" · ")}</p> })}
            {(!item.prices.is_empty()).then(|| view! {
                <dl class="prices">
                    {item.prices.into_iter().map(|p| view! {
                        <div data-type=p.price_type.clone()>
                            <dt>{p.price_type.clone()}</dt>
                            <dd>{move || format::eur(s.lang.get(), p.price)}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            })}
        </li>
    }
}
