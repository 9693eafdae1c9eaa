//! The company's details, on the mail settings page (administrators):
//! what a reconciliation statement prints as our side.

use crate::api::ApiError;
use crate::api::receivables::{company_details, save_company};
use crate::domain::company::CompanyInput;
use crate::domain::validation::Issues;
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{Field, issue_at, label};
use leptos::prelude::*;

#[component]
pub fn CompanySection() -> impl IntoView {
    let s = use_session();
    let loaded = LocalResource::new(company_details);
    view! {
        <section class="panel" id="company">
            <h2>{move || s.t(Key::CompanyTitle)}</h2>
            <Suspense fallback=move || view! { <p role="status">{move || s.t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(c) => view! { <CompanyForm input=CompanyInput::of(&c)/> }.into_any(),
                        Err(e) => view! {
                            <p class="form-error" role="alert">{api_error_text(s.lang.get_untracked(), &e)}</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CompanyForm(input: CompanyInput) -> impl IntoView {
    let s = use_session();
    let name = RwSignal::new(input.name);
    let reg_no = RwSignal::new(input.reg_no);
    let vat_no = RwSignal::new(input.vat_no);
    let address = RwSignal::new(input.address);
    let bank = RwSignal::new(input.bank);
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let input = CompanyInput {
            name: name.get_untracked(),
            reg_no: reg_no.get_untracked(),
            vat_no: vat_no.get_untracked(),
            address: address.get_untracked(),
            bank: bank.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match save_company(input).await {
                Ok(_) => {
                    issues.set(Issues::default());
                    error.set(None);
                    saved.set(true);
                }
                Err(ApiError::Invalid(found)) => issues.set(found),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <form on:submit=save novalidate>
            <Field id="company-name" label=label(Key::CompanyName) value=name error=issue_at(issues, "name") required=true/>
            <Field id="company-reg-no" label=label(Key::RegNo) value=reg_no error=issue_at(issues, "reg_no") inputmode="numeric"/>
            <Field id="company-vat-no" label=label(Key::VatNo) value=vat_no error=issue_at(issues, "vat_no")/>
            <Field id="company-address" label=label(Key::Address) value=address error=issue_at(issues, "address")/>
            <Field id="company-bank" label=label(Key::CompanyBank) value=bank error=issue_at(issues, "bank")/>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary" id="company-save">{move || s.t(Key::Save)}</button>
            <Show when=move || saved.get()>
                <p role="status" id="company-saved">{move || s.t(Key::CompanySaved)}</p>
            </Show>
        </form>
    }
}
