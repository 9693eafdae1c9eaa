//! A card's proposals: each with where it stands, its total and how long it
//! is valid, and a way to draft a new one.

use super::labels;
use crate::domain::proposal::{Proposal, ProposalStatus};
use crate::i18n::{Key, fill, format};
use crate::ui::replica::{DeviceData, use_device_data};
use crate::ui::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ProposalsPanel(client_id: String) -> impl IntoView {
    let s = use_session();
    let client_id = StoredValue::new(client_id);
    let DeviceData { value: list, error } = use_device_data(None, move |r| {
        Some(async move { r.proposals_of(&client_id.get_value()).await })
    });
    view! {
        <section class="panel" id="card-proposals">
            <div class="list-head">
                <h2>{move || s.t(Key::Proposals)}</h2>
                <A href=format!("/clients/{}/proposals/new", client_id.get_value())
                    attr:class="button" attr:id="new-proposal">
                    {move || s.t(Key::NewProposal)}
                </A>
            </div>
            <p class="form-error" role="alert">{move || error.get()}</p>
            <ul class="today-list" id="card-proposal-list">
                {move || {
                    let all = list.get().unwrap_or_default();
                    let none = all.is_empty();
                    view! {
                        {none.then(|| view! { <li class="empty">{move || s.t(Key::NoProposals)}</li> })}
                        {all.into_iter().map(|p| view! { <ProposalRow p=p/> }).collect_view()}
                    }
                }}
            </ul>
        </section>
    }
}

#[component]
fn ProposalRow(p: Proposal) -> impl IntoView {
    let s = use_session();
    let status = p.fields.status;
    let total = p.fields.total();
    let until = p.fields.valid_until;
    // A re-queued proposal keeps its last failure; show it only while failed.
    let failure = p.failure.filter(|_| status == ProposalStatus::Failed);
    view! {
        <li class="today-item proposal-item" data-proposal=p.id.clone() data-status=status.code()>
            <A href=format!("/proposals/{}", p.id)>{move || format::eur(s.lang.get(), total)}</A>
            <span class=format!("badge proposal-{}", status.code())>{move || s.t(labels::status(status))}</span>
            <span class="muted">{move || fill(s.t(Key::ValidUntilOn), &[("date", &format::date(s.lang.get(), until))])}</span>
            {p.sent_at.map(|at| view! {
                <span class="muted">{move || fill(s.t(Key::SentOn), &[("when", &format::datetime(s.lang.get(), at))])}</span>
            })}
            {failure.map(|f| view! { <span class="proposal-failure">{move || labels::failure(s.lang.get(), &f)}</span> })}
        </li>
    }
}
