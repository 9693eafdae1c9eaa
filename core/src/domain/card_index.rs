//! The device's cards by id, built once per screen computation: Today looks
//! up a card for every follow-up, cold client and contract, and a phone
//! should not hash 20,000 ids three times over for one screen.

use crate::domain::client::ClientCard;
use rustc_hash::FxHashMap;

pub struct CardIndex<'a>(FxHashMap<&'a str, &'a ClientCard>);

impl<'a> CardIndex<'a> {
    pub fn new(cards: &'a [ClientCard]) -> CardIndex<'a> {
        let mut by_id = FxHashMap::with_capacity_and_hasher(cards.len(), Default::default());
        by_id.extend(cards.iter().map(|c| (c.id.as_str(), c)));
        CardIndex(by_id)
    }

    pub fn get(&self, id: &str) -> Option<&'a ClientCard> {
        self.0.get(id).copied()
    }

    /// The client's name, or empty for a card the device does not hold.
    pub fn name(&self, id: &str) -> &'a str {
        self.get(id).map(|c| c.fields.name.as_str()).unwrap_or("")
    }
}

#[cfg(test)]
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
        let index = CardIndex::new(&cards);
        assert_eq!(index.get("a").map(|c| c.id.as_str()), Some("a"));
        assert_eq!(index.name("a"), "SIA A");
        assert!(index.get("b").is_none());
        assert_eq!(index.name("b"), "");
    }
}
