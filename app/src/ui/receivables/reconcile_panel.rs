//! Today's reconciliations: how many of the clients with something to
//! reconcile confirmed last month's statement (a bar: the eye reads it
//! before the figure), and from the 20th the ones still missing, with one
//! button that asks for a statement to every client nobody sent one yet
//! (each in the manager's language, to the first contact person with an
//! address), showing how far it has got.

use crate::domain::receivables::account_letter::{LetterInput, LetterPurpose};
use crate::domain::receivables::reconciliation::{Standing, lists_missing};
use crate::i18n::{Key, count, fill, format};
use crate::ui::replica::letters::Reconciling;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use leptos::prelude::*;

fn standing_key(s: Standing) -> Key {
    match s {
        Standing::NotSent => Key::ReconcileNotSent,
        Standing::Waiting => Key::ReconcileWaiting,
        Standing::Disputed => Key::LetterDisputed,
        Standing::Confirmed => Key::LetterConfirmed,
    }
}

#[component]
pub fn ReconcilePanel() -> impl IntoView {
    let DeviceData { value, .. } = use_device_data(None, |r| {
        Some(async move { r.reconciliation_progress().await })
    });
    view! {
        {move || value.get().filter(|v| v.progress.active() > 0).map(|v| view! { <Progress v=v/> })}
    }
}

#[component]
fn Progress(v: Reconciling) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let p = v.progress.clone();
    let (done, total) = (p.confirmed(), p.active());
    let share = (done * 100).checked_div(total).unwrap_or(100);
    let month = format!("{:02}.{}", p.month.month, p.month.year);
    let missing = p.missing();
    let not_sent: Vec<(String, Option<String>)> = missing
        .iter()
        .filter(|(_, st)| *st == Standing::NotSent)
        .filter_map(|(id, _)| {
            v.clients
                .get(id)
                .map(|(_, contact)| (id.clone(), contact.clone()))
        })
        .collect();
    let to_send = not_sent.len();
    let sending = RwSignal::new(None::<(usize, usize)>);
    let code = p.month.code();
    let send_all = move |_| {
        let list = not_sent.clone();
        let month = code.clone();
        let total = list.len();
        sending.set(Some((0, total)));
        leptos::task::spawn_local(async move {
            for (i, (client_id, contact_id)) in list.into_iter().enumerate() {
                let input = LetterInput {
                    client_id,
                    purpose: LetterPurpose::Reconciliation,
                    month: month.clone(),
                    contact_id,
                    language: s.lang.get_untracked(),
                    template_id: None,
                };
                // One client's refusal (a card gone meanwhile) stops no other.
                let _ = r.ask_letter(input).await;
                sending.set(Some((i + 1, total)));
            }
            r.sync_now();
        });
    };
    let names = v.clients.clone();
    view! {
        <section class="panel" id="reconcile" data-done=done data-total=total data-month=p.month.code()>
            <h2>{move || s.t(Key::ReconcileTitle)}</h2>
            <p id="reconcile-progress">
                {move || {
                    let lang = s.lang.get();
                    fill(&count(lang, Key::ReconcileProgress, total as u64), &[
                        ("done", &format::integer(lang, done as i64)), ("month", &month),
                    ])
                }}
            </p>
            <progress max="100" value=share aria-label=move || s.t(Key::ReconcileTitle)></progress>
            {lists_missing(chrono::Local::now().date_naive()).then(|| view! {
                <ul class="today-list" id="reconcile-missing">
                    {missing.into_iter().map(|(id, st)| {
                        let name = names.get(&id).map(|(n, _)| n.clone()).unwrap_or_default();
                        view! {
                            <li class="today-item" data-client=id.clone() data-standing=st.code()>
                                <a href=format!("/clients/{id}")>{name}</a>
                                <span class="muted">{move || s.t(standing_key(st))}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(to_send > 0).then(|| view! {
                <button type="button" class="secondary" id="reconcile-send-all"
                    disabled=move || sending.get().is_some()
                    on:click=send_all>
                    {move || fill(s.t(Key::ReconcileSendAll), &[("num", &to_send.to_string())])}
                </button>
            })}
            {move || sending.get().map(|(n, of)| view! {
                <p role="status" id="reconcile-sending">
                    <progress max=of value=n></progress>
                    {fill(s.t(Key::ReconcileSending), &[("done", &n.to_string()), ("total", &of.to_string())])}
                </p>
            })}
        </section>
    }
}
