//! Pull: the rows a device may see that changed after its cursor, in version
//! order, a page at a time; rows it may no longer see come back as "gone".
//! Every kind is read with the same statements, each filtered by its
//! access rule in the query.

use super::card_pull::CardTable;
use super::table::{Changed, PullCx, PullTable, condition};
use crate::access::{QueryFilter, Scope};
use crate::db_error::OrInternal;
use crate::domain::user::Me;
use crate::sync::protocol::{Cursor, MAX_PULL_ROWS, PullAnswer, PullRequest, RecordKey};
use crate::{ApiError, Db, users, version};
use std::collections::HashSet;
use surrealdb::types::RecordId;

/// Every kind as the pull reads it, in the order of `sync::kinds::ALL`
/// (the order a large change is sent in parts).
struct Tables {
    plain: Vec<Box<dyn super::table::Table>>,
}

impl Tables {
    fn new() -> Tables {
        Tables {
            plain: super::tables(),
        }
    }

    fn all(&self) -> Vec<&dyn PullTable> {
        let mut out: Vec<&dyn PullTable> = vec![&CardTable];
        out.extend(self.plain.iter().map(|t| t.pull()));
        out
    }
}

/// The statement's filter binds: the access scope's, and who asks.
fn bind_filter<'r>(
    q: super::table::Query<'r>,
    filter: &QueryFilter,
    me: &Me,
) -> super::table::Query<'r> {
    filter
        .bind(q)
        .bind(("me", me.id.clone()))
        .bind(("department", me.department.clone()))
}

pub async fn pull(db: &Db, me: &Me, req: &PullRequest) -> Result<PullAnswer, ApiError> {
    let scope = Scope::load(db, me, crate::clock::now()).await?;
    let fingerprint = scope.fingerprint();
    let epoch = version::epoch(db).await?;
    let current = version::current(db).await?;
    let (since, within) = match &req.cursor {
        None => (0, None),
        Some(c) if c.epoch != epoch || c.version > current || c.scope != fingerprint => {
            return Ok(PullAnswer::Reset);
        }
        Some(c) => (c.version, c.within.clone()),
    };
    let limit = req.limit.clamp(1, MAX_PULL_ROWS) as usize;
    let tables = Tables::new();
    let tables = tables.all();
    let read = Read {
        db,
        me,
        filter: scope.query_filter(),
        tables: &tables,
    };
    let (mut changed, upto, within) = match within {
        // In the middle of one large change: go on with it.
        Some(after) => {
            read.version_in_pages(since + 1, Some(&after), limit)
                .await?
        }
        None => read.changed_since(since, limit, current).await?,
    };
    let (again, missing) = read.refetched(&req.refetch).await?;
    changed.extend(again);
    let more = upto < current || within.is_some();
    let remaining = match (req.count, more) {
        (false, _) => None,
        (true, false) => Some(0),
        (true, true) => Some(read.count_after(upto).await?),
    };
    let names = users::names(db).await?;
    let cx = PullCx {
        db,
        me,
        scope: &scope,
        names: &names,
    };
    let mut rows = Vec::new();
    let mut gone = missing;
    // Each kind checks who may see its rows (the query already filtered
    // them; refetched rows were not filtered) and assembles them.
    let mut by_table: Vec<Vec<Changed>> = tables.iter().map(|_| Vec::new()).collect();
    for c in changed {
        if let Some(i) = tables.iter().position(|t| t.kind().table == c.key.table) {
            by_table[i].push(c);
        }
    }
    for (t, own) in tables.iter().zip(by_table) {
        let pulled = t.rows(&cx, own).await?;
        rows.extend(pulled.rows);
        gone.extend(pulled.gone);
    }
    Ok(PullAnswer::Page {
        rows,
        gone,
        cursor: Cursor {
            epoch,
            version: upto,
            scope: fingerprint,
            within,
        },
        more,
        remaining,
    })
}

/// The reads of one pull.
struct Read<'a> {
    db: &'a Db,
    me: &'a Me,
    filter: QueryFilter,
    tables: &'a [&'a dyn PullTable],
}

impl Read<'_> {
    /// Every table's rows (statement `i` answers table `i`), and the most
    /// any one table gave.
    fn collect(
        &self,
        res: &mut surrealdb::IndexedResults,
    ) -> Result<(Vec<Changed>, usize), ApiError> {
        let mut all = Vec::new();
        let mut longest = 0;
        for (i, t) in self.tables.iter().enumerate() {
            let rows = t.take(res, i)?;
            longest = longest.max(rows.len());
            all.extend(rows);
        }
        Ok((all, longest))
    }

    /// Changed rows after `since` up to `current`, at most `limit`, whole
    /// versions (pushes) at a time where they fit; and the version they
    /// reach (with the last row sent, when one version larger than a page
    /// is being sent in parts). `current` is the counter read *before* the
    /// rows: every version up to it has committed, so those rows are whole.
    /// The statements run one after another, each in its own snapshot, so a
    /// push committing meanwhile could show a later statement its rows and
    /// an earlier one not; without the bound the cursor would move past the
    /// rows not seen, and the device would never get them.
    async fn changed_since(
        &self,
        since: i64,
        limit: usize,
        current: i64,
    ) -> Result<(Vec<Changed>, i64, Option<RecordKey>), ApiError> {
        let sql: String = self
            .tables
            .iter()
            .map(|t| {
                format!(
                    "SELECT {} FROM {} WHERE version > $since AND version <= $current AND {} \
                     ORDER BY version LIMIT $n; ",
                    t.fields(),
                    t.kind().table,
                    condition(t.kind().access)
                )
            })
            .collect();
        let query = self
            .db
            .query(sql)
            .bind(("since", since))
            .bind(("current", current))
            .bind(("n", limit as i64));
        let mut res = bind_filter(query, &self.filter, self.me)
            .await
            .or_internal()?;
        let (mut all, longest) = self.collect(&mut res)?;
        let truncated = longest == limit;
        all.sort_by_key(|c| c.version);
        if !truncated {
            // Nothing was cut off: this page reaches the counter.
            let upto = current;
            return Ok((all, upto, None));
        }
        all.truncate(limit);
        let last = all.last().map_or(since, |c| c.version);
        let first = all.first().map_or(since, |c| c.version);
        if first == last {
            // One change larger than a page: send it in parts.
            return self.version_in_pages(last, None, limit).await;
        }
        // The last version may continue past the cut: leave it for the next page.
        all.retain(|c| c.version < last);
        let upto = all.last().map_or(since, |c| c.version);
        Ok((all, upto, None))
    }

    /// Up to `limit` rows of version `v` after the row `after` (from its
    /// start when `None`), in the order (table, id). Answers the rows, the
    /// version completed (`v` when this was its last part, else `v - 1`)
    /// and the last row sent while more of `v` remains.
    async fn version_in_pages(
        &self,
        v: i64,
        after: Option<&RecordKey>,
        limit: usize,
    ) -> Result<(Vec<Changed>, i64, Option<RecordKey>), ApiError> {
        let rank = |table: &str| self.tables.iter().position(|t| t.kind().table == table);
        let start = after.and_then(|a| rank(&a.table)).unwrap_or(0);
        let sql: String = self
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!(
                    "SELECT {} FROM {} WHERE version = $v AND {} \
                     AND !$skip_{i} AND record::id(id) > $after_{i} ORDER BY id LIMIT $n; ",
                    t.fields(),
                    t.kind().table,
                    condition(t.kind().access)
                )
            })
            .collect();
        let mut query = self
            .db
            .query(sql)
            .bind(("v", v))
            .bind(("n", limit as i64 + 1));
        for i in 0..self.tables.len() {
            // Per table: skip it (already sent), or the id after which to go on.
            let (skip, after) = match after {
                Some(a) if i == start => (false, a.id.clone()),
                _ => (i < start, String::new()),
            };
            query = query
                .bind((format!("skip_{i}"), skip))
                .bind((format!("after_{i}"), after));
        }
        let mut res = bind_filter(query, &self.filter, self.me)
            .await
            .or_internal()?;
        // The tables in order, each in id order.
        let (mut rows, _) = self.collect(&mut res)?;
        if rows.len() <= limit {
            return Ok((rows, v, None));
        }
        rows.truncate(limit);
        let last = rows.last().map(|c| c.key.clone());
        Ok((rows, v - 1, last))
    }

    /// The records a device asked for again, read with one statement per
    /// table; and those that do not exist.
    async fn refetched(
        &self,
        keys: &[RecordKey],
    ) -> Result<(Vec<Changed>, Vec<RecordKey>), ApiError> {
        let keys = &keys[..keys.len().min(MAX_PULL_ROWS as usize)];
        if keys.is_empty() {
            return Ok((Vec::new(), Vec::new()));
        }
        let sql: String = self
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| format!("SELECT {} FROM $ids_{i}; ", t.fields()))
            .collect();
        let mut query = self.db.query(sql);
        for (i, t) in self.tables.iter().enumerate() {
            let table = t.kind().table;
            let ids: Vec<RecordId> = keys
                .iter()
                .filter(|k| k.table == table)
                .map(|k| RecordId::new(table, k.id.as_str()))
                .collect();
            query = query.bind((format!("ids_{i}"), ids));
        }
        let mut res = query.await.or_internal()?;
        let (found, _) = self.collect(&mut res)?;
        let present: HashSet<&RecordKey> = found.iter().map(|c| &c.key).collect();
        let missing = keys
            .iter()
            .filter(|k| !present.contains(k))
            .cloned()
            .collect();
        Ok((found, missing))
    }

    async fn count_after(&self, v: i64) -> Result<u64, ApiError> {
        // `count() … GROUP ALL` counts as it scans; `count(SELECT id …)`
        // built the list of ids first (a fifth slower over 120,000 rows).
        let counts: Vec<String> = self
            .tables
            .iter()
            .map(|t| {
                format!(
                    "((SELECT count() FROM {} WHERE version > $v AND {} GROUP ALL)[0].count ?? 0)",
                    t.kind().table,
                    condition(t.kind().access)
                )
            })
            .collect();
        let query = self
            .db
            .query(format!("RETURN {}", counts.join(" + ")))
            .bind(("v", v));
        let mut res = bind_filter(query, &self.filter, self.me)
            .await
            .or_internal()?;
        let n: Option<i64> = res.take(0).or_internal()?;
        Ok(n.unwrap_or(0).max(0) as u64)
    }
}
