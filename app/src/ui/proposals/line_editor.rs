//! One line of a proposal form: item, quantity, unit price and discount,
//! each with its problem underneath (shared by the proposal page and the
//! bulk send).

use super::form_state::{LineRow, ProposalForm};
use crate::domain::scheme::SchemeFields;
use crate::domain::validation::Issues;
use crate::i18n::{Key, problem_text};
use crate::ui::session::use_session;
use crate::ui::widgets::field::{Field, label};
use leptos::prelude::*;

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
) -> impl IntoView {
    let s = use_session();
    let id = move |f: &str| format!("line-{i}-{f}");
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
            <Field id=id("item") required=true label=label(Key::LineItem) value=row.item error=err("item")/>
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
