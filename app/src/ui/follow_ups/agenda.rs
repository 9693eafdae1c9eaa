//! The follow-ups on Today: overdue, due today, and the plan for the next
//! working day; each one tap from the dialer and one from "done".

use super::labels;
use crate::domain::calling::agenda::{Agenda, Listed};
use crate::domain::icalendar::{self, Event};
use crate::domain::phone;
use crate::i18n::{Key, fill, format, t};
use crate::ui::errors::api_error_text;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::dial::dial;
use crate::ui::widgets::download::DownloadButton;
use leptos::prelude::*;

#[component]
pub fn AgendaPanel(agenda: Agenda) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let error = RwSignal::new(None::<String>);
    let next_day = agenda.next_day;
    let nothing = agenda.overdue.total == 0 && agenda.today.total == 0;
    // The calendar file holds every open follow-up, read from the records
    // when asked for; so it is offered once they are in memory.
    let calendar = (agenda.open > 0).then(|| {
        let contents = Callback::new(move |_| {
            let lang = s.lang.get_untracked();
            let events: Vec<Event> = r
                .open_follow_ups()
                .unwrap_or_default()
                .iter()
                .map(|d| Event {
                    id: d.follow_up_id.clone(),
                    start: d.due,
                    summary: format!("{}: {}", t(lang, labels::action(d.action)), d.client_name),
                    description: [d.note.clone(), d.phone.as_deref().map(phone::display)]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join("\n"),
                })
                .collect();
            icalendar::calendar(&events, chrono::Utc::now()).into_bytes()
        });
        let name = format!("kartoteka-{}.ics", chrono::Local::now().date_naive());
        view! {
            <Show when=move || r.filled.get()>
                <DownloadButton id="follow-ups-calendar" label=Key::AddToCalendar name=name.clone()
                    mime=icalendar::MIME contents=contents/>
            </Show>
        }
    });
    view! {
        <section class="panel" id="follow-ups">
            <h2>{move || s.t(Key::FollowUps)}</h2>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {nothing.then(|| view! { <p class="empty">{move || s.t(Key::NoFollowUps)}</p> })}
            <DueList id="follow-ups-overdue" title=Signal::derive(move || s.t(Key::FollowUpOverdue).to_string())
                items=agenda.overdue error=error/>
            <DueList id="follow-ups-today" title=Signal::derive(move || s.t(Key::FollowUpDueToday).to_string())
                items=agenda.today error=error/>
            <DueList id="follow-ups-planned"
                title=Signal::derive(move || fill(s.t(Key::FollowUpPlanned), &[("date", &format::date(s.lang.get(), next_day))]))
                items=agenda.planned error=error always=true/>
            {calendar}
        </section>
    }
}

#[component]
fn DueList(
    id: &'static str,
    title: Signal<String>,
    items: Listed,
    error: RwSignal<Option<String>>,
    /// Shown even when empty (the plan for tomorrow is a place to look).
    #[prop(optional)]
    always: bool,
) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    if items.total == 0 && !always {
        return ().into_any();
    }
    let empty = items.total == 0;
    let more = items.more();
    view! {
        <div class="due-list" id=id>
            <h3>{move || title.get()}</h3>
            {empty.then(|| view! { <p class="empty">{move || s.t(Key::NoFollowUps)}</p> })}
            <ul class="today-list">
                {items.items.into_iter().map(|d| {
                    let fid = d.follow_up_id.clone();
                    let done = move |_| {
                        let fid = fid.clone();
                        leptos::task::spawn_local(async move {
                            if let Err(e) = r.complete_follow_up(&fid).await {
                                error.set(Some(api_error_text(s.lang.get_untracked(), &e)));
                            }
                        });
                    };
                    let action = d.action;
                    let due = d.due;
                    view! {
                        <li class="today-item" data-follow-up=d.follow_up_id.clone()
                            data-client=d.client_id.clone() data-action=action.code()>
                            <span>
                                <a href=format!("/clients/{}", d.client_id)>{d.client_name}</a>
                                " · " {move || s.t(labels::action(action))}
                            </span>
                            <span class="muted">{move || format::datetime(s.lang.get(), due)}</span>
                            {d.note.map(|n| view! { <span class="muted">{n}</span> })}
                            {dial(d.client_id.clone(), d.contact_id, d.phone)}
                            <button type="button" class="chip mark-done" on:click=done>
                                {move || s.t(Key::MarkDone)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! {
                <p class="muted more">{move || fill(s.t(Key::MoreNotShown), &[("num", &more.to_string())])}</p>
            })}
        </div>
    }
    .into_any()
}
