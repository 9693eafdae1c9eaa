//! One line of a proposal form: item, quantity, unit price and discount,
//! each with its problem underneath (shared by the proposal page and the
//! bulk send). The item field suggests the price list's items; picking one
//! fills the line with its price for the client's price type.

use super::form_state::{LineRow, ProposalForm};
use crate::domain::price_list::{Catalogue, PriceItem, PriceSource};
use crate::domain::scheme::SchemeFields;
use crate::domain::validation::Issues;
use crate::i18n::format;
use crate::i18n::{Key, fill, problem_text};
use crate::ui::session::use_session;
use crate::ui::widgets::field::{Field, label};
use leptos::prelude::*;

/// How many of the price list's items the item field suggests.
const SUGGESTIONS: usize = 12;

/// One line: item, quantity, unit price, discount, each with its problem.
#[component]
pub fn LineEditor(
    i: usize,
    row: LineRow,
    form: ProposalForm,
    issues: RwSignal<Issues>,
    /// The client's key-client scheme: with product groups of its own, a
    /// line picks its group and takes that group's discount.
    #[prop(into)]
    scheme: Signal<Option<SchemeFields>>,
    /// The price list on this device.
    #[prop(into)]
    items: Signal<Catalogue>,
    /// The client's price type (`None`: the list's base price; the bulk
    /// send prices each client's own later).
    #[prop(into)]
    price_type: Signal<Option<String>>,
) -> impl IntoView {
    let s = use_session();
    let id = move |f: &str| format!("line-{i}-{f}");
    // A few suggestions for what is typed, not the whole list.
    let suggestions = move || {
        let typed = row.item.get();
        items.with(|list| {
            list.search(&typed, SUGGESTIONS)
                .into_iter()
                .map(PriceItem::label)
                .collect::<Vec<_>>()
        })
    };
    let take = Callback::new(move |text: String| {
        let found = items.with_untracked(|list| list.find(&text).cloned());
        if let Some(item) = found {
            row.take_item(
                &item,
                price_type.get_untracked().as_deref(),
                scheme.get_untracked().as_ref(),
            );
        }
    });
    // The list's price for the item the line names, and whose price it is.
    let list_price = move || {
        let item = items.with(|list| list.find(&row.item.get()).cloned())?;
        let pt = price_type.get();
        let (price, source) = item.price_for(pt.as_deref())?;
        let lang = s.lang.get();
        let price = format::eur(lang, price);
        Some(match (source, pt) {
            (PriceSource::ClientType, Some(t)) => fill(
                s.t(Key::ListPriceOfType),
                &[("price", &price), ("type", &t)],
            ),
            _ => fill(s.t(Key::ListPriceBase), &[("price", &price)]),
        })
    };
    let err = move |f: &str| {
        let path = format!("lines.{i}.{f}");
        Signal::derive(move || {
            issues
                .with(|is| is.at(&path))
                .map(|p| problem_text(s.lang.get(), p))
        })
    };
    let remove = move |_| {
        form.remove_line(i);
        // The other lines' indexes moved: old problems would point at the
        // wrong line.
        issues.set(Issues::default());
    };
    view! {
        <div class="proposal-line" data-line=i>
            <Field id=id("item") required=true label=label(Key::LineItem) value=row.item error=err("item")
                list=id("items") on_change=take/>
            <datalist id=id("items")>
                {move || suggestions().into_iter().map(|l| view! { <option value=l></option> }).collect_view()}
            </datalist>
            {move || list_price().map(|t| view! { <p class="muted list-price" id=id("list-price")>{t}</p> })}
            <Field id=id("quantity") inputmode="decimal" label=label(Key::LineQuantity)
                value=row.quantity error=err("quantity")/>
            <Field id=id("price") inputmode="decimal" label=label(Key::LinePrice)
                value=row.unit_price error=err("unit_price")/>
            {move || scheme.get().filter(|sc| !sc.groups.is_empty()).map(|sc| {
                let groups: Vec<String> = sc.groups.iter().map(|g| g.group.clone()).collect();
                let pick = sc.clone();
                view! {
                    <div class="field">
                        <label for=id("group")>{move || s.t(Key::LineGroup)}</label>
                        <select id=id("group") on:change=move |ev| {
                            let g = event_target_value(&ev);
                            row.discount_pct.set(pick.typed_discount(&g));
                            row.group.set(g);
                        }>
                            <option value="" prop:selected=move || row.group.with(String::is_empty)>
                                {move || s.t(Key::AnyGroup)}
                            </option>
                            {groups.into_iter().map(|g| {
                                let (on, shown) = (g.clone(), g.clone());
                                view! {
                                    <option value=g prop:selected=move || row.group.with(|c| *c == on)>{shown}</option>
                                }
                            }).collect_view()}
                        </select>
                    </div>
                }
            })}
            <Field id=id("discount") inputmode="decimal" label=label(Key::LineDiscount)
                value=row.discount_pct error=err("discount_pct")/>
            <button type="button" class="link danger remove-line" id=id("remove") on:click=remove>
                {move || s.t(Key::RemoveLine)}
            </button>
        </div>
    }
}
