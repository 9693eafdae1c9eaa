//! Signed contract scans on the server: attached and opened only by those
//! who work the contract's client (checked against the stored contract),
//! each attachment audited. The bytes stay here; devices ask for them.

use crate::access::Sight;
use crate::db_error::OrInternal;
use crate::domain::contract_scan::{Media, ScanFile, ScanInfo, ScanUpload, encode};
use crate::domain::user::Me;
use crate::{ApiError, Db, clients, records, users};

use chrono::{DateTime, Utc};
use surrealdb::types::{Bytes, RecordId, SurrealValue};

const TABLE: &str = "contract_scan";

#[derive(Debug, Clone, SurrealValue)]
struct ScanDoc {
    client: String,
    file_name: String,
    media: String,
    size: i64,
    /// Left out when only what is attached is asked.
    bytes: Option<Bytes>,
    by: String,
    at: DateTime<Utc>,
}

/// The contract's client, if `me` works it; `NotFound` otherwise (whether
/// the contract exists is not told to those who may not see it).
pub(crate) async fn worked_client(db: &Db, me: &Me, contract_id: &str) -> Result<String, ApiError> {
    let client = records::contract::client_of(db, contract_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if clients::sight_of(db, me, &client).await? != Sight::Full {
        return Err(ApiError::NotFound);
    }
    Ok(client)
}

/// Attaches (or replaces) the contract's scan.
pub async fn save(db: &Db, me: &Me, upload: &ScanUpload) -> Result<ScanInfo, ApiError> {
    let client = worked_client(db, me, &upload.contract_id).await?;
    let valid = upload.validate()?;
    let at = crate::clock::now();
    let size = valid.bytes.len() as i64;
    let doc = ScanDoc {
        client,
        file_name: valid.file_name.clone(),
        media: valid.media.code().into(),
        size,
        bytes: Some(Bytes::from(valid.bytes)),
        by: me.id.clone(),
        at,
    };
    let changes = serde_json::json!({
        "scan": { "old": null, "new": { "file_name": valid.file_name, "size": size } }
    });
    db.query(
        "BEGIN TRANSACTION; \
         UPSERT $id CONTENT $doc RETURN NONE; \
         CREATE audit CONTENT { at: $at, actor: $me, action: 'contract.scan', \
           record: $contract, changes: $changes, device: $device }; \
         COMMIT TRANSACTION;",
    )
    .bind(("id", RecordId::new(TABLE, upload.contract_id.as_str())))
    .bind(("doc", doc))
    .bind(("at", at))
    .bind(("me", me.id.clone()))
    .bind(("contract", upload.contract_id.clone()))
    .bind(("changes", changes))
    .bind(("device", crate::request::request_info().user_agent))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    Ok(ScanInfo {
        contract_id: upload.contract_id.clone(),
        file_name: valid.file_name,
        media: valid.media,
        size: size as u64,
        by: me.name.clone(),
        at,
    })
}

async fn stored(db: &Db, contract_id: &str, with_bytes: bool) -> Result<Option<ScanDoc>, ApiError> {
    // Without the bytes, saying what is attached stays cheap.
    let fields = if with_bytes {
        "client, file_name, media, size, bytes, by, at"
    } else {
        "client, file_name, media, size, by, at"
    };
    let mut res = db
        .query(format!("SELECT {fields} FROM ONLY $id"))
        .bind(("id", RecordId::new(TABLE, contract_id)))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

async fn info_of(db: &Db, contract_id: &str, doc: &ScanDoc) -> Result<ScanInfo, ApiError> {
    let names = users::names(db).await?;
    Ok(ScanInfo {
        contract_id: contract_id.to_string(),
        file_name: doc.file_name.clone(),
        media: Media::parse(&doc.media)
            .ok_or(ApiError::Internal("a scan of no known kind".into()))?,
        size: doc.size.max(0) as u64,
        by: names.get(&doc.by).cloned().unwrap_or_default(),
        at: doc.at,
    })
}

/// What is attached to the contract, if anything.
pub async fn info(db: &Db, me: &Me, contract_id: &str) -> Result<Option<ScanInfo>, ApiError> {
    worked_client(db, me, contract_id).await?;
    match stored(db, contract_id, false).await? {
        Some(doc) => Ok(Some(info_of(db, contract_id, &doc).await?)),
        None => Ok(None),
    }
}

/// The scan itself, for opening on the device that asked.
pub async fn fetch(db: &Db, me: &Me, contract_id: &str) -> Result<ScanFile, ApiError> {
    worked_client(db, me, contract_id).await?;
    let doc = stored(db, contract_id, true)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(ScanFile {
        info: info_of(db, contract_id, &doc).await?,
        data: encode(doc.bytes.as_deref().map_or(&[][..], |b| &b[..])),
    })
}
