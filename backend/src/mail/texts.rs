//! The words of the server's letters, in the three languages a proposal
//! may be written in (the app's own catalogue is the browser's; these are
//! the recipient's).

use crate::domain::user::Language;

pub struct Texts {
    /// `{client}` is the client's name.
    pub subject: &'static str,
    /// `{name}` is the contact person's.
    pub greeting_named: &'static str,
    pub greeting: &'static str,
    pub intro: &'static str,
    pub item: &'static str,
    pub quantity: &'static str,
    pub price: &'static str,
    pub discount: &'static str,
    pub amount: &'static str,
    pub total: &'static str,
    /// `{date}` is the last day it is valid.
    pub valid_until: &'static str,
    pub regards: &'static str,
    /// The follow-up planned when a proposal is sent (in the manager's
    /// language, not the client's).
    pub call_about_it: &'static str,
}

const LV: Texts = Texts {
    subject: "Piedāvājums: {client}",
    greeting_named: "Labdien, {name}!",
    greeting: "Labdien!",
    intro: "Nosūtām Jums mūsu piedāvājumu.",
    item: "Prece vai pakalpojums",
    quantity: "Daudzums",
    price: "Cena",
    discount: "Atlaide",
    amount: "Summa",
    total: "Kopā",
    valid_until: "Piedāvājums ir spēkā līdz {date}.",
    regards: "Ar cieņu",
    call_about_it: "Piezvanīt par nosūtīto piedāvājumu",
};

const EN: Texts = Texts {
    subject: "Proposal: {client}",
    greeting_named: "Dear {name},",
    greeting: "Hello,",
    intro: "Please find our proposal below.",
    item: "Item",
    quantity: "Quantity",
    price: "Price",
    discount: "Discount",
    amount: "Amount",
    total: "Total",
    valid_until: "This proposal is valid until {date}.",
    regards: "Kind regards",
    call_about_it: "Call about the proposal sent",
};

const RU: Texts = Texts {
    subject: "Предложение: {client}",
    greeting_named: "Здравствуйте, {name}!",
    greeting: "Здравствуйте!",
    intro: "Направляем Вам наше предложение.",
    item: "Товар или услуга",
    quantity: "Количество",
    price: "Цена",
    discount: "Скидка",
    amount: "Сумма",
    total: "Итого",
    valid_until: "Предложение действительно до {date}.",
    regards: "С уважением",
    call_about_it: "Позвонить по отправленному предложению",
};

pub fn of(lang: Language) -> &'static Texts {
    match lang {
        Language::Lv => &LV,
        Language::En => &EN,
        Language::Ru => &RU,
    }
}
