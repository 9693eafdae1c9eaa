//! The contact persons part of the card form.

use super::form_state::{ContactRow, FormState};
use crate::domain::client_input::{ContactInput, MAX_EMAILS, MAX_PHONES};
use crate::domain::validation::Issues;
use crate::i18n::{Key, problem_text};
use crate::ui::session::use_session;
use crate::ui::widgets::field::{AreaField, Field};
use leptos::prelude::*;

#[component]
pub fn ContactsEditor(state: FormState, issues: RwSignal<Issues>) -> impl IntoView {
    let s = use_session();
    view! {
        <fieldset class="contacts">
            <legend>{move || s.t(Key::Contacts)}</legend>
            <For each=move || state.contacts.get() key=|r| r.key let:row>
                <ContactEditor state=state row=row issues=issues/>
            </For>
            <button type="button" class="secondary" id="add-contact"
                on:click=move |_| state.push_contact(&ContactInput::default())>
                {move || s.t(Key::AddContact)}
            </button>
        </fieldset>
    }
}

#[component]
fn ContactEditor(state: FormState, row: ContactRow, issues: RwSignal<Issues>) -> impl IntoView {
    let s = use_session();
    let key = row.key;
    let at = move |field: &str| {
        let i = state.index_of(key).unwrap_or(usize::MAX);
        format!("contacts.{i}.{field}")
    };
    let err = move |field: &'static str| {
        Signal::derive(move || {
            let path = at(field);
            issues
                .with(|is| is.at(&path))
                .map(|p| problem_text(s.lang.get(), p))
        })
    };
    let ids = move |f: &str| format!("contact-{key}-{f}");
    view! {
        <div class="contact" data-contact=key>
            <Field id=ids("name") required=true label=Signal::derive(move || s.t(Key::ContactName).to_string())
                value=row.name error=err("name")/>
            <Field id=ids("position") label=Signal::derive(move || s.t(Key::Position).to_string())
                value=row.position error=err("position")/>
            <ValueList row_key=key list=row.phones kind="tel" max=MAX_PHONES path="phones"
                state=state issues=issues label=Key::Phone add=Key::AddPhone/>
            <ValueList row_key=key list=row.emails kind="email" max=MAX_EMAILS path="emails"
                state=state issues=issues label=Key::EmailLabel add=Key::AddEmail/>
            <Field id=ids("birthday") kind="date" label=Signal::derive(move || s.t(Key::Birthday).to_string())
                value=row.birthday error=err("birthday")/>
            <AreaField id=ids("notes") label=Signal::derive(move || s.t(Key::Notes).to_string())
                value=row.notes error=err("notes")/>
            <button type="button" class="link danger" on:click=move |_| state.remove_contact(key)>
                {move || s.t(Key::RemoveContact)}
            </button>
        </div>
    }
}

/// Several phones or e-mails of one contact, each with its own error.
#[component]
fn ValueList(
    row_key: u64,
    list: RwSignal<Vec<RwSignal<String>>>,
    kind: &'static str,
    max: usize,
    path: &'static str,
    state: FormState,
    issues: RwSignal<Issues>,
    label: Key,
    add: Key,
) -> impl IntoView {
    let s = use_session();
    let inputmode = if kind == "tel" { "tel" } else { "email" };
    view! {
        <div class="value-list">
            {move || {
                list.get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| {
                        let id = format!("contact-{row_key}-{path}-{i}");
                        let error = Signal::derive(move || {
                            let ci = state.index_of(row_key).unwrap_or(usize::MAX);
                            let p = format!("contacts.{ci}.{path}.{i}");
                            issues.with(|is| is.at(&p)).map(|p| problem_text(s.lang.get(), p))
                        });
                        view! {
                            <Field id=id kind=kind inputmode=inputmode
                                label=Signal::derive(move || s.t(label).to_string())
                                value=value error=error/>
                        }
                    })
                    .collect_view()
            }}
            <Show when=move || list.with(|l| l.len() < max)>
                <button type="button" class="link" on:click=move |_| list.update(|l| l.push(RwSignal::new(String::new())))>
                    {move || s.t(add)}
                </button>
            </Show>
        </div>
    }
}
