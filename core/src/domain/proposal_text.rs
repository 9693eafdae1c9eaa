//! A proposal written out in its own language for a letter: its lines one
//! per row, its total, its validity, and the value of each merge field a
//! template names. The server's letter and the device's preview both use
//! these, so what a manager previews is what the client reads.

use super::proposal::{Line, ProposalFields};
use super::template::{MergeField, TemplateFields, fill};
use crate::format;
use rust_decimal::Decimal;

/// A quantity as the language writes it, with no trailing zeros.
pub fn quantity(lang: super::user::Language, q: Decimal) -> String {
    let q = q.normalize();
    format::number(lang, q, q.scale())
}

/// A percentage as the language writes it ("7,5 %").
pub fn percent(lang: super::user::Language, p: Decimal) -> String {
    let p = p.normalize();
    format!("{} %", format::number(lang, p, p.scale()))
}

/// One line: "2. Item — 10 × 31,90 € − 10 % = 287,10 €".
pub fn line(f: &ProposalFields, i: usize, l: &Line) -> String {
    let lang = f.language;
    let discount = if l.discount_pct.is_zero() {
        String::new()
    } else {
        format!(" − {}", percent(lang, l.discount_pct))
    };
    format!(
        "{}. {} — {} × {}{discount} = {}",
        i + 1,
        l.item,
        quantity(lang, l.quantity),
        format::eur(lang, l.unit_price),
        format::eur(lang, l.amount())
    )
}

/// Every line, one per row.
pub fn lines(f: &ProposalFields) -> String {
    f.lines
        .iter()
        .enumerate()
        .map(|(i, l)| line(f, i, l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Who a letter is about and from, for the merge fields.
#[derive(Debug, Clone, Copy)]
pub struct Merge<'a> {
    pub client: &'a str,
    /// The contact person it greets; none: the letter speaks to the client.
    pub contact: Option<&'a str>,
    pub manager: &'a str,
    pub proposal: &'a ProposalFields,
}

impl Merge<'_> {
    /// A merge field's value in plain text.
    pub fn value(&self, field: MergeField) -> String {
        let f = self.proposal;
        let lang = f.language;
        match field {
            MergeField::Client => self.client.to_string(),
            MergeField::Contact => self.contact.unwrap_or(self.client).to_string(),
            MergeField::Manager => self.manager.to_string(),
            MergeField::Lines => lines(f),
            // The largest on the lines (the client's scheme discount, when
            // the lines carry it); none: empty.
            MergeField::Discount => f
                .lines
                .iter()
                .map(|l| l.discount_pct)
                .max()
                .filter(|d| !d.is_zero())
                .map(|d| percent(lang, d))
                .unwrap_or_default(),
            MergeField::ValidUntil => format::date(lang, f.valid_until),
            MergeField::Total => format::eur(lang, f.total()),
        }
    }

    /// The template's subject and body in the proposal's language, filled.
    pub fn letter(&self, template: &TemplateFields) -> (String, String) {
        let words = template.text(self.proposal.language);
        let value = |field| self.value(field);
        (
            fill(&words.subject, str::to_string, value),
            fill(&words.body, str::to_string, value),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::proposal::ProposalStatus;
    use crate::domain::template::TemplateText;
    use crate::domain::user::Language;
    use chrono::NaiveDate;

    fn proposal(lang: Language) -> ProposalFields {
        ProposalFields {
            client_id: "c".into(),
            contact_ids: vec![],
            language: lang,
            lines: vec![
                Line {
                    item: "Finieris".into(),
                    quantity: Decimal::new(10, 0),
                    unit_price: Decimal::new(3190, 2),
                    discount_pct: Decimal::new(75, 1),
                    group: None,
                },
                Line {
                    item: "Piegāde".into(),
                    quantity: Decimal::new(15, 1),
                    unit_price: Decimal::new(85, 0),
                    discount_pct: Decimal::ZERO,
                    group: None,
                },
            ],
            valid_until: NaiveDate::from_ymd_opt(2026, 12, 14).unwrap(),
            status: ProposalStatus::Draft,
            note: None,
            template_id: None,
        }
    }

    #[test]
    fn lines_are_written_as_the_language_writes_them() {
        assert_eq!(
            lines(&proposal(Language::Lv)),
            "1. Finieris — 10 × 31,90\u{a0}€ − 7,5 % = 295,08\u{a0}€\n\
             2. Piegāde — 1,5 × 85,00\u{a0}€ = 127,50\u{a0}€"
        );
        assert!(
            lines(&proposal(Language::En))
                .starts_with("1. Finieris — 10 × €31.90 − 7.5 % = €295.08")
        );
    }

    #[test]
    fn a_template_is_filled_for_one_recipient() {
        let p = proposal(Language::Lv);
        let t = TemplateFields {
            lv: TemplateText {
                subject: "Piedāvājums {client}".into(),
                body: "Labdien, {contact}! {total}, {discount}, līdz {valid_until}. {manager}"
                    .into(),
            },
            ..Default::default()
        };
        let m = Merge {
            client: "SIA Ābele",
            contact: None,
            manager: "Ilze",
            proposal: &p,
        };
        let (subject, body) = m.letter(&t);
        assert_eq!(subject, "Piedāvājums SIA Ābele");
        assert_eq!(
            body,
            "Labdien, SIA Ābele! 422,58\u{a0}€, 7,5 %, līdz 14.12.2026. Ilze"
        );
        let named = Merge {
            contact: Some("Žanis"),
            ..m
        };
        assert!(named.letter(&t).1.starts_with("Labdien, Žanis!"));
    }
}
