//! One proposal: drafting and sending it, following it once sent (accepted
//! or declined), and sending it again when the mail server refused it. What
//! was typed stays on a rejected save; each problem shows under its field.

use super::form_state::ProposalForm;
use super::labels;
use super::letter_pickers::{LanguagePicker, TemplatePicker};
use super::line_editor::LineEditor;
use crate::api::ApiError;
use crate::domain::client::ClientCard;
use crate::domain::price_list;
use crate::domain::proposal::{MAX_LINES, Proposal, ProposalInput, ProposalStatus};
use crate::domain::proposal_text::Merge;
use crate::domain::template::TemplatePurpose;
use crate::domain::validation::Issues;
use crate::i18n::{Key, fill, format};
use crate::ui::errors::api_error_text;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use crate::ui::templates::preview::LetterPreview;
use crate::ui::widgets::field::{AreaField, Field, issue_at, label};
use crate::ui::widgets::loaded::loaded;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// `clients/:id/proposals/new` and `proposals/:pid`.
#[component]
pub fn ProposalPage() -> impl IntoView {
    let params = use_params_map();
    let r = use_replica();
    // Read once per address, not on every sync, so a sync never resets what
    // is being typed; the editor follows the status live by itself.
    loaded(
        move || (params.with(|p| (p.get("id"), p.get("pid"))), r.ready.get()),
        move |((client_id, pid), _)| async move {
            let existing = match pid {
                Some(pid) => Some(r.proposal(&pid).await?),
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
        |(card, existing)| view! { <ProposalEditor card=card existing=existing/> },
    )
}

#[component]
fn ProposalEditor(card: ClientCard, existing: Option<Proposal>) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let navigate = StoredValue::new_local(use_navigate());
    let client_id = StoredValue::new(card.id.clone());
    let pid = StoredValue::new(existing.as_ref().map(|p| p.id.clone()));
    // Whether the form makes a new record: a plain value, readable by the
    // view at any moment (a stored one goes with the page).
    let is_new = existing.is_none();
    let form = match &existing {
        Some(p) => ProposalForm::from_proposal(p),
        None => ProposalForm::new_for(s.lang.get_untracked()),
    };
    // Only a contact with an e-mail can receive it: (id, name, e-mail).
    let contacts: Vec<(String, String, String)> = card
        .contacts
        .iter()
        .filter_map(|c| {
            let email = c.fields.emails.first()?;
            Some((c.id.clone(), c.fields.name.clone(), email.clone()))
        })
        .collect();
    if existing.is_none() && contacts.len() == 1 {
        // The only possible addressee: one tap fewer.
        form.set_contact(&contacts[0].0, true);
    }
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The server's findings (sent, failed) arrive by sync: follow them.
    let DeviceData { value: live, .. } = use_device_data(None, move |r| {
        let id = pid.get_value()?;
        Some(async move { r.proposal(&id).await })
    });
    let initial = StoredValue::new(existing);
    let current = move || live.get().or_else(|| initial.get_value());
    let status = Memo::new(move |_| current().map(|p| p.fields.status));
    let editable = move || is_editable(status.get());
    let total = Memo::new(move |_| form.total());
    let err = move |path: &'static str| issue_at(issues, path);
    let contacts_err = err("contact_ids");
    let lines_err = err("lines");

    let persist = move |input: ProposalInput| {
        busy.set(true);
        let back = format!("/clients/{}", client_id.get_value());
        let id = pid.get_value();
        leptos::task::spawn_local(async move {
            match r.save_proposal(id.as_deref(), input).await {
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
    let save = move |to: ProposalStatus| {
        if busy.get_untracked() {
            return;
        }
        match form.to_input(&client_id.get_value(), to) {
            Ok(input) => {
                issues.set(Issues::default());
                error.set(None);
                persist(input);
            }
            Err(found) => {
                issues.set(found);
                error.set(Some(s.t_now(Key::ErrFixFields).to_string()));
            }
        }
    };
    // Accepted or declined: only the status changes.
    let decide = move |to: ProposalStatus| {
        if busy.get_untracked() {
            return;
        }
        if let Some(p) = live.get_untracked().or_else(|| initial.get_value()) {
            let mut input = ProposalInput::of(&p.fields);
            input.status = to;
            persist(input);
        }
    };

    let DeviceData {
        value: templates, ..
    } = use_device_data(None, |r| {
        Some(async move { r.templates_for(TemplatePurpose::Proposal).await })
    });
    let names: Vec<(String, String)> = contacts
        .iter()
        .map(|(id, name, _)| (id.clone(), name.clone()))
        .collect();
    let client_name = card.fields.name.clone();
    let letter = Signal::derive(move || {
        let chosen = form.template_id.get()?;
        let tpl = templates.with(|l| {
            l.as_ref()?
                .iter()
                .find(|t| t.id == chosen)
                .map(|t| t.fields.clone())
        })?;
        let fields = form.checked(&client_id.get_value())?;
        let contact = fields
            .contact_ids
            .first()
            .and_then(|c| names.iter().find(|(id, _)| id == c))
            .map(|(_, n)| n.clone());
        let manager =
            s.me.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default());
        Some(
            Merge {
                client: &client_name,
                contact: contact.as_deref(),
                manager: &manager,
                proposal: &fields,
            }
            .letter(&tpl),
        )
    });

    // The client's key-client scheme: a new proposal's lines take its
    // discounts as soon as the device has it.
    let scheme_id = card.fields.scheme_id.clone();
    let DeviceData { value: schemes, .. } =
        use_device_data(None, |r| Some(async move { r.schemes().await }));
    let scheme = Signal::derive(move || {
        let id = scheme_id.as_ref()?;
        schemes.with(|l| {
            l.as_ref()?
                .iter()
                .find(|sc| &sc.id == id)
                .map(|sc| sc.fields.clone())
        })
    });
    // The price list, and the client's price type its lines are priced by
    // (the contract in force's, else the card's).
    let DeviceData { value: items, .. } =
        use_device_data(None, |r| Some(async move { r.price_items().await }));
    // Kept, not recomputed: every keystroke in an item field reads it.
    let items = Memo::new(move |_| items.get().unwrap_or_default());
    let card_type = card.fields.price_type.clone();
    let DeviceData {
        value: in_force, ..
    } = use_device_data(None, move |r| {
        Some(async move { r.contract_in_force(&client_id.get_value()).await })
    });
    let price_type = Signal::derive(move || {
        in_force.with(|c| {
            let contract = c.as_ref().and_then(|c| c.as_ref());
            price_list::price_type_of(
                card_type.as_deref(),
                contract.and_then(|c| c.fields.price_type.as_deref()),
            )
            .map(str::to_string)
        })
    });
    if is_new {
        Effect::new(move |filled: Option<bool>| {
            if filled == Some(true) {
                return true;
            }
            match scheme.get() {
                Some(sc) => {
                    form.fill_discounts(&sc);
                    true
                }
                None => false,
            }
        });
    }

    let has_contacts = !contacts.is_empty();
    view! {
        <header class="card-head proposal-head">
            <h1><A href=format!("/clients/{}", card.id) attr:id="proposal-client">{card.fields.name.clone()}</A></h1>
            {move || status.get().map(|st| view! {
                <span class=format!("badge proposal-{}", st.code()) id="proposal-status" data-status=st.code()>
                    {move || s.t(labels::status(st))}
                </span>
            })}
        </header>
        <p class="muted">
            {move || if is_new { s.t(Key::NewProposal) } else { s.t(Key::ProposalTitle) }}
        </p>
        {move || current().map(|p| view! { <Finding p=p/> })}
        <form class="proposal-form" novalidate
            on:submit=move |ev: leptos::ev::SubmitEvent| {
                // Enter in a field keeps a draft; sending is always a tap.
                ev.prevent_default();
                if is_editable(status.get_untracked()) {
                    save(ProposalStatus::Draft);
                }
            }>
            <p class="form-error" role="alert" id="form-error">{move || error.get()}</p>
            // A disabled fieldset makes everything in it read-only at once.
            <fieldset class="proposal-fields" disabled=move || !editable()>
                <fieldset class="proposal-contacts">
                    <legend>{move || s.t(Key::ProposalTo)}</legend>
                    {(!has_contacts).then(|| view! { <p class="empty">{move || s.t(Key::NoEmailContacts)}</p> })}
                    {contacts.into_iter().map(|(id, name, email)| {
                        let (on, change) = (id.clone(), id.clone());
                        view! {
                            <label class="check" data-contact=id.clone()>
                                <input type="checkbox" name="contact" value=id.clone()
                                    prop:checked=move || form.contact_ids.with(|v| v.contains(&on))
                                    on:change=move |ev| form.set_contact(&change, event_target_checked(&ev))/>
                                <span>{name}" "<span class="muted">{email}</span></span>
                            </label>
                        }
                    }).collect_view()}
                    <p class="form-error" id="contact_ids-err">{move || contacts_err.get()}</p>
                </fieldset>
                <fieldset>
                    <legend>{move || s.t(Key::ProposalTitle)}</legend>
                    <LanguagePicker form=form/>
                    <TemplatePicker form=form templates=templates/>
                    // Redrawn only when a line is added or removed (ids and
                    // error paths follow the index); typing redraws nothing.
                    <div class="proposal-lines" id="proposal-lines">
                        {move || form.lines.get().into_iter().enumerate().map(|(i, row)| view! {
                            <LineEditor i=i row=row form=form issues=issues scheme=scheme items=items price_type=price_type/>
                        }).collect_view()}
                    </div>
                    {move || scheme.get().map(|sc| view! {
                        <p class="muted" id="scheme-applies">
                            {move || fill(s.t(Key::SchemeApplies), &[("name", &sc.name)])}
                        </p>
                    })}
                    <p class="form-error" id="lines-err">{move || lines_err.get()}</p>
                    <button type="button" class="secondary" id="add-line"
                        disabled=move || form.lines.with(|v| v.len() >= MAX_LINES)
                        on:click=move |_| form.add_line(scheme.get_untracked().as_ref())>
                        {move || s.t(Key::AddLine)}
                    </button>
                    <p class="proposal-total">
                        {move || s.t(Key::ProposalTotal)}": "
                        <output id="proposal-total">
                            {move || total.get().map_or_else(|| "—".to_string(), |t| format::eur(s.lang.get(), t))}
                        </output>
                    </p>
                    <Field id="valid-until" kind="date" label=label(Key::ValidUntil)
                        value=form.valid_until error=err("valid_until")/>
                    <AreaField id="proposal-note" label=label(Key::ProposalNote) value=form.note error=err("note")/>
                    <Show when=move || form.template_id.with(Option::is_some)>
                        <LetterPreview letter=letter waiting=label(Key::LetterPreviewWaits)/>
                    </Show>
                </fieldset>
            </fieldset>
            <div class="actions sticky-actions">
                <Show when=editable>
                    <button type="submit" class="secondary" id="save-draft" disabled=move || busy.get()>
                        {move || s.t(Key::SaveDraft)}
                    </button>
                    <button type="button" class="primary" id="queue-proposal" disabled=move || busy.get()
                        on:click=move |_| save(ProposalStatus::Queued)>
                        {move || s.t(Key::QueueProposal)}
                    </button>
                </Show>
                <Show when=move || status.get() == Some(ProposalStatus::Sent)>
                    <button type="button" class="secondary" id="proposal-declined" disabled=move || busy.get()
                        on:click=move |_| decide(ProposalStatus::Declined)>
                        {move || s.t(Key::MarkDeclined)}
                    </button>
                    <button type="button" class="primary" id="proposal-accepted" disabled=move || busy.get()
                        on:click=move |_| decide(ProposalStatus::Accepted)>
                        {move || s.t(Key::MarkAccepted)}
                    </button>
                </Show>
            </div>
        </form>
    }
}

/// New, draft and failed proposals are edited (`None` is a new one); a
/// queued one waits for the server, and once sent it is what the client got.
fn is_editable(status: Option<ProposalStatus>) -> bool {
    matches!(
        status,
        None | Some(ProposalStatus::Draft) | Some(ProposalStatus::Failed)
    )
}

/// What the server found: when it went out, or why the mail server refused
/// it; a queued one says it waits.
#[component]
fn Finding(p: Proposal) -> impl IntoView {
    let s = use_session();
    match p.fields.status {
        ProposalStatus::Failed => view! {
            <div class="notice proposal-finding" role="alert">
                <p>{move || s.t(Key::ProposalFailedHelp)}</p>
                <p class="form-error" id="proposal-failure">{move || labels::failure(s.lang.get(), p.failure.as_deref().unwrap_or_default())}</p>
            </div>
        }
        .into_any(),
        ProposalStatus::Queued => view! {
            <p class="proposal-finding" role="status">{move || s.t(Key::ProposalQueuedHelp)}</p>
        }
        .into_any(),
        _ => view! {
            {p.sent_at.map(|at| view! {
                <p class="muted" id="proposal-sent-at">
                    {move || fill(s.t(Key::SentOn), &[("when", &format::datetime(s.lang.get(), at))])}
                </p>
            })}
        }
        .into_any(),
    }
}
