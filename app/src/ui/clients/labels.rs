//! Names of the card's coded values in the catalogue.

use crate::domain::client::{ClientKind, ClientSort, Segment, Source};
use crate::i18n::Key;

pub fn segment(s: Segment) -> Key {
    match s {
        Segment::Prospect => Key::SegProspect,
        Segment::Active => Key::SegActive,
        Segment::Key => Key::SegKey,
        Segment::Lost => Key::SegLost,
    }
}

pub fn kind(k: ClientKind) -> Key {
    match k {
        ClientKind::Company => Key::KindCompany,
        ClientKind::Person => Key::KindPerson,
    }
}

pub fn source(s: Source) -> Key {
    match s {
        Source::Exhibition => Key::SrcExhibition,
        Source::Advertising => Key::SrcAdvertising,
        Source::Referral => Key::SrcReferral,
        Source::IncomingCall => Key::SrcIncomingCall,
        Source::Website => Key::SrcWebsite,
        Source::Store => Key::SrcStore,
        Source::Other => Key::SrcOther,
    }
}

pub fn sort(s: ClientSort) -> Key {
    match s {
        ClientSort::Name => Key::SortName,
        ClientSort::RecentlyUpdated => Key::SortUpdated,
        ClientSort::Newest => Key::SortNewest,
    }
}

/// The label of a card field as sync names it (`city`, `owner_id`, …).
pub fn field(name: &str) -> Option<Key> {
    Some(match name {
        "kind" => Key::Kind,
        "name" => Key::Name,
        "reg_no" => Key::RegNo,
        "vat_no" => Key::VatNo,
        "segment" => Key::Segment,
        "source" => Key::Source,
        "owner_id" => Key::Owner,
        "address" => Key::Address,
        "city" => Key::City,
        "website" => Key::Website,
        "price_type" => Key::PriceType,
        "payment_terms_days" => Key::PaymentTerms,
        "credit_limit" => Key::CreditLimit,
        "tags" => Key::Tags,
        "needs" => Key::Needs,
        "contacts" => Key::Contacts,
        "archived" => Key::Archived,
        _ => return None,
    })
}
