//! Names of a call's coded values in the catalogue.

use crate::domain::call_log::{Direction, Outcome};
use crate::domain::calling::call_kind::CallKind;
use crate::i18n::Key;

pub fn outcome(o: Outcome) -> Key {
    match o {
        Outcome::Connected => Key::OutConnected,
        Outcome::NoAnswer => Key::OutNoAnswer,
        Outcome::Busy => Key::OutBusy,
        Outcome::LeftMessage => Key::OutLeftMessage,
        Outcome::WrongNumber => Key::OutWrongNumber,
        Outcome::CallBackLater => Key::OutCallBackLater,
    }
}

pub fn direction(d: Direction) -> Key {
    match d {
        Direction::Outgoing => Key::DirOutgoing,
        Direction::Incoming => Key::DirIncoming,
    }
}

pub fn kind(k: CallKind) -> Key {
    match k {
        CallKind::Ordinary => Key::KindOrdinary,
        CallKind::PhoneOffer => Key::KindPhoneOffer,
        CallKind::Negotiation => Key::KindNegotiation,
        CallKind::Complaint => Key::KindComplaint,
        CallKind::Greeting => Key::KindGreeting,
        CallKind::Receivables => Key::KindReceivables,
    }
}
