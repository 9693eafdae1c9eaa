//! Stopping and resuming shipments to a client: heads and directors for
//! the clients they work, accounting for any. Saved as reference data (the
//! change counter's next version, audited in the same transaction), so
//! every device that shows the card, logistics' too, pulls it.

use super::Db;
use super::access::Scope;
use super::reference::{self, Write};
use crate::ApiError;
use crate::domain::receivables::shipment_stop::{ShipmentStop, StopInput};
use crate::domain::user::{Me, Role};
use crate::records::shipment_stop::{SHIPMENT_STOP_FIELDS, ShipmentStopRow};
use crate::sync::tables::SHIPMENT_STOP;

/// Sets client `input.client_id`'s stop as asked; answers it as stored.
/// A client the asker may not touch is `NotFound`, as for any card read.
pub async fn save(db: &Db, me: &Me, input: StopInput) -> Result<ShipmentStop, ApiError> {
    if !me.role.stops_shipments() {
        return Err(ApiError::Forbidden);
    }
    let fields = input.validate().map_err(ApiError::Invalid)?;
    let owners = crate::owners::owners_of(db, vec![fields.client_id.clone()]).await?;
    let owner = owners
        .get(&fields.client_id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    if me.role != Role::Accounting {
        let scope = Scope::load(db, me, crate::clock::now()).await?;
        if !scope.works(&fields.client_id, &owner) {
            return Err(ApiError::NotFound);
        }
    }
    let before: Option<ShipmentStopRow> =
        reference::load(db, SHIPMENT_STOP, SHIPMENT_STOP_FIELDS, &fields.client_id).await?;
    let doc = ShipmentStopRow {
        id: fields.client_id.clone(),
        client: fields.client_id.clone(),
        stopped: fields.stopped,
        reason: fields.reason,
        by: me.id.clone(),
        by_name: me.name.clone(),
        at: crate::clock::now(),
        owner: Some(owner),
        version: 0,
    };
    let audited =
        |d: &ShipmentStopRow| serde_json::json!({ "stopped": d.stopped, "reason": d.reason });
    let (action, changes) =
        reference::changes(before.as_ref().map(audited), audited(&doc), SHIPMENT_STOP);
    reference::write(
        db,
        Write {
            table: SHIPMENT_STOP,
            id: doc.id.clone(),
            doc: doc.clone(),
            actor: me.id.clone(),
            action,
            changes,
        },
    )
    .await?;
    Ok(doc.stop())
}
