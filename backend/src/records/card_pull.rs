//! The client card as the pull reads it: the card with its contact people
//! and field stamps, without its commercial terms for those who may not
//! see them.

use super::card_work::stamps_from_db;
use super::client::KIND;
use super::table::{Changed, Fut, PullCx, PullTable, Pulled};
use crate::access::Sight;
use crate::client_rows::{CLIENT_FIELDS, CONTACT_FIELDS, ClientRow, ContactRow};
use crate::db_error::OrInternal;
use crate::sync::hlc::Hlc;
use crate::sync::kind::Kind;
use crate::sync::protocol::{RecordKey, Row};
use crate::{ApiError, Db};
use std::collections::{BTreeMap, HashMap};
use surrealdb::types::{SurrealValue, Value};

/// A card as the pull reads it.
#[derive(Debug, Clone, SurrealValue)]
struct ClientWithClocks {
    #[surreal(flatten)]
    row: ClientRow,
    clocks: String,
}

/// The card kind as the pull reads it.
pub struct CardTable;

impl PullTable for CardTable {
    fn kind(&self) -> &'static Kind {
        &KIND
    }

    fn fields(&self) -> String {
        format!("{CLIENT_FIELDS}, clocks")
    }

    fn take(
        &self,
        res: &mut surrealdb::IndexedResults,
        i: usize,
    ) -> Result<Vec<Changed>, ApiError> {
        let rows: Vec<ClientWithClocks> = res.take(i).or_internal()?;
        Ok(rows
            .into_iter()
            .map(|c| Changed {
                key: RecordKey::new(KIND.table, &c.row.id),
                version: c.row.doc.version,
                item: Box::new(c),
            })
            .collect())
    }

    fn rows<'a>(
        &'a self,
        cx: &'a PullCx<'a>,
        items: Vec<Changed>,
    ) -> Fut<'a, Result<Pulled, ApiError>> {
        Box::pin(async move {
            let mut gone = Vec::new();
            let mut visible = Vec::new();
            for c in items {
                let (key, card) = c.take::<ClientWithClocks>()?;
                match cx.scope.sight(&card.row.id, &card.row.doc.owner) {
                    Sight::None => gone.push(key),
                    sight => visible.push((card, sight)),
                }
            }
            let ids = visible.iter().map(|(c, _)| c.row.id.clone()).collect();
            let mut contacts = contacts_of(cx.db, ids).await?;
            let mut rows = Vec::with_capacity(visible.len());
            for (c, sight) in visible {
                let c = *c;
                let mut clocks: BTreeMap<String, Hlc> = stamps_from_db(&c.clocks)
                    .into_iter()
                    .map(|(k, s)| (k, s.hlc))
                    .collect();
                let own = contacts.remove(&c.row.id).unwrap_or_default();
                let mut card = c
                    .row
                    .card(own.into_iter().map(ContactRow::contact).collect(), cx.names);
                if sight == Sight::Basic {
                    // Commercial terms never reach a device that may not see
                    // them, not even as the stamps of their last change.
                    card.fields = card.fields.without_commercial_terms();
                    clocks.retain(|k, _| !KIND.commercial.contains(&k.as_str()));
                }
                rows.push(Row::Client {
                    card: Box::new(card),
                    clocks,
                });
            }
            Ok(Pulled { rows, gone })
        })
    }
}

/// The contact people of these cards, in their order on each card.
async fn contacts_of(
    db: &Db,
    ids: Vec<String>,
) -> Result<HashMap<String, Vec<ContactRow>>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    #[derive(SurrealValue)]
    struct WithClient {
        client: String,
        #[surreal(flatten)]
        row: ContactRow,
    }
    let mut res = db
        .query(format!(
            "SELECT client, {CONTACT_FIELDS}, pos FROM contact WHERE client IN $ids ORDER BY pos"
        ))
        .bind(("ids", ids))
        .await
        .or_internal()?;
    let rows: Vec<WithClient> = res.take(0).or_internal()?;
    let mut out: HashMap<String, Vec<ContactRow>> = HashMap::new();
    for r in rows {
        out.entry(r.client).or_default().push(r.row);
    }
    Ok(out)
}
