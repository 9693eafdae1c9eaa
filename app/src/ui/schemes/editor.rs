//! `/schemes/new` and `/schemes/:sid`: a scheme's name, its discount
//! overall and per product group, payment days, delivery lead time,
//! service level and conditions; problems under each field, checked on the
//! device first and then by the server.

use crate::api::ApiError;
use crate::domain::scheme::{GroupInput, MAX_GROUPS, Scheme, SchemeInput};
use crate::domain::validation::Issues;
use crate::i18n::{Key, problem_text};
use crate::ui::errors::api_error_text;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{AreaField, Field, issue_at, label};
use crate::ui::widgets::loaded::loaded;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn SchemePage() -> impl IntoView {
    let params = use_params_map();
    let r = use_replica();
    // Read once per address: a sync never resets what is being typed.
    loaded(
        move || (params.with(|p| p.get("sid")), r.ready.get()),
        move |(sid, _)| async move {
            match sid {
                Some(id) => r
                    .schemes()
                    .await?
                    .into_iter()
                    .find(|t| t.id == id)
                    .map(Some)
                    .ok_or(ApiError::NotFound),
                None => Ok(None),
            }
        },
        |existing| view! { <SchemeEditor existing=existing/> },
    )
}

#[derive(Clone, Copy)]
struct GroupRow {
    group: RwSignal<String>,
    discount_pct: RwSignal<String>,
}

impl GroupRow {
    fn of(g: &GroupInput) -> Self {
        GroupRow {
            group: RwSignal::new(g.group.clone()),
            discount_pct: RwSignal::new(g.discount_pct.clone()),
        }
    }
}

#[component]
fn SchemeEditor(existing: Option<Scheme>) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let navigate = StoredValue::new_local(use_navigate());
    let id = StoredValue::new(existing.as_ref().map(|t| t.id.clone()));
    // Whether the form makes a new record: a plain value, readable by the
    // view at any moment (a stored one goes with the page).
    let is_new = existing.is_none();
    let i = existing
        .map(|sc| SchemeInput::of(&sc.fields))
        .unwrap_or_default();
    let name = RwSignal::new(i.name.clone());
    let discount = RwSignal::new(i.discount_pct.clone());
    let groups = RwSignal::new(i.groups.iter().map(GroupRow::of).collect::<Vec<_>>());
    let payment = RwSignal::new(i.payment_days.clone());
    let lead = RwSignal::new(i.lead_days.clone());
    let service = RwSignal::new(i.service.clone());
    let conditions = RwSignal::new(i.conditions.clone());
    let archived = RwSignal::new(i.archived);
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let input = move || SchemeInput {
        name: name.get_untracked(),
        discount_pct: discount.get_untracked(),
        groups: groups.with_untracked(|v| {
            v.iter()
                .map(|g| GroupInput {
                    group: g.group.get_untracked(),
                    discount_pct: g.discount_pct.get_untracked(),
                })
                .collect()
        }),
        payment_days: payment.get_untracked(),
        lead_days: lead.get_untracked(),
        service: service.get_untracked(),
        conditions: conditions.get_untracked(),
        archived: archived.get_untracked(),
    };
    let save = move || {
        if busy.get_untracked() {
            return;
        }
        let input = input();
        if let Err(found) = input.validate() {
            issues.set(found);
            error.set(Some(s.t_now(Key::ErrFixFields).to_string()));
            return;
        }
        issues.set(Issues::default());
        error.set(None);
        busy.set(true);
        let id = id.get_value();
        leptos::task::spawn_local(async move {
            match r.save_scheme(id, input).await {
                Ok(_) => {
                    navigate.try_with_value(|go| go("/schemes", Default::default()));
                }
                Err(e) => {
                    let e = s.watch(e);
                    if let ApiError::Invalid(found) = &e {
                        issues.set(found.clone());
                    }
                    let text = match e {
                        ApiError::Network(_) => s.t_now(Key::SchemesOnlineOnly).to_string(),
                        e => api_error_text(s.lang.get_untracked(), &e),
                    };
                    error.set(Some(text));
                    busy.set(false);
                }
            }
        });
    };
    let group_err = move |i: usize, f: &'static str| {
        let path = format!("groups.{i}.{f}");
        Signal::derive(move || {
            issues
                .with(|is| is.at(&path))
                .map(|p| problem_text(s.lang.get(), p))
        })
    };
    view! {
        <h1>{move || if is_new { s.t(Key::NewScheme) } else { s.t(Key::SchemesTitle) }}</h1>
        <form class="scheme-form" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save();
        }>
            <p class="form-error" role="alert" id="form-error">{move || error.get()}</p>
            <Field id="scheme-name" required=true label=label(Key::SchemeName) value=name
                error=issue_at(issues, "name")/>
            <Field id="scheme-discount" inputmode="decimal" label=label(Key::SchemeDiscount)
                value=discount error=issue_at(issues, "discount_pct")/>
            <fieldset id="scheme-groups">
                <legend>{move || s.t(Key::SchemeGroups)}</legend>
                {move || groups.get().into_iter().enumerate().map(|(i, g)| view! {
                    <div class="scheme-group" data-group=i>
                        <Field id=format!("group-{i}-name") label=label(Key::SchemeGroup) value=g.group
                            error=group_err(i, "group")/>
                        <Field id=format!("group-{i}-discount") inputmode="decimal" label=label(Key::SchemeGroupDiscount)
                            value=g.discount_pct error=group_err(i, "discount_pct")/>
                        <button type="button" class="link danger" id=format!("group-{i}-remove")
                            on:click=move |_| {
                                groups.update(|v| { if i < v.len() { v.remove(i); } });
                                issues.set(Issues::default());
                            }>
                            {move || s.t(Key::RemoveGroup)}
                        </button>
                    </div>
                }).collect_view()}
                <button type="button" class="secondary" id="add-group"
                    disabled=move || groups.with(|v| v.len() >= MAX_GROUPS)
                    on:click=move |_| groups.update(|v| v.push(GroupRow::of(&GroupInput::default())))>
                    {move || s.t(Key::AddGroup)}
                </button>
            </fieldset>
            <Field id="scheme-payment" inputmode="numeric" label=label(Key::SchemePaymentDays)
                value=payment error=issue_at(issues, "payment_days")/>
            <Field id="scheme-lead" inputmode="numeric" label=label(Key::SchemeLeadDays)
                value=lead error=issue_at(issues, "lead_days")/>
            <Field id="scheme-service" label=label(Key::SchemeService) value=service
                error=issue_at(issues, "service")/>
            <AreaField id="scheme-conditions" label=label(Key::SchemeConditions) value=conditions
                error=issue_at(issues, "conditions")/>
            <label class="check">
                <input type="checkbox" id="scheme-archived" prop:checked=move || archived.get()
                    on:change=move |ev| archived.set(event_target_checked(&ev))/>
                <span>{move || s.t(Key::SchemeArchived)}</span>
            </label>
            <div class="actions sticky-actions">
                <button type="submit" class="primary" id="save-scheme" disabled=move || busy.get()>
                    {move || s.t(Key::SaveScheme)}
                </button>
            </div>
        </form>
    }
}
