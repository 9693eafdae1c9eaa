//! Pull: the rows a device may see that changed after its cursor, in version
//! order, a page at a time; rows it may no longer see come back as "gone".

use super::access::{QueryFilter, Scope, Sight};
use super::client_rows::{CLIENT_FIELDS, CONTACT_FIELDS, ClientRow, ContactRow};
use super::db_error::OrInternal;
use super::sync_calls::{CALL_FIELDS, CallRow};
use super::sync_cards;
use super::sync_follow_ups::{FOLLOW_UP_FIELDS, FollowUpRow};
use super::{Db, users, version};
use crate::ApiError;
use crate::domain::client::ClientFields;
use crate::domain::field_conflict::FieldConflict;
use crate::domain::user::Me;
use crate::sync::hlc::Hlc;
use crate::sync::protocol::{Cursor, MAX_PULL_ROWS, PullAnswer, PullRequest, RecordKey, Row};
use crate::sync::tables;
use std::collections::{BTreeMap, HashMap};
use surrealdb::types::{RecordId, SurrealValue, Value};

#[derive(Debug, Clone, SurrealValue)]
struct ClientWithClocks {
    #[surreal(flatten)]
    row: ClientRow,
    clocks: String,
}

const CONFLICT_FIELDS: &str = "record::id(id) AS id, client, field, lost_value, lost_by, \
    lost_hlc, winner_by, winner_hlc, resolved, owner, version";

#[derive(Debug, Clone, SurrealValue)]
struct ConflictRow {
    id: String,
    client: String,
    field: String,
    lost_value: serde_json::Value,
    lost_by: String,
    lost_hlc: serde_json::Value,
    winner_by: String,
    winner_hlc: serde_json::Value,
    resolved: bool,
    /// The client's owner (see `CallDoc::owner`).
    owner: Option<String>,
    version: i64,
}

/// A changed row before visibility and assembly.
enum Changed {
    Client(Box<ClientWithClocks>),
    Call(CallRow),
    Conflict(ConflictRow),
    FollowUp(Box<FollowUpRow>),
}

impl Changed {
    fn key(&self) -> RecordKey {
        match self {
            Changed::Client(c) => RecordKey::new(tables::CLIENT, &c.row.id),
            Changed::Call(c) => RecordKey::new(tables::CALL_LOG, &c.id),
            Changed::Conflict(c) => RecordKey::new(tables::CONFLICT, &c.id),
            Changed::FollowUp(f) => RecordKey::new(tables::FOLLOW_UP, &f.id),
        }
    }

    fn version(&self) -> i64 {
        match self {
            Changed::Client(c) => c.row.doc.version,
            Changed::Call(c) => c.version,
            Changed::Conflict(c) => c.version,
            Changed::FollowUp(f) => f.version,
        }
    }
}

pub async fn pull(db: &Db, me: &Me, req: &PullRequest) -> Result<PullAnswer, ApiError> {
    let scope = Scope::load(db, me, super::clock::now()).await?;
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
    let filter = scope.query_filter();
    let (mut changed, upto, within) = match within {
        // In the middle of one large change: go on with it.
        Some(after) => version_in_pages(db, &filter, since + 1, Some(&after), limit).await?,
        None => changed_since(db, &filter, since, limit, current).await?,
    };
    let (again, missing) = refetched(db, &req.refetch).await?;
    changed.extend(again);
    let more = upto < current || within.is_some();
    let remaining = match (req.count, more) {
        (false, _) => None,
        (true, false) => Some(0),
        (true, true) => Some(count_after(db, &filter, upto).await?),
    };
    // Calls, conflicts and follow-ups are sales activity: only for those
    // who work the client. Each row carries its client's owner (the query
    // already filtered by it; refetched rows were not filtered).
    let visible_client =
        |id: &str, owner: &Option<String>| scope.works(id, owner.as_deref().unwrap_or_default());
    let names = users::names(db).await?;
    let mut rows = Vec::new();
    let mut gone = missing;
    let mut visible_cards = Vec::new();
    for c in changed {
        match c {
            Changed::Client(c) if scope.sees(&c.row.id, &c.row.doc.owner) => {
                let sight = scope.sight(&c.row.id, &c.row.doc.owner);
                visible_cards.push((c, sight))
            }
            Changed::Client(c) => gone.push(RecordKey::new(tables::CLIENT, &c.row.id)),
            Changed::Call(l) if visible_client(&l.doc.client, &l.doc.owner) => {
                rows.push(Row::CallLog { call: l.call() })
            }
            Changed::Call(l) => gone.push(RecordKey::new(tables::CALL_LOG, &l.id)),
            Changed::Conflict(x) if visible_client(&x.client, &x.owner) => {
                rows.push(Row::Conflict {
                    conflict: conflict(x, &names),
                })
            }
            Changed::Conflict(x) => gone.push(RecordKey::new(tables::CONFLICT, &x.id)),
            Changed::FollowUp(f) if visible_client(&f.doc.client, &f.doc.owner) => {
                let (follow_up, clocks) = f.follow_up();
                rows.push(Row::FollowUp { follow_up, clocks })
            }
            Changed::FollowUp(f) => gone.push(RecordKey::new(tables::FOLLOW_UP, &f.id)),
        }
    }
    let mut contacts = contacts_of(
        db,
        visible_cards
            .iter()
            .map(|(c, _)| c.row.id.clone())
            .collect(),
    )
    .await?;
    for (c, sight) in visible_cards {
        let stamps = sync_cards::stamps_from_db(&c.clocks);
        let mut clocks: BTreeMap<String, Hlc> =
            stamps.into_iter().map(|(k, s)| (k, s.hlc)).collect();
        let own = contacts.remove(&c.row.id).unwrap_or_default();
        let mut card = c
            .row
            .card(own.into_iter().map(ContactRow::contact).collect(), &names);
        if sight == Sight::Basic {
            // Commercial terms never reach a device that may not see them,
            // not even as the stamps of their last change.
            card.fields = card.fields.without_commercial_terms();
            clocks.retain(|k, _| !ClientFields::COMMERCIAL.contains(&k.as_str()));
        }
        rows.push(Row::Client {
            card: Box::new(card),
            clocks,
        });
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

/// Changed rows after `since`, at most `limit`, whole versions (pushes) at
/// a time where they fit; and the version they reach (with the last row
/// sent, when one version larger than a page is being sent in parts).
/// `current` is the counter read *before* the rows, so a commit racing this
/// read is sent again next time rather than skipped.
async fn changed_since(
    db: &Db,
    filter: &QueryFilter,
    since: i64,
    limit: usize,
    current: i64,
) -> Result<(Vec<Changed>, i64, Option<RecordKey>), ApiError> {
    let (cards, activity) = (QueryFilter::CARDS, QueryFilter::ACTIVITY);
    let query = db
        .query(format!(
            "SELECT {CLIENT_FIELDS}, clocks FROM client WHERE version > $since AND {cards} \
             ORDER BY version LIMIT $n; \
             SELECT {CALL_FIELDS} FROM call_log WHERE version > $since AND {activity} \
             ORDER BY version LIMIT $n; \
             SELECT {CONFLICT_FIELDS} FROM conflict WHERE version > $since AND {activity} \
             ORDER BY version LIMIT $n; \
             SELECT {FOLLOW_UP_FIELDS} FROM follow_up WHERE version > $since AND {activity} \
             ORDER BY version LIMIT $n;"
        ))
        .bind(("since", since))
        .bind(("n", limit as i64));
    let mut res = filter.bind(query).await.or_internal()?;
    let clients: Vec<ClientWithClocks> = res.take(0).or_internal()?;
    let calls: Vec<CallRow> = res.take(1).or_internal()?;
    let conflicts: Vec<ConflictRow> = res.take(2).or_internal()?;
    let follow_ups: Vec<FollowUpRow> = res.take(3).or_internal()?;
    let truncated = clients.len() == limit
        || calls.len() == limit
        || conflicts.len() == limit
        || follow_ups.len() == limit;
    let mut all = assemble(clients, calls, conflicts, follow_ups);
    all.sort_by_key(Changed::version);
    if !truncated {
        // Nothing was cut off: this page reaches the newest version.
        let upto = all.last().map_or(since, Changed::version).max(current);
        return Ok((all, upto, None));
    }
    all.truncate(limit);
    let last = all.last().map_or(since, Changed::version);
    let first = all.first().map_or(since, Changed::version);
    if first == last {
        // One change larger than a page: send it in parts.
        return version_in_pages(db, filter, last, None, limit).await;
    }
    // The last version may continue past the cut: leave it for the next page.
    all.retain(|c| c.version() < last);
    let upto = all.last().map_or(since, Changed::version);
    Ok((all, upto, None))
}

/// The tables of a version in the order its parts are sent.
const PART_ORDER: [&str; 4] = [
    tables::CLIENT,
    tables::CALL_LOG,
    tables::CONFLICT,
    tables::FOLLOW_UP,
];

/// Up to `limit` rows of version `v` after the row `after` (from its start
/// when `None`), in the order (table, id). Answers the rows, the version
/// completed (`v` when this was its last part, else `v - 1`) and the last
/// row sent while more of `v` remains.
async fn version_in_pages(
    db: &Db,
    filter: &QueryFilter,
    v: i64,
    after: Option<&RecordKey>,
    limit: usize,
) -> Result<(Vec<Changed>, i64, Option<RecordKey>), ApiError> {
    let rank = |table: &str| PART_ORDER.iter().position(|t| *t == table);
    let start = after.and_then(|a| rank(&a.table)).unwrap_or(0);
    // Per table: skip it (already sent), or the ids after which to go on.
    let part = |table: &str| -> (bool, String) {
        let r = rank(table).unwrap_or(0);
        match after {
            Some(a) if r == start => (false, a.id.clone()),
            _ => (r < start, String::new()),
        }
    };
    let (cards, activity) = (QueryFilter::CARDS, QueryFilter::ACTIVITY);
    let rest = "record::id(id) > $after_";
    let query = db
        .query(format!(
            "SELECT {CLIENT_FIELDS}, clocks FROM client WHERE version = $v AND {cards} \
             AND !$skip_0 AND {rest}0 ORDER BY id LIMIT $n; \
             SELECT {CALL_FIELDS} FROM call_log WHERE version = $v AND {activity} \
             AND !$skip_1 AND {rest}1 ORDER BY id LIMIT $n; \
             SELECT {CONFLICT_FIELDS} FROM conflict WHERE version = $v AND {activity} \
             AND !$skip_2 AND {rest}2 ORDER BY id LIMIT $n; \
             SELECT {FOLLOW_UP_FIELDS} FROM follow_up WHERE version = $v AND {activity} \
             AND !$skip_3 AND {rest}3 ORDER BY id LIMIT $n;"
        ))
        .bind(("v", v))
        .bind(("n", limit as i64 + 1));
    let query = PART_ORDER.iter().enumerate().fold(query, |q, (i, table)| {
        let (skip, after) = part(table);
        q.bind((format!("skip_{i}"), skip))
            .bind((format!("after_{i}"), after))
    });
    let mut res = filter.bind(query).await.or_internal()?;
    let clients: Vec<ClientWithClocks> = res.take(0).or_internal()?;
    let calls: Vec<CallRow> = res.take(1).or_internal()?;
    let conflicts: Vec<ConflictRow> = res.take(2).or_internal()?;
    let follow_ups: Vec<FollowUpRow> = res.take(3).or_internal()?;
    // `assemble` keeps the table order; each table came in id order.
    let mut rows = assemble(clients, calls, conflicts, follow_ups);
    if rows.len() <= limit {
        return Ok((rows, v, None));
    }
    rows.truncate(limit);
    let last = rows.last().map(Changed::key);
    Ok((rows, v - 1, last))
}

fn assemble(
    clients: Vec<ClientWithClocks>,
    calls: Vec<CallRow>,
    conflicts: Vec<ConflictRow>,
    follow_ups: Vec<FollowUpRow>,
) -> Vec<Changed> {
    clients
        .into_iter()
        .map(|c| Changed::Client(Box::new(c)))
        .chain(calls.into_iter().map(Changed::Call))
        .chain(conflicts.into_iter().map(Changed::Conflict))
        .chain(
            follow_ups
                .into_iter()
                .map(|f| Changed::FollowUp(Box::new(f))),
        )
        .collect()
}

/// The records a device asked for again, read with one statement per
/// table; and those that do not exist.
async fn refetched(
    db: &Db,
    keys: &[RecordKey],
) -> Result<(Vec<Changed>, Vec<RecordKey>), ApiError> {
    let keys = &keys[..keys.len().min(MAX_PULL_ROWS as usize)];
    if keys.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let ids = |table: &str| -> Vec<RecordId> {
        keys.iter()
            .filter(|k| k.table == table)
            .map(|k| RecordId::new(table, k.id.as_str()))
            .collect()
    };
    let mut res = db
        .query(format!(
            "SELECT {CLIENT_FIELDS}, clocks FROM $clients; \
             SELECT {CALL_FIELDS} FROM $calls; \
             SELECT {CONFLICT_FIELDS} FROM $conflicts; \
             SELECT {FOLLOW_UP_FIELDS} FROM $follow_ups;"
        ))
        .bind(("clients", ids(tables::CLIENT)))
        .bind(("calls", ids(tables::CALL_LOG)))
        .bind(("conflicts", ids(tables::CONFLICT)))
        .bind(("follow_ups", ids(tables::FOLLOW_UP)))
        .await
        .or_internal()?;
    let clients: Vec<ClientWithClocks> = res.take(0).or_internal()?;
    let calls: Vec<CallRow> = res.take(1).or_internal()?;
    let conflicts: Vec<ConflictRow> = res.take(2).or_internal()?;
    let follow_ups: Vec<FollowUpRow> = res.take(3).or_internal()?;
    let found = assemble(clients, calls, conflicts, follow_ups);
    let present: std::collections::HashSet<RecordKey> = found.iter().map(Changed::key).collect();
    let missing = keys
        .iter()
        .filter(|k| !present.contains(*k))
        .cloned()
        .collect();
    Ok((found, missing))
}

async fn count_after(db: &Db, filter: &QueryFilter, v: i64) -> Result<u64, ApiError> {
    let (cards, activity) = (QueryFilter::CARDS, QueryFilter::ACTIVITY);
    let query = db
        .query(format!(
            "RETURN count(SELECT id FROM client WHERE version > $v AND {cards}) \
             + count(SELECT id FROM call_log WHERE version > $v AND {activity}) \
             + count(SELECT id FROM conflict WHERE version > $v AND {activity}) \
             + count(SELECT id FROM follow_up WHERE version > $v AND {activity})"
        ))
        .bind(("v", v));
    let mut res = filter.bind(query).await.or_internal()?;
    let n: Option<i64> = res.take(0).or_internal()?;
    Ok(n.unwrap_or(0).max(0) as u64)
}

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

fn conflict(x: ConflictRow, names: &HashMap<String, String>) -> FieldConflict {
    let hlc = |v: serde_json::Value| serde_json::from_value(v).unwrap_or_else(|_| Hlc::zero(""));
    FieldConflict {
        id: x.id,
        client_id: x.client,
        field: x.field,
        lost_value: x.lost_value,
        lost_by_name: names
            .get(&x.lost_by)
            .cloned()
            .unwrap_or_else(|| x.lost_by.clone()),
        lost_by: x.lost_by,
        lost_hlc: hlc(x.lost_hlc),
        winner_by: x.winner_by,
        winner_hlc: hlc(x.winner_hlc),
        resolved: x.resolved,
    }
}
