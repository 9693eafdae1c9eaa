//! How a `Row` is read from JSON. A row's JSON names its kind in `table`
//! beside the record's own fields (serde's "internally tagged" form). The
//! derived reader for that form copies every row into a buffer before it
//! looks at the tag, which doubled the work of filling a device's memory
//! from its store (over a hundred thousand rows when the app opens) and of
//! every downloaded page. Rows this code writes carry the tag first, so the
//! reader here takes it and reads the fields straight into their kind; a
//! row whose tag comes later (written by hand or by another tool) takes the
//! slow way: its members are read as JSON values and written again, tag
//! first.

use super::protocol::Row;
use serde::de::{self, Deserializer, MapAccess, Visitor, value::MapAccessDeserializer};
use std::fmt;

/// The tag's key.
const TAG: &str = "table";

/// Declares `Row` once: the enum, written with its tag first, and the
/// per-kind readers the decoder below dispatches to.
macro_rules! rows {
    ($(
        $tag:literal => $variant:ident {
            $( $(#[$field_meta:meta])* $field:ident : $ty:ty ),* $(,)?
        }
    ),* $(,)?) => {
        /// A record as the server has it now.
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(tag = "table")]
        pub enum Row {
            $(
                #[serde(rename = $tag)]
                $variant { $( $(#[$field_meta])* $field: $ty ),* },
            )*
        }

        impl Row {
            /// Every kind's tag, as the JSON spells it.
            pub const TAGS: &'static [&'static str] = &[$($tag),*];

            /// Reads the fields of the kind tagged `table` from `body`.
            pub(super) fn from_body<'de, D: ::serde::Deserializer<'de>>(
                table: &str,
                body: D,
            ) -> Result<Row, D::Error> {
                match table {
                    $(
                        $tag => {
                            #[derive(::serde::Deserialize)]
                            struct Body { $( $field: $ty ),* }
                            let Body { $($field),* } = ::serde::Deserialize::deserialize(body)?;
                            Ok(Row::$variant { $($field),* })
                        }
                    )*
                    other => Err(::serde::de::Error::unknown_variant(other, Row::TAGS)),
                }
            }
        }
    };
}

pub(super) use rows;

impl<'de> serde::Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Row, D::Error> {
        d.deserialize_map(RowVisitor)
    }
}

struct RowVisitor;

impl<'de> Visitor<'de> for RowVisitor {
    type Value = Row;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a record naming its kind in `{TAG}`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
        let first: Option<String> = map.next_key()?;
        if first.as_deref() == Some(TAG) {
            let table: String = map.next_value()?;
            return Row::from_body(&table, MapAccessDeserializer::new(map));
        }
        let mut rest = serde_json::Map::new();
        if let Some(key) = first {
            rest.insert(key, map.next_value()?);
        }
        while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
            rest.insert(key, value);
        }
        let Some(serde_json::Value::String(table)) = rest.remove(TAG) else {
            return Err(de::Error::missing_field(TAG));
        };
        // Written again with the tag first and read the usual way: reading
        // the kinds from the values would put a second reader of every kind
        // (over `serde_json::Value`) in the browser's code.
        let text = tag_first(&table, &rest).map_err(de::Error::custom)?;
        serde_json::from_slice(&text).map_err(de::Error::custom)
    }
}

/// A row's JSON with its tag first, then `rest` in its order.
fn tag_first(
    table: &str,
    rest: &serde_json::Map<String, serde_json::Value>,
) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64);
    out.push(b'{');
    serde_json::to_writer(&mut out, TAG)?;
    out.push(b':');
    serde_json::to_writer(&mut out, table)?;
    for (key, value) in rest {
        out.push(b',');
        serde_json::to_writer(&mut out, key)?;
        out.push(b':');
        serde_json::to_writer(&mut out, value)?;
    }
    out.push(b'}');
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests build their JSON any way
mod tests {
    use super::*;
    use crate::sync::tables;
    use serde_json::json;

    fn call() -> serde_json::Value {
        json!({
            "id": "c1",
            "fields": {
                "client_id": "k1", "contact_id": null,
                "at": "2026-03-10T08:00:00Z", "direction": "outgoing",
                "outcome": "busy", "kind": "ordinary", "duration_s": 5, "note": "Zvanīt vēlreiz",
            },
            "by": "me", "logged_at": "2026-03-10T08:00:00Z",
        })
    }

    #[test]
    fn a_row_reads_back_as_written_with_its_tag_first() {
        let row = Row::CallLog {
            call: serde_json::from_value(call()).unwrap(),
        };
        let text = serde_json::to_string(&row).unwrap();
        assert!(text.starts_with(r#"{"table":"call_log","#), "{text}");
        assert_eq!(serde_json::from_str::<Row>(&text).unwrap(), row);
        // From a byte reader too, where no text can be borrowed.
        assert_eq!(
            serde_json::from_reader::<_, Row>(text.as_bytes()).unwrap(),
            row
        );
    }

    #[test]
    fn a_tag_after_the_fields_is_read_too() {
        let text = format!(r#"{{"call":{},"table":"call_log"}}"#, call());
        let row: Row = serde_json::from_str(&text).unwrap();
        assert_eq!(
            row.key(),
            crate::sync::protocol::RecordKey::new(tables::CALL_LOG, "c1")
        );
    }

    #[test]
    fn every_kind_is_tagged_by_its_table() {
        let mut tags: Vec<&str> = Row::TAGS.to_vec();
        let mut tables: Vec<&str> = crate::sync::kinds::ALL.iter().map(|k| k.table).collect();
        tags.sort();
        tables.sort();
        assert_eq!(tags, tables);
    }

    #[test]
    fn a_bad_row_is_named_precisely() {
        let unknown = serde_json::from_str::<Row>(r#"{"table":"nav","id":"x"}"#).unwrap_err();
        assert!(
            unknown.to_string().contains("unknown variant `nav`"),
            "{unknown}"
        );
        let untagged = serde_json::from_str::<Row>(r#"{"id":"x"}"#).unwrap_err();
        assert!(
            untagged.to_string().contains("missing field `table`"),
            "{untagged}"
        );
        let short = serde_json::from_str::<Row>(r#"{"table":"call_log"}"#).unwrap_err();
        assert!(
            short.to_string().contains("missing field `call`"),
            "{short}"
        );
    }
}
