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
    /// The attached page: its title, and the labels of its parties.
    pub title: &'static str,
    pub to_whom: &'static str,
    pub from_whom: &'static str,
    pub issued: &'static str,
    /// A letter's last line; `{url}` is its unsubscribe link.
    pub unsubscribe_note: &'static str,
    /// The unsubscribe page: its title, the question (`{emails}`), the
    /// button, the answer, and what an unknown or expired link says.
    pub page_title: &'static str,
    pub page_ask: &'static str,
    pub page_button: &'static str,
    pub page_done: &'static str,
    pub page_gone: &'static str,
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
    title: "Komercpiedāvājums",
    to_whom: "Klients",
    from_whom: "Sagatavoja",
    issued: "Datums",
    unsubscribe_note: "Ja nevēlaties vairs saņemt mūsu piedāvājumus, atsakieties šeit: {url}",
    page_title: "Atteikties no piedāvājumiem",
    page_ask: "Vairs nesūtīt piedāvājumus uz {emails}?",
    page_button: "Atteikties",
    page_done: "Piedāvājumi uz {emails} vairs netiks sūtīti.",
    page_gone: "Šī saite nav derīga vai ir novecojusi.",
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
    title: "Commercial proposal",
    to_whom: "Client",
    from_whom: "Prepared by",
    issued: "Date",
    unsubscribe_note: "To stop receiving our proposals, unsubscribe here: {url}",
    page_title: "Unsubscribe from proposals",
    page_ask: "Stop sending proposals to {emails}?",
    page_button: "Unsubscribe",
    page_done: "No more proposals will be sent to {emails}.",
    page_gone: "This link is not valid or has expired.",
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
    title: "Коммерческое предложение",
    to_whom: "Клиент",
    from_whom: "Подготовил",
    issued: "Дата",
    unsubscribe_note: "Чтобы больше не получать наши предложения, откажитесь здесь: {url}",
    page_title: "Отказ от предложений",
    page_ask: "Больше не отправлять предложения на {emails}?",
    page_button: "Отказаться",
    page_done: "Предложения на {emails} больше не будут отправляться.",
    page_gone: "Эта ссылка недействительна или устарела.",
};

pub fn of(lang: Language) -> &'static Texts {
    match lang {
        Language::Lv => &LV,
        Language::En => &EN,
        Language::Ru => &RU,
    }
}
