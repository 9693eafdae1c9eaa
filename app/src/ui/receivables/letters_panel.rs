//! A card's letters about the account: ask for a reconciliation statement
//! (last month's by default) or, while something is overdue, a payment
//! reminder, to a contact person with an address (else the card's own);
//! both wait on the device until synced, then the server's outbox sends
//! them. The list shows what became of each, and a statement's answer: a
//! dispute with the client's balance and the difference.

use crate::domain::receivables::account_letter::{
    AccountLetter, LetterInput, LetterPurpose, LetterStatus, reconciled_month,
};
use crate::domain::receivables::statement::Month;
use crate::domain::template::TemplatePurpose;
use crate::domain::user::Language;
use crate::i18n::{Key, fill, format};
use crate::ui::errors::api_error_text;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use leptos::prelude::*;

fn status_key(s: LetterStatus) -> Key {
    match s {
        LetterStatus::Queued => Key::LetterQueued,
        LetterStatus::Sent => Key::LetterSent,
        LetterStatus::Failed => Key::LetterFailed,
        LetterStatus::Confirmed => Key::LetterConfirmed,
        LetterStatus::Disputed => Key::LetterDisputed,
    }
}

fn month_label(m: Month) -> String {
    format!("{:02}.{}", m.month, m.year)
}

#[component]
pub fn LettersPanel(client_id: String, overdue: rust_decimal::Decimal) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let id = StoredValue::new(client_id);
    let DeviceData {
        value: letters,
        error,
    } = use_device_data(None, move |r| {
        Some(async move { r.letters_of(&id.get_value()).await })
    });
    let DeviceData { value: card, .. } = use_device_data(None, move |r| {
        Some(async move { r.get_client(&id.get_value()).await })
    });
    let last = reconciled_month(chrono::Local::now().date_naive());
    let month = RwSignal::new(last.code());
    let contact = RwSignal::new(String::new());
    let language = RwSignal::new(s.lang.get_untracked().code().to_string());
    let template = RwSignal::new(String::new());
    let DeviceData {
        value: templates, ..
    } = use_device_data(None, |r| {
        Some(async move { r.templates_for(TemplatePurpose::Reminder).await })
    });
    let addressed = move || {
        card.get()
            .map(|c| {
                c.contacts
                    .into_iter()
                    .filter(|p| !p.fields.emails.is_empty())
                    .map(|p| (p.id, p.fields.name))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    // The first contact person with an address, once the card is read.
    Effect::new(move |_| {
        if contact.get_untracked().is_empty()
            && let Some((first, _)) = addressed().into_iter().next()
        {
            contact.set(first);
        }
    });
    let ask = move |purpose: LetterPurpose| {
        let input = LetterInput {
            client_id: id.get_value(),
            purpose,
            month: match purpose {
                LetterPurpose::Reconciliation => month.get_untracked(),
                LetterPurpose::Reminder => String::new(),
            },
            contact_id: Some(contact.get_untracked()).filter(|c| !c.is_empty()),
            language: Language::parse(&language.get_untracked()).unwrap_or_default(),
            template_id: Some(template.get_untracked()).filter(|t| !t.is_empty()),
        };
        leptos::task::spawn_local(async move {
            match r.ask_letter(input).await {
                Ok(_) => {
                    error.set(None);
                    r.sync_now();
                }
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &e))),
            }
        });
    };
    view! {
        <section class="panel" id="account-letters">
            <h2>{move || s.t(Key::LettersTitle)}</h2>
            <div class="letter-form">
                <label class="field">
                    <span>{move || s.t(Key::StatementMonth)}</span>
                    <select id="statement-month" on:change=move |ev| month.set(event_target_value(&ev))>
                        {[last, last.next()].into_iter().map(|m| view! {
                            <option value=m.code() selected=m == last>{month_label(m)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{move || s.t(Key::LetterTo)}</span>
                    <select id="letter-contact" on:change=move |ev| contact.set(event_target_value(&ev))>
                        {move || addressed().into_iter().map(|(cid, name)| {
                            let this = cid.clone();
                            view! { <option value=cid prop:selected=move || contact.get() == this>{name}</option> }
                        }).collect_view()}
                        <option value="" prop:selected=move || contact.get().is_empty()>{move || s.t(Key::LetterToCard)}</option>
                    </select>
                </label>
                <label class="field">
                    <span>{move || s.t(Key::LetterLanguage)}</span>
                    <select id="letter-language" on:change=move |ev| language.set(event_target_value(&ev))>
                        {Language::ALL.into_iter().map(|l| view! {
                            <option value=l.code() selected=l == s.lang.get_untracked()>{crate::ui::proposals::labels::language(l)}</option>
                        }).collect_view()}
                    </select>
                </label>
                {(!overdue.is_zero()).then(|| view! {
                    <label class="field">
                        <span>{move || s.t(Key::ReminderTemplate)}</span>
                        <select id="reminder-template" on:change=move |ev| template.set(event_target_value(&ev))>
                            <option value="">{move || s.t(Key::StandardLetter)}</option>
                            {move || templates.get().unwrap_or_default().into_iter()
                                .filter(|t| !t.fields.archived)
                                .map(|t| view! { <option value=t.id.clone()>{t.fields.name.clone()}</option> })
                                .collect_view()}
                        </select>
                    </label>
                })}
                <div class="actions">
                    <button type="button" class="secondary" id="send-statement"
                        on:click=move |_| ask(LetterPurpose::Reconciliation)>
                        {move || s.t(Key::SendStatement)}
                    </button>
                    {(!overdue.is_zero()).then(|| view! {
                        <button type="button" class="secondary" id="send-reminder"
                            on:click=move |_| ask(LetterPurpose::Reminder)>
                            {move || s.t(Key::SendReminder)}
                        </button>
                    })}
                </div>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <ul class="today-list" id="letters">
                {move || letters.get().unwrap_or_default().into_iter().map(|l| view! { <LetterRow l=l/> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn LetterRow(l: AccountLetter) -> impl IntoView {
    let s = use_session();
    let lang = move || s.lang.get();
    let status = l.status();
    let what = match l.fields.purpose {
        LetterPurpose::Reminder => Key::ReminderLetter,
        LetterPurpose::Reconciliation => Key::StatementLetter,
    };
    let month = l.fields.month.map(month_label).unwrap_or_default();
    let failure = l.state.failure.clone();
    let disputed = l.state.their_balance.zip(l.difference());
    view! {
        <li class="letter" data-purpose=l.fields.purpose.code() data-status=status.code()
            data-month=l.fields.month.map(|m| m.code())>
            <span>{move || s.t(what)}" "{month}</span>
            <span class=format!("badge letter-{}", status.code())>{move || s.t(status_key(status))}</span>
            {failure.map(|f| view! { <span class="muted">{move || crate::ui::proposals::labels::failure(lang(), &f)}</span> })}
            {disputed.map(|(theirs, diff)| view! {
                <span class="dispute">
                    {move || fill(s.t(Key::DisputedFigures), &[
                        ("theirs", &format::eur(lang(), theirs)),
                        ("difference", &format::eur(lang(), diff)),
                    ])}
                </span>
            })}
            {l.state.answer_note.clone().map(|n| view! { <span class="muted">{n}</span> })}
        </li>
    }
}
