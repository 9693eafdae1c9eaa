//! `/proposals/bulk`: one proposal to many clients. The manager picks
//! clients by the list's filters, writes the lines once, picks a template
//! and sees the letters of the first three; sending queues one proposal
//! per client on this device (offline too), each addressed to its first
//! contact person and filled with its own names, and then follows each
//! one's status as the server's findings arrive.

use super::form_state::ProposalForm;
use super::labels;
use super::letter_pickers::{LanguagePicker, TemplatePicker};
use super::line_editor::LineEditor;
use crate::domain::client::Segment;
use crate::domain::price_list;
use crate::domain::proposal::{MAX_LINES, ProposalFields, ProposalInput, ProposalStatus};
use crate::domain::proposal_bulk::{Audience, MAX_RECIPIENTS, Picked, Recipient};
use crate::domain::proposal_text::Merge;
use crate::domain::template::TemplatePurpose;
use crate::domain::validation::Issues;
use crate::i18n::{Key, count, fill, format};
use crate::ui::clients::labels as client_labels;
use crate::ui::errors::api_error_text;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use crate::ui::templates::preview::LetterPreview;
use crate::ui::widgets::field::{AreaField, Field, issue_at, label};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

/// How many letters the page shows before sending.
const PREVIEWS: usize = 3;

#[component]
pub fn BulkProposalPage() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    // The client list's filters, when it led here.
    let query = use_query_map();
    let text = RwSignal::new(query.with_untracked(|q| q.get("q").unwrap_or_default()));
    let segment = RwSignal::new(query.with_untracked(|q| q.get("segment").unwrap_or_default()));
    let cold = RwSignal::new(false);
    let fresh = RwSignal::new(false);
    let audience = Memo::new(move |_| Audience {
        text: text.get(),
        segment: Segment::parse(&segment.get()),
        cold: cold.get(),
        no_proposal_this_month: fresh.get(),
    });
    let DeviceData {
        value: picked,
        error,
    } = use_device_data(None, move |r| {
        let a = audience.get();
        Some(async move { r.bulk_recipients(&a).await })
    });
    let DeviceData {
        value: templates, ..
    } = use_device_data(None, |r| {
        Some(async move { r.templates_for(TemplatePurpose::Proposal).await })
    });
    // Each client's lines take its own key-client scheme's discounts.
    let DeviceData { value: schemes, .. } =
        use_device_data(None, |r| Some(async move { r.schemes().await }));
    // Lines from the price list are priced by each client's price type.
    let DeviceData { value: items, .. } =
        use_device_data(None, |r| Some(async move { r.price_items().await }));
    // Kept, not recomputed: every keystroke in an item field reads it.
    let items = Memo::new(move |_| items.get().unwrap_or_default());
    let for_client = move |rcpt: &Recipient, mut input: ProposalInput| {
        input.client_id = rcpt.client_id.clone();
        input.contact_ids = vec![rcpt.contact_id.clone()];
        items.with_untracked(|all| {
            price_list::reprice(&mut input.lines, all.items(), rcpt.price_type.as_deref());
        });
        if let Some(id) = &rcpt.scheme_id {
            schemes.with_untracked(|l| {
                if let Some(sc) = l.as_ref().and_then(|l| l.iter().find(|sc| &sc.id == id)) {
                    sc.fields.apply(&mut input.lines);
                }
            });
        }
        input
    };
    let form = ProposalForm::new_for(s.lang.get_untracked());
    let issues = RwSignal::new(Issues::default());
    let lines_err = issue_at(issues, "lines");
    // Set once sending starts: how far it got, and what was queued.
    let progress = RwSignal::new(None::<(usize, usize)>);
    let queued = RwSignal::new(Vec::<String>::new());
    let send_error = RwSignal::new(None::<String>);

    let recipients =
        move || picked.with(|p| p.as_ref().map(|p| p.recipients.clone()).unwrap_or_default());
    let too_many = move || {
        picked.with(|p| {
            p.as_ref()
                .is_some_and(|p| p.recipients.len() > MAX_RECIPIENTS)
        })
    };
    let manager = move || {
        s.me.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default())
    };
    // The letters of the first three, as each will read.
    let previews = Memo::new(move |_| {
        schemes.track();
        items.track();
        let typed = form.typed("")?;
        // The lines must hold for anyone before any letter is shown.
        form.checked("preview")?;
        let tpl = form.template_id.get().and_then(|id| {
            templates.with(|l| {
                l.as_ref()?
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| t.fields.clone())
            })
        });
        let manager = manager();
        let letters: Vec<(String, Option<(String, String)>)> = picked.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.recipients
                        .iter()
                        .take(PREVIEWS)
                        .filter_map(|rcpt| {
                            let fields = for_client(rcpt, typed.clone())
                                .validate(chrono::Utc::now())
                                .ok()?;
                            Some((
                                rcpt.email.clone(),
                                letter(rcpt, &fields, tpl.as_ref(), &manager),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default()
        });
        Some(letters)
    });

    let send = move |_| {
        if progress.get_untracked().is_some() || too_many() {
            return;
        }
        let list = recipients();
        if list.is_empty() {
            return;
        }
        let Ok(base) = form.to_input("", ProposalStatus::Queued) else {
            issues.set(Issues(vec![crate::domain::validation::Issue::new(
                "valid_until",
                crate::domain::validation::Problem::InvalidDate,
            )]));
            return;
        };
        // The lines are checked once, for everyone, before anything is queued.
        let first = ProposalInput {
            client_id: list[0].client_id.clone(),
            ..base.clone()
        };
        if let Err(found) = first.validate(chrono::Utc::now()) {
            issues.set(found);
            send_error.set(Some(s.t_now(Key::ErrFixFields).to_string()));
            return;
        }
        issues.set(Issues::default());
        send_error.set(None);
        progress.set(Some((0, list.len())));
        leptos::task::spawn_local(async move {
            for (i, rcpt) in list.iter().enumerate() {
                let input = for_client(rcpt, base.clone());
                match r.save_proposal(None, input).await {
                    Ok(p) => queued.update(|q| q.push(p.id)),
                    Err(e) => {
                        let e = s.watch(e);
                        send_error.set(Some(format!(
                            "{}: {}",
                            rcpt.client_name,
                            api_error_text(s.lang.get_untracked(), &e)
                        )));
                    }
                }
                progress.set(Some((i + 1, list.len())));
            }
            r.sync_now();
        });
    };

    view! {
        <header class="page-head">
            <h1>{move || s.t(Key::BulkTitle)}</h1>
        </header>
        <p class="form-error" role="alert" id="form-error">{move || error.get().or_else(|| send_error.get())}</p>
        <Show when=move || progress.get().is_none() fallback=move || view! {
            <BulkProgress progress=progress queued=queued/>
        }>
            <fieldset class="bulk-audience">
                <legend>{move || s.t(Key::BulkWho)}</legend>
                <Field id="bulk-text" label=label(Key::BulkWords) value=text/>
                <div class="field">
                    <label for="bulk-segment">{move || s.t(Key::Segment)}</label>
                    <select id="bulk-segment" bind:value=segment>
                        <option value="">{move || s.t(Key::AllSegments)}</option>
                        {Segment::ALL.iter().map(|seg| view! {
                            <option value=seg.code()>{move || s.t(client_labels::segment(*seg))}</option>
                        }).collect_view()}
                    </select>
                </div>
                <label class="check">
                    <input type="checkbox" id="bulk-cold" prop:checked=move || cold.get()
                        on:change=move |ev| cold.set(event_target_checked(&ev))/>
                    <span>{move || s.t(Key::BulkCold)}</span>
                </label>
                <label class="check">
                    <input type="checkbox" id="bulk-fresh" prop:checked=move || fresh.get()
                        on:change=move |ev| fresh.set(event_target_checked(&ev))/>
                    <span>{move || s.t(Key::BulkFresh)}</span>
                </label>
                {move || picked.get().map(|p| view! { <Audience picked=p/> })}
            </fieldset>
            <fieldset>
                <legend>{move || s.t(Key::ProposalTitle)}</legend>
                <LanguagePicker form=form/>
                <TemplatePicker form=form templates=templates/>
                <div class="proposal-lines" id="proposal-lines">
                    {move || form.lines.get().into_iter().enumerate().map(|(i, row)| view! {
                        <LineEditor i=i row=row form=form issues=issues scheme=Signal::derive(|| None)
                            items=items price_type=Signal::derive(|| None::<String>)/>
                    }).collect_view()}
                </div>
                <p class="form-error" id="lines-err">{move || lines_err.get()}</p>
                <button type="button" class="secondary" id="add-line"
                    disabled=move || form.lines.with(|v| v.len() >= MAX_LINES)
                    on:click=move |_| form.add_line(None)>
                    {move || s.t(Key::AddLine)}
                </button>
                <p class="proposal-total">
                    {move || s.t(Key::ProposalTotal)}": "
                    <output id="proposal-total">
                        {move || form.total().map_or_else(|| "—".to_string(), |t| format::eur(s.lang.get(), t))}
                    </output>
                </p>
                <Field id="valid-until" kind="date" label=label(Key::ValidUntil)
                    value=form.valid_until error=issue_at(issues, "valid_until")/>
                <AreaField id="proposal-note" label=label(Key::ProposalNote) value=form.note
                    error=issue_at(issues, "note")/>
            </fieldset>
            <section class="bulk-previews" id="bulk-previews">
                <h2>{move || s.t(Key::BulkPreviews)}</h2>
                {move || match previews.get() {
                    None => view! { <p class="muted">{move || s.t(Key::LetterPreviewWaits)}</p> }.into_any(),
                    Some(letters) => letters.into_iter().enumerate().map(|(i, (email, letter))| {
                        let shown = email.clone();
                        view! {
                            <div class="bulk-preview" data-email=email>
                                <p class="muted">{shown}</p>
                                <LetterPreview letter=Signal::derive(move || letter.clone())
                                    waiting=label(Key::StandardLetterPreview) index=i/>
                            </div>
                        }
                    }).collect_view().into_any(),
                }}
            </section>
            <div class="actions sticky-actions">
                <button type="button" class="primary" id="bulk-send"
                    disabled=move || recipients().is_empty() || too_many()
                    on:click=send>
                    {move || count(s.lang.get(), Key::BulkSend, recipients().len() as u64)}
                </button>
            </div>
        </Show>
    }
}

/// The letter one recipient gets: its template's words filled for them, or
/// (the standard letter) `None`, which the server writes itself.
fn letter(
    rcpt: &Recipient,
    fields: &ProposalFields,
    template: Option<&crate::domain::template::TemplateFields>,
    manager: &str,
) -> Option<(String, String)> {
    let merge = Merge {
        client: &rcpt.client_name,
        contact: Some(&rcpt.contact_name),
        manager,
        proposal: fields,
    };
    template.map(|t| merge.letter(t))
}

/// How many the filters pick, those left out for want of an address, and
/// the list itself (folded away: fifty names are a lot on a phone).
#[component]
fn Audience(picked: Picked) -> impl IntoView {
    let s = use_session();
    let n = picked.recipients.len();
    let missing = picked.without_email.len();
    view! {
        <p class="bulk-count" id="bulk-count" data-count=n>
            {move || if n == 0 {
                s.t(Key::BulkNobody).to_string()
            } else if n > MAX_RECIPIENTS {
                fill(s.t(Key::BulkTooMany), &[("num", &MAX_RECIPIENTS.to_string())])
            } else {
                count(s.lang.get(), Key::BulkRecipients, n as u64)
            }}
        </p>
        {(missing > 0).then(|| view! {
            <p class="muted" id="bulk-without-email" data-count=missing>
                {move || count(s.lang.get(), Key::BulkWithoutEmail, missing as u64)}
                ": "{picked.without_email.iter().map(|(_, name)| name.clone()).collect::<Vec<_>>().join(", ")}
            </p>
        })}
        {(n > 0).then(|| view! {
            <details class="bulk-list">
                <summary>{move || s.t(Key::BulkWho)}</summary>
                <ul class="plain-list">
                    {picked.recipients.iter().take(MAX_RECIPIENTS).map(|r| view! {
                        <li data-client=r.client_id.clone()>{r.client_name.clone()}" "<span class="muted">{r.email.clone()}</span></li>
                    }).collect_view()}
                </ul>
            </details>
        })}
    }
}

/// Queuing, then the queued proposals' statuses as they arrive.
#[component]
fn BulkProgress(
    progress: RwSignal<Option<(usize, usize)>>,
    queued: RwSignal<Vec<String>>,
) -> impl IntoView {
    let s = use_session();
    let DeviceData { value: live, .. } = use_device_data(None, move |r| {
        let ids = queued.get();
        Some(async move { r.proposals_among(&ids).await })
    });
    let tally = move |st: ProposalStatus| {
        live.with(|l| {
            l.as_ref().map_or(0, |l| {
                l.iter().filter(|(p, _)| p.fields.status == st).count()
            })
        })
    };
    view! {
        {move || progress.get().map(|(done, total)| view! {
            <p role="status" id="bulk-progress" data-done=done data-total=total>
                {move || fill(s.t(Key::BulkQueuing), &[
                    ("done", &format::integer(s.lang.get(), done as i64)),
                    ("total", &format::integer(s.lang.get(), total as i64)),
                ])}
            </p>
            <progress max=total value=done></progress>
        })}
        <p class="muted">{move || s.t(Key::BulkDone)}</p>
        <p id="bulk-tally" data-sent=move || tally(ProposalStatus::Sent) data-failed=move || tally(ProposalStatus::Failed)>
            {move || count(s.lang.get(), Key::BulkSent, tally(ProposalStatus::Sent) as u64)}
            " · "
            {move || count(s.lang.get(), Key::BulkFailed, tally(ProposalStatus::Failed) as u64)}
        </p>
        <ul class="plain-list" id="bulk-results">
            {move || live.get().unwrap_or_default().into_iter().map(|(p, client)| {
                let st = p.fields.status;
                view! {
                    <li class="proposal-item" data-proposal=p.id.clone() data-status=st.code()>
                        <A href=format!("/proposals/{}", p.id)>{client}</A>
                        <span class=format!("badge proposal-{}", st.code())>{move || s.t(labels::status(st))}</span>
                        {p.failure.clone().map(|f| view! { <span class="proposal-failure">{move || labels::failure(s.lang.get(), &f)}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
