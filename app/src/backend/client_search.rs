//! The client list query: visibility, filters, search words, order, page.
//!
//! Search uses the `client_search` full-text index (edge n-grams of the folded
//! words, so every query word is a prefix match); a query of single letters
//! uses the name index instead. The statement is assembled only from fixed
//! fragments chosen by the query's *shape* (which filters are set, which
//! order); every value is a bound parameter.

use super::Db;
use super::access::Scope;
use super::client_rows::{SUMMARY_FIELDS, SummaryRow};
use super::db_error::OrInternal;
use crate::api::ApiError;
use crate::domain::client::{ClientQuery, ClientSort, PAGE_SIZE};
use crate::domain::search;

/// More words than this add little and cost a lookup each.
pub const MAX_TERMS: usize = 6;
/// The analyzer's shortest n-gram; shorter words cannot use the index.
pub const MIN_GRAM: usize = 2;
/// Deep pages cost a scan of everything before them; nobody pages this far.
pub const MAX_PAGE: u32 = 200;

/// How the words of a query will be matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextMatch {
    None,
    /// Every word is a prefix of some word of the card.
    FullText(String),
    /// Only single letters typed: names starting with them.
    NamePrefix(String),
}

pub fn text_match(text: &str) -> TextMatch {
    let mut terms = search::query_terms(text);
    if terms.is_empty() {
        return TextMatch::None;
    }
    terms.truncate(MAX_TERMS);
    let long: Vec<String> = terms
        .iter()
        .filter(|t| t.len() >= MIN_GRAM)
        .cloned()
        .collect();
    if long.is_empty() {
        TextMatch::NamePrefix(search::sort_key(text))
    } else {
        TextMatch::FullText(long.join(" "))
    }
}

fn order_by(sort: ClientSort) -> &'static str {
    match sort {
        ClientSort::Name => "name_key ASC",
        ClientSort::RecentlyUpdated => "updated_at DESC",
        ClientSort::Newest => "created_at DESC",
    }
}

/// The statement for a query of this shape.
pub fn statement(scope: &Scope, q: &ClientQuery, m: &TextMatch) -> String {
    let mut conds: Vec<&str> = Vec::new();
    if matches!(scope, Scope::Owners(_)) {
        conds.push("owner IN $owners");
    }
    if !q.include_archived {
        conds.push("archived = false");
    }
    if q.segment.is_some() {
        conds.push("segment = $segment");
    }
    if q.owner_id.is_some() {
        conds.push("owner = $owner");
    }
    match m {
        TextMatch::None => {}
        TextMatch::FullText(_) => conds.push("search @AND@ $text"),
        TextMatch::NamePrefix(_) => conds.push("name_key >= $from AND name_key < $to"),
    }
    let filter = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    format!(
        "SELECT {SUMMARY_FIELDS}, name_key, created_at FROM client{filter} ORDER BY {} LIMIT $limit START $start",
        order_by(q.sort)
    )
}

/// The first string after every string that starts with `prefix`.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// One page of cards the scope allows, plus whether another page follows.
pub async fn page(
    db: &Db,
    scope: &Scope,
    q: &ClientQuery,
) -> Result<(Vec<SummaryRow>, bool), ApiError> {
    if *scope == Scope::Nothing {
        return Ok((Vec::new(), false));
    }
    let m = text_match(&q.text);
    let (_, owners) = scope.params();
    let mut query = db
        .query(statement(scope, q, &m))
        .bind(("owners", owners))
        .bind(("segment", q.segment.map(|s| s.code().to_string())))
        .bind(("owner", q.owner_id.clone()))
        // One extra row tells whether there is a next page.
        .bind(("limit", i64::from(PAGE_SIZE) + 1))
        .bind((
            "start",
            i64::from(q.page.min(MAX_PAGE)) * i64::from(PAGE_SIZE),
        ));
    match &m {
        TextMatch::None => {}
        TextMatch::FullText(text) => query = query.bind(("text", text.clone())),
        TextMatch::NamePrefix(p) => {
            query = query.bind(("from", p.clone())).bind(("to", prefix_end(p)));
        }
    }
    let mut res = query.await.or_internal()?;
    let mut rows: Vec<SummaryRow> = res.take(0).or_internal()?;
    let has_more = rows.len() > PAGE_SIZE as usize && q.page < MAX_PAGE;
    rows.truncate(PAGE_SIZE as usize);
    Ok((rows, has_more))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_choose_the_index() {
        assert_eq!(text_match("  "), TextMatch::None);
        assert_eq!(text_match("B"), TextMatch::NamePrefix("b".into()));
        assert_eq!(
            text_match("Bērziņš a"),
            TextMatch::FullText("berzins".into())
        );
        assert_eq!(text_match("+371 29"), TextMatch::FullText("37129".into()));
    }

    #[test]
    fn statements_hold_no_user_text() {
        let q = ClientQuery {
            text: "'; DELETE client; --".into(),
            ..Default::default()
        };
        let m = text_match(&q.text);
        let sql = statement(&Scope::All, &q, &m);
        assert!(!sql.contains("DELETE"), "{sql}");
        assert!(sql.contains("search @AND@ $text"));
    }

    #[test]
    fn managers_are_always_scoped() {
        let q = ClientQuery::default();
        let sql = statement(&Scope::Owners(vec!["u".into()]), &q, &TextMatch::None);
        assert!(sql.contains("owner IN $owners"));
        assert!(!statement(&Scope::All, &q, &TextMatch::None).contains("$owners"));
    }
}
