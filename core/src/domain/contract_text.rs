//! A contract's draft written out from a contract template in one language:
//! the value of every field the template may name, with dates and money as
//! that language writes them, and the draft's title and paragraphs. The
//! server's PDF and any preview use this one filling.

use super::client::ClientCard;
use super::contract::{ContractFields, ContractKind, PointState};
use super::template::{ContractField, TemplateFields, fill_of};
use super::user::Language;
use crate::format;
use chrono::NaiveDate;

/// Everything a draft is made from.
#[derive(Debug, Clone, Copy)]
pub struct DraftSource<'a> {
    pub contract: &'a ContractFields,
    pub client: &'a ClientCard,
    /// The key-client scheme's name, when the contract names one.
    pub scheme: Option<&'a str>,
    pub lang: Language,
    /// The day the draft is made (its `{date}`).
    pub today: NaiveDate,
}

/// A draft as the device receives it: a PDF to save.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DraftFile {
    pub file_name: String,
    /// The PDF, base64.
    pub data: String,
}

impl DraftFile {
    pub fn bytes(&self) -> Option<Vec<u8>> {
        super::contract_scan::decode(&self.data)
    }
}

/// The draft's file name: the contract's number, or its client's name,
/// without the characters file systems refuse.
pub fn file_name(contract: &ContractFields, client: &str) -> String {
    let base = if contract.number.trim().is_empty() {
        client
    } else {
        contract.number.trim()
    };
    super::text::file_name(base, "pdf")
}

/// The draft: a one-line title and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub paragraphs: Vec<String>,
}

fn kind(lang: Language, k: ContractKind) -> &'static str {
    match (lang, k) {
        (Language::Lv, ContractKind::Supply) => "piegādes līgums",
        (Language::Lv, ContractKind::Service) => "pakalpojumu līgums",
        (Language::Lv, ContractKind::Framework) => "pamatlīgums",
        (Language::Lv, ContractKind::Other) => "līgums",
        (Language::En, ContractKind::Supply) => "supply contract",
        (Language::En, ContractKind::Service) => "service contract",
        (Language::En, ContractKind::Framework) => "framework agreement",
        (Language::En, ContractKind::Other) => "contract",
        (Language::Ru, ContractKind::Supply) => "договор поставки",
        (Language::Ru, ContractKind::Service) => "договор оказания услуг",
        (Language::Ru, ContractKind::Framework) => "рамочный договор",
        (Language::Ru, ContractKind::Other) => "договор",
    }
}

fn agreed(lang: Language) -> &'static str {
    match lang {
        Language::Lv => "saskaņots",
        Language::En => "agreed",
        Language::Ru => "согласовано",
    }
}

fn accelerated(lang: Language) -> &'static str {
    match lang {
        Language::Lv => "paātrināta piegāde",
        Language::En => "accelerated delivery",
        Language::Ru => "ускоренная поставка",
    }
}

/// What stands for a value the contract does not have yet.
const NONE: &str = "—";

fn day(lang: Language, d: Option<NaiveDate>) -> String {
    d.map_or(NONE.into(), |d| format::date(lang, d))
}

fn or_none(v: Option<&str>) -> String {
    v.filter(|v| !v.trim().is_empty())
        .map_or(NONE.into(), str::to_string)
}

/// The value `field` stands for.
pub fn value(src: &DraftSource<'_>, field: ContractField) -> String {
    let (c, card, lang) = (src.contract, &src.client.fields, src.lang);
    match field {
        ContractField::Client => card.name.clone(),
        ContractField::RegNo => or_none(card.reg_no.as_deref()),
        ContractField::Address => {
            let parts: Vec<&str> = [card.address.as_deref(), card.city.as_deref()]
                .into_iter()
                .flatten()
                .filter(|p| !p.trim().is_empty())
                .collect();
            if parts.is_empty() {
                NONE.into()
            } else {
                parts.join(", ")
            }
        }
        ContractField::Manager => src.client.owner_name.clone(),
        ContractField::Number => or_none(Some(&c.number)),
        ContractField::Kind => kind(lang, c.kind).into(),
        ContractField::Date => format::date(lang, src.today),
        ContractField::ValidFrom => day(lang, c.valid_from),
        ContractField::ValidTo => day(lang, c.valid_to),
        ContractField::PriceType => or_none(c.price_type.as_deref()),
        ContractField::PaymentDays => c
            .payment_days
            .map_or(NONE.into(), |d| format::integer(lang, d.into())),
        ContractField::CreditLimit => c.credit_limit.map_or(NONE.into(), |v| format::eur(lang, v)),
        ContractField::Scheme => or_none(src.scheme),
        ContractField::Delivery => {
            let terms = c.delivery_terms.clone().unwrap_or_default();
            match (terms.trim().is_empty(), c.accelerated_delivery) {
                (true, false) => NONE.into(),
                (true, true) => accelerated(lang).into(),
                (false, false) => terms,
                (false, true) => format!("{terms} ({})", accelerated(lang)),
            }
        }
        ContractField::Conditions => or_none(c.conditions.as_deref()),
        ContractField::Points => {
            let kept: Vec<String> = c
                .points
                .iter()
                .filter(|p| p.state != PointState::Dropped)
                .map(|p| match p.state {
                    PointState::Agreed => format!("• {} ({})", p.text, agreed(lang)),
                    _ => format!("• {}", p.text),
                })
                .collect();
            if kept.is_empty() {
                NONE.into()
            } else {
                kept.join("\n")
            }
        }
    }
}

/// The draft from `template` in the source's language: the subject is the
/// title, the body's lines (once filled) its paragraphs.
pub fn draft(template: &TemplateFields, src: &DraftSource<'_>) -> Draft {
    let text = template.text(src.lang);
    let title = fill_of(&text.subject, str::to_string, |f| value(src, f));
    let body = fill_of(&text.body, str::to_string, |f| value(src, f));
    Draft {
        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
        paragraphs: body.lines().map(|l| l.trim_end().to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::{ClientFields, ClientKind, Segment, Source};
    use crate::domain::contract::{ContractStatus, Point};
    use crate::domain::template::{TemplatePurpose, TemplateText};
    use chrono::{TimeZone, Utc};
    use rust_decimal::Decimal;

    fn client() -> ClientCard {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        ClientCard {
            id: "c1".into(),
            fields: ClientFields {
                kind: ClientKind::Company,
                name: "SIA Ūdeņu Koks".into(),
                reg_no: Some("40003012345".into()),
                vat_no: None,
                segment: Segment::Active,
                source: Source::Exhibition,
                address: Some("Brīvības iela 1".into()),
                city: Some("Rīga".into()),
                website: None,
                price_type: None,
                payment_terms_days: None,
                credit_limit: None,
                tags: Vec::new(),
                needs: None,
                scheme_id: None,
            },
            owner_id: "u1".into(),
            owner_name: "Jānis Bērziņš".into(),
            contacts: Vec::new(),
            archived: false,
            created_at: at,
            created_by: "u1".into(),
            updated_at: at,
            updated_by: "u1".into(),
        }
    }

    fn contract() -> ContractFields {
        ContractFields {
            client_id: "c1".into(),
            number: "L-2026/7".into(),
            kind: ContractKind::Supply,
            status: ContractStatus::Draft,
            signed_on: None,
            valid_from: NaiveDate::from_ymd_opt(2027, 1, 1),
            valid_to: None,
            renew_by: None,
            price_type: Some("Vairumtirdzniecība".into()),
            payment_days: Some(30),
            credit_limit: Some(Decimal::new(1_500_050, 2)),
            scheme_id: Some("s1".into()),
            delivery_terms: Some("DAP Rīga".into()),
            accelerated_delivery: true,
            conditions: Some("Cenas fiksētas līdz 31.03.".into()),
            points: vec![
                Point {
                    text: "Atlaide 5 %".into(),
                    state: PointState::Agreed,
                },
                Point {
                    text: "Apmaksa 45 dienās".into(),
                    state: PointState::Open,
                },
                Point {
                    text: "Bez priekšapmaksas".into(),
                    state: PointState::Dropped,
                },
            ],
            obligations: Vec::new(),
        }
    }

    fn template() -> TemplateFields {
        let text = |s: &str, b: &str| TemplateText {
            subject: s.into(),
            body: b.into(),
        };
        TemplateFields {
            name: "Piegāde".into(),
            lv: text(
                "Līgums Nr. {number}",
                "{client} (reģ. Nr. {reg_no}), {address}.\nKredītlimits {credit_limit}, apmaksa {payment_days} dienās.\nPiegāde: {delivery}.\n{points}\nDatums: {date}. Spēkā no {valid_from} līdz {valid_to}.",
            ),
            en: text("Contract {number}", "{kind} with {client}, {scheme}"),
            ru: text("Договор № {number}", "{kind} с {client}: {credit_limit}"),
            attach_pdf: false,
            archived: false,
            purpose: TemplatePurpose::Contract,
        }
    }

    fn source<'a>(c: &'a ContractFields, card: &'a ClientCard, lang: Language) -> DraftSource<'a> {
        DraftSource {
            contract: c,
            client: card,
            scheme: Some("Zelta klients"),
            lang,
            today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        }
    }

    #[test]
    fn a_latvian_draft_has_the_contracts_terms_in_latvian_forms() {
        let (c, card) = (contract(), client());
        let d = draft(&template(), &source(&c, &card, Language::Lv));
        assert_eq!(d.title, "Līgums Nr. L-2026/7");
        assert_eq!(
            d.paragraphs,
            [
                "SIA Ūdeņu Koks (reģ. Nr. 40003012345), Brīvības iela 1, Rīga.",
                "Kredītlimits 15\u{a0}000,50\u{a0}€, apmaksa 30 dienās.",
                "Piegāde: DAP Rīga (paātrināta piegāde).",
                "• Atlaide 5 % (saskaņots)",
                "• Apmaksa 45 dienās",
                "Datums: 01.12.2026. Spēkā no 01.01.2027 līdz —.",
            ]
        );
    }

    #[test]
    fn the_file_is_named_for_the_number_or_else_the_client() {
        let mut c = contract();
        assert_eq!(file_name(&c, "SIA Koks"), "L-2026-7.pdf");
        c.number = " ".into();
        assert_eq!(file_name(&c, "SIA \"Koks\""), "SIA -Koks-.pdf");
    }

    #[test]
    fn other_languages_use_their_own_words_and_numbers() {
        let (c, card) = (contract(), client());
        let en = draft(&template(), &source(&c, &card, Language::En));
        assert_eq!(
            en.paragraphs,
            ["supply contract with SIA Ūdeņu Koks, Zelta klients"]
        );
        let ru = draft(&template(), &source(&c, &card, Language::Ru));
        assert_eq!(ru.title, "Договор № L-2026/7");
        assert!(ru.paragraphs[0].starts_with("договор поставки с SIA Ūdeņu Koks: 15"));
    }
}
