//! The card form as signals, one per input, so typing in one field does not
//! redraw the others; converts to and from the domain's `ClientInput`.

use crate::domain::client::{ClientKind, Segment, Source};
use crate::domain::client_input::{ClientInput, ContactInput};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ContactRow {
    /// Local key for the list; not the stored id.
    pub key: u64,
    pub id: StoredValue<Option<String>>,
    pub name: RwSignal<String>,
    pub position: RwSignal<String>,
    pub phones: RwSignal<Vec<RwSignal<String>>>,
    pub emails: RwSignal<Vec<RwSignal<String>>>,
    pub birthday: RwSignal<String>,
    pub notes: RwSignal<String>,
}

#[derive(Clone, Copy)]
pub struct FormState {
    pub kind: RwSignal<String>,
    pub name: RwSignal<String>,
    pub reg_no: RwSignal<String>,
    pub vat_no: RwSignal<String>,
    pub segment: RwSignal<String>,
    pub source: RwSignal<String>,
    pub owner_id: RwSignal<String>,
    pub address: RwSignal<String>,
    pub city: RwSignal<String>,
    pub website: RwSignal<String>,
    pub price_type: RwSignal<String>,
    pub scheme_id: RwSignal<String>,
    pub payment_terms_days: RwSignal<String>,
    pub credit_limit: RwSignal<String>,
    pub tags: RwSignal<String>,
    pub needs: RwSignal<String>,
    pub contacts: RwSignal<Vec<ContactRow>>,
    next_key: StoredValue<u64>,
}

fn list(values: &[String]) -> RwSignal<Vec<RwSignal<String>>> {
    let mut v: Vec<RwSignal<String>> = values.iter().cloned().map(RwSignal::new).collect();
    if v.is_empty() {
        v.push(RwSignal::new(String::new()));
    }
    RwSignal::new(v)
}

fn read(list: RwSignal<Vec<RwSignal<String>>>) -> Vec<String> {
    list.get_untracked()
        .iter()
        .map(|s| s.get_untracked())
        .collect()
}

impl FormState {
    pub fn from_input(i: &ClientInput) -> Self {
        let state = Self {
            kind: RwSignal::new(i.kind.code().into()),
            name: RwSignal::new(i.name.clone()),
            reg_no: RwSignal::new(i.reg_no.clone()),
            vat_no: RwSignal::new(i.vat_no.clone()),
            segment: RwSignal::new(i.segment.code().into()),
            source: RwSignal::new(i.source.code().into()),
            owner_id: RwSignal::new(i.owner_id.clone().unwrap_or_default()),
            address: RwSignal::new(i.address.clone()),
            city: RwSignal::new(i.city.clone()),
            website: RwSignal::new(i.website.clone()),
            price_type: RwSignal::new(i.price_type.clone()),
            scheme_id: RwSignal::new(i.scheme_id.clone()),
            payment_terms_days: RwSignal::new(i.payment_terms_days.clone()),
            credit_limit: RwSignal::new(i.credit_limit.clone()),
            tags: RwSignal::new(i.tags.clone()),
            needs: RwSignal::new(i.needs.clone()),
            contacts: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
        };
        for c in &i.contacts {
            state.push_contact(c);
        }
        state
    }

    pub fn push_contact(&self, c: &ContactInput) {
        self.next_key.update_value(|k| *k += 1);
        let row = ContactRow {
            key: self.next_key.get_value(),
            id: StoredValue::new(c.id.clone()),
            name: RwSignal::new(c.name.clone()),
            position: RwSignal::new(c.position.clone()),
            phones: list(&c.phones),
            emails: list(&c.emails),
            birthday: RwSignal::new(c.birthday.clone()),
            notes: RwSignal::new(c.notes.clone()),
        };
        self.contacts.update(|v| v.push(row));
    }

    pub fn remove_contact(&self, key: u64) {
        self.contacts.update(|v| v.retain(|r| r.key != key));
    }

    pub fn kind(&self) -> ClientKind {
        ClientKind::parse(&self.kind.get()).unwrap_or(ClientKind::Company)
    }

    pub fn to_input(&self) -> ClientInput {
        ClientInput {
            kind: ClientKind::parse(&self.kind.get_untracked()).unwrap_or(ClientKind::Company),
            name: self.name.get_untracked(),
            reg_no: self.reg_no.get_untracked(),
            vat_no: self.vat_no.get_untracked(),
            segment: Segment::parse(&self.segment.get_untracked()).unwrap_or(Segment::Prospect),
            source: Source::parse(&self.source.get_untracked()).unwrap_or(Source::Other),
            owner_id: Some(self.owner_id.get_untracked()).filter(|o| !o.is_empty()),
            address: self.address.get_untracked(),
            city: self.city.get_untracked(),
            website: self.website.get_untracked(),
            price_type: self.price_type.get_untracked(),
            payment_terms_days: self.payment_terms_days.get_untracked(),
            credit_limit: self.credit_limit.get_untracked(),
            tags: self.tags.get_untracked(),
            needs: self.needs.get_untracked(),
            contacts: self
                .contacts
                .get_untracked()
                .iter()
                .map(|r| ContactInput {
                    id: r.id.get_value(),
                    name: r.name.get_untracked(),
                    position: r.position.get_untracked(),
                    phones: read(r.phones),
                    emails: read(r.emails),
                    birthday: r.birthday.get_untracked(),
                    notes: r.notes.get_untracked(),
                })
                .collect(),
            scheme_id: self.scheme_id.get_untracked(),
        }
    }

    /// Index of a row in the list, which is what validation paths use.
    pub fn index_of(&self, key: u64) -> Option<usize> {
        self.contacts.with(|v| v.iter().position(|r| r.key == key))
    }
}
