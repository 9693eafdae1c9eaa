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
