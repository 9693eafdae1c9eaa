//! What the card form submits: every field as the user typed it, so a
//! rejected form comes back intact, and the rules that turn it into
//! [`ClientFields`] and [`ContactFields`].

use super::client::{ClientCard, ClientFields, ClientKind, Segment, Source};
use super::contact::ContactFields;
use super::validation::{Issues, Problem};
use super::{email, money, phone, registration, text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_CONTACTS: usize = 50;
pub const MAX_PHONES: usize = 5;
pub const MAX_EMAILS: usize = 5;
pub const MAX_TAGS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientInput {
    pub kind: ClientKind,
    pub name: String,
    pub reg_no: String,
    pub vat_no: String,
    pub segment: Segment,
    pub source: Source,
    /// `None` keeps the current owner (or makes the creator the owner).
    pub owner_id: Option<String>,
    pub address: String,
    pub city: String,
    pub website: String,
    pub price_type: String,
    pub payment_terms_days: String,
    pub credit_limit: String,
    /// Comma-separated, as typed.
    pub tags: String,
    pub needs: String,
    pub contacts: Vec<ContactInput>,
    /// The key-client scheme's id; empty: none.
    #[serde(default)]
    pub scheme_id: String,
}

impl Default for ClientInput {
    fn default() -> Self {
        Self {
            kind: ClientKind::Company,
            name: String::new(),
            reg_no: String::new(),
            vat_no: String::new(),
            segment: Segment::Prospect,
            source: Source::Other,
            owner_id: None,
            address: String::new(),
            city: String::new(),
            website: String::new(),
            price_type: String::new(),
            payment_terms_days: String::new(),
            credit_limit: String::new(),
            tags: String::new(),
            needs: String::new(),
            contacts: Vec::new(),
            scheme_id: String::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    /// `None` for a new contact.
    pub id: Option<String>,
    pub name: String,
    pub position: String,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    /// `YYYY-MM-DD`, as a date input gives it.
    pub birthday: String,
    pub notes: String,
}

/// A validated card ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidClient {
    pub fields: ClientFields,
    pub owner_id: Option<String>,
    pub contacts: Vec<(Option<String>, ContactFields)>,
}

impl ClientInput {
    /// Checks every field and reports every problem at once.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidClient, Issues> {
        let mut is = Issues::default();
        let company = self.kind == ClientKind::Company;
        let name = is.check("name", text::required(&self.name, 200));
        let reg_no = if company {
            is.check(
                "reg_no",
                optional_with(&self.reg_no, registration::normalize_reg_no),
            )
        } else {
            Some(None)
        };
        let vat_no = if company {
            is.check(
                "vat_no",
                optional_with(&self.vat_no, registration::normalize_vat_no),
            )
        } else {
            Some(None)
        };
        let address = is.check("address", text::optional(&self.address, 300));
        let city = is.check("city", text::optional(&self.city, 100));
        let website = is.check("website", website(&self.website));
        let price_type = is.check("price_type", text::optional(&self.price_type, 60));
        let days = is.check("payment_terms_days", payment_days(&self.payment_terms_days));
        let credit = is.check("credit_limit", money::parse_eur(&self.credit_limit));
        let tags = is.check("tags", tags(&self.tags));
        let needs = is.check("needs", text::optional(&self.needs, 4000));
        let scheme = is.check("scheme_id", text::optional(&self.scheme_id, 64));
        if self.contacts.len() > MAX_CONTACTS {
            is.push("contacts", Problem::TooManyItems { max: MAX_CONTACTS });
        }
        let contacts: Vec<_> = self
            .contacts
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_blank())
            .map(|(i, c)| {
                (
                    c.id.clone(),
                    c.validate(&format!("contacts.{i}"), today, &mut is),
                )
            })
            .collect();
        is.into_result(|| ValidClient {
            fields: ClientFields {
                kind: self.kind,
                name: name.unwrap_or_default(),
                reg_no: reg_no.flatten(),
                vat_no: vat_no.flatten(),
                segment: self.segment,
                source: self.source,
                address: address.flatten(),
                city: city.flatten(),
                website: website.flatten(),
                price_type: price_type.flatten(),
                payment_terms_days: days.flatten(),
                credit_limit: credit.flatten(),
                tags: tags.unwrap_or_default(),
                needs: needs.flatten(),
                scheme_id: scheme.flatten(),
            },
            owner_id: self.owner_id.clone().filter(|o| !o.trim().is_empty()),
            contacts: contacts
                .into_iter()
                .filter_map(|(id, c)| c.map(|c| (id, c)))
                .collect(),
        })
    }

    /// The form pre-filled from a stored card.
    pub fn from_card(card: &ClientCard) -> Self {
        let f = &card.fields;
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        Self {
            kind: f.kind,
            name: f.name.clone(),
            reg_no: s(&f.reg_no),
            vat_no: s(&f.vat_no),
            segment: f.segment,
            source: f.source,
            owner_id: Some(card.owner_id.clone()),
            address: s(&f.address),
            city: s(&f.city),
            website: s(&f.website),
            price_type: s(&f.price_type),
            payment_terms_days: f
                .payment_terms_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            credit_limit: f.credit_limit.map(|d| d.to_string()).unwrap_or_default(),
            tags: f.tags.join(", "),
            needs: s(&f.needs),
            scheme_id: s(&f.scheme_id),
            contacts: card
                .contacts
                .iter()
                .map(|c| ContactInput {
                    id: Some(c.id.clone()),
                    name: c.fields.name.clone(),
                    position: s(&c.fields.position),
                    phones: c.fields.phones.clone(),
                    emails: c.fields.emails.clone(),
                    birthday: c.fields.birthday.map(|d| d.to_string()).unwrap_or_default(),
                    notes: s(&c.fields.notes),
                })
                .collect(),
        }
    }
}

impl ContactInput {
    /// A contact row the user added but left empty is ignored, not an error.
    pub fn is_blank(&self) -> bool {
        self.id.is_none()
            && self.name.trim().is_empty()
            && self.position.trim().is_empty()
            && self.phones.iter().all(|p| p.trim().is_empty())
            && self.emails.iter().all(|e| e.trim().is_empty())
            && self.birthday.trim().is_empty()
            && self.notes.trim().is_empty()
    }

    fn validate(&self, at: &str, today: NaiveDate, is: &mut Issues) -> Option<ContactFields> {
        let before = is.0.len();
        let name = is.check(format!("{at}.name"), text::required(&self.name, 150));
        let position = is.check(
            format!("{at}.position"),
            text::optional(&self.position, 100),
        );
        let phones = list(
            &self.phones,
            &format!("{at}.phones"),
            MAX_PHONES,
            is,
            phone::normalize,
        );
        let emails = list(
            &self.emails,
            &format!("{at}.emails"),
            MAX_EMAILS,
            is,
            email::normalize,
        );
        let birthday = is.check(format!("{at}.birthday"), birthday(&self.birthday, today));
        let notes = is.check(format!("{at}.notes"), text::optional(&self.notes, 2000));
        if is.0.len() != before {
            return None;
        }
        Some(ContactFields {
            name: name?,
            position: position?,
            phones,
            emails,
            birthday: birthday?,
            notes: notes?,
        })
    }
}

fn optional_with(
    input: &str,
    f: impl Fn(&str) -> Result<String, Problem>,
) -> Result<Option<String>, Problem> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        f(input).map(Some)
    }
}

/// Validates each non-empty entry at `path.i`; duplicates collapse.
fn list(
    items: &[String],
    path: &str,
    max: usize,
    is: &mut Issues,
    f: impl Fn(&str) -> Result<String, Problem>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in items.iter().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        if let Some(v) = is.check(format!("{path}.{i}"), f(raw))
            && !out.contains(&v)
        {
            out.push(v);
        }
    }
    if out.len() > max {
        is.push(path, Problem::TooManyItems { max });
    }
    out
}

fn website(input: &str) -> Result<Option<String>, Problem> {
    let t = text::optional(input, 200)?;
    let Some(t) = t else { return Ok(None) };
    let lower = t.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let host = rest.split('/').next().unwrap_or("");
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == ':');
    if !host_ok || t.chars().any(char::is_whitespace) {
        return Err(Problem::InvalidUrl);
    }
    Ok(Some(
        if lower.starts_with("http://") || lower.starts_with("https://") {
            t
        } else {
            format!("https://{t}")
        },
    ))
}

/// Whole days from 0 to 365; empty is none.
pub(crate) fn payment_days(input: &str) -> Result<Option<u16>, Problem> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u16>() {
        Ok(d) if d <= 365 => Ok(Some(d)),
        _ => Err(Problem::InvalidDays),
    }
}

fn tags(input: &str) -> Result<Vec<String>, Problem> {
    let mut out: Vec<String> = Vec::new();
    for t in input.split(',') {
        let t = text::bounded(t, 40)?;
        if !t.is_empty() && !out.iter().any(|o| o.to_lowercase() == t.to_lowercase()) {
            out.push(t);
        }
    }
    if out.len() > MAX_TAGS {
        return Err(Problem::TooManyItems { max: MAX_TAGS });
    }
    Ok(out)
}

fn birthday(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, Problem> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let d = NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .map_err(|_| Problem::InvalidDate)?;
    if d > today {
        return Err(Problem::DateInFuture);
    }
    Ok(Some(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn company() -> ClientInput {
        ClientInput {
            name: "  Rīgas Piens  ".into(),
            reg_no: "4000 3032 949".into(),
            vat_no: "lv40003032949".into(),
            website: "piens.lv".into(),
            payment_terms_days: "30".into(),
            credit_limit: "1 500,50".into(),
            tags: "piens, HoReCa, piens".into(),
            contacts: vec![
                ContactInput {
                    name: "Jānis Bērziņš".into(),
                    phones: vec!["29 123 456".into(), "".into()],
                    emails: vec!["Janis@Piens.lv".into()],
                    birthday: "1980-02-29".into(),
                    ..Default::default()
                },
                ContactInput::default(),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_good_card_is_normalised() {
        let v = company().validate(today()).unwrap();
        let f = &v.fields;
        assert_eq!(f.name, "Rīgas Piens");
        assert_eq!(f.reg_no.as_deref(), Some("40003032949"));
        assert_eq!(f.vat_no.as_deref(), Some("LV40003032949"));
        assert_eq!(f.website.as_deref(), Some("https://piens.lv"));
        assert_eq!(f.payment_terms_days, Some(30));
        assert_eq!(f.credit_limit, Some(Decimal::from_str("1500.50").unwrap()));
        assert_eq!(f.tags, ["piens", "HoReCa"]);
        assert_eq!(v.contacts.len(), 1, "the blank contact row is dropped");
        let c = &v.contacts[0].1;
        assert_eq!(c.phones, ["+37129123456"]);
        assert_eq!(c.emails, ["janis@piens.lv"]);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut input = company();
        input.name = " ".into();
        input.reg_no = "123".into();
        input.credit_limit = "lots".into();
        input.contacts[0].phones = vec!["12".into()];
        input.contacts[0].birthday = "2030-01-01".into();
        let is = input.validate(today()).unwrap_err();
        assert_eq!(is.at("name"), Some(Problem::Required));
        assert_eq!(is.at("reg_no"), Some(Problem::RegNoFormat));
        assert_eq!(is.at("credit_limit"), Some(Problem::InvalidAmount));
        assert_eq!(is.at("contacts.0.phones.0"), Some(Problem::InvalidPhone));
        assert_eq!(is.at("contacts.0.birthday"), Some(Problem::DateInFuture));
    }

    #[test]
    fn a_person_has_no_company_numbers() {
        let mut input = company();
        input.kind = ClientKind::Person;
        input.reg_no = "garbage".into();
        let v = input.validate(today()).unwrap();
        assert_eq!(v.fields.reg_no, None);
        assert_eq!(v.fields.vat_no, None);
    }

    #[test]
    fn payment_days_are_bounded() {
        assert_eq!(payment_days("366"), Err(Problem::InvalidDays));
        assert_eq!(payment_days("-1"), Err(Problem::InvalidDays));
        assert_eq!(payment_days("0"), Ok(Some(0)));
    }

    #[test]
    fn websites() {
        assert_eq!(website("bad site"), Err(Problem::InvalidUrl));
        assert_eq!(website("localhost"), Err(Problem::InvalidUrl));
        assert_eq!(
            website("http://a.lv/x").unwrap().as_deref(),
            Some("http://a.lv/x")
        );
    }
}
