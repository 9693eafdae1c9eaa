//! The price list: the firm's items with a unit price per price type (the
//! price type a card or its contract in force names), read from the list
//! the firm's own system exports. A proposal line taken from it gets the
//! unit price of the client's price type, or the list's base price (its
//! first price type) when the client has none or the item has no price of
//! that type, and the item's product group, which picks the key-client
//! scheme's discount. The price stays editable: a negotiated price is the
//! manager's to type.

use super::money;
use super::proposal::LineInput;
use super::validation::Problem;
use crate::sort;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Most items one list may hold (a typo guard; a wholesaler's list is a
/// few thousand).
pub const MAX_ITEMS: usize = 50_000;
/// Most price types one list may have.
pub const MAX_PRICE_TYPES: usize = 20;
pub const MAX_CODE: usize = 40;
pub const MAX_NAME: usize = 200;
pub const MAX_GROUP: usize = 60;
pub const MAX_UNIT: usize = 20;
pub const MAX_PRICE_TYPE: usize = 40;

/// One price of an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypePrice {
    pub price_type: String,
    /// EUR per unit, before any discount.
    pub price: Decimal,
}

/// An item of the list as devices keep it (its id is its code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceItem {
    pub code: String,
    pub name: String,
    pub group: Option<String>,
    pub unit: Option<String>,
    /// In the list's column order: the first is the base price. Empty on a
    /// device whose user sees no prices.
    pub prices: Vec<TypePrice>,
    /// Gone from the newest list: kept for the proposals that name it,
    /// offered no more.
    pub withdrawn: bool,
}

/// Which price a line took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceSource {
    /// The client's own price type.
    ClientType,
    /// The list's base price: the client has no price type, or the item
    /// has no price of it.
    Base,
}

/// Price types compare as people write them: case and surrounding spaces
/// do not matter.
fn same_type(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl PriceItem {
    /// The unit price for a client of `price_type`, and where it came from;
    /// `None` when the item has no price at all (or none reached this device).
    pub fn price_for(&self, price_type: Option<&str>) -> Option<(Decimal, PriceSource)> {
        let own = price_type
            .filter(|t| !t.trim().is_empty())
            .and_then(|t| self.prices.iter().find(|p| same_type(&p.price_type, t)));
        match own {
            Some(p) => Some((p.price, PriceSource::ClientType)),
            None => self.prices.first().map(|p| (p.price, PriceSource::Base)),
        }
    }

    /// What the item field shows and a line keeps: code and name.
    pub fn label(&self) -> String {
        format!("{} {}", self.code, self.name)
    }

    /// A proposal line of one unit of this item for a client of
    /// `price_type` (the discount is the scheme's to fill).
    pub fn line(&self, price_type: Option<&str>) -> LineInput {
        LineInput {
            item: self.label(),
            quantity: "1".into(),
            unit_price: self
                .price_for(price_type)
                .map(|(p, _)| p.normalize().to_string())
                .unwrap_or_default(),
            discount_pct: String::new(),
            group: self.group.clone().unwrap_or_default(),
        }
    }
}

/// The item a line's item text names: an item's code alone, or its code
/// and name as `PriceItem::label` wrote it (what the form's suggestions
/// fill in). Withdrawn items are not offered.
pub fn find<'a>(items: &'a [PriceItem], text: &str) -> Option<&'a PriceItem> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let code = text.split_whitespace().next().unwrap_or_default();
    items
        .iter()
        .filter(|i| !i.withdrawn)
        .find(|i| i.code.eq_ignore_ascii_case(code) && (text == code || text == i.label()))
}

/// The list as a device searches it: each item with its words folded once
/// (diacritics aside), so a keystroke in an item field compares prefixes
/// instead of folding every item again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    items: Vec<PriceItem>,
    texts: Vec<String>,
}

impl Catalogue {
    /// Sorted by code, the order searches answer in.
    pub fn new(mut items: Vec<PriceItem>) -> Catalogue {
        sort::by(&mut items, |a, b| a.code.cmp(&b.code));
        let texts = items
            .iter()
            .map(|i| {
                let group = i.group.as_deref().unwrap_or_default();
                super::search::words(&format!("{} {} {group}", i.code, i.name)).join(" ")
            })
            .collect();
        Catalogue { items, texts }
    }

    /// Every item, withdrawn ones too.
    pub fn items(&self) -> &[PriceItem] {
        &self.items
    }

    /// Whether any item is on offer.
    pub fn offers_any(&self) -> bool {
        self.items.iter().any(|i| !i.withdrawn)
    }

    /// The items on offer matching what someone typed (every word a prefix
    /// of a word of the code, name or group), by code, at most `limit`;
    /// nothing typed lists the first ones.
    pub fn search(&self, text: &str, limit: usize) -> Vec<&PriceItem> {
        let terms = super::search::words(text);
        self.items
            .iter()
            .zip(&self.texts)
            .filter(|(i, t)| !i.withdrawn && super::search::matches_terms(t, &terms))
            .map(|(i, _)| i)
            .take(limit)
            .collect()
    }

    /// The item a line's item text names (see [`find`]).
    pub fn find(&self, text: &str) -> Option<&PriceItem> {
        find(&self.items, text)
    }
}

/// Prices a bulk proposal's lines for one client of `price_type`: a line
/// naming a list item whose unit price is still the list's base price (as
/// the bulk form filled it) takes the item's price for that type; a price
/// the manager typed stays theirs.
pub fn reprice(lines: &mut [LineInput], items: &[PriceItem], price_type: Option<&str>) {
    for line in lines {
        let Some(item) = find(items, &line.item) else {
            continue;
        };
        let typed = money::parse_eur(&line.unit_price);
        let base = item.price_for(None).map(|(p, _)| p);
        if let (Ok(Some(typed)), Some(base)) = (typed, base)
            && typed == base
            && let Some((own, _)) = item.price_for(price_type)
        {
            line.unit_price = own.normalize().to_string();
        }
    }
}

/// The price type a client's prices follow: the contract in force's, else
/// the card's own.
pub fn price_type_of<'a>(card: Option<&'a str>, contract: Option<&'a str>) -> Option<&'a str> {
    contract
        .filter(|t| !t.trim().is_empty())
        .or(card.filter(|t| !t.trim().is_empty()))
}

/// A price cell as the list's file writes it: empty (no price of that
/// type), else a non-negative amount in euros with at most two decimals,
/// as a proposal's unit price is.
pub fn read_price(cell: &str) -> Result<Option<Decimal>, Problem> {
    money::parse_eur(cell)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(prices: &[(&str, &str)]) -> PriceItem {
        PriceItem {
            code: "A-100".into(),
            name: "Skrūves 4×40, 200 gab.".into(),
            group: Some("Stiprinājumi".into()),
            unit: Some("kaste".into()),
            prices: prices
                .iter()
                .map(|(t, p)| TypePrice {
                    price_type: t.to_string(),
                    price: p.parse().unwrap(),
                })
                .collect(),
            withdrawn: false,
        }
    }

    #[test]
    fn the_clients_price_type_picks_the_price_else_the_base_price() {
        let i = item(&[
            ("Mazumtirdzniecība", "12.40"),
            ("Vairumtirdzniecība", "9.95"),
        ]);
        assert_eq!(
            i.price_for(Some(" vairumtirdzniecība ")),
            Some(("9.95".parse().unwrap(), PriceSource::ClientType))
        );
        assert_eq!(
            i.price_for(Some("Dīleris")),
            Some(("12.40".parse().unwrap(), PriceSource::Base))
        );
        assert_eq!(
            i.price_for(None),
            Some(("12.40".parse().unwrap(), PriceSource::Base))
        );
        assert_eq!(item(&[]).price_for(Some("Vairumtirdzniecība")), None);
    }

    #[test]
    fn a_line_from_the_list_carries_code_name_price_and_group() {
        let i = item(&[
            ("Mazumtirdzniecība", "12.40"),
            ("Vairumtirdzniecība", "9.9500"),
        ]);
        let line = i.line(Some("Vairumtirdzniecība"));
        assert_eq!(line.item, "A-100 Skrūves 4×40, 200 gab.");
        assert_eq!(line.unit_price, "9.95");
        assert_eq!(line.quantity, "1");
        assert_eq!(line.group, "Stiprinājumi");
        assert!(line.discount_pct.is_empty());
    }

    #[test]
    fn a_line_names_an_item_by_its_code_or_its_label_only() {
        let mut gone = item(&[("Bāzes", "1")]);
        gone.code = "B-7".into();
        gone.withdrawn = true;
        let items = vec![item(&[("Bāzes", "1")]), gone];
        assert_eq!(
            find(&items, "a-100").map(|i| &i.code),
            Some(&"A-100".to_string())
        );
        assert!(find(&items, "A-100 Skrūves 4×40, 200 gab.").is_some());
        assert!(find(&items, "A-100 kaut kas cits").is_none());
        assert!(find(&items, "B-7").is_none());
        assert!(find(&items, "  ").is_none());
    }

    #[test]
    fn a_search_finds_items_by_code_name_or_group_without_diacritics() {
        let mut other = item(&[("Bāzes", "2")]);
        other.code = "B-200".into();
        other.name = "Dībeļi 8 mm".into();
        other.group = Some("Stiprinājumi".into());
        let mut gone = other.clone();
        gone.code = "B-300".into();
        gone.withdrawn = true;
        let list = Catalogue::new(vec![other, item(&[("Bāzes", "1")]), gone]);
        let codes = |t: &str| {
            list.search(t, 10)
                .iter()
                .map(|i| i.code.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes("dibe"), ["B-200"]);
        assert_eq!(codes("skruves 4"), ["A-100"]);
        assert_eq!(codes("stiprin"), ["A-100", "B-200"]);
        assert_eq!(codes(""), ["A-100", "B-200"]);
        assert!(codes("nav tādas").is_empty());
        assert_eq!(list.search("", 1).len(), 1);
        assert!(list.offers_any());
        assert_eq!(list.find("b-200").map(|i| i.code.as_str()), Some("B-200"));
    }

    #[test]
    fn a_bulk_line_at_the_base_price_takes_each_clients_price() {
        let items = vec![item(&[("Bāzes", "12.40"), ("Vairumtirdzniecība", "9.95")])];
        let base = items[0].line(None);
        let mut typed = base.clone();
        typed.unit_price = "11".into();
        let free = LineInput {
            item: "Piegāde".into(),
            unit_price: "12.40".into(),
            ..Default::default()
        };
        let mut lines = vec![base.clone(), typed, free.clone()];
        reprice(&mut lines, &items, Some("Vairumtirdzniecība"));
        assert_eq!(lines[0].unit_price, "9.95");
        assert_eq!(lines[1].unit_price, "11");
        assert_eq!(lines[2], free);
        let mut once_more = lines.clone();
        reprice(&mut once_more, &items, Some("Vairumtirdzniecība"));
        assert_eq!(once_more, lines);
        let mut no_type = vec![base.clone()];
        reprice(&mut no_type, &items, None);
        assert_eq!(no_type, [base]);
    }

    #[test]
    fn the_contract_in_force_sets_the_price_type_before_the_card() {
        assert_eq!(
            price_type_of(Some("Mazumtirdzniecība"), Some("Vairumtirdzniecība")),
            Some("Vairumtirdzniecība")
        );
        assert_eq!(
            price_type_of(Some("Mazumtirdzniecība"), Some(" ")),
            Some("Mazumtirdzniecība")
        );
        assert_eq!(price_type_of(None, None), None);
    }

    #[test]
    fn price_cells_are_exact_non_negative_euros_and_cents() {
        assert_eq!(read_price(""), Ok(None));
        assert_eq!(read_price("1 234,5"), Ok(Some("1234.5".parse().unwrap())));
        assert_eq!(read_price("0.01"), Ok(Some("0.01".parse().unwrap())));
        assert_eq!(read_price("-3"), Err(Problem::NegativeAmount));
        assert_eq!(read_price("0,125"), Err(Problem::TooManyDecimals));
        assert_eq!(read_price("abc"), Err(Problem::InvalidAmount));
    }

    proptest! {
        /// Whatever the client's price type, the price taken is one of the
        /// item's, and the base one unless the type matches.
        #[test]
        fn the_price_taken_is_always_one_of_the_items(
            prices in proptest::collection::vec(("[a-c]{1,2}", 0u32..100_000), 1..5),
            asked in proptest::option::of("[a-d]{1,2}"),
        ) {
            let typed: Vec<(String, String)> = prices
                .iter()
                .map(|(t, c)| (t.clone(), Decimal::new(i64::from(*c), 2).to_string()))
                .collect();
            let refs: Vec<(&str, &str)> = typed.iter().map(|(t, p)| (t.as_str(), p.as_str())).collect();
            let i = item(&refs);
            let (price, source) = i.price_for(asked.as_deref()).unwrap();
            prop_assert!(i.prices.iter().any(|p| p.price == price));
            let matches = asked.as_deref().is_some_and(|a| i.prices.iter().any(|p| same_type(&p.price_type, a)));
            prop_assert_eq!(source == PriceSource::ClientType, matches);
            if !matches {
                prop_assert_eq!(price, i.prices[0].price);
            }
        }
    }
}
