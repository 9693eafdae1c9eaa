//! One contract: drafting it, taking it through review and negotiation to
//! signed and active, its terms, the points still argued over and what it
//! obliges by when; and its versions (every change, who made it and when,
//! from the audit, online). What was typed stays on a rejected save.

use super::labels;
use crate::api::ApiError;
use crate::api::audit::contract_history;
use crate::domain::client::ClientCard;
use crate::domain::contract::{
    Contract, ContractInput, ContractKind, ContractStatus, MAX_OBLIGATIONS, MAX_POINTS,
    ObligationInput, ObligationKind, PointInput, PointState,
};
use crate::domain::validation::Issues;
use crate::i18n::{Key, problem_text};
use crate::ui::audit::entry::AuditEntryView;
use crate::ui::errors::api_error_text;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use crate::ui::widgets::field::{AreaField, Field, issue_at, label};
use crate::ui::widgets::loaded::loaded;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// `clients/:id/contracts/new` and `contracts/:cid`.
#[component]
pub fn ContractPage() -> impl IntoView {
    let params = use_params_map();
    let r = use_replica();
    // Read once per address: a sync never resets what is being typed.
    loaded(
        move || (params.with(|p| (p.get("id"), p.get("cid"))), r.ready.get()),
        move |((client_id, cid), _)| async move {
            let existing = match cid {
                Some(cid) => Some(r.contract(&cid).await?),
                None => None,
            };
            let client_id = existing
                .as_ref()
                .map(|c| c.fields.client_id.clone())
                .or(client_id)
                .unwrap_or_default();
            let card = r.get_client(&client_id).await?;
            Ok::<_, ApiError>((card, existing))
        },
        |(card, existing)| view! { <ContractEditor card=card existing=existing/> },
    )
}

#[derive(Clone, Copy)]
struct PointRow {
    text: RwSignal<String>,
    state: RwSignal<PointState>,
}

#[derive(Clone, Copy)]
struct ObligationRow {
    kind: RwSignal<ObligationKind>,
    text: RwSignal<String>,
    due: RwSignal<String>,
    done: RwSignal<bool>,
}

/// The form as signals, one per input.
#[derive(Clone, Copy)]
struct Form {
    number: RwSignal<String>,
    kind: RwSignal<ContractKind>,
    status: RwSignal<ContractStatus>,
    signed_on: RwSignal<String>,
    valid_from: RwSignal<String>,
    valid_to: RwSignal<String>,
    renew_by: RwSignal<String>,
    price_type: RwSignal<String>,
    payment_days: RwSignal<String>,
    credit_limit: RwSignal<String>,
    scheme_id: RwSignal<String>,
    delivery_terms: RwSignal<String>,
    accelerated: RwSignal<bool>,
    conditions: RwSignal<String>,
    points: RwSignal<Vec<PointRow>>,
    obligations: RwSignal<Vec<ObligationRow>>,
}

fn point_row(p: &PointInput) -> PointRow {
    PointRow {
        text: RwSignal::new(p.text.clone()),
        state: RwSignal::new(p.state),
    }
}

fn obligation_row(o: &ObligationInput) -> ObligationRow {
    ObligationRow {
        kind: RwSignal::new(o.kind),
        text: RwSignal::new(o.text.clone()),
        due: RwSignal::new(o.due.clone()),
        done: RwSignal::new(o.done),
    }
}

impl Form {
    fn of(i: &ContractInput) -> Form {
        Form {
            number: RwSignal::new(i.number.clone()),
            kind: RwSignal::new(i.kind),
            status: RwSignal::new(i.status),
            signed_on: RwSignal::new(i.signed_on.clone()),
            valid_from: RwSignal::new(i.valid_from.clone()),
            valid_to: RwSignal::new(i.valid_to.clone()),
            renew_by: RwSignal::new(i.renew_by.clone()),
            price_type: RwSignal::new(i.price_type.clone()),
            payment_days: RwSignal::new(i.payment_days.clone()),
            credit_limit: RwSignal::new(i.credit_limit.clone()),
            scheme_id: RwSignal::new(i.scheme_id.clone()),
            delivery_terms: RwSignal::new(i.delivery_terms.clone()),
            accelerated: RwSignal::new(i.accelerated_delivery),
            conditions: RwSignal::new(i.conditions.clone()),
            points: RwSignal::new(i.points.iter().map(point_row).collect()),
            obligations: RwSignal::new(i.obligations.iter().map(obligation_row).collect()),
        }
    }

    fn input(&self, client_id: &str) -> ContractInput {
        ContractInput {
            client_id: client_id.to_string(),
            number: self.number.get_untracked(),
            kind: self.kind.get_untracked(),
            status: self.status.get_untracked(),
            signed_on: self.signed_on.get_untracked(),
            valid_from: self.valid_from.get_untracked(),
            valid_to: self.valid_to.get_untracked(),
            renew_by: self.renew_by.get_untracked(),
            price_type: self.price_type.get_untracked(),
            payment_days: self.payment_days.get_untracked(),
            credit_limit: self.credit_limit.get_untracked(),
            scheme_id: self.scheme_id.get_untracked(),
            delivery_terms: self.delivery_terms.get_untracked(),
            accelerated_delivery: self.accelerated.get_untracked(),
            conditions: self.conditions.get_untracked(),
            points: self.points.with_untracked(|v| {
                v.iter()
                    .map(|p| PointInput {
                        text: p.text.get_untracked(),
                        state: p.state.get_untracked(),
                    })
                    .collect()
            }),
            obligations: self.obligations.with_untracked(|v| {
                v.iter()
                    .map(|o| ObligationInput {
                        kind: o.kind.get_untracked(),
                        text: o.text.get_untracked(),
                        due: o.due.get_untracked(),
                        done: o.done.get_untracked(),
                    })
                    .collect()
            }),
        }
    }
}

/// A select over a code enum's values, each named by `key`.
fn code_select<T: Copy + PartialEq + Send + Sync + 'static>(
    id: String,
    all: &'static [T],
    value: RwSignal<T>,
    code: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
    key: fn(T) -> Key,
) -> impl IntoView {
    let s = use_session();
    view! {
        <select id=id on:change=move |ev| {
            if let Some(v) = parse(&event_target_value(&ev)) {
                value.set(v);
            }
        }>
            {all.iter().map(|&v| view! {
                <option value=code(v) prop:selected=move || value.get() == v>{move || s.t(key(v))}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn ContractEditor(card: ClientCard, existing: Option<Contract>) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let navigate = StoredValue::new_local(use_navigate());
    let client_id = StoredValue::new(card.id.clone());
    let cid = StoredValue::new(existing.as_ref().map(|c| c.id.clone()));
    // Whether the form makes a new record: a plain value, readable by the
    // view at any moment (a stored one goes with the page).
    let is_new = existing.is_none();
    let form = Form::of(
        &existing
            .as_ref()
            .map(|c| ContractInput::of(&c.fields))
            .unwrap_or_else(|| ContractInput {
                // A new contract starts from the card's terms.
                price_type: card.fields.price_type.clone().unwrap_or_default(),
                payment_days: card
                    .fields
                    .payment_terms_days
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                credit_limit: card
                    .fields
                    .credit_limit
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                scheme_id: card.fields.scheme_id.clone().unwrap_or_default(),
                ..ContractInput::draft(&card.id)
            }),
    );
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let err = move |path: &'static str| issue_at(issues, path);
    let at = move |path: String| {
        Signal::derive(move || {
            issues
                .with(|is| is.at(&path))
                .map(|p| problem_text(s.lang.get(), p))
        })
    };
    let DeviceData { value: schemes, .. } =
        use_device_data(None, |r| Some(async move { r.schemes().await }));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let input = form.input(&client_id.get_value());
        if let Err(found) = input.validate(chrono::Local::now().date_naive()) {
            issues.set(found);
            error.set(Some(s.t_now(Key::ErrFixFields).to_string()));
            return;
        }
        issues.set(Issues::default());
        error.set(None);
        busy.set(true);
        let back = format!("/clients/{}", client_id.get_value());
        let cid = cid.get_value();
        leptos::task::spawn_local(async move {
            match r.save_contract(cid.as_deref(), input).await {
                // Back to the card, unless the user has already left.
                Ok(_) => {
                    navigate.try_with_value(|go| go(&back, Default::default()));
                }
                Err(e) => {
                    let e = s.watch(e);
                    if let ApiError::Invalid(found) = &e {
                        issues.set(found.clone());
                    }
                    error.set(Some(api_error_text(s.lang.get_untracked(), &e)));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <header class="card-head">
            <h1><A href=format!("/clients/{}", card.id) attr:id="contract-client">{card.fields.name.clone()}</A></h1>
        </header>
        <p class="muted">{move || if is_new { s.t(Key::NewContract) } else { s.t(Key::ContractTitle) }}</p>
        <form class="contract-form" novalidate on:submit=save>
            <p class="form-error" role="alert" id="form-error">{move || error.get()}</p>
            <fieldset>
                <legend>{move || s.t(Key::ContractTitle)}</legend>
                <Field id="contract-number" required=true label=label(Key::ContractNumber) value=form.number
                    error=err("number")/>
                <div class="field">
                    <label for="contract-kind">{move || s.t(Key::ContractKindLabel)}</label>
                    {code_select("contract-kind".into(), ContractKind::ALL, form.kind, ContractKind::code, ContractKind::parse, labels::kind)}
                </div>
                <div class="field">
                    <label for="contract-status">{move || s.t(Key::ContractStatusLabel)}</label>
                    {code_select("contract-status".into(), ContractStatus::ALL, form.status, ContractStatus::code, ContractStatus::parse, labels::status)}
                </div>
                <Field id="signed-on" kind="date" label=label(Key::SignedOn) value=form.signed_on error=err("signed_on")/>
                <Field id="valid-from" kind="date" label=label(Key::ValidFrom) value=form.valid_from error=err("valid_from")/>
                <Field id="valid-to" kind="date" label=label(Key::ValidTo) value=form.valid_to error=err("valid_to")/>
                <Field id="renew-by" kind="date" label=label(Key::RenewBy) value=form.renew_by error=err("renew_by")/>
            </fieldset>
            <fieldset>
                <legend>{move || s.t(Key::Terms)}</legend>
                <Field id="contract-price-type" label=label(Key::PriceType) value=form.price_type error=err("price_type")/>
                <Field id="contract-payment-days" inputmode="numeric" label=label(Key::PaymentTerms)
                    value=form.payment_days error=err("payment_days")/>
                <Field id="contract-credit-limit" inputmode="decimal" label=label(Key::CreditLimit)
                    value=form.credit_limit error=err("credit_limit")/>
                <div class="field">
                    <label for="contract-scheme">{move || s.t(Key::ClientScheme)}</label>
                    <select id="contract-scheme" on:change=move |ev| form.scheme_id.set(event_target_value(&ev))>
                        <option value="" prop:selected=move || form.scheme_id.with(String::is_empty)>{move || s.t(Key::NoScheme)}</option>
                        {move || schemes.get().unwrap_or_default().into_iter().map(|sc| {
                            let id = sc.id.clone();
                            view! {
                                <option value=sc.id.clone() prop:selected=move || form.scheme_id.with(|c| *c == id)>
                                    {sc.fields.name.clone()}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <AreaField id="delivery-terms" label=label(Key::DeliveryTerms) value=form.delivery_terms
                    error=err("delivery_terms")/>
                <label class="check">
                    <input type="checkbox" id="accelerated" prop:checked=move || form.accelerated.get()
                        on:change=move |ev| form.accelerated.set(event_target_checked(&ev))/>
                    <span>{move || s.t(Key::AcceleratedDelivery)}</span>
                </label>
                <AreaField id="contract-conditions" label=label(Key::ContractConditions) value=form.conditions
                    error=err("conditions")/>
            </fieldset>
            <fieldset id="contract-points">
                <legend>{move || s.t(Key::OpenPoints)}</legend>
                {move || form.points.get().into_iter().enumerate().map(|(i, p)| view! {
                    <div class="contract-row" data-point=i>
                        <Field id=format!("point-{i}-text") label=label(Key::PointText) value=p.text
                            error=at(format!("points.{i}.text"))/>
                        <div class="field">
                            <label for=format!("point-{i}-state")>{move || s.t(Key::PointStateLabel)}</label>
                            {code_select(format!("point-{i}-state"), PointState::ALL, p.state, PointState::code, PointState::parse, labels::point)}
                        </div>
                        <button type="button" class="link danger" id=format!("point-{i}-remove")
                            on:click=move |_| { form.points.update(|v| { if i < v.len() { v.remove(i); } }); issues.set(Issues::default()); }>
                            {move || s.t(Key::RemovePoint)}
                        </button>
                    </div>
                }).collect_view()}
                <button type="button" class="secondary" id="add-point"
                    disabled=move || form.points.with(|v| v.len() >= MAX_POINTS)
                    on:click=move |_| form.points.update(|v| v.push(point_row(&PointInput { text: String::new(), state: PointState::Open })))>
                    {move || s.t(Key::AddPoint)}
                </button>
            </fieldset>
            <fieldset id="contract-obligations">
                <legend>{move || s.t(Key::Obligations)}</legend>
                {move || form.obligations.get().into_iter().enumerate().map(|(i, o)| view! {
                    <div class="contract-row" data-obligation=i>
                        <Field id=format!("obligation-{i}-text") label=label(Key::ObligationText) value=o.text
                            error=at(format!("obligations.{i}.text"))/>
                        <div class="field">
                            <label for=format!("obligation-{i}-kind")>{move || s.t(Key::ObligationKindLabel)}</label>
                            {code_select(format!("obligation-{i}-kind"), ObligationKind::ALL, o.kind, ObligationKind::code, ObligationKind::parse, labels::obligation)}
                        </div>
                        <Field id=format!("obligation-{i}-due") kind="date" label=label(Key::ObligationDue) value=o.due
                            error=at(format!("obligations.{i}.due"))/>
                        <label class="check">
                            <input type="checkbox" id=format!("obligation-{i}-done") prop:checked=move || o.done.get()
                                on:change=move |ev| o.done.set(event_target_checked(&ev))/>
                            <span>{move || s.t(Key::ObligationDone)}</span>
                        </label>
                        <button type="button" class="link danger" id=format!("obligation-{i}-remove")
                            on:click=move |_| { form.obligations.update(|v| { if i < v.len() { v.remove(i); } }); issues.set(Issues::default()); }>
                            {move || s.t(Key::RemoveObligation)}
                        </button>
                    </div>
                }).collect_view()}
                <button type="button" class="secondary" id="add-obligation"
                    disabled=move || form.obligations.with(|v| v.len() >= MAX_OBLIGATIONS)
                    on:click=move |_| form.obligations.update(|v| v.push(obligation_row(&ObligationInput {
                        kind: ObligationKind::Delivery, text: String::new(), due: String::new(), done: false,
                    })))>
                    {move || s.t(Key::AddObligation)}
                </button>
            </fieldset>
            <div class="actions sticky-actions">
                <button type="submit" class="primary" id="save-contract" disabled=move || busy.get()>
                    {move || s.t(Key::SaveContract)}
                </button>
            </div>
        </form>
        {cid.get_value().map(|id| view! {
            <super::draft::DraftPanel contract_id=id.clone()/>
            <super::scan::ScanPanel contract_id=id.clone()/>
            <Versions contract_id=id/>
        })}
    }
}

/// Every change to the contract, newest first (from the server's audit).
#[component]
fn Versions(contract_id: String) -> impl IntoView {
    let s = use_session();
    let history = LocalResource::new(move || contract_history(contract_id.clone()));
    view! {
        <section class="panel" id="contract-versions">
            <h2>{move || s.t(Key::ContractVersions)}</h2>
            <Suspense fallback=move || view! { <p role="status">{move || s.t(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(list) => view! {
                            <ul class="plain-list">
                                {list.into_iter().map(|e| view! { <AuditEntryView entry=e/> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(_) => view! { <p class="muted">{move || s.t(Key::ContractVersionsOnline)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
