//! The device's cards by id: Today looks up a card for every follow-up,
//! cold client and contract, and a phone should not hash 20,000 ids three
//! times over for one screen. The device's mirror keeps one as the cards
//! come and go ([`CardIndex::over`]); elsewhere it is built for the
//! computation ([`CardIndex::new`]).

use crate::domain::client::ClientCard;
use rustc_hash::FxHashMap;

#[derive(Debug)]
pub struct CardIndex<'a>(Lookup<'a>);

#[derive(Debug)]
enum Lookup<'a> {
    Built(FxHashMap<&'a str, &'a ClientCard>),
    /// Positions in `cards` by id, kept by their holder.
    Kept {
        cards: &'a [ClientCard],
        at: &'a FxHashMap<String, usize>,
    },
}

impl<'a> CardIndex<'a> {
    pub fn new(cards: &'a [ClientCard]) -> CardIndex<'a> {
        let mut by_id = FxHashMap::with_capacity_and_hasher(cards.len(), Default::default());
        by_id.extend(cards.iter().map(|c| (c.id.as_str(), c)));
        CardIndex(Lookup::Built(by_id))
    }

    /// Over `cards` whose positions by id `at` holds.
    pub fn over(cards: &'a [ClientCard], at: &'a FxHashMap<String, usize>) -> CardIndex<'a> {
        CardIndex(Lookup::Kept { cards, at })
    }

    pub fn get(&self, id: &str) -> Option<&'a ClientCard> {
        match &self.0 {
            Lookup::Built(by_id) => by_id.get(id).copied(),
            Lookup::Kept { cards, at } => at.get(id).and_then(|&i| cards.get(i)),
        }
    }

    /// The client's name, or empty for a card the device does not hold.
    pub fn name(&self, id: &str) -> &'a str {
        self.get(id).map(|c| c.fields.name.as_str()).unwrap_or("")
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;

    #[test]
    fn finds_held_cards_and_names_only() {
        let card: ClientCard = serde_json::from_value(serde_json::json!({
            "id": "a", "owner_id": "u", "owner_name": "", "archived": false,
            "created_at": "2025-01-01T08:00:00Z", "created_by": "u",
            "updated_at": "2025-01-01T08:00:00Z", "updated_by": "u",
            "contacts": [],
            "fields": crate::domain::client_input::ClientInput {
                name: "SIA A".into(),
                ..Default::default()
            }.validate(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().fields,
        }))
        .unwrap();
        let cards = [card];
        let at: FxHashMap<String, usize> = [("a".to_string(), 0)].into_iter().collect();
        for index in [CardIndex::new(&cards), CardIndex::over(&cards, &at)] {
            assert_eq!(index.get("a").map(|c| c.id.as_str()), Some("a"));
            assert_eq!(index.name("a"), "SIA A");
            assert!(index.get("b").is_none());
            assert_eq!(index.name("b"), "");
        }
    }
}
