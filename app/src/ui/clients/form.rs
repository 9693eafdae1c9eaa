//! The card form, used to create and to edit. It never loses what was typed:
//! on a rejected save the fields stay as they are and each problem shows under
//! its field.

use super::contacts_editor::ContactsEditor;
use super::form_state::FormState;
use super::labels;
use crate::api::ApiError;
use crate::api::users::{OwnerOption, list_owners};
use crate::domain::client::{ClientCard, ClientKind, Segment, Source};
use crate::domain::client_input::ClientInput;
use crate::domain::validation::{Issue, Issues, Problem};
use crate::i18n::Key;
use crate::ui::errors::api_error_text;
use crate::ui::replica::numbering;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{AreaField, Field, issue_at, label};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

pub type SaveFuture = Pin<Box<dyn Future<Output = Result<ClientCard, ApiError>>>>;

#[component]
pub fn ClientForm(
    initial: ClientInput,
    /// Sends the input to the server.
    save: impl Fn(ClientInput) -> SaveFuture + 'static,
    /// Called with the saved card.
    on_saved: impl Fn(ClientCard) + 'static,
    on_cancel: impl Fn() + 'static,
) -> impl IntoView {
    let s = use_session();
    let state = FormState::from_input(&initial);
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let owners = RwSignal::new(Vec::<OwnerOption>::new());
    let assigns = move || {
        s.me.with(|m| m.as_ref().is_some_and(|m| m.role.assigns_owners()))
    };
    // Whether to fetch the owners: decided once, when the form opens.
    if s.me
        .with_untracked(|m| m.as_ref().is_some_and(|m| m.role.assigns_owners()))
    {
        leptos::task::spawn_local(async move {
            if let Ok(list) = list_owners().await {
                owners.set(list);
            }
        });
    }
    let err = move |path: &'static str| issue_at(issues, path);
    let crate::ui::replica::DeviceData { value: schemes, .. } =
        crate::ui::replica::use_device_data(None, |r| Some(async move { r.schemes().await }));
    let save = StoredValue::new_local(save);
    let on_saved = StoredValue::new_local(on_saved);
    // The phone numbers are checked by their numbering plans: the replica
    // loads them at start; a form opened before they came asks for them, and
    // a submit waits for them (or, if they cannot be fetched, says so at the
    // number).
    Effect::new(move |_| {
        leptos::task::spawn_local(async {
            numbering::load().await;
        })
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            numbering::load().await;
            // Left before the rules came: nothing was sent, and the form's
            // fields are gone.
            if busy.is_disposed() {
                return;
            }
            let input = state.to_input();
            // Check on the device first: instant feedback, no round trip.
            let today = chrono::Local::now().date_naive();
            if let Err(found) = input.validate(today) {
                issues.set(found);
                error.set(Some(s.t_now(Key::ErrFixFields).to_string()));
                focus_first_error();
                busy.set(false);
                return;
            }
            issues.set(Issues::default());
            error.set(None);
            match save.with_value(|f| f(input)).await {
                Ok(card) => {
                    on_saved.try_with_value(|f| f(card));
                }
                Err(e) => {
                    let e = s.watch(e);
                    match &e {
                        ApiError::Invalid(found) => issues.set(found.clone()),
                        ApiError::Duplicate(field) => {
                            issues.set(Issues(vec![Issue::new(field.clone(), Problem::Required)]))
                        }
                        _ => {}
                    }
                    error.set(Some(api_error_text(s.lang.get_untracked(), &e)));
                }
            }
            busy.set(false);
        });
    };

    let is_company = move || state.kind() == ClientKind::Company;
    view! {
        <form class="card-form" on:submit=submit novalidate>
            <p class="form-error" role="alert" id="form-error">{move || error.get()}</p>
            <fieldset>
                <legend>{move || s.t(Key::Details)}</legend>
                <div class="field">
                    <span class="label">{move || s.t(Key::Kind)}</span>
                    <div class="segmented" role="radiogroup">
                        {ClientKind::ALL.iter().map(|k| {
                            let code = k.code();
                            view! {
                                <label class="seg-option">
                                    <input type="radio" name="kind" value=code
                                        prop:checked=move || state.kind.get() == code
                                        on:change=move |_| state.kind.set(code.to_string())/>
                                    <span>{move || s.t(labels::kind(*k))}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </div>
                <Field id="name" required=true label=label(Key::Name) value=state.name error=err("name")/>
            </fieldset>
            // Whom to call comes right after the client's name: at a fair the
            // person and their number are what gets typed first, on the
            // phone's first screen.
            <ContactsEditor state=state issues=issues/>
            <fieldset>
                <legend>{move || s.t(Key::AboutClient)}</legend>
                <Show when=is_company>
                    <Field id="reg_no" inputmode="numeric" label=label(Key::RegNo) value=state.reg_no error=err("reg_no")/>
                    <Field id="vat_no" label=label(Key::VatNo) value=state.vat_no error=err("vat_no")/>
                </Show>
                <div class="field">
                    <label for="segment">{move || s.t(Key::Segment)}</label>
                    <select id="segment" bind:value=state.segment>
                        {Segment::ALL.iter().map(|x| view! {
                            <option value=x.code()>{move || s.t(labels::segment(*x))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="source">{move || s.t(Key::Source)}</label>
                    <select id="source" bind:value=state.source>
                        {Source::ALL.iter().map(|x| view! {
                            <option value=x.code()>{move || s.t(labels::source(*x))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <Show when=assigns>
                    <div class="field">
                        <label for="owner">{move || s.t(Key::Owner)}</label>
                        <select id="owner" bind:value=state.owner_id>
                            <option value="">{move || s.t(Key::OwnerMe)}</option>
                            <For each=move || owners.get() key=|o| o.id.clone() let:o>
                                <option value=o.id.clone()>{o.name.clone()}</option>
                            </For>
                        </select>
                    </div>
                </Show>
                <Field id="address" autocomplete="street-address" label=label(Key::Address) value=state.address error=err("address")/>
                <Field id="city" autocomplete="address-level2" label=label(Key::City) value=state.city error=err("city")/>
                <Field id="website" kind="url" inputmode="url" label=label(Key::Website) value=state.website error=err("website")/>
            </fieldset>
            <fieldset>
                <legend>{move || s.t(Key::Terms)}</legend>
                <Field id="price_type" label=label(Key::PriceType) value=state.price_type error=err("price_type")/>
                <div class="field">
                    <label for="scheme_id">{move || s.t(Key::ClientScheme)}</label>
                    // Options arrive from the device after the form: each
                    // says itself whether it is the chosen one.
                    <select id="scheme_id" on:change=move |ev| state.scheme_id.set(event_target_value(&ev))>
                        <option value="" prop:selected=move || state.scheme_id.with(String::is_empty)>
                            {move || s.t(Key::NoScheme)}
                        </option>
                        {move || schemes.get().unwrap_or_default().into_iter()
                            .filter(|sc| !sc.fields.archived || state.scheme_id.with(|c| *c == sc.id))
                            .map(|sc| {
                                let id = sc.id.clone();
                                view! {
                                    <option value=sc.id.clone() prop:selected=move || state.scheme_id.with(|c| *c == id)>
                                        {sc.fields.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <Field id="payment_terms_days" inputmode="numeric" label=label(Key::PaymentTerms)
                    value=state.payment_terms_days error=err("payment_terms_days")/>
                <Field id="credit_limit" inputmode="decimal" label=label(Key::CreditLimit)
                    value=state.credit_limit error=err("credit_limit")/>
                <Field id="tags" label=label(Key::Tags) value=state.tags error=err("tags")/>
                <AreaField id="needs" label=label(Key::Needs) value=state.needs error=err("needs")/>
            </fieldset>
            <div class="actions sticky-actions">
                <button type="button" class="secondary" on:click=move |_| on_cancel()>
                    {move || s.t(Key::Cancel)}
                </button>
                <button type="submit" class="primary" id="save" disabled=move || busy.get()>
                    {move || if busy.get() { s.t(Key::Saving) } else { s.t(Key::Save) }}
                </button>
            </div>
        </form>
    }
}

/// Moves focus to the first field marked invalid, so keyboard and screen
/// reader users land where the problem is.
fn focus_first_error() {
    use wasm_bindgen::JsCast;
    let _ = set_timeout_with_handle(
        || {
            if let Some(el) = document()
                .query_selector(".field.invalid input, .field.invalid textarea")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        },
        std::time::Duration::from_millis(0),
    );
}
