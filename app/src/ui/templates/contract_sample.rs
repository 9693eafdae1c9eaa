//! A contract and its client to preview a contract template on, in the
//! language picked: every field filled, so each merge field shows a value.

use crate::domain::client::{ClientCard, ClientFields, ClientKind, Segment, Source};
use crate::domain::contract::{ContractFields, ContractKind, ContractStatus, Point, PointState};
use crate::domain::user::Language;
use crate::i18n::{Key, t};
use chrono::{Datelike, NaiveDate, Utc};
use rust_decimal::Decimal;

pub fn contract(lang: Language, today: NaiveDate) -> ContractFields {
    let next_year = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1);
    ContractFields {
        client_id: String::new(),
        number: format!("L-{}/1", today.year()),
        kind: ContractKind::Supply,
        status: ContractStatus::Draft,
        signed_on: None,
        valid_from: next_year,
        valid_to: next_year
            .and_then(|d| d.with_month(12))
            .and_then(|d| d.with_day(31)),
        renew_by: None,
        price_type: Some(t(lang, Key::SamplePriceType).into()),
        payment_days: Some(30),
        credit_limit: Some(Decimal::from(15_000)),
        scheme_id: None,
        delivery_terms: Some("DAP".into()),
        accelerated_delivery: true,
        conditions: Some(t(lang, Key::SampleConditions).into()),
        points: vec![Point {
            text: t(lang, Key::SamplePoint).into(),
            state: PointState::Agreed,
        }],
        obligations: Vec::new(),
    }
}

pub fn client(lang: Language, manager: &str) -> ClientCard {
    let now = Utc::now();
    ClientCard {
        id: String::new(),
        fields: ClientFields {
            kind: ClientKind::Company,
            name: t(lang, Key::SampleClient).into(),
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
        owner_id: String::new(),
        owner_name: manager.into(),
        contacts: Vec::new(),
        archived: false,
        created_at: now,
        created_by: String::new(),
        updated_at: now,
        updated_by: String::new(),
    }
}
