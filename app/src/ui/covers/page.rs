//! The covers page: the form, then the list.

use super::form::CoverForm;
use crate::api::covers::{end_cover, list_covers};
use crate::domain::cover::CoverView;
use crate::i18n::{Key, count, format};
use crate::ui::errors::api_error_text;
use crate::ui::session::use_session;
use crate::ui::widgets::local_time::last_day;
use leptos::prelude::*;

#[component]
pub fn CoversPage() -> impl IntoView {
    let s = use_session();
    let covers = RwSignal::new(None::<Vec<CoverView>>);
    let error = RwSignal::new(None::<String>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match list_covers().await {
                Ok(c) => covers.set(Some(c)),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    reload();
    let end = move |id: String| {
        leptos::task::spawn_local(async move {
            match end_cover(id).await {
                Ok(_) => reload(),
                Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
            }
        });
    };
    view! {
        <h1>{move || s.t(Key::CoversTitle)}</h1>
        <p class="hint">{move || s.t(Key::CoversIntro)}</p>
        <CoverForm on_created=Callback::new(move |_| reload())/>
        <p class="form-error" role="alert" id="covers-error">{move || error.get()}</p>
        <section class="panel" id="cover-list">
            {move || covers.get().map(|list| {
                if list.is_empty() {
                    return view! { <p class="empty">{move || s.t(Key::CoversNone)}</p> }.into_any();
                }
                list.into_iter().map(|c| {
                    let now = chrono::Utc::now();
                    let state = if c.is_over(now) {
                        Key::CoverEnded
                    } else if c.is_active(now) {
                        Key::CoverRunning
                    } else {
                        Key::CoverPlanned
                    };
                    let open = !c.is_over(now);
                    let id = c.id.clone();
                    let span = move || {
                        let l = s.lang.get();
                        format!(
                            "{} – {}",
                            format::date(l, c.starts.with_timezone(&chrono::Local).date_naive()),
                            format::date(l, last_day(c.ends))
                        )
                    };
                    let reach = match &c.clients {
                        None => s.t(Key::CoverWhole).to_string(),
                        Some(ids) => count(s.lang.get(), Key::CoverClientsCount, ids.len() as u64),
                    };
                    view! {
                        <article class="cover-row" data-cover=c.id.clone()>
                            <p>
                                <strong>{c.owner_name.clone()}</strong>" → "<strong>{c.deputy_name.clone()}</strong>
                                " · "<span class="cover-state">{move || s.t(state)}</span>
                            </p>
                            <p>{span}" · "{reach}</p>
                            {c.note.clone().map(|n| view! { <p class="hint">{n}</p> })}
                            <Show when=move || open>
                                {
                                    let id = id.clone();
                                    view! {
                                        <button type="button" class="secondary cover-end"
                                            on:click=move |_| end(id.clone())>
                                            {move || s.t(Key::CoverEnd)}
                                        </button>
                                    }
                                }
                            </Show>
                        </article>
                    }
                }).collect_view().into_any()
            })}
        </section>
    }
}
