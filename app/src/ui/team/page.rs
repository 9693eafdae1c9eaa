//! `/team`: a head's (or director's) people with their targets to set, and
//! the team's calls over a range. The people and targets come from the
//! server; the calls from the head's device.

use super::report::TeamTable;
use super::review::ReviewPanel;
use super::targets_row::TargetsRow;
use crate::api::team::list_team;
use crate::domain::user::UserView;
use crate::i18n::Key;
use crate::ui::calls::range_picker::{RangePick, RangePicker};
use crate::ui::errors::api_error_text;
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use crate::ui::widgets::devices::PersonDevices;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TeamPage() -> impl IntoView {
    let s = use_session();
    let team = RwSignal::new(None::<Vec<UserView>>);
    let error = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        match list_team().await {
            Ok(t) => team.set(Some(t)),
            Err(e) => error.set(Some(api_error_text(s.lang.get_untracked(), &s.watch(e)))),
        }
    });
    let picker = RangePick::default();
    let DeviceData {
        value: report,
        error: report_error,
    } = use_device_data(None, move |r| {
        let people = team.get()?;
        let (from, to) = picker.range().ok()?;
        Some(async move { r.team_report(from, to, &people).await })
    });
    // A range that cannot be read says why instead of the report.
    let error = move || match picker.range() {
        Err(key) => Some(s.t(key).to_string()),
        Ok(_) => error.get().or_else(|| report_error.get()),
    };
    view! {
        <header class="page-head">
            <h1>{move || s.t(Key::TeamTitle)}</h1>
            <span class="head-links">
                <A href="/templates" attr:class="button secondary" attr:id="manage-templates">
                    {move || s.t(Key::ManageTemplates)}
                </A>
                <A href="/schemes" attr:class="button secondary" attr:id="manage-schemes">
                    {move || s.t(Key::ManageSchemes)}
                </A>
                <A href="/prices" attr:class="button secondary" attr:id="manage-prices">
                    {move || s.t(Key::ManagePrices)}
                </A>
            </span>
        </header>
        <p class="form-error" role="alert" id="team-error">{error}</p>
        <section id="team-report" class="panel">
            <h2>{move || s.t(Key::TeamReportTitle)}</h2>
            <RangePicker pick=picker/>
            {move || report.get().map(|t| view! { <TeamTable report=t/> })}
        </section>
        <ReviewPanel/>
        <section id="team-targets">
            <h2>{move || s.t(Key::TargetsTitle)}</h2>
            {move || team.get().map(|people| {
                if people.is_empty() {
                    view! { <p class="empty">{move || s.t(Key::NoTeam)}</p> }.into_any()
                } else {
                    people.into_iter().map(|p| {
                        let id = p.id.clone();
                        view! {
                            <TargetsRow person=p/>
                            <PersonDevices user_id=id/>
                        }
                    }).collect_view().into_any()
                }
            })}
        </section>
    }
}
