//! `/templates/new` and `/templates/:tid`: a template's name, its subject
//! and text in each language (problems under each field, checked on the
//! device first, then by the server), what it is for (a proposal's letter,
//! with or without a PDF, or a contract's draft; chosen when it is made),
//! and a live preview on a sample proposal or contract in the language
//! picked.

use super::contract_sample;
use super::merge_help::MergeHelp;
use super::preview::LetterPreview;
use crate::domain::contract_text::{self, DraftSource};
use crate::domain::proposal::{Line, ProposalFields, ProposalStatus};
use crate::domain::proposal_text::Merge;
use crate::domain::receivables::reminder_text::{Overdue, ReminderSource};
use crate::domain::template::{Template, TemplateFields, TemplatePurpose, TemplateText};
use crate::domain::user::Language;
use crate::domain::validation::Issues;
use crate::i18n::{Key, t};
use crate::ui::errors::api_error_text;
use crate::ui::proposals::labels;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::field::{AreaField, Field, issue_at, label};
use crate::ui::widgets::loaded::loaded;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use rust_decimal::Decimal;

#[component]
pub fn TemplatePage() -> impl IntoView {
    let params = use_params_map();
    let r = use_replica();
    // Read once per address: a sync never resets what is being typed.
    loaded(
        move || (params.with(|p| p.get("tid")), r.ready.get()),
        move |(tid, _)| async move {
            match tid {
                Some(id) => r
                    .templates()
                    .await?
                    .into_iter()
                    .find(|t| t.id == id)
                    .map(Some)
                    .ok_or(crate::api::ApiError::NotFound),
                None => Ok(None),
            }
        },
        |existing| view! { <TemplateEditor existing=existing/> },
    )
}

/// One language's two inputs.
#[derive(Clone, Copy)]
struct Words {
    subject: RwSignal<String>,
    body: RwSignal<String>,
}

impl Words {
    fn of(t: &TemplateText) -> Self {
        Words {
            subject: RwSignal::new(t.subject.clone()),
            body: RwSignal::new(t.body.clone()),
        }
    }

    fn get(&self) -> TemplateText {
        TemplateText {
            subject: self.subject.get(),
            body: self.body.get(),
        }
    }
}

/// Problems are at `lv.subject`, `ru.body`…: static paths for `issue_at`.
fn paths(lang: Language) -> (&'static str, &'static str) {
    match lang {
        Language::Lv => ("lv.subject", "lv.body"),
        Language::En => ("en.subject", "en.body"),
        Language::Ru => ("ru.subject", "ru.body"),
    }
}

/// A proposal to preview a template on, in `lang`.
fn sample(lang: Language) -> ProposalFields {
    let today = chrono::Local::now().date_naive();
    ProposalFields {
        client_id: String::new(),
        contact_ids: Vec::new(),
        language: lang,
        lines: vec![
            Line {
                item: t(lang, Key::SampleItem).into(),
                quantity: Decimal::from(40),
                unit_price: Decimal::new(3190, 2),
                discount_pct: Decimal::new(75, 1),
                group: None,
            },
            Line {
                item: t(lang, Key::SampleDelivery).into(),
                quantity: Decimal::ONE,
                unit_price: Decimal::from(85),
                discount_pct: Decimal::ZERO,
                group: None,
            },
        ],
        valid_until: today + chrono::Duration::days(14),
        status: ProposalStatus::Draft,
        note: None,
        template_id: None,
    }
}

/// A reminder to preview a template on, in `lang`: two invoices overdue.
fn reminder_sample(lang: Language, manager: &str) -> ReminderSource {
    let today = chrono::Local::now().date_naive();
    let invoice = |n: &str, days: i64, cents: i64| Overdue {
        number: n.into(),
        due: today - chrono::Duration::days(days),
        open: Decimal::new(cents, 2),
    };
    ReminderSource {
        client: t(lang, Key::SampleClient).into(),
        contact: Some(t(lang, Key::SampleContact).into()),
        manager: manager.into(),
        overdue: Decimal::new(157550, 2),
        balance: Decimal::new(257550, 2),
        documents: vec![invoice("R-1024", 35, 120000), invoice("R-1031", 12, 37550)],
        lang,
    }
}

#[component]
fn TemplateEditor(existing: Option<Template>) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let navigate = StoredValue::new_local(use_navigate());
    let id = StoredValue::new(existing.as_ref().map(|t| t.id.clone()));
    // Whether the form makes a new record: a plain value, readable by the
    // view at any moment (a stored one goes with the page).
    let is_new = existing.is_none();
    let f = existing
        .map(|t| t.fields)
        .unwrap_or_else(|| TemplateFields {
            attach_pdf: true,
            ..Default::default()
        });
    let name = RwSignal::new(f.name.clone());
    let words = [Words::of(&f.lv), Words::of(&f.en), Words::of(&f.ru)];
    let attach_pdf = RwSignal::new(f.attach_pdf);
    let archived = RwSignal::new(f.archived);
    let purpose = RwSignal::new(f.purpose);
    // Only a proposal's letter carries its page as a PDF.
    let is_proposal = move || purpose.get() == TemplatePurpose::Proposal;
    let preview_lang = RwSignal::new(s.lang.get_untracked());
    let issues = RwSignal::new(Issues::default());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let fields = move || TemplateFields {
        name: name.get(),
        lv: words[0].get(),
        en: words[1].get(),
        ru: words[2].get(),
        attach_pdf: attach_pdf.get() && is_proposal(),
        archived: archived.get(),
        purpose: purpose.get(),
    };
    let manager = move || {
        s.me.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default())
    };
    let letter = Signal::derive(move || {
        let lang = preview_lang.get();
        let proposal = sample(lang);
        let tpl = fields();
        let manager = manager();
        if tpl.purpose == TemplatePurpose::Contract {
            let today = chrono::Local::now().date_naive();
            let contract = contract_sample::contract(lang, today);
            let client = contract_sample::client(lang, &manager);
            let src = DraftSource {
                contract: &contract,
                client: &client,
                scheme: Some(t(lang, Key::SampleScheme)),
                lang,
                today,
            };
            let draft = contract_text::draft(&tpl, &src);
            return Some((draft.title, draft.paragraphs.join("\n")));
        }
        if tpl.purpose == TemplatePurpose::Reminder {
            return Some(reminder_sample(lang, &manager).letter(&tpl));
        }
        let merge = Merge {
            client: t(lang, Key::SampleClient),
            contact: Some(t(lang, Key::SampleContact)),
            manager: &manager,
            proposal: &proposal,
        };
        Some(merge.letter(&tpl))
    });
    let save = move || {
        if busy.get_untracked() {
            return;
        }
        let input = untrack(fields);
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
            match r.save_template(id, input).await {
                Ok(_) => {
                    navigate.try_with_value(|go| go("/templates", Default::default()));
                }
                Err(e) => {
                    let e = s.watch(e);
                    if let crate::api::ApiError::Invalid(found) = &e {
                        issues.set(found.clone());
                    }
                    let text = match e {
                        crate::api::ApiError::Network(_) => {
                            s.t_now(Key::TemplatesOnlineOnly).to_string()
                        }
                        e => api_error_text(s.lang.get_untracked(), &e),
                    };
                    error.set(Some(text));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <h1>{move || if is_new { s.t(Key::NewTemplate) } else { s.t(Key::TemplatesTitle) }}</h1>
        <form class="template-form" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save();
        }>
            <p class="form-error" role="alert" id="form-error">{move || error.get()}</p>
            <Field id="template-name" required=true label=label(Key::TemplateName) value=name
                error=issue_at(issues, "name")/>
            <Show when=move || is_new>
                <fieldset class="chips" id="template-purpose">
                    <legend>{move || s.t(Key::TemplatePurposeLabel)}</legend>
                    {TemplatePurpose::ALL.iter().map(|&p| view! {
                        <button type="button" class="chip" data-purpose=p.code()
                            aria-pressed=move || (purpose.get() == p).to_string()
                            on:click=move |_| purpose.set(p)>
                            {move || s.t(match p {
                                TemplatePurpose::Proposal => Key::PurposeProposal,
                                TemplatePurpose::Contract => Key::PurposeContract,
                                TemplatePurpose::Reminder => Key::PurposeReminder,
                            })}
                        </button>
                    }).collect_view()}
                </fieldset>
            </Show>
            <MergeHelp purpose=purpose/>
            {Language::ALL.into_iter().zip(words).map(|(lang, w)| {
                let (subject_at, body_at) = paths(lang);
                view! {
                    <fieldset class="template-language" lang=lang.code() data-language=lang.code()>
                        <legend>{labels::language(lang)}</legend>
                        <Field id=format!("template-{}-subject", lang.code()) required=true
                            label=label(Key::TemplateSubject) value=w.subject error=issue_at(issues, subject_at)/>
                        <AreaField id=format!("template-{}-body", lang.code()) rows=8
                            label=label(Key::TemplateBody) value=w.body error=issue_at(issues, body_at)/>
                    </fieldset>
                }
            }).collect_view()}
            <Show when=is_proposal>
                <label class="check">
                    <input type="checkbox" id="template-pdf" prop:checked=move || attach_pdf.get()
                        on:change=move |ev| attach_pdf.set(event_target_checked(&ev))/>
                    <span>{move || s.t(Key::TemplateAttachPdf)}</span>
                </label>
            </Show>
            <label class="check">
                <input type="checkbox" id="template-archived" prop:checked=move || archived.get()
                    on:change=move |ev| archived.set(event_target_checked(&ev))/>
                <span>{move || s.t(Key::TemplateArchived)}</span>
            </label>
            <div class="field">
                <label for="preview-language">{move || s.t(Key::TemplatePreviewIn)}</label>
                <select id="preview-language" on:change=move |ev| {
                    if let Some(l) = Language::parse(&event_target_value(&ev)) {
                        preview_lang.set(l);
                    }
                }>
                    {Language::ALL.into_iter().map(|l| view! {
                        <option value=l.code() lang=l.code() prop:selected=move || preview_lang.get() == l>
                            {labels::language(l)}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <LetterPreview letter=letter waiting=Signal::derive(String::new)/>
            <div class="actions sticky-actions">
                <button type="submit" class="primary" id="save-template" disabled=move || busy.get()>
                    {move || s.t(Key::SaveTemplate)}
                </button>
            </div>
        </form>
    }
}
