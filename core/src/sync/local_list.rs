//! The client list on a device: the same filters, orders, pages and search
//! rules as the server's list, over the cards in the local replica. Built
//! once per change of the replica; each keystroke only filters.

use crate::domain::client::{
    ClientCard, ClientPage, ClientQuery, ClientSort, ClientSummary, PAGE_SIZE,
};
use crate::domain::contact::ContactFields;
use crate::domain::search;
use crate::sort;
use chrono::{DateTime, Utc};

struct Entry {
    summary: ClientSummary,
    owner_id: String,
    text: String,
    name_key: String,
    created_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct LocalIndex {
    /// In name order.
    entries: Vec<Entry>,
}

pub fn summary(c: &ClientCard) -> ClientSummary {
    ClientSummary {
        id: c.id.clone(),
        name: c.fields.name.clone(),
        kind: c.fields.kind,
        segment: c.fields.segment,
        city: c.fields.city.clone(),
        reg_no: c.fields.reg_no.clone(),
        owner_name: c.owner_name.clone(),
        phone: c
            .contacts
            .iter()
            .flat_map(|k| k.fields.phones.first())
            .next()
            .cloned(),
        email: c
            .contacts
            .iter()
            .flat_map(|k| k.fields.emails.first())
            .next()
            .cloned(),
        archived: c.archived,
        updated_at: c.updated_at,
    }
}

impl LocalIndex {
    pub fn build<'a>(cards: impl IntoIterator<Item = &'a ClientCard>) -> LocalIndex {
        let mut entries: Vec<Entry> = cards
            .into_iter()
            .map(|c| {
                let contacts: Vec<ContactFields> =
                    c.contacts.iter().map(|k| k.fields.clone()).collect();
                Entry {
                    summary: summary(c),
                    owner_id: c.owner_id.clone(),
                    text: search::card_text(&c.fields, &contacts),
                    name_key: search::sort_key(&c.fields.name),
                    created_at: c.created_at,
                }
            })
            .collect();
        sort::by(&mut entries, |a, b| {
            (a.name_key.as_str(), a.summary.id.as_str())
                .cmp(&(b.name_key.as_str(), b.summary.id.as_str()))
        });
        LocalIndex { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn query(&self, q: &ClientQuery) -> ClientPage {
        self.query_among(q, None)
    }

    /// As `query`, among the clients in `only` when given (those a money
    /// filter picked out).
    pub fn query_among(
        &self,
        q: &ClientQuery,
        only: Option<&std::collections::HashSet<String>>,
    ) -> ClientPage {
        let terms = search::query_terms(&q.text);
        let size = PAGE_SIZE as usize;
        let start = q.page as usize * size;
        let hits = self
            .entries
            .iter()
            .filter(|e| only.is_none_or(|ids| ids.contains(&e.summary.id)))
            .filter(|e| q.include_archived || !e.summary.archived)
            .filter(|e| q.segment.is_none_or(|s| e.summary.segment == s))
            .filter(|e| q.owner_id.as_ref().is_none_or(|o| *o == e.owner_id))
            .filter(|e| terms.is_empty() || search::matches_terms(&e.text, &terms));
        let hits: Vec<&Entry> = match q.sort {
            // The entries are in name order already: a page needs only the
            // hits up to its end and one more, so a broad word stops the
            // scan early instead of testing every card at each keystroke.
            ClientSort::Name => hits.take(start + size + 1).collect(),
            ClientSort::RecentlyUpdated => {
                let mut all: Vec<&Entry> = hits.collect();
                sort::by_key(&mut all, |e| std::cmp::Reverse(e.summary.updated_at));
                all
            }
            ClientSort::Newest => {
                let mut all: Vec<&Entry> = hits.collect();
                sort::by_key(&mut all, |e| std::cmp::Reverse(e.created_at));
                all
            }
        };
        ClientPage {
            items: hits
                .iter()
                .skip(start)
                .take(size)
                .map(|e| e.summary.clone())
                .collect(),
            page: q.page,
            has_more: hits.len() > start + size,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::{ClientFields, ClientKind, Segment, Source};
    use crate::domain::contact::Contact;
    use chrono::Duration;

    fn card(i: usize, name: &str, segment: Segment, owner: &str) -> ClientCard {
        let t = Utc::now() - Duration::minutes(i as i64);
        ClientCard {
            id: format!("c{i:03}"),
            fields: ClientFields {
                kind: ClientKind::Company,
                name: name.into(),
                reg_no: None,
                vat_no: None,
                segment,
                source: Source::Other,
                address: None,
                city: None,
                website: None,
                price_type: None,
                payment_terms_days: None,
                credit_limit: None,
                tags: vec![],
                needs: None,
                scheme_id: None,
            },
            owner_id: owner.into(),
            owner_name: owner.into(),
            contacts: vec![Contact {
                id: format!("k{i}"),
                fields: ContactFields {
                    name: "Jānis Bērziņš".into(),
                    position: None,
                    phones: vec!["+37129123456".into()],
                    emails: vec![],
                    birthday: None,
                    notes: None,
                },
            }],
            archived: i % 10 == 9,
            created_at: t,
            created_by: owner.into(),
            updated_at: t,
            updated_by: owner.into(),
        }
    }

    #[test]
    fn searches_filters_orders_and_pages_like_the_server() {
        let cards: Vec<ClientCard> = (0..120)
            .map(|i| {
                let seg = if i % 2 == 0 {
                    Segment::Active
                } else {
                    Segment::Prospect
                };
                card(
                    i,
                    &format!("Ābeles {i:03}"),
                    seg,
                    if i < 60 { "u1" } else { "u2" },
                )
            })
            .collect();
        let idx = LocalIndex::build(&cards);
        let q = |text: &str| ClientQuery {
            text: text.into(),
            ..Default::default()
        };
        let first = idx.query(&q("abeles"));
        assert_eq!(first.items.len(), 50);
        assert!(first.has_more);
        assert_eq!(first.items[0].name, "Ābeles 000");
        // Archived cards (every tenth) are left out unless asked for.
        let all: usize = (0..3)
            .map(|p| {
                idx.query(&ClientQuery {
                    page: p,
                    ..q("abeles")
                })
                .items
                .len()
            })
            .sum();
        assert_eq!(all, 108);
        // Phone search with and without the country code.
        assert_eq!(idx.query(&q("29123")).items.len(), 50);
        assert_eq!(idx.query(&q("3712912")).items.len(), 50);
        let filtered = idx.query(&ClientQuery {
            segment: Some(Segment::Active),
            owner_id: Some("u2".into()),
            include_archived: true,
            ..q("")
        });
        assert_eq!(filtered.items.len(), 30);
        let newest = idx.query(&ClientQuery {
            sort: ClientSort::Newest,
            ..q("")
        });
        assert_eq!(newest.items[0].name, "Ābeles 000");
        assert_eq!(idx.query(&q("nekas tāds")).items.len(), 0);
    }

    proptest::proptest! {
        /// Stopping the scan at the page's end gives the page and its "more"
        /// that filtering every card would.
        #[test]
        fn a_name_ordered_page_is_the_full_filters_page(
            names in proptest::collection::vec("[ab]{1,3}( [ab]{1,2})?", 0..160),
            text in "[ab]{0,2}",
            page in 0u32..4,
        ) {
            let cards: Vec<ClientCard> = names
                .iter()
                .enumerate()
                .map(|(i, n)| card(i, n, Segment::Active, "u1"))
                .collect();
            let idx = LocalIndex::build(&cards);
            let q = ClientQuery { text: text.clone(), page, ..Default::default() };
            let got = idx.query(&q);
            let terms = search::query_terms(&text);
            let all: Vec<&str> = idx
                .entries
                .iter()
                .filter(|e| !e.summary.archived)
                .filter(|e| terms.is_empty() || search::matches_terms(&e.text, &terms))
                .map(|e| e.summary.id.as_str())
                .collect();
            let size = PAGE_SIZE as usize;
            let from = (page as usize * size).min(all.len());
            let want: Vec<&str> = all[from..].iter().take(size).copied().collect();
            let ids: Vec<&str> = got.items.iter().map(|c| c.id.as_str()).collect();
            proptest::prop_assert_eq!(ids, want);
            proptest::prop_assert_eq!(got.has_more, all.len() > from + size);
        }
    }
}
