//! Documents an accounting system pushes as JSON with its API token
//! (`POST /api/accounting/documents`, see `api_tokens`): each document is
//! read with the rules a file's row is read with (its position in the array
//! is its line), written in the same chunks, with the same idempotence and
//! the same report. The token's name is the import's source; the audit
//! names the token as the actor.

use super::api_tokens::Token;
use super::chunk::{self, Run};
use super::{CHUNK, note};
use crate::ApiError;
use crate::Db;
use crate::domain::receivables::import_report::ImportReport;
use crate::domain::receivables::import_row::{PushedDoc, Seen};
use serde::Deserialize;
use serde::de::{Deserializer, Error as _, SeqAccess, Visitor};

/// The most documents one push may hold; a ledger larger than this comes
/// in several pushes (each is idempotent) or as a file.
pub const MAX_DOCUMENTS: usize = 100_000;

/// What the reader says of a body holding more than [`MAX_DOCUMENTS`].
const TOO_MANY: &str = "too many documents";

/// Why a body is not a push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadBody {
    /// More than [`MAX_DOCUMENTS`] documents (stopped reading there).
    TooMany,
    /// Not JSON, or not the shape of a push: the reader's own words.
    Json(String),
}

impl std::fmt::Display for BadBody {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            BadBody::TooMany => write!(
                f,
                "too many documents: at most {MAX_DOCUMENTS} in one push; send the rest in another"
            ),
            BadBody::Json(m) => f.write_str(m),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    #[serde(deserialize_with = "at_most")]
    documents: Vec<PushedDoc>,
}

/// The documents, refusing the body as soon as there are too many (so an
/// oversized push is never held whole).
fn at_most<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PushedDoc>, D::Error> {
    struct Docs;
    impl<'de> Visitor<'de> for Docs {
        type Value = Vec<PushedDoc>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of documents")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<PushedDoc>, A::Error> {
            let mut docs = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(CHUNK));
            while let Some(doc) = seq.next_element()? {
                if docs.len() == MAX_DOCUMENTS {
                    return Err(A::Error::custom(TOO_MANY));
                }
                docs.push(doc);
            }
            Ok(docs)
        }
    }
    d.deserialize_seq(Docs)
}

/// A push's body: `{"documents": [...]}`.
pub fn parse(body: &[u8]) -> Result<Vec<PushedDoc>, BadBody> {
    match serde_json::from_slice::<Body>(body) {
        Ok(b) => Ok(b.documents),
        Err(e) if e.to_string().starts_with(TOO_MANY) => Err(BadBody::TooMany),
        Err(e) => Err(BadBody::Json(e.to_string())),
    }
}

/// Imports the documents `token` pushed, from `device` (its user agent).
pub async fn import(
    db: &Db,
    token: &Token,
    docs: Vec<PushedDoc>,
    device: Option<String>,
) -> Result<ImportReport, ApiError> {
    let actor = format!("api_token:{}", token.id);
    let run = Run {
        actor: &actor,
        source: &token.name,
        at: chrono::Utc::now(),
        preview: false,
        device,
    };
    let mut report = ImportReport::default();
    let mut seen = Seen::default();
    let mut lines = Vec::with_capacity(CHUNK.min(docs.len()));
    for (i, doc) in docs.iter().enumerate() {
        // A document's line is its position in the array, from 1.
        let line = i as u64 + 1;
        report.rows += 1;
        note(doc.read(), line, &mut seen, &mut lines, &mut report);
        if lines.len() >= CHUNK {
            chunk::import(db, &run, std::mem::take(&mut lines), &mut report).await?;
        }
    }
    chunk::import(db, &run, lines, &mut report).await?;
    super::finish(db, &run, &mut report).await?;
    tracing::info!(
        token = %token.id,
        source = %token.name,
        summary = %report.summary(),
        "documents pushed"
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_a_list_of_documents() {
        let docs = parse(
            br#"{"documents":[{"kind":"invoice","number":"R-1","client_id":"c1","date":"2026-11-02","amount":"5"}]}"#,
        )
        .unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].number.as_deref(), Some("R-1"));
        assert_eq!(parse(br#"{"documents":[]}"#), Ok(vec![]));
    }

    #[test]
    fn a_wrong_body_says_why_in_the_readers_words() {
        let why = |body: &[u8]| match parse(body) {
            Err(BadBody::Json(m)) => m,
            other => panic!("{other:?}"),
        };
        assert!(
            why(b"not json").contains("expected"),
            "{}",
            why(b"not json")
        );
        assert!(why(b"{}").contains("missing field `documents`"));
        assert!(why(br#"{"documents":{}}"#).contains("an array of documents"));
        assert!(why(br#"{"documents":[{"number":7}]}"#).contains("invalid type: integer `7`"));
    }

    #[test]
    fn more_than_the_most_is_refused_whole() {
        let mut body = String::from(r#"{"documents":["#);
        for i in 0..=MAX_DOCUMENTS {
            if i > 0 {
                body.push(',');
            }
            body.push_str("{}");
        }
        body.push_str("]}");
        assert_eq!(parse(body.as_bytes()), Err(BadBody::TooMany));
        let most = body.replacen("{},", "", 1);
        assert_eq!(parse(most.as_bytes()).map(|d| d.len()), Ok(MAX_DOCUMENTS));
    }
}
