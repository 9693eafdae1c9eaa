//! A scheme in a few words: "Zelts — 5 % off, delivery in 2 d".

use crate::domain::proposal_text::percent;
use crate::domain::scheme::SchemeFields;
use crate::domain::user::Language;
use crate::i18n::{Key, count, fill, t};

pub fn summary(lang: Language, f: &SchemeFields) -> String {
    let mut parts = vec![f.name.clone()];
    if !f.discount_pct.is_zero() {
        parts.push(fill(
            t(lang, Key::SchemeSummary),
            &[("discount", &percent(lang, f.discount_pct))],
        ));
    }
    if let Some(d) = f.lead_days {
        parts.push(count(lang, Key::SchemeLead, u64::from(d)));
    }
    parts.join(" — ")
}
