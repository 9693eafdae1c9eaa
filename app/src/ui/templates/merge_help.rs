//! What each merge field stands for, in the user's language.

use crate::domain::template::MergeField;
use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

fn meaning(f: MergeField) -> Key {
    match f {
        MergeField::Client => Key::MergeClient,
        MergeField::Contact => Key::MergeContact,
        MergeField::Manager => Key::MergeManager,
        MergeField::Lines => Key::MergeLines,
        MergeField::Discount => Key::MergeDiscount,
        MergeField::ValidUntil => Key::MergeValidUntil,
        MergeField::Total => Key::MergeTotal,
    }
}

#[component]
pub fn MergeHelp() -> impl IntoView {
    let s = use_session();
    view! {
        <div class="merge-help">
            <p>{move || s.t(Key::TemplateFieldsHelp)}</p>
            <ul>
                {MergeField::ALL.iter().map(|&f| view! {
                    <li><code>{format!("{{{}}}", f.code())}</code>" — "{move || s.t(meaning(f))}</li>
                }).collect_view()}
            </ul>
        </div>
    }
}
