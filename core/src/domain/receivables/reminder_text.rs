//! A payment reminder written out from a reminder template in one
//! language: the value of every field the template may name, amounts and
//! days as that language writes them. The server's letter and the template
//! editor's preview use this one filling.

use super::position::Position;
use crate::domain::template::{ReminderField, TemplateFields, fill_of};
use crate::domain::user::Language;
use crate::format;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One overdue invoice as the letter lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub number: String,
    pub due: NaiveDate,
    pub open: Decimal,
}

/// Everything a reminder is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderSource {
    pub client: String,
    /// The contact person written to; none: the client is greeted.
    pub contact: Option<String>,
    pub manager: String,
    pub overdue: Decimal,
    pub balance: Decimal,
    pub documents: Vec<Overdue>,
    pub lang: Language,
}

impl ReminderSource {
    /// The overdue invoices and totals of `p`.
    pub fn of(
        p: &Position,
        client: String,
        contact: Option<String>,
        manager: String,
        lang: Language,
    ) -> Self {
        ReminderSource {
            client,
            contact,
            manager,
            overdue: p.overdue,
            balance: p.balance,
            documents: p
                .open
                .iter()
                .filter(|o| o.days_overdue > 0)
                .map(|o| Overdue {
                    number: o.number.clone(),
                    due: o.due,
                    open: o.open,
                })
                .collect(),
            lang,
        }
    }

    /// One overdue invoice as a line: number, due day, what is still owed.
    pub fn line(&self, o: &Overdue) -> String {
        let due = match self.lang {
            Language::Lv => "termiņš",
            Language::En => "due",
            Language::Ru => "срок",
        };
        format!(
            "{} ({due} {}) — {}",
            o.number,
            format::date(self.lang, o.due),
            format::eur(self.lang, o.open)
        )
    }

    /// The value `field` stands for.
    pub fn value(&self, field: ReminderField) -> String {
        match field {
            ReminderField::Client => self.client.clone(),
            ReminderField::Contact => self.contact.clone().unwrap_or_else(|| self.client.clone()),
            ReminderField::Manager => self.manager.clone(),
            ReminderField::Overdue => format::eur(self.lang, self.overdue),
            ReminderField::Balance => format::eur(self.lang, self.balance),
            ReminderField::Documents => self
                .documents
                .iter()
                .map(|o| self.line(o))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The letter's subject and text from `template` in the source's
    /// language.
    pub fn letter(&self, template: &TemplateFields) -> (String, String) {
        let text = template.text(self.lang);
        let subject = fill_of(&text.subject, str::to_string, |f| self.value(f));
        let body = fill_of(&text.body, str::to_string, |f| self.value(f));
        (
            subject.split_whitespace().collect::<Vec<_>>().join(" "),
            body,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::template::{TemplatePurpose, TemplateText};

    #[test]
    fn a_reminder_template_fills_its_fields_in_the_letters_language() {
        let t = |subject: &str, body: &str| TemplateText {
            subject: subject.into(),
            body: body.into(),
        };
        let tpl = TemplateFields {
            name: "Maigs atgādinājums".into(),
            lv: t(
                "Atgādinājums {client}",
                "Labdien, {contact}!\n{documents}\nKopā {overdue}.\n{manager}",
            ),
            en: t(
                "Reminder for {client}",
                "Dear {contact},\n{documents}\nIn total {overdue}.",
            ),
            ru: t("Напоминание {client}", "{documents}\n{overdue}"),
            attach_pdf: true,
            archived: false,
            purpose: TemplatePurpose::Reminder,
        };
        let checked = tpl.validate().unwrap();
        assert!(!checked.attach_pdf, "a reminder carries no page");
        let src = ReminderSource {
            client: "SIA Ābele".into(),
            contact: None,
            manager: "Ilze".into(),
            overdue: Decimal::new(125050, 2),
            balance: Decimal::new(200000, 2),
            documents: vec![Overdue {
                number: "R-7".into(),
                due: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
                open: Decimal::new(125050, 2),
            }],
            lang: Language::Lv,
        };
        let (subject, body) = src.letter(&checked);
        assert_eq!(subject, "Atgādinājums SIA Ābele");
        assert!(
            body.starts_with(
                "Labdien, SIA Ābele!\nR-7 (termiņš 02.11.2026) — 1\u{a0}250,50\u{a0}€"
            ),
            "{body}"
        );
        let mut wrong = tpl.clone();
        wrong.lv.subject = "{documents}".into();
        assert!(wrong.validate().is_err(), "a list in a subject");
        wrong.lv.subject = "{lines}".into();
        assert!(wrong.validate().is_err(), "a proposal's field");
    }
}
