//! Values of this card, or of its client's contracts, that lost to
//! someone's concurrent edit: shown until the user restores one or keeps
//! the current value.

use crate::domain::field_conflict::FieldConflict;
use crate::i18n::{Key, fill};
use crate::ui::contracts::labels as contract_labels;
use crate::ui::errors::api_error_text;
use crate::ui::replica::{DeviceData, use_device_data, use_replica};
use crate::ui::session::use_session;
use leptos::prelude::*;
use std::collections::HashMap;

/// A lost value as a person reads it (lists joined, text as is).
fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".into(),
        serde_json::Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join(", "),
        serde_json::Value::Object(m) => m
            .get("name")
            .or_else(|| m.get("text"))
            .map(shown)
            .unwrap_or_else(|| v.to_string()),
        other => other.to_string(),
    }
}

#[component]
pub fn ConflictsPanel(client_id: String) -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let client_id = StoredValue::new(client_id);
    let error = RwSignal::new(None::<String>);
    // Each conflict with the number of the contract it is on, if any.
    let DeviceData {
        value: conflicts, ..
    } = use_device_data(None, move |r| {
        Some(async move {
            let id = client_id.get_value();
            let list = r.conflicts_of(&id).await?;
            let numbers: HashMap<String, String> = if list.iter().any(|c| c.record.is_some()) {
                r.contracts_of(&id)
                    .await?
                    .into_iter()
                    .map(|c| (c.id, c.fields.number))
                    .collect()
            } else {
                HashMap::new()
            };
            Ok(list
                .into_iter()
                .map(|c| {
                    let number = c
                        .record
                        .as_ref()
                        .map(|k| numbers.get(&k.id).cloned().unwrap_or_default());
                    (c, number)
                })
                .collect::<Vec<_>>())
        })
    });
    let resolve = move |id: String, restore: bool| {
        leptos::task::spawn_local(async move {
            if let Err(e) = r.resolve_conflict(&id, restore).await {
                error.set(Some(api_error_text(s.lang.get_untracked(), &e)));
            }
        });
    };
    view! {
        {move || conflicts.get().filter(|c| !c.is_empty()).map(|list| view! {
            <section class="panel conflicts" id="conflicts" role="region"
                aria-label=move || s.t(Key::ConflictsTitle)>
                <h2>{move || s.t(Key::ConflictsTitle)}</h2>
                <ul>
                    {list.into_iter().map(|(c, contract): (FieldConflict, Option<String>)| {
                        let (id1, id2) = (c.id.clone(), c.id.clone());
                        let coded = contract.is_some().then(|| contract_labels::value(&c.field, &c.lost_value)).flatten();
                        let raw_value = shown(&c.lost_value);
                        let value = move || coded.map_or(raw_value.clone(), |k| s.t(k).to_string());
                        let field_key = match contract {
                            Some(_) => contract_labels::field(&c.field),
                            None => super::labels::field(&c.field),
                        };
                        let raw_field = c.field.clone();
                        let field = move || {
                            let name = field_key.map_or(raw_field.clone(), |k| s.t(k).to_string());
                            match &contract {
                                Some(number) => fill(s.t(Key::ConflictOnContract), &[("number", number), ("field", &name)]),
                                None => name,
                            }
                        };
                        let who = c.lost_by_name.clone();
                        view! {
                            <li class="conflict" data-field=c.field.clone() data-record=c.record.as_ref().map(|k| k.table.clone())>
                                <p>{move || fill(s.t(Key::ConflictLine), &[("field", &field()), ("value", &value()), ("who", &who)])}</p>
                                <div class="actions">
                                    <button type="button" class="primary restore" on:click=move |_| resolve(id1.clone(), true)>
                                        {move || s.t(Key::RestoreValue)}
                                    </button>
                                    <button type="button" class="secondary keep" on:click=move |_| resolve(id2.clone(), false)>
                                        {move || s.t(Key::KeepCurrent)}
                                    </button>
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p class="form-error" role="alert">{move || error.get()}</p>
            </section>
        })}
    }
}
