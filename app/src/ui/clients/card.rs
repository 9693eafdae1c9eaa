//! One client card, read-only, with its contacts and actions.

use super::changes::CardChanges;
use super::conflicts::ConflictsPanel;
use super::labels;
use crate::domain::calling::call_kind::CallKind;
use crate::domain::client::ClientCard;
use crate::domain::contact::Contact;
use crate::domain::{maps, vcard};
use crate::i18n::{Key, format};
use crate::ui::calls::dialing::{self, DialingState};
use crate::ui::calls::{history::CallHistory, log_form::CallLogForm};
use crate::ui::contracts::card_panel::ContractsPanel;
use crate::ui::errors::api_error_text;
use crate::ui::follow_ups::card_panel::FollowUpsPanel;
use crate::ui::page_owner::paused_when_dropped;
use crate::ui::proposals::card_panel::ProposalsPanel;
use crate::ui::receivables::card_panel::MoneyPanel;
use crate::ui::receivables::stop_panel::StopPanel;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use crate::ui::widgets::download::DownloadButton;
use crate::ui::widgets::phone_text::phone_text;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ClientPage() -> impl IntoView {
    let s = use_session();
    provide_context(dialing::provide());
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let r = use_replica();
    let DeviceData { value: card, error } = use_device_data(None, move |r| {
        let id = id();
        Some(async move { r.get_client(&id).await })
    });
    let card_id = Memo::new(move |_| card.with(|c| c.as_ref().map(|c| c.id.clone())));
    // From the incoming panel: the contact who called, to log it as incoming.
    let incoming = use_query_map().get_untracked().get("incoming");
    // From Today's chasing list: the call is about the debt.
    let start_kind = use_query_map()
        .get_untracked()
        .get("kind")
        .and_then(|k| CallKind::parse(&k))
        .unwrap_or(CallKind::Ordinary);
    let toggle_archive = move |_| {
        let Some(c) = card.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match r.set_client_archived(&c.id, !c.archived).await {
                Ok(updated) => card.set(Some(updated)),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
        });
    };
    let works_clients = move || {
        s.me.with(|m| m.as_ref().is_some_and(|m| m.role.works_clients()))
    };
    view! {
        <p class="form-error" role="alert">{move || error.get()}</p>
        {move || card_id.get().map(|id| view! { <ConflictsPanel client_id=id/> })}
        // Each part a closure replaces is paused before it goes
        // (`page_owner`): a sync's answer can reach it in that moment.
        {move || card.get().map(|c| {
            let works = works_clients();
            paused_when_dropped(move || view! { <CardView c=c works=works toggle_archive=toggle_archive/> })
        })}
        // Keyed by the card's id only: a sync refreshing the card must not
        // reset a call being typed.
        {move || card_id.get().map(|id| {
            let works = works_clients();
            let incoming = incoming.clone();
            paused_when_dropped(move || view! {
                // Everyone who sees the card sees a stop: logistics ships by it.
                <StopPanel client_id=id.clone()/>
                // Calls, follow-ups and the commercial panels: only for those who
                // work clients (never logistics).
                {works.then(|| view! {
                    <CallLogForm client_id=id.clone() incoming=incoming.clone() start_kind=start_kind/>
                    <FollowUpsPanel client_id=id.clone()/>
                    <MoneyPanel client_id=id.clone()/>
                    <ProposalsPanel client_id=id.clone()/>
                    <ContractsPanel client_id=id.clone()/>
                })}
                <CallHistory client_id=id.clone()/>
                <CardChanges client_id=id/>
            })
        })}
        <Show when=move || card.with(Option::is_none) && error.with(Option::is_none)>
            <p role="status">{move || s.t(Key::Loading)}</p>
        </Show>
    }
}

#[component]
fn CardView(
    c: ClientCard,
    /// Whether the reader works clients (may edit, archive, log calls).
    works: bool,
    toggle_archive: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let f = c.fields.clone();
    let seg = f.segment;
    let kind = f.kind;
    let source = f.source;
    let archived = c.archived;
    let credit = f.credit_limit;
    let days = f.payment_terms_days;
    let has_terms =
        f.price_type.is_some() || f.scheme_id.is_some() || days.is_some() || credit.is_some();
    let (created, updated) = (c.created_at, c.updated_at);
    let (created_by, updated_by) = (c.created_by.clone(), c.updated_by.clone());
    let row = move |k: Key, v: Option<String>| {
        v.map(|v| view! { <div class="kv"><dt>{move || s.t(k)}</dt><dd>{v}</dd></div> })
    };
    view! {
        <article class="card" id="client-card">
            <header class="card-head">
                <h1 id="client-name">{f.name.clone()}</h1>
                <span class=format!("badge seg-{}", seg.code())>{move || s.t(labels::segment(seg))}</span>
                <Show when=move || archived>
                    <span class="badge archived">{move || s.t(Key::Archived)}</span>
                </Show>
            </header>
            // Logistics reads cards; only those who work clients change them.
            {works.then(|| view! {
                <div class="actions">
                    <A href=format!("/clients/{}/edit", c.id) attr:class="button primary" attr:id="edit">{move || s.t(Key::Edit)}</A>
                    <button type="button" class="secondary" id="archive" on:click=toggle_archive>
                        {move || if archived { s.t(Key::Restore) } else { s.t(Key::Archive) }}
                    </button>
                </div>
            })}
            <section class="panel">
                <dl>
                    <div class="kv"><dt>{move || s.t(Key::Kind)}</dt><dd>{move || s.t(labels::kind(kind))}</dd></div>
                    {row(Key::RegNo, f.reg_no.clone())}
                    {row(Key::VatNo, f.vat_no.clone())}
                    <div class="kv"><dt>{move || s.t(Key::Source)}</dt><dd>{move || s.t(labels::source(source))}</dd></div>
                    <div class="kv"><dt>{move || s.t(Key::Owner)}</dt><dd>{c.owner_name.clone()}</dd></div>
                    {f.address.clone().map(|a| {
                        let href = maps::link(Some(&a), f.city.as_deref());
                        view! {
                            <div class="kv"><dt>{move || s.t(Key::Address)}</dt>
                            <dd><a id="address-map" href=href target="_blank" rel="noopener noreferrer">{a}</a></dd></div>
                        }
                    })}
                    {row(Key::City, f.city.clone())}
                    {f.website.clone().map(|w| view! {
                        <div class="kv"><dt>{move || s.t(Key::Website)}</dt>
                        <dd><a href=w.clone() target="_blank" rel="noopener noreferrer">{w.clone()}</a></dd></div>
                    })}
                </dl>
            </section>
            // The terms a device received: none on logistics' (never sent
            // there), so no empty heading either.
            {has_terms.then(|| view! {
                <section class="panel" id="client-terms">
                    <h2>{move || s.t(Key::Terms)}</h2>
                    <dl>
                        {row(Key::PriceType, f.price_type.clone())}
                        {f.scheme_id.clone().map(|id| view! { <SchemeRow id=id/> })}
                        {days.map(|d| view! {
                            <div class="kv"><dt>{move || s.t(Key::PaymentTerms)}</dt>
                            <dd>{move || crate::i18n::count(s.lang.get(), Key::DaysN, u64::from(d))}</dd></div>
                        })}
                        {credit.map(|v| view! {
                            <div class="kv"><dt>{move || s.t(Key::CreditLimit)}</dt>
                            <dd id="credit-limit">{move || format::eur(lang(), v)}</dd></div>
                        })}
                    </dl>
                </section>
            })}
            {(!f.tags.is_empty() || f.needs.is_some()).then(|| view! {
                <section class="panel" id="client-needs">
                    {(!f.tags.is_empty()).then(|| view! {
                        <ul class="tags">{f.tags.iter().map(|t| view! { <li class="tag">{t.clone()}</li> }).collect_view()}</ul>
                    })}
                    {f.needs.clone().map(|n| view! { <h3>{move || s.t(Key::Needs)}</h3><p class="prose">{n}</p> })}
                </section>
            })}
            <section class="panel">
                <h2>{move || s.t(Key::Contacts)}</h2>
                <Show when={let empty = c.contacts.is_empty(); move || empty}>
                    <p class="empty">{move || s.t(Key::NoContacts)}</p>
                </Show>
                <ul class="contact-list">
                    {c.contacts.iter().cloned().map(|ct| view! { <ContactView c=ct client_id=c.id.clone()/> }).collect_view()}
                </ul>
                {(!c.contacts.is_empty()).then(|| {
                    let file = vcard::file_name(&f.name);
                    let card = c.clone();
                    view! {
                        <DownloadButton id="save-contacts" label=Key::SaveToContacts name=file mime=vcard::MIME
                            contents=Callback::new(move |_| vcard::card(&card).into_bytes())/>
                    }
                })}
            </section>
            <footer class="meta">
                <p>{move || crate::i18n::fill(s.t(Key::CreatedBy), &[("when", &format::datetime(lang(), created)), ("who", &created_by)])}</p>
                <p>{move || crate::i18n::fill(s.t(Key::UpdatedBy), &[("when", &format::datetime(lang(), updated)), ("who", &updated_by)])}</p>
            </footer>
        </article>
    }
}

#[component]
fn ContactView(c: Contact, client_id: String) -> impl IntoView {
    let s = use_session();
    let dialing = use_context::<DialingState>();
    let contact_id = c.id.clone();
    let f = c.fields;
    let birthday = f.birthday;
    view! {
        <li class="contact-card">
            <p class="contact-name">{f.name.clone()}{f.position.clone().map(|p| view! { <span class="muted">" · "{p}</span> })}</p>
            <ul class="links">
                {f.phones.iter().map(|p| {
                    let shown = phone_text(p);
                    // The dialer opens; the call form asks how it went on return.
                    let (client_id, contact_id) = (client_id.clone(), contact_id.clone());
                    let dial = move |_| {
                        if let Some(d) = dialing {
                            d.start(&client_id, Some(contact_id.clone()));
                        }
                    };
                    view! { <li><a class="tel" href=format!("tel:{p}") on:click=dial>{shown}</a></li> }
                }).collect_view()}
                {f.emails.iter().map(|e| view! { <li><a href=format!("mailto:{e}")>{e.clone()}</a></li> }).collect_view()}
            </ul>
            {birthday.map(|b| view! {
                <p class="muted">{move || s.t(Key::Birthday)}": "{move || format::date(s.lang.get(), b)}</p>
            })}
            {f.notes.clone().map(|n| view! { <p class="prose">{n}</p> })}
        </li>
    }
}

/// The key-client scheme the card names, as the device has it.
#[component]
fn SchemeRow(id: String) -> impl IntoView {
    let s = use_session();
    let id = StoredValue::new(id);
    let crate::ui::replica::DeviceData { value, .. } =
        crate::ui::replica::use_device_data(None, move |r| {
            Some(async move {
                Ok(r.schemes()
                    .await?
                    .into_iter()
                    .find(|sc| id.with_value(|i| *i == sc.id)))
            })
        });
    view! {
        {move || value.get().flatten().map(|sc| view! {
            <div class="kv"><dt>{move || s.t(Key::ClientScheme)}</dt>
            <dd id="client-scheme">{move || crate::ui::schemes::summary::summary(s.lang.get(), &sc.fields)}</dd></div>
        })}
    }
}
