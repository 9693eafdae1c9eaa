//! A proposal template, managed by heads: a name, a subject and a body in
//! each of the three languages a proposal may be written in, and whether
//! the proposal goes with a PDF of itself. Subject and body hold merge
//! fields in braces (`{client}`), filled per recipient when the letter is
//! composed: on the server for the letter, on the device for the preview,
//! by the one [`fill`] below.

use super::code_enum::code_enum;
use super::text;
use super::user::Language;
use super::validation::{Issues, Problem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

code_enum!(
    /// What a template may name in braces.
    MergeField {
        Client => "client",
        Contact => "contact",
        Manager => "manager",
        Lines => "lines",
        Discount => "discount",
        ValidUntil => "valid_until",
        Total => "total",
    }
);

code_enum!(
    /// What a contract template may name in braces.
    ContractField {
        Client => "client",
        RegNo => "reg_no",
        Address => "address",
        Manager => "manager",
        Number => "number",
        Kind => "kind",
        Date => "date",
        ValidFrom => "valid_from",
        ValidTo => "valid_to",
        PriceType => "price_type",
        PaymentDays => "payment_days",
        CreditLimit => "credit_limit",
        Scheme => "scheme",
        Delivery => "delivery",
        Conditions => "conditions",
        Points => "points",
    }
);

code_enum!(
    /// What a payment reminder template may name in braces.
    ReminderField {
        Client => "client",
        Contact => "contact",
        Manager => "manager",
        Overdue => "overdue",
        Balance => "balance",
        Documents => "documents",
    }
);

code_enum!(
    /// What a template is for: a proposal's letter, a contract's draft, or
    /// a payment reminder.
    TemplatePurpose {
        Proposal => "proposal",
        Contract => "contract",
        Reminder => "reminder",
    }
);

// `code_enum!` cannot mark a variant `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for TemplatePurpose {
    fn default() -> Self {
        TemplatePurpose::Proposal
    }
}

/// A name a template of some purpose may hold in braces.
pub trait Field: Copy {
    fn named(name: &str) -> Option<Self>;
    /// Whether it may stand in a one-line subject or title.
    fn in_subject(self) -> bool;
}

impl Field for MergeField {
    fn named(name: &str) -> Option<Self> {
        MergeField::parse(name)
    }

    /// The offer's lines are a table, and a subject is one line.
    fn in_subject(self) -> bool {
        self != MergeField::Lines
    }
}

impl Field for ReminderField {
    fn named(name: &str) -> Option<Self> {
        ReminderField::parse(name)
    }

    /// The overdue invoices are a list, one per line.
    fn in_subject(self) -> bool {
        self != ReminderField::Documents
    }
}

impl Field for ContractField {
    fn named(name: &str) -> Option<Self> {
        ContractField::parse(name)
    }

    /// The special conditions and the negotiated points run over lines.
    fn in_subject(self) -> bool {
        !matches!(self, ContractField::Conditions | ContractField::Points)
    }
}

pub const MAX_NAME: usize = 80;
pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 10_000;

/// One language's words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateText {
    pub subject: String,
    pub body: String,
}

/// A template's fields (the form's, and once checked the stored ones).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateFields {
    pub name: String,
    pub lv: TemplateText,
    pub en: TemplateText,
    pub ru: TemplateText,
    /// Whether the letter carries the proposal as a PDF.
    pub attach_pdf: bool,
    /// No longer offered for new proposals; those that use it keep it.
    #[serde(default)]
    pub archived: bool,
    /// A proposal's letter (the default, and every template made before
    /// there were others) or a contract's draft.
    #[serde(default)]
    pub purpose: TemplatePurpose,
}

/// A template as devices keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub fields: TemplateFields,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

impl TemplateFields {
    pub fn text(&self, lang: Language) -> &TemplateText {
        match lang {
            Language::Lv => &self.lv,
            Language::En => &self.en,
            Language::Ru => &self.ru,
        }
    }

    /// Checks the form: a name, every language's subject and body, and
    /// nothing in braces that is not a merge field of the template's
    /// purpose (or not one a subject may hold). Problems are at
    /// `lv.subject`, `ru.body` and so on.
    pub fn validate(&self) -> Result<TemplateFields, Issues> {
        let mut is = Issues::default();
        let name = is.check("name", text::required(&self.name, MAX_NAME));
        let check = |lang, t: &TemplateText, is: &mut Issues| match self.purpose {
            TemplatePurpose::Proposal => checked_text::<MergeField>(lang, t, is),
            TemplatePurpose::Contract => checked_text::<ContractField>(lang, t, is),
            TemplatePurpose::Reminder => checked_text::<ReminderField>(lang, t, is),
        };
        let lv = check(Language::Lv, &self.lv, &mut is);
        let en = check(Language::En, &self.en, &mut is);
        let ru = check(Language::Ru, &self.ru, &mut is);
        is.into_result(|| TemplateFields {
            name: name.unwrap_or_default(),
            lv: lv.unwrap_or_default(),
            en: en.unwrap_or_default(),
            ru: ru.unwrap_or_default(),
            // A contract's draft is itself the PDF.
            attach_pdf: self.attach_pdf && self.purpose == TemplatePurpose::Proposal,
            archived: self.archived,
            purpose: self.purpose,
        })
    }
}

/// One language's subject and body checked, problems at `{lang}.{field}`.
fn checked_text<F: Field>(
    lang: Language,
    t: &TemplateText,
    is: &mut Issues,
) -> Option<TemplateText> {
    let at = |f: &str| format!("{}.{f}", lang.code());
    let subject = is
        .check(at("subject"), text::required(&t.subject, MAX_SUBJECT))
        .and_then(|s| {
            let ok = check_fields::<F>(&s, true).map(|_| s);
            is.check(at("subject"), ok)
        })
        // A subject is one line: whatever a paste brought is flattened.
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
    let body = is
        .check(at("body"), text::required(&t.body, MAX_BODY))
        .and_then(|b| {
            let ok = check_fields::<F>(&b, false).map(|_| b);
            is.check(at("body"), ok)
        });
    Some(TemplateText {
        subject: subject?,
        body: body?,
    })
}

/// A piece of a template text: words as written, or a merge field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a, F = MergeField> {
    Words(&'a str),
    Field(F),
}

/// Splits a proposal template's `text` into words and merge fields.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, Problem> {
    pieces_of(text)
}

/// Splits `text` into words and fields of `F`; a brace that opens no known
/// field (or is never closed) is a problem.
pub fn pieces_of<F: Field>(text: &str) -> Result<Vec<Piece<'_, F>>, Problem> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Words(&rest[..open]));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(Problem::UnknownMergeField)?;
        let name = &after[..close];
        let field = F::named(name.trim()).ok_or(Problem::UnknownMergeField)?;
        out.push(Piece::Field(field));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Words(rest));
    }
    Ok(out)
}

fn check_fields<F: Field>(text: &str, subject: bool) -> Result<(), Problem> {
    let found = pieces_of::<F>(text)?;
    let misplaced = found
        .iter()
        .any(|p| matches!(p, Piece::Field(f) if subject && !f.in_subject()));
    if misplaced {
        Err(Problem::MergeFieldNotHere)
    } else {
        Ok(())
    }
}

/// `text` with its merge fields filled: `words` turns written words into
/// the output's form (escaped for HTML, say) and `value` gives each field's.
/// A text that does not parse (never a checked template's) is given as
/// written, through `words`.
pub fn fill(
    text: &str,
    words: impl Fn(&str) -> String,
    value: impl Fn(MergeField) -> String,
) -> String {
    fill_of(text, words, value)
}

/// As [`fill`], for the fields of any purpose.
pub fn fill_of<F: Field>(
    text: &str,
    words: impl Fn(&str) -> String,
    value: impl Fn(F) -> String,
) -> String {
    match pieces_of::<F>(text) {
        Ok(found) => found
            .into_iter()
            .map(|p| match p {
                Piece::Words(w) => words(w),
                Piece::Field(f) => value(f),
            })
            .collect(),
        Err(_) => words(text),
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(subject: &str, body: &str) -> TemplateText {
        TemplateText {
            subject: subject.into(),
            body: body.into(),
        }
    }

    fn fields() -> TemplateFields {
        TemplateFields {
            name: "Pavasara piedāvājums".into(),
            lv: text(
                "Piedāvājums {client}",
                "Labdien, {contact}!\n\n{lines}\n\nKopā {total}, spēkā līdz {valid_until}.\n{manager}",
            ),
            en: text("Offer for {client}", "Dear {contact},\n{lines}\n{manager}"),
            ru: text(
                "Предложение для {client}",
                "Здравствуйте, {contact}!\n{lines}",
            ),
            attach_pdf: true,
            archived: false,
            purpose: TemplatePurpose::Proposal,
        }
    }

    #[test]
    fn a_complete_template_passes_and_is_trimmed() {
        let mut f = fields();
        f.name = "  Pavasaris ".into();
        f.en.subject = " Offer\nfor   {client} ".into();
        let ok = f.validate().unwrap();
        assert_eq!(ok.name, "Pavasaris");
        assert_eq!(ok.en.subject, "Offer for {client}");
    }

    #[test]
    fn every_language_is_required() {
        let mut f = fields();
        f.ru = TemplateText::default();
        f.en.body = "  ".into();
        let is = f.validate().unwrap_err();
        assert_eq!(is.at("ru.subject"), Some(Problem::Required));
        assert_eq!(is.at("ru.body"), Some(Problem::Required));
        assert_eq!(is.at("en.body"), Some(Problem::Required));
        assert_eq!(is.at("lv.body"), None);
    }

    #[test]
    fn unknown_or_unclosed_fields_are_named_where_they_are() {
        let mut f = fields();
        f.lv.body = "Labdien, {kontakts}!".into();
        f.en.body = "Dear {contact".into();
        f.ru.subject = "Для {lines}".into();
        let is = f.validate().unwrap_err();
        assert_eq!(is.at("lv.body"), Some(Problem::UnknownMergeField));
        assert_eq!(is.at("en.body"), Some(Problem::UnknownMergeField));
        assert_eq!(is.at("ru.subject"), Some(Problem::MergeFieldNotHere));
    }

    #[test]
    fn a_contract_template_holds_the_contracts_fields_and_not_the_offers() {
        let mut f = fields();
        f.purpose = TemplatePurpose::Contract;
        f.lv = text(
            "Līgums Nr. {number} ar {client}",
            "{client} ({reg_no}) maksā {payment_days} dienu laikā.\n{conditions}\n{points}",
        );
        f.en = text("Contract {number}", "{client}, {credit_limit}, {scheme}");
        f.ru = text("Договор {number}", "{lines}");
        let is = f.clone().validate().unwrap_err();
        assert_eq!(is.at("ru.body"), Some(Problem::UnknownMergeField));
        assert_eq!(is.at("lv.body"), None);
        f.ru = text("Договор {conditions}", "{client}");
        let is = f.clone().validate().unwrap_err();
        assert_eq!(is.at("ru.subject"), Some(Problem::MergeFieldNotHere));
        f.ru = text("Договор {number}", "{client}");
        let ok = f.validate().unwrap();
        assert_eq!(ok.purpose, TemplatePurpose::Contract);
        assert!(!ok.attach_pdf, "a draft is its own PDF");
        // A proposal template may not name a contract's number.
        let mut p = fields();
        p.lv.body = "Līgums {number}".into();
        assert_eq!(
            p.validate().unwrap_err().at("lv.body"),
            Some(Problem::UnknownMergeField)
        );
    }

    #[test]
    fn a_template_stored_before_purposes_is_a_proposal_template() {
        let stored = serde_json::json!({
            "name": "Vecā", "attach_pdf": false,
            "lv": {"subject": "a", "body": "b"},
            "en": {"subject": "a", "body": "b"},
            "ru": {"subject": "a", "body": "b"},
        });
        let f: TemplateFields = serde_json::from_value(stored).unwrap();
        assert_eq!(f.purpose, TemplatePurpose::Proposal);
    }

    #[test]
    fn limits_hold() {
        let mut f = fields();
        f.name = "x".repeat(MAX_NAME + 1);
        f.lv.body = "ā".repeat(MAX_BODY + 1);
        let is = f.validate().unwrap_err();
        assert_eq!(is.at("name"), Some(Problem::TooLong { max: MAX_NAME }));
        assert_eq!(is.at("lv.body"), Some(Problem::TooLong { max: MAX_BODY }));
    }

    #[test]
    fn fills_each_field_and_keeps_the_words() {
        let out = fill(
            "Labdien, {contact}! { total } — {client}}",
            |w| w.replace('!', "!!"),
            |f| format!("<{}>", f.code()),
        );
        assert_eq!(out, "Labdien, <contact>!! <total> — <client>}");
    }

    proptest! {
        /// Text without braces is its own filling, through `words`.
        #[test]
        fn text_without_braces_is_kept(s in "[^{}]{0,60}") {
            prop_assert_eq!(fill(&s, str::to_string, |_| "X".into()), s.clone());
        }

        /// Every known field is replaced, wherever it stands, and nothing
        /// else changes.
        #[test]
        fn every_field_is_replaced(
            parts in proptest::collection::vec(("[^{}]{0,8}", 0usize..7), 0..8)
        ) {
            let mut text = String::new();
            let mut want = String::new();
            for (w, f) in &parts {
                let field = MergeField::ALL[*f];
                text.push_str(w);
                text.push_str(&format!("{{{}}}", field.code()));
                want.push_str(w);
                want.push_str(&field.code().to_uppercase());
            }
            prop_assert!(pieces(&text).is_ok());
            prop_assert_eq!(fill(&text, str::to_string, |f| f.code().to_uppercase()), want);
        }
    }
}
