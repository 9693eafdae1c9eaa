//! The client list's search and filters as the address's query, so a link
//! keeps them and Back from a card brings the list back as it was. Only
//! what differs from the defaults is written.

use super::text::encode;

/// What the list's controls hold, as text (the select values).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilters {
    pub text: String,
    pub segment: String,
    pub owner: String,
    /// A money filter's code (`overdue`, `over_limit`), or empty.
    pub money: String,
    /// Empty: the default order.
    pub sort: String,
    pub archived: bool,
}

impl ListFilters {
    /// From the query's values (already decoded), by name.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> ListFilters {
        ListFilters {
            text: get("q").unwrap_or_default(),
            segment: get("segment").unwrap_or_default(),
            owner: get("owner").unwrap_or_default(),
            money: get("money").unwrap_or_default(),
            sort: get("sort").unwrap_or_default(),
            archived: get("archived").is_some_and(|v| v == "1"),
        }
    }

    /// `?q=…&segment=…`, or nothing when everything is as by default.
    /// `default_sort` is the order the list starts in.
    pub fn to_query(&self, default_sort: &str) -> String {
        let mut parts = Vec::new();
        let mut put = |name: &str, value: &str| {
            if !value.is_empty() {
                parts.push(format!("{name}={}", encode(value)));
            }
        };
        put("q", &self.text);
        put("segment", &self.segment);
        put("owner", &self.owner);
        put("money", &self.money);
        if self.sort != default_sort {
            put("sort", &self.sort);
        }
        if self.archived {
            put("archived", "1");
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// Decodes a query as the router does.
    fn decode(query: &str) -> HashMap<String, String> {
        query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                let mut bytes = Vec::new();
                let mut it = v.bytes();
                while let Some(b) = it.next() {
                    if b == b'%' {
                        let hex: String = [it.next().unwrap(), it.next().unwrap()]
                            .iter()
                            .map(|&c| c as char)
                            .collect();
                        bytes.push(u8::from_str_radix(&hex, 16).unwrap());
                    } else {
                        bytes.push(b);
                    }
                }
                (k.to_string(), String::from_utf8(bytes).unwrap())
            })
            .collect()
    }

    #[test]
    fn only_what_differs_is_written() {
        let f = ListFilters {
            sort: "name".into(),
            ..Default::default()
        };
        assert_eq!(f.to_query("name"), "");
        let f = ListFilters {
            text: "Bērziņš & co".into(),
            segment: "key".into(),
            sort: "updated".into(),
            archived: true,
            ..Default::default()
        };
        assert_eq!(
            f.to_query("name"),
            "?q=B%C4%93rzi%C5%86%C5%A1%20%26%20co&segment=key&sort=updated&archived=1"
        );
    }

    proptest! {
        #[test]
        fn filters_come_back_from_their_query(
            text in "\\PC{0,30}", segment in "[a-z]{0,8}", owner in "[a-z0-9-]{0,12}",
            money in "(overdue|over_limit|)", sort in "(name|updated|)", archived in any::<bool>(),
        ) {
            let f = ListFilters { text, segment, owner, money, sort: sort.clone(), archived };
            let q = decode(&f.to_query("name"));
            let back = ListFilters::from_query(|k| q.get(k).cloned());
            let expected = ListFilters {
                sort: if sort == "name" { String::new() } else { sort },
                ..f
            };
            prop_assert_eq!(back, expected);
        }
    }
}
