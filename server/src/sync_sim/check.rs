//! What must hold once the simulated network has healed.

use super::transport::{Shared, SimTransport, lock};
use super::{SimDevice, SimUser};
use anyhow::{Result, anyhow, bail};
use app::backend::Db;
use app::domain::user::Role;
use app::sync::device::Device;
use app::sync::memory_store::MemoryStore;
use app::sync::op::{Op, OpKind};
use app::sync::protocol::{RecordKey, Row};
use app::sync::store::LocalStore;
use app::sync::{kinds, tables};
use axum::Router;
use std::collections::{BTreeMap, HashSet};

async fn rows(store: &MemoryStore) -> Result<BTreeMap<RecordKey, Row>> {
    let mut out = BTreeMap::new();
    for kind in kinds::ALL {
        for r in store.all(kind.table).await.map_err(|e| anyhow!("{e}"))? {
            out.insert(r.key(), r);
        }
    }
    Ok(out)
}

/// What the server holds for a user: a fresh device's full download.
async fn truth(router: &Router, u: &SimUser) -> Result<BTreeMap<RecordKey, Row>> {
    let store = MemoryStore::default();
    let d = Device::open(store.clone(), &u.id, &u.name)
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let net = SimTransport {
        router: router.clone(),
        cookie: u.cookie.clone(),
        net: Shared::new(0, 0.0),
    };
    d.sync(&net, |_| {}).await.map_err(|e| anyhow!("{e}"))?;
    rows(&store).await
}

pub async fn converged(
    db: &Db,
    router: &Router,
    users: &[SimUser],
    devices: &[SimDevice],
) -> Result<()> {
    let mut truths = Vec::new();
    for u in users {
        truths.push(truth(router, u).await?);
    }
    for (i, dev) in devices.iter().enumerate() {
        let outbox = dev.store.outbox().await.map_err(|e| anyhow!("{e}"))?;
        if !outbox.is_empty() {
            bail!(
                "device {i}: {} operations stuck in the outbox",
                outbox.len()
            );
        }
        let refused = lock(&dev.net.net).rejected.clone();
        if let Some((op, reason)) = refused.first() {
            bail!("device {i}: a valid operation was refused: {reason:?} {op:?}");
        }
        let mine = rows(&dev.store).await?;
        let want = &truths[dev.user];
        if mine != *want {
            let diff: Vec<&RecordKey> = want
                .keys()
                .chain(mine.keys())
                .filter(|k| want.get(*k) != mine.get(*k))
                .collect();
            bail!("device {i} differs from the server at {diff:?}");
        }
    }

    // Call logs: exactly the ones made, each once.
    let made: HashSet<String> = devices
        .iter()
        .flat_map(|d| d.calls_made.iter().cloned())
        .collect();
    let mut res = db
        .query("SELECT VALUE record::id(id) FROM call_log")
        .await
        .map_err(|e| anyhow!("{e}"))?;
    let stored: Vec<String> = res.take(0).map_err(|e| anyhow!("{e}"))?;
    let stored_set: HashSet<String> = stored.iter().cloned().collect();
    if stored.len() != stored_set.len() || stored_set != made {
        bail!(
            "call logs: made {}, stored {} ({} distinct)",
            made.len(),
            stored.len(),
            stored_set.len()
        );
    }

    let head = users
        .iter()
        .position(|u| u.role == Role::Head)
        .ok_or_else(|| anyhow!("no head"))?;
    let confirmed: Vec<Op> = devices
        .iter()
        .flat_map(|d| lock(&d.net.net).confirmed.clone())
        .collect();
    acknowledged_writes_kept(&truths[head], &confirmed)
}

/// A record's fields now, for the kinds that keep lost values as
/// conflicts (cards and contracts).
fn fields_now(row: &Row) -> Option<kinds::client::Fields> {
    match row {
        Row::Client { card, .. } => Some(kinds::client::of_card(card)),
        Row::Contract { contract, .. } => Some(kinds::contract::of_input(
            &app::domain::contract::ContractInput::of(&contract.fields),
        )),
        _ => None,
    }
}

/// Every confirmed edit of a card or contract is the field's value now, or
/// was overwritten by an edit made after seeing it, or by the same value,
/// or is kept as a conflict.
fn acknowledged_writes_kept(all: &BTreeMap<RecordKey, Row>, confirmed: &[Op]) -> Result<()> {
    let keeps = |table: &str| kinds::of(table).is_some_and(|k| k.keeps_conflicts());
    let mut unique: BTreeMap<&str, &Op> = BTreeMap::new();
    for op in confirmed.iter().filter(|o| keeps(&o.table)) {
        unique.insert(&op.op_id, op);
    }
    let conflicts: Vec<_> = all
        .values()
        .filter_map(|r| match r {
            Row::Conflict { conflict } => Some(conflict),
            _ => None,
        })
        .collect();
    for op in unique.values() {
        let OpKind::Patch { fields, .. } = &op.kind else {
            continue;
        };
        let key = RecordKey::new(&op.table, &op.record_id);
        let Some(now) = all.get(&key).and_then(fields_now) else {
            bail!(
                "confirmed {} {} is not on the server",
                op.table,
                op.record_id
            );
        };
        for (field, value) in fields {
            if now.get(field) == Some(value) {
                continue;
            }
            let seen_later = unique.values().any(|o| {
                o.table == op.table
                    && o.record_id == op.record_id
                    && o.hlc > op.hlc
                    && matches!(&o.kind, OpKind::Patch { fields: f, base }
                        if f.contains_key(field)
                            && (f.get(field) == Some(value)
                                || base.get(field).is_some_and(|b| *b >= op.hlc)))
            });
            let kept = conflicts.iter().any(|c| {
                let on = match &c.record {
                    Some(r) => *r == key,
                    None => op.table == tables::CLIENT && c.client_id == op.record_id,
                };
                on && c.field == *field && c.lost_value == *value
            });
            if !seen_later && !kept {
                bail!(
                    "confirmed write lost: {} {} field {field} = {value} ({:?})",
                    op.table,
                    op.record_id,
                    op.hlc
                );
            }
        }
    }
    Ok(())
}
