//! The engine's generic half for every [`Record`] kind: reading its
//! changed rows for a pull and working its records in a push batch. The
//! engine holds kinds as trait objects, so `push.rs` and `pull.rs` never
//! name one (apart from the card, the root kind).

use super::{Cx, Record};
use crate::access::{QueryFilter, Scope, Sight};
use crate::audit;
use crate::db_error::OrInternal;
use crate::domain::user::Me;
use crate::mail::outbox::{self, OutboxDoc};
use crate::sync::kind::{Access, Kind, Merge};
use crate::sync::op::Op;
use crate::sync::protocol::{RecordKey, Row};
use crate::{ApiError, Db};
use std::any::Any;
use std::collections::HashMap;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use surrealdb::types::RecordId;

pub type Fut<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
pub type Query<'r> = surrealdb::method::Query<'r, surrealdb::engine::any::Any>;

/// A changed row as a pull read it, before visibility and assembly.
pub struct Changed {
    pub key: RecordKey,
    pub version: i64,
    pub item: Box<dyn Any + Send>,
}

impl Changed {
    /// The row as its own kind's type (every table reads only its own rows).
    pub fn take<T: 'static>(self) -> Result<(RecordKey, Box<T>), ApiError> {
        match self.item.downcast::<T>() {
            Ok(item) => Ok((self.key, item)),
            Err(_) => Err(ApiError::Internal("a pulled row of another kind".into())),
        }
    }
}

/// What a pull's rows are checked and assembled against.
pub struct PullCx<'a> {
    pub db: &'a Db,
    pub me: &'a Me,
    pub scope: &'a Scope,
    pub names: &'a HashMap<String, String>,
}

/// What a pull sends of one kind's changed rows: those the user may see,
/// and the keys of those they may no longer see.
#[derive(Default)]
pub struct Pulled {
    pub rows: Vec<Row>,
    pub gone: Vec<RecordKey>,
}

/// A kind as the pull reads it.
pub trait PullTable: Send + Sync {
    fn kind(&self) -> &'static Kind;
    /// The projection of a row.
    fn fields(&self) -> String;
    /// The rows statement `i` of `res` answered.
    fn take(&self, res: &mut surrealdb::IndexedResults, i: usize)
    -> Result<Vec<Changed>, ApiError>;
    /// The rows the user may see, and the keys of those they may not.
    fn rows<'a>(
        &'a self,
        cx: &'a PullCx<'a>,
        items: Vec<Changed>,
    ) -> Fut<'a, Result<Pulled, ApiError>>;
}

/// The access rule as a condition of the pull's statements; the binds are
/// `QueryFilter`'s and `$me`, `$department` (see `pull.rs`).
pub fn condition(access: Access) -> &'static str {
    match access {
        Access::Card => QueryFilter::CARDS,
        Access::OfClient => QueryFilter::ACTIVITY,
        Access::WithCard => QueryFilter::WITH_CARD,
        Access::Author => "($activity_all OR by = $me)",
        // Nobody shares a department with someone who has none.
        Access::Department => {
            "($activity_all OR ($department != NONE AND department = $department))"
        }
        Access::Everyone => "true",
    }
}

/// A kind stored one row per record, as the push works it.
pub trait Table: Send + Sync {
    fn pull(&self) -> &dyn PullTable;
    fn batch(&self) -> Box<dyn TableBatch>;
}

/// What an applied operation leaves for the audit.
pub struct Audited {
    pub action: String,
    pub changes: serde_json::Value,
    pub on_behalf_of: Option<String>,
}

/// One kind's records within one push batch.
pub trait TableBatch: Send + Sync {
    fn kind(&self) -> &'static Kind;
    /// Reads the stored records among `ids`.
    fn load<'a>(&'a mut self, db: &'a Db, ids: Vec<String>) -> Fut<'a, Result<(), ApiError>>;
    /// The clients the loaded records are about.
    fn clients(&self) -> Vec<String>;
    /// Whether record `id` was created by operation `op_id` (an
    /// append-only record answers a retried create itself).
    fn made_by(&self, id: &str, op_id: &str) -> bool;
    /// Applies one operation; nothing changes when it is refused.
    fn apply<'a>(
        &'a mut self,
        cx: &'a Cx<'a>,
        op: &'a Op,
    ) -> Fut<'a, Result<Option<Audited>, ApiError>>;
    /// The ids of the records the batch writes.
    fn written(&self) -> Vec<String>;
    /// The statement writing the batch's records (empty: nothing to write).
    fn statement(&self) -> String;
    /// Whether the batch queues mail (the worker is then woken).
    fn queues_mail(&self) -> bool;
    fn bind<'r>(&self, q: Query<'r>, version: i64) -> Query<'r>;
}

/// The generic table of kind `R`.
pub struct Of<R>(PhantomData<R>);

impl<R> Default for Of<R> {
    fn default() -> Self {
        Of(PhantomData)
    }
}

impl<R: Record> Table for Of<R> {
    fn pull(&self) -> &dyn PullTable {
        self
    }

    fn batch(&self) -> Box<dyn TableBatch> {
        Box::new(Batch::<R> {
            stored: HashMap::new(),
            changed: HashMap::new(),
            order: Vec::new(),
            mails: Vec::new(),
        })
    }
}

/// How much of a record of kind `kind` the user sees.
fn sight<R: Record>(cx: &PullCx<'_>, doc: &R::Doc) -> Sight {
    let id = R::id(doc);
    let full = match R::KIND.access {
        Access::Card => return cx.scope.sight(id, R::owner(doc).unwrap_or_default()),
        Access::OfClient => {
            R::client(doc).is_some_and(|c| cx.scope.works(c, R::owner(doc).unwrap_or_default()))
        }
        Access::WithCard => {
            return R::client(doc).map_or(Sight::None, |c| {
                cx.scope.sight(c, R::owner(doc).unwrap_or_default())
            });
        }
        Access::Author => cx.scope.works_all() || R::author(doc) == Some(cx.me.id.as_str()),
        Access::Department => {
            cx.scope.works_all()
                || (cx.me.department.is_some() && R::department(doc) == cx.me.department.as_deref())
        }
        Access::Everyone => return cx.scope.everyone_sight(),
    };
    if full { Sight::Full } else { Sight::None }
}

impl<R: Record> PullTable for Of<R> {
    fn kind(&self) -> &'static Kind {
        R::KIND
    }

    fn fields(&self) -> String {
        R::FIELDS.to_string()
    }

    fn take(
        &self,
        res: &mut surrealdb::IndexedResults,
        i: usize,
    ) -> Result<Vec<Changed>, ApiError> {
        let docs: Vec<R::Doc> = res.take(i).or_internal()?;
        Ok(docs
            .into_iter()
            .map(|doc| Changed {
                key: RecordKey::new(R::KIND.table, R::id(&doc)),
                version: R::version(&doc),
                item: Box::new(doc),
            })
            .collect())
    }

    fn rows<'a>(
        &'a self,
        cx: &'a PullCx<'a>,
        items: Vec<Changed>,
    ) -> Fut<'a, Result<Pulled, ApiError>> {
        Box::pin(async move {
            let mut rows = Vec::new();
            let mut gone = Vec::new();
            for c in items {
                let (key, doc) = c.take::<R::Doc>()?;
                match sight::<R>(cx, &doc) {
                    Sight::None => gone.push(key),
                    s => rows.push(R::row(*doc, cx.names, s)),
                }
            }
            Ok(Pulled { rows, gone })
        })
    }
}

struct Batch<R: Record> {
    /// As stored when the batch was planned.
    stored: HashMap<String, R::Doc>,
    /// As the batch's operations left them: what the write stores.
    changed: HashMap<String, R::Doc>,
    /// The changed ids in the order first changed (the write's order).
    order: Vec<String>,
    /// Letters the batch's changes ask for, one per record at most.
    mails: Vec<OutboxDoc>,
}

impl<R: Record> TableBatch for Batch<R> {
    fn kind(&self) -> &'static Kind {
        R::KIND
    }

    fn load<'a>(&'a mut self, db: &'a Db, ids: Vec<String>) -> Fut<'a, Result<(), ApiError>> {
        Box::pin(async move {
            if ids.is_empty() {
                return Ok(());
            }
            let rids: Vec<RecordId> = ids
                .iter()
                .map(|id| RecordId::new(R::KIND.table, id.as_str()))
                .collect();
            let mut res = db
                .query(format!("SELECT {} FROM $ids", R::FIELDS))
                .bind(("ids", rids))
                .await
                .or_internal()?;
            let docs: Vec<R::Doc> = res.take(0).or_internal()?;
            self.stored = docs
                .into_iter()
                .map(|d| (R::id(&d).to_string(), d))
                .collect();
            Ok(())
        })
    }

    fn clients(&self) -> Vec<String> {
        self.stored
            .values()
            .filter_map(|d| R::client(d).map(str::to_string))
            .collect()
    }

    fn made_by(&self, id: &str, op_id: &str) -> bool {
        self.stored
            .get(id)
            .is_some_and(|d| R::made_by_op(d) == Some(op_id))
    }

    fn apply<'a>(
        &'a mut self,
        cx: &'a Cx<'a>,
        op: &'a Op,
    ) -> Fut<'a, Result<Option<Audited>, ApiError>> {
        Box::pin(async move {
            let id = op.record_id.as_str();
            let current = self
                .changed
                .get(id)
                .or_else(|| self.stored.get(id))
                .cloned();
            R::KIND.admits(op, current.is_some())?;
            let mut doc = R::apply(cx, op, current.as_ref()).await?;
            let mut on_behalf_of = None;
            if R::KIND.follows_client() {
                let owner = R::client(&doc).and_then(|c| cx.owner_of(c));
                if let (Some(client), Some(owner)) = (R::client(&doc), owner.as_deref()) {
                    on_behalf_of = cx.on_behalf_of(client, owner);
                }
                R::set_owner(&mut doc, owner);
            }
            let audited = R::KIND.audit.and_then(|prefix| {
                let old = current.as_ref().map(R::audited).unwrap_or_default();
                let changes = audit::diff(&old, &R::audited(&doc));
                let action = if current.is_some() {
                    "update"
                } else {
                    "create"
                };
                (changes.as_object().is_some_and(|m| !m.is_empty())).then(|| Audited {
                    action: format!("{prefix}.{action}"),
                    changes,
                    on_behalf_of,
                })
            });
            if R::mails(current.as_ref(), &doc) {
                let mail = OutboxDoc::queued(&op.op_id, R::KIND.table, id, &cx.me.id, cx.now);
                self.mails.retain(|m| m.source != mail.source);
                self.mails.push(mail);
            }
            if self.changed.insert(id.to_string(), doc).is_none() {
                self.order.push(id.to_string());
            }
            Ok(audited)
        })
    }

    fn queues_mail(&self) -> bool {
        !self.mails.is_empty()
    }

    fn written(&self) -> Vec<String> {
        self.order.clone()
    }

    fn statement(&self) -> String {
        let t = R::KIND.table;
        let mails = if self.mails.is_empty() {
            String::new()
        } else {
            format!("INSERT INTO {} $m_{t} RETURN NONE;", outbox::TABLE)
        };
        let records = match (self.order.is_empty(), R::KIND.merge) {
            (true, _) => String::new(),
            // Created once: a bulk insert, which also fails (and the batch is
            // planned again) if another process created the record first.
            (false, Merge::AppendOnly) => format!("INSERT INTO {t} $w_{t} RETURN NONE;"),
            (false, _) => format!(
                "FOR $x IN $w_{t} {{ UPSERT type::record('{t}', $x.id) CONTENT $x RETURN NONE; }};"
            ),
        };
        records + &mails
    }

    fn bind<'r>(&self, q: Query<'r>, version: i64) -> Query<'r> {
        if self.order.is_empty() {
            return q;
        }
        let q = if self.mails.is_empty() {
            q
        } else {
            q.bind((format!("m_{}", R::KIND.table), self.mails.clone()))
        };
        let docs: Vec<R::Doc> = self
            .order
            .iter()
            .filter_map(|id| self.changed.get(id).cloned())
            .map(|mut d| {
                R::set_version(&mut d, version);
                d
            })
            .collect();
        q.bind((format!("w_{}", R::KIND.table), docs))
    }
}
