//! The proposal form as signals, one per input, so typing in one line does
//! not redraw the others; converts to and from the domain's `ProposalInput`.

use crate::domain::price_list::PriceItem;
use crate::domain::proposal::{
    LineInput, MAX_LINES, Proposal, ProposalFields, ProposalInput, ProposalStatus, preview_total,
};
use crate::domain::scheme::SchemeFields;
use crate::domain::user::Language;
use crate::domain::validation::{Issue, Issues, Problem};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use rust_decimal::Decimal;

/// How long a new proposal stays valid unless changed.
const VALID_DAYS: i64 = 14;
/// What a date input gives and takes.
const DATE_INPUT: &str = "%Y-%m-%d";

#[derive(Clone, Copy)]
pub struct LineRow {
    pub item: RwSignal<String>,
    pub quantity: RwSignal<String>,
    pub unit_price: RwSignal<String>,
    pub discount_pct: RwSignal<String>,
    /// The product group (picks the client's scheme discount).
    pub group: RwSignal<String>,
}

impl LineRow {
    fn new(l: &LineInput) -> Self {
        Self {
            item: RwSignal::new(l.item.clone()),
            quantity: RwSignal::new(l.quantity.clone()),
            unit_price: RwSignal::new(l.unit_price.clone()),
            discount_pct: RwSignal::new(l.discount_pct.clone()),
            group: RwSignal::new(l.group.clone()),
        }
    }

    /// Fills the line from a price list item for a client of `price_type`:
    /// its price, its group, and the scheme's discount for that group; a
    /// quantity already typed stays.
    pub fn take_item(
        &self,
        item: &PriceItem,
        price_type: Option<&str>,
        scheme: Option<&SchemeFields>,
    ) {
        let line = item.line(price_type);
        self.item.set(line.item);
        self.unit_price.set(line.unit_price);
        if self.quantity.with_untracked(|q| q.trim().is_empty()) {
            self.quantity.set(line.quantity);
        }
        if let Some(sc) = scheme {
            self.discount_pct.set(sc.typed_discount(&line.group));
        }
        self.group.set(line.group);
    }

    /// Tracked, so the live total follows typing.
    fn input(&self) -> LineInput {
        LineInput {
            item: self.item.get(),
            quantity: self.quantity.get(),
            unit_price: self.unit_price.get(),
            discount_pct: self.discount_pct.get(),
            group: self.group.get(),
        }
    }

    fn input_untracked(&self) -> LineInput {
        LineInput {
            item: self.item.get_untracked(),
            quantity: self.quantity.get_untracked(),
            unit_price: self.unit_price.get_untracked(),
            discount_pct: self.discount_pct.get_untracked(),
            group: self.group.get_untracked(),
        }
    }
}

#[derive(Clone, Copy)]
pub struct ProposalForm {
    pub contact_ids: RwSignal<Vec<String>>,
    pub language: RwSignal<Language>,
    pub lines: RwSignal<Vec<LineRow>>,
    /// YYYY-MM-DD, as the date input holds it.
    pub valid_until: RwSignal<String>,
    pub note: RwSignal<String>,
    /// The template its letter is written from; `None`: the standard one.
    pub template_id: RwSignal<Option<String>>,
}

impl ProposalForm {
    fn of(i: &ProposalInput) -> Self {
        Self {
            contact_ids: RwSignal::new(i.contact_ids.clone()),
            language: RwSignal::new(i.language),
            lines: RwSignal::new(i.lines.iter().map(LineRow::new).collect()),
            valid_until: RwSignal::new(i.valid_until.format(DATE_INPUT).to_string()),
            note: RwSignal::new(i.note.clone()),
            template_id: RwSignal::new(i.template_id.clone()),
        }
    }

    pub fn from_proposal(p: &Proposal) -> Self {
        Self::of(&ProposalInput::of(&p.fields))
    }

    /// A new proposal: one empty line, valid for two weeks from today (this
    /// device's day).
    pub fn new_for(language: Language) -> Self {
        let today = chrono::Local::now().date_naive();
        Self::of(&ProposalInput {
            client_id: String::new(),
            contact_ids: Vec::new(),
            language,
            lines: vec![LineInput::default()],
            valid_until: today + Duration::days(VALID_DAYS),
            status: ProposalStatus::Draft,
            note: String::new(),
            template_id: None,
        })
    }

    /// A new empty line; the client's scheme (if any) gives its discount.
    pub fn add_line(&self, scheme: Option<&SchemeFields>) {
        let line = LineInput {
            discount_pct: scheme.map(|s| s.typed_discount("")).unwrap_or_default(),
            ..Default::default()
        };
        self.lines.update(|v| {
            if v.len() < MAX_LINES {
                v.push(LineRow::new(&line));
            }
        });
    }

    /// Fills every empty discount from the client's scheme (see
    /// `SchemeFields::apply`).
    pub fn fill_discounts(&self, scheme: &SchemeFields) {
        self.lines.with_untracked(|rows| {
            for row in rows {
                if row.discount_pct.with_untracked(|d| d.trim().is_empty()) {
                    row.discount_pct
                        .set(scheme.typed_discount(&row.group.get_untracked()));
                }
            }
        });
    }

    pub fn remove_line(&self, index: usize) {
        self.lines.update(|v| {
            if index < v.len() {
                v.remove(index);
            }
        });
    }

    pub fn set_contact(&self, id: &str, on: bool) {
        self.contact_ids.update(|v| {
            v.retain(|c| c != id);
            if on {
                v.push(id.to_string());
            }
        });
    }

    /// The total of the lines as typed (tracked), by the domain's rules.
    pub fn total(&self) -> Option<Decimal> {
        let lines: Vec<LineInput> = self.lines.with(|v| v.iter().map(LineRow::input).collect());
        preview_total(&lines)
    }

    /// The proposal as typed, checked (tracked, for the letter preview);
    /// `None` while anything in it is not yet valid.
    pub fn checked(&self, client_id: &str) -> Option<ProposalFields> {
        self.typed(client_id)?.validate(chrono::Utc::now()).ok()
    }

    /// The form as typed (tracked); `None` while its date does not parse.
    pub fn typed(&self, client_id: &str) -> Option<ProposalInput> {
        let valid_until =
            NaiveDate::parse_from_str(self.valid_until.get().trim(), DATE_INPUT).ok()?;
        Some(ProposalInput {
            client_id: client_id.to_string(),
            contact_ids: self.contact_ids.get(),
            language: self.language.get(),
            lines: self.lines.with(|v| v.iter().map(LineRow::input).collect()),
            valid_until,
            status: ProposalStatus::Draft,
            note: self.note.get(),
            template_id: self.template_id.get(),
        })
    }

    /// The form as the domain takes it; only the date can fail here, the
    /// rest is checked by `ProposalInput::validate` on save.
    pub fn to_input(
        &self,
        client_id: &str,
        status: ProposalStatus,
    ) -> Result<ProposalInput, Issues> {
        let valid_until =
            NaiveDate::parse_from_str(self.valid_until.get_untracked().trim(), DATE_INPUT)
                .map_err(|_| Issues(vec![Issue::new("valid_until", Problem::InvalidDate)]))?;
        Ok(ProposalInput {
            client_id: client_id.to_string(),
            contact_ids: self.contact_ids.get_untracked(),
            language: self.language.get_untracked(),
            lines: self
                .lines
                .with_untracked(|v| v.iter().map(LineRow::input_untracked).collect()),
            valid_until,
            status,
            note: self.note.get_untracked(),
            template_id: self.template_id.get_untracked(),
        })
    }
}
