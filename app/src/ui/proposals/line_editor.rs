//! One line of a proposal form: item, quantity, unit price and discount,
//! each with its problem underneath (shared by the proposal page and the
//! bulk send).

use super::form_state::{LineRow, ProposalForm};
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
            <Field id=id("discount") inputmode="decimal" label=label(Key::LineDiscount)
                value=row.discount_pct error=err("discount_pct")/>
            <button type="button" class="link danger remove-line" id=id("remove") on:click=remove>
                {move || s.t(Key::RemoveLine)}
            </button>
        </div>
    }
}
