//! Accounting's list of every client's account (`money/accounts`): read on
//! the server, because accounting's devices hold no cards. It names each
//! client (name, registration number, owner) and its money — balance,
//! overdue, credit limit (the contract in force's, else the card's),
//! shipment stop — and nothing of the sales work.

use super::Db;
use super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::contract::{self, Contract};
use crate::domain::receivables::accounts::{self, AccountsPage, AccountsQuery, Named};
use crate::domain::receivables::document::MoneyDoc;
use crate::domain::receivables::standing::{self, credit_limit};
use crate::domain::user::{Me, Role};
use crate::records::contract::{CONTRACT_FIELDS, ContractDoc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use surrealdb::types::{RecordId, SurrealValue};

#[derive(Debug, Clone, SurrealValue)]
struct CardRow {
    id: String,
    name: String,
    reg_no: Option<String>,
    owner: String,
    credit_limit: Option<Decimal>,
    archived: bool,
}

#[derive(Debug, Clone, SurrealValue)]
struct NameRow {
    id: String,
    name: String,
}

/// The accounts `q` asks for (accounting only).
pub async fn list(db: &Db, me: &Me, q: AccountsQuery) -> Result<AccountsPage, ApiError> {
    if me.role != Role::Accounting {
        return Err(ApiError::Forbidden);
    }
    let docs: Vec<MoneyDoc> = crate::records::money_doc::read(db, None).await?;
    let mut ids: Vec<String> = docs.iter().map(|d| d.fields.client_id.clone()).collect();
    ids.sort();
    ids.dedup();
    let rids: Vec<RecordId> = ids
        .iter()
        .map(|i| RecordId::new("client", i.as_str()))
        .collect();
    let mut res = db
        .query(format!(
            "SELECT record::id(id) AS id, name, reg_no, owner, credit_limit, archived FROM $rids; \
             SELECT record::id(id) AS id, name FROM user; \
             SELECT VALUE client FROM shipment_stop WHERE stopped = true; \
             SELECT {CONTRACT_FIELDS} FROM contract WHERE client IN $ids;"
        ))
        .bind(("rids", rids))
        .bind(("ids", ids))
        .await
        .or_internal()?;
    let cards: Vec<CardRow> = res.take(0).or_internal()?;
    let users: Vec<NameRow> = res.take(1).or_internal()?;
    let stopped: Vec<String> = res.take(2).or_internal()?;
    let contracts: Vec<ContractDoc> = res.take(3).or_internal()?;
    let contracts: Vec<Contract> = contracts
        .into_iter()
        .map(|d| Contract {
            fields: d.fields(),
            by: d.by,
            created_at: d.created_at,
            id: d.id,
        })
        .collect();
    let cards: HashMap<String, CardRow> = cards
        .into_iter()
        .filter(|c| !c.archived)
        .map(|c| (c.id.clone(), c))
        .collect();
    let users: HashMap<String, String> = users.into_iter().map(|u| (u.id, u.name)).collect();
    let today = crate::clock::now().date_naive();
    let all = standing::standings(
        &docs,
        |client| {
            let card = cards.get(client).and_then(|c| c.credit_limit);
            credit_limit(card, contract::in_force(&contracts, client, today))
        },
        today,
    );
    Ok(accounts::page(
        all,
        |id| {
            let c = cards.get(id)?;
            Some(Named {
                name: c.name.clone(),
                reg_no: c.reg_no.clone(),
                owner_name: users.get(&c.owner).cloned().unwrap_or_default(),
                stopped: stopped.iter().any(|s| s == id),
            })
        },
        &q,
    ))
}
