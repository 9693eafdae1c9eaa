//! Every synced record kind, one file each: what it declares (`kind.rs`) and
//! how its fields convert for the merge. The registry below is what the
//! device client, the server and the simulation walk.

pub mod account_letter;
pub mod call_log;
pub mod client;
pub mod conflict;
pub mod contract;
pub mod follow_up;
pub mod money_doc;
pub mod price_item;
pub mod promise;
pub mod proposal;
pub mod scheme;
pub mod shipment_stop;
pub mod template;

use super::kind::Kind;

/// Every registered kind, in the order a large change is sent in parts.
pub const ALL: [&Kind; 13] = [
    &client::KIND,
    &call_log::KIND,
    &conflict::KIND,
    &follow_up::KIND,
    &proposal::KIND,
    &contract::KIND,
    &template::KIND,
    &scheme::KIND,
    &money_doc::KIND,
    &shipment_stop::KIND,
    &promise::KIND,
    &account_letter::KIND,
    &price_item::KIND,
];

/// The kind stored in `table`, if any.
pub fn of(table: &str) -> Option<&'static Kind> {
    ALL.into_iter().find(|k| k.table == table)
}

/// The kinds whose records follow a client's card.
pub fn following_client() -> impl Iterator<Item = &'static Kind> {
    ALL.into_iter().filter(|k| k.follows_client())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_is_declared_once() {
        let mut tables: Vec<&str> = ALL.iter().map(|k| k.table).collect();
        crate::sort::natural(&mut tables);
        tables.dedup();
        assert_eq!(tables.len(), ALL.len());
        for k in ALL {
            assert_eq!(of(k.table), Some(k));
        }
        assert_eq!(of("nav"), None);
    }
}
