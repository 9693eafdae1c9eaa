//! `kartoteka bench store`: the storage engine's own floor for the rows a
//! push writes — call logs inserted in bulk, cards upserted one statement
//! each, and each card written again per edit round, as `bench sync`'s
//! edits write it — into SurrealKV in a temporary directory with the real
//! schema, with no sync logic around them. It shows how much of `bench
//! sync`'s push time is the database itself. Last line:
//! `store calls=… calls_s=… cards=… cards_s=… edits=… edits_s=… floor_s=…
//! card_rows_s=… rows_floor_s=… folded_card_rows_s=… folded_rows_floor_s=…
//! us_per_call=… us_per_card=…`. `rows_floor_s` writes every card operation
//! as a card write of its own; `folded_rows_floor_s` writes each card once
//! with all its operations' rows, as a push does when a card's edits ride
//! with its creation. Every row names its user and device by ids as long
//! as the push's, so its rows are as long as the push's.

use anyhow::Result;
use app::backend::client_rows::{ClientDoc, ContactDoc, ContactWrite, StoredCard};
use app::backend::records::call_log::CallDoc;
use app::backend::records::push::{AuditRow, SyncOpRow};
use chrono::{DateTime, Utc};
use std::time::Instant;
use surrealdb::types::SurrealValue;

/// A card as the push writes it: its id and the stored row.
#[derive(Debug, Clone, SurrealValue)]
struct Card {
    id: String,
    doc: StoredCard,
}

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Who writes, as a push's rows name them: a user and a device by their
/// ids (uuids, as `user add` and a device make them), so each row is as
/// long as the push's own.
struct Who {
    user: String,
    device: String,
}

pub async fn run(calls: usize, cards: usize, edits: usize, batch: usize) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("surrealkv://{}", dir.path().join("db").display());
    let db = crate::db::open(&url).await?;
    let now = Utc::now();
    let batch = batch.max(1);
    let who = Who {
        user: id(),
        device: id(),
    };

    let t = Instant::now();
    // As a push's: spread over the cards.
    let clients: Vec<String> = (0..cards.max(1)).map(|_| id()).collect();
    for (n, start) in (0..calls).step_by(batch).enumerate() {
        // The real row a pushed call is stored as.
        let rows: Vec<CallDoc> = (start..(start + batch).min(calls))
            .map(|i| CallDoc {
                id: id(),
                client: clients[i % clients.len()].clone(),
                contact: None,
                at: now,
                direction: "outgoing".into(),
                outcome: "connected".into(),
                kind: "ordinary".into(),
                duration_s: 60,
                // `bench sync`'s calls carry no note.
                note: None,
                by: who.user.clone(),
                on_behalf_of: None,
                logged_at: now,
                owner: Some(who.user.clone()),
                version: n as i64 + 1,
                op: Some(id()),
                device: Some(who.device.clone()),
            })
            .collect();
        db.query("BEGIN; INSERT INTO call_log $rows RETURN NONE; COMMIT;")
            .bind(("rows", rows))
            .await?
            .check()?;
    }
    let calls_s = t.elapsed().as_secs_f64();

    let clocks = format!(
        "{{{}}}",
        (0..20)
            .map(|k| format!(
                r#""field{k}":{{"hlc":{{"millis":{},"counter":0,"device":"{}"}},"by":"{}"}}"#,
                1_795_000_000_000u64 + k,
                id(),
                id()
            ))
            .collect::<Vec<_>>()
            .join(",")
    );
    let mut version = calls.div_ceil(batch) as i64;
    let rounds = Rounds {
        cards,
        edits,
        batch,
        clocks: &clocks,
        now,
        who: &who,
    };
    let round_s = rounds.run(&db, &mut version, false).await?;
    let all_s = rounds.run(&db, &mut version, true).await?;
    let folded_s = rounds.folded(&db, &mut version).await?;
    let cards_s = round_s[0];
    let edits_s: f64 = round_s[1..].iter().sum();
    let rows_s: f64 = all_s.iter().sum();
    crate::db::close(db, &url).await;
    let per = |s: f64, n: usize| if n == 0 { 0.0 } else { s * 1e6 / n as f64 };
    println!(
        "store calls={calls} calls_s={calls_s:.2} cards={cards} cards_s={cards_s:.2} \
         edits={} edits_s={edits_s:.2} floor_s={:.2} card_rows_s={rows_s:.2} rows_floor_s={:.2} \
         folded_card_rows_s={folded_s:.2} folded_rows_floor_s={:.2} us_per_call={:.0} us_per_card={:.0}",
        cards * edits,
        calls_s + cards_s + edits_s,
        calls_s + rows_s,
        calls_s + folded_s,
        per(calls_s, calls),
        per(cards_s, cards)
    );
    Ok(())
}

/// The card rounds: every card created, then written again per edit round,
/// a batch per transaction.
struct Rounds<'a> {
    cards: usize,
    edits: usize,
    batch: usize,
    clocks: &'a str,
    now: DateTime<Utc>,
    who: &'a Who,
}

impl Rounds<'_> {
    /// Seconds per round. With `all_rows`, each card write also writes what
    /// a push writes beside it: its operation's answer (`sync_op`), its
    /// audit entry, and, when created, its contact.
    async fn run(
        &self,
        db: &app::backend::Db,
        version: &mut i64,
        all_rows: bool,
    ) -> Result<Vec<f64>> {
        let ids: Vec<String> = (0..self.cards).map(|_| id()).collect();
        let mut round_s = Vec::new();
        for round in 0..=self.edits {
            let t = Instant::now();
            for chunk in ids.chunks(self.batch) {
                *version += 1;
                let v = *version;
                let rows: Vec<Card> = self.cards_of(chunk, v, round);
                let (ops, audits, contacts) = if all_rows {
                    beside(chunk, round, self.now, self.who)
                } else {
                    Default::default()
                };
                write(db, rows, ops, audits, contacts).await?;
            }
            round_s.push(t.elapsed().as_secs_f64());
        }
        Ok(round_s)
    }

    /// Seconds to write what a push writes when a card's edits ride with
    /// its creation (see the device's batches): each card once, in its
    /// last state, with every operation's answer and audit entry, as many
    /// cards per transaction as fit a push's 1000 operations.
    async fn folded(&self, db: &app::backend::Db, version: &mut i64) -> Result<f64> {
        let ids: Vec<String> = (0..self.cards).map(|_| id()).collect();
        let per_batch = (self.batch / (self.edits + 1)).max(1);
        let t = Instant::now();
        for chunk in ids.chunks(per_batch) {
            *version += 1;
            let rows = self.cards_of(chunk, *version, self.edits);
            let (mut ops, mut audits, contacts) = beside(chunk, 0, self.now, self.who);
            for round in 1..=self.edits {
                let (o, a, _) = beside(chunk, round, self.now, self.who);
                ops.extend(o);
                audits.extend(a);
            }
            write(db, rows, ops, audits, contacts).await?;
        }
        Ok(t.elapsed().as_secs_f64())
    }

    fn cards_of(&self, chunk: &[String], v: i64, round: usize) -> Vec<Card> {
        chunk
            .iter()
            .enumerate()
            .map(|(i, id)| Card {
                id: id.clone(),
                doc: StoredCard {
                    doc: ClientDoc {
                        kind: "company".into(),
                        name: format!("SIA Etalons {v}-{i}"),
                        name_key: format!("sia etalons {v}-{i}"),
                        reg_no: None,
                        vat_no: None,
                        segment: "prospect".into(),
                        source: "other".into(),
                        owner: self.who.user.clone(),
                        address: None,
                        city: Some("Rīga".into()),
                        website: None,
                        price_type: None,
                        payment_terms_days: None,
                        credit_limit: None,
                        tags: Vec::new(),
                        needs: Some(format!("Labojums {round}")),
                        scheme: None,
                        search: format!("sia etalons {v} {i} riga janis berzins"),
                        primary_phone: Some("+37129000000".into()),
                        primary_email: Some("janis@etalons.lv".into()),
                        archived: false,
                        created_at: self.now,
                        created_by: self.who.user.clone(),
                        updated_at: self.now,
                        updated_by: self.who.user.clone(),
                        version: v,
                        former_owners: Vec::new(),
                    },
                    clocks: self.clocks.to_string(),
                },
            })
            .collect()
    }
}

/// One transaction: the cards, their contacts, answers and audit entries.
async fn write(
    db: &app::backend::Db,
    rows: Vec<Card>,
    ops: Vec<SyncOpRow>,
    audits: Vec<AuditRow>,
    contacts: Vec<ContactWrite>,
) -> Result<()> {
    db.query(
                    "BEGIN; FOR $c IN $rows { \
                       UPSERT type::record('client', $c.id) CONTENT $c.doc RETURN NONE; \
                     }; \
                     FOR $k IN $contacts { UPSERT type::record('contact', $k.id) CONTENT $k.doc RETURN NONE; }; \
                     IF array::len($ops) > 0 { INSERT INTO sync_op $ops RETURN NONE; }; \
                     IF array::len($audits) > 0 { INSERT INTO audit $audits RETURN NONE; }; \
                     COMMIT;",
                )
                .bind(("rows", rows))
                .bind(("ops", ops))
                .bind(("audits", audits))
                .bind(("contacts", contacts))
                .await?
                .check()?;
    Ok(())
}

/// The rows a push writes beside its cards: the push's own row types.
fn beside(
    chunk: &[String],
    round: usize,
    now: DateTime<Utc>,
    who: &Who,
) -> (Vec<SyncOpRow>, Vec<AuditRow>, Vec<ContactWrite>) {
    let ops = chunk
        .iter()
        .map(|card| SyncOpRow {
            id: surrealdb::types::RecordId::new("sync_op", id()),
            user: who.user.clone(),
            device: who.device.clone(),
            record: format!("client:{card}"),
            status: "applied".into(),
            reason: None,
            at: now,
        })
        .collect();
    let audits = chunk
        .iter()
        .map(|card| AuditRow {
            id: AuditRow::next_id(),
            at: now,
            made_at: Some(now),
            actor: who.user.clone(),
            action: if round == 0 { "client.create" } else { "client.update" }.into(),
            record: card.clone(),
            // A created card's entry as the push writes it: every field
            // filled in (see `audit::diff`).
            changes: if round == 0 {
                serde_json::json!({
                    "name": { "old": null, "new": "SIA Etalons" },
                    "city": { "old": null, "new": "Rīga" },
                    "kind": { "old": null, "new": "company" },
                    "segment": { "old": null, "new": "prospect" },
                    "source": { "old": null, "new": "other" },
                    "owner_id": { "old": null, "new": who.user },
                    "contacts": { "old": null, "new": [{ "id": id(), "name": "Jānis Bērziņš",
                        "phones": ["+37129000000"], "emails": ["janis@etalons.lv"],
                        "birthday": "", "notes": "", "position": "" }] },
                })
            } else {
                serde_json::json!({ "needs": { "old": "Labojums", "new": format!("Labojums {round}") } })
            },
            device: Some(who.device.clone()),
            on_behalf_of: None,
        })
        .collect();
    let contacts = if round == 0 {
        chunk
            .iter()
            .map(|card| ContactWrite {
                id: id(),
                doc: ContactDoc {
                    client: card.clone(),
                    pos: 0,
                    name: "Jānis Bērziņš".into(),
                    position: None,
                    phones: vec!["+37129000000".into()],
                    emails: vec!["janis@etalons.lv".into()],
                    birthday: None,
                    notes: None,
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    (ops, audits, contacts)
}
