//! Names of a contract's statuses, types, points' states and obligations'
//! kinds in the catalogue.

use crate::domain::contract::{ContractKind, ContractStatus, ObligationKind, PointState};
use crate::i18n::Key;

pub fn status(s: ContractStatus) -> Key {
    match s {
        ContractStatus::Draft => Key::CsDraft,
        ContractStatus::InReview => Key::CsInReview,
        ContractStatus::Negotiating => Key::CsNegotiating,
        ContractStatus::Signed => Key::CsSigned,
        ContractStatus::Active => Key::CsActive,
        ContractStatus::Expired => Key::CsExpired,
        ContractStatus::Terminated => Key::CsTerminated,
    }
}

pub fn kind(k: ContractKind) -> Key {
    match k {
        ContractKind::Supply => Key::KindSupply,
        ContractKind::Service => Key::KindService,
        ContractKind::Framework => Key::KindFramework,
        ContractKind::Other => Key::KindOther,
    }
}

pub fn point(p: PointState) -> Key {
    match p {
        PointState::Open => Key::PsOpen,
        PointState::Agreed => Key::PsAgreed,
        PointState::Dropped => Key::PsDropped,
    }
}

pub fn obligation(o: ObligationKind) -> Key {
    match o {
        ObligationKind::Delivery => Key::OkDelivery,
        ObligationKind::Turnover => Key::OkTurnover,
        ObligationKind::Document => Key::OkDocument,
        ObligationKind::Other => Key::OkOther,
    }
}

/// A contract field as operations name it (for a conflict on it).
pub fn field(name: &str) -> Option<Key> {
    Some(match name {
        "number" => Key::ContractNumber,
        "kind" => Key::ContractKindLabel,
        "status" => Key::ContractStatusLabel,
        "signed_on" => Key::SignedOn,
        "valid_from" => Key::ValidFrom,
        "valid_to" => Key::ValidTo,
        "renew_by" => Key::RenewBy,
        "price_type" => Key::PriceType,
        "payment_days" => Key::PaymentTerms,
        "credit_limit" => Key::CreditLimit,
        "scheme_id" => Key::ClientScheme,
        "delivery_terms" => Key::DeliveryTerms,
        "accelerated_delivery" => Key::AcceleratedDelivery,
        "conditions" => Key::ContractConditions,
        "points" => Key::OpenPoints,
        "obligations" => Key::Obligations,
        _ => return None,
    })
}

/// A contract field's coded value as people read it (a status, a type),
/// `None` for values shown as they are.
pub fn value(field: &str, v: &serde_json::Value) -> Option<Key> {
    let code = v.as_str()?;
    match field {
        "status" => ContractStatus::parse(code).map(status),
        "kind" => ContractKind::parse(code).map(kind),
        _ => None,
    }
}
