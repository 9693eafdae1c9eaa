//! What each merge field of a template's purpose stands for, in the user's
//! language.

use crate::domain::template::{ContractField, MergeField, ReminderField, TemplatePurpose};
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

fn reminder_meaning(f: ReminderField) -> Key {
    match f {
        ReminderField::Client => Key::MergeClient,
        ReminderField::Contact => Key::MergeContact,
        ReminderField::Manager => Key::MergeManager,
        ReminderField::Overdue => Key::MergeOverdue,
        ReminderField::Balance => Key::MergeBalance,
        ReminderField::Documents => Key::MergeDocuments,
    }
}

fn contract_meaning(f: ContractField) -> Key {
    match f {
        ContractField::Client => Key::MergeClient,
        ContractField::RegNo => Key::MergeRegNo,
        ContractField::Address => Key::MergeAddress,
        ContractField::Manager => Key::MergeOwner,
        ContractField::Number => Key::MergeNumber,
        ContractField::Kind => Key::MergeContractKind,
        ContractField::Date => Key::MergeDate,
        ContractField::ValidFrom => Key::MergeValidFrom,
        ContractField::ValidTo => Key::MergeValidTo,
        ContractField::PriceType => Key::MergePriceType,
        ContractField::PaymentDays => Key::MergePaymentDays,
        ContractField::CreditLimit => Key::MergeCreditLimit,
        ContractField::Scheme => Key::MergeScheme,
        ContractField::Delivery => Key::MergeDelivery,
        ContractField::Conditions => Key::MergeConditions,
        ContractField::Points => Key::MergePoints,
    }
}

#[component]
pub fn MergeHelp(#[prop(into)] purpose: Signal<TemplatePurpose>) -> impl IntoView {
    let s = use_session();
    let fields = move || -> Vec<(&'static str, Key)> {
        match purpose.get() {
            TemplatePurpose::Proposal => MergeField::ALL
                .iter()
                .map(|&f| (f.code(), meaning(f)))
                .collect(),
            TemplatePurpose::Contract => ContractField::ALL
                .iter()
                .map(|&f| (f.code(), contract_meaning(f)))
                .collect(),
            TemplatePurpose::Reminder => ReminderField::ALL
                .iter()
                .map(|&f| (f.code(), reminder_meaning(f)))
                .collect(),
        }
    };
    view! {
        <div class="merge-help" id="merge-help">
            <p>{move || s.t(Key::TemplateFieldsHelp)}</p>
            <ul>
                {move || fields().into_iter().map(|(code, key)| view! {
                    <li><code>{format!("{{{code}}}")}</code>" — "{move || s.t(key)}</li>
                }).collect_view()}
            </ul>
        </div>
    }
}
