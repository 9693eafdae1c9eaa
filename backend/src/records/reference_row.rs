//! The `Record` pieces kinds have alike: every row's id and version, and
//! the `apply` of a reference kind (written on the server, never through
//! sync).

/// The accessors of a row with the fields `id` and `version` (every
/// kind's; `of_client_row!` adds a client's).
macro_rules! versioned_row {
    ($doc:ty) => {
        fn id(doc: &$doc) -> &str {
            &doc.id
        }
        fn version(doc: &$doc) -> i64 {
            doc.version
        }
        fn set_version(doc: &mut $doc, version: i64) {
            doc.version = version;
        }
    };
}

/// `apply` of a kind no device writes: `Kind::admits` refuses every
/// operation before it would run, and this refuses again should it ever.
macro_rules! written_on_the_server {
    ($doc:ty) => {
        async fn apply<'a>(
            _cx: &'a $crate::records::Cx<'a>,
            _op: &'a $crate::sync::op::Op,
            _current: Option<&'a $doc>,
        ) -> Result<$doc, $crate::ApiError> {
            Err($crate::ApiError::Forbidden)
        }
    };
}

pub(crate) use {versioned_row, written_on_the_server};
