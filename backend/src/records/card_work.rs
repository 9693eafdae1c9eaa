//! A client card as a push batch works on it: the stored card with its
//! contacts and field stamps, loaded once per batch, and the document the
//! write stores once an operation changed it.

use crate::card_rules::contact_fields;
use crate::client_rows::{
    CLIENT_FIELDS, CONTACT_FIELDS, ClientDoc, ClientRow, ContactDoc, ContactRow, ContactWrite,
    Stamp,
};
use crate::db_error::OrInternal;
use crate::domain::client_input::ValidClient;
use crate::domain::user::Me;
use crate::sync::hlc::Hlc;
use crate::sync::kinds::{self, client::Fields};
use crate::{ApiError, Db};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use surrealdb::types::{RecordId, SurrealValue, Value};

/// Who wrote a field last, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldStamp {
    pub hlc: Hlc,
    pub by: String,
}

/// A card's field stamps as stored: JSON text (see migration 3). Text that
/// does not parse counts as "never written through sync".
pub fn stamps_from_db(text: &str) -> BTreeMap<String, FieldStamp> {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn stamps_to_db(stamps: &BTreeMap<String, FieldStamp>) -> String {
    serde_json::to_string(stamps).unwrap_or_else(|_| "{}".into())
}

/// A card as a push batch works on it.
#[derive(Debug, Clone)]
pub struct CardWork {
    pub id: String,
    /// The stored version when loaded (`None`: a new card); the write checks
    /// nobody changed it meanwhile.
    pub loaded_version: Option<i64>,
    pub owner: String,
    /// The owner when loaded (`None`: a new card).
    pub stored_owner: Option<String>,
    /// Owners it was reassigned away from before.
    pub former_owners: Vec<String>,
    /// The registration number stored when loaded: a write that changes it
    /// frees it for another card.
    pub stored_reg_no: Option<String>,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub contact_ids: Vec<String>,
    /// The contacts stored when loaded: those no longer in `contact_ids`
    /// are deleted by the write, unchanged ones are not written again.
    pub stored_contacts: Vec<ContactWrite>,
    pub fields: Fields,
    pub stamps: BTreeMap<String, FieldStamp>,
    /// Set once an operation changed it: what to write.
    pub valid: Option<ValidClient>,
    pub contact_writes: Vec<ContactWrite>,
}

impl CardWork {
    pub async fn load(db: &Db, id: &str) -> Result<Option<CardWork>, ApiError> {
        let mut many = Self::load_many(db, &[id.to_string()]).await?;
        Ok(many.remove(id))
    }

    /// The stored cards among `ids`, with their contacts and clocks, in two
    /// reads whatever their number.
    pub async fn load_many(db: &Db, ids: &[String]) -> Result<HashMap<String, CardWork>, ApiError> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        #[derive(SurrealValue)]
        struct WithClocks {
            #[surreal(flatten)]
            row: ClientRow,
            clocks: String,
        }
        #[derive(SurrealValue)]
        struct OfCard {
            client: String,
            #[surreal(flatten)]
            row: ContactRow,
        }
        let rids: Vec<RecordId> = ids
            .iter()
            .map(|i| RecordId::new("client", i.as_str()))
            .collect();
        let mut res = db
            .query(format!(
                "SELECT {CLIENT_FIELDS}, clocks FROM $rids; \
                 SELECT client, {CONTACT_FIELDS}, pos FROM contact WHERE client IN $ids ORDER BY pos"
            ))
            .bind(("rids", rids))
            .bind(("ids", ids.to_vec()))
            .await
            .or_internal()?;
        let rows: Vec<WithClocks> = res.take(0).or_internal()?;
        let contacts: Vec<OfCard> = res.take(1).or_internal()?;
        let mut by_card: HashMap<String, Vec<ContactRow>> = HashMap::new();
        for c in contacts {
            by_card.entry(c.client).or_default().push(c.row);
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let own = by_card.remove(&r.row.id).unwrap_or_default();
                let work = Self::from_parts(r.row, own, r.clocks);
                (work.id.clone(), work)
            })
            .collect())
    }

    fn from_parts(row: ClientRow, contacts: Vec<ContactRow>, clocks: String) -> CardWork {
        let contact_ids: Vec<String> = contacts.iter().map(|c| c.id.clone()).collect();
        let id_of = row.id.clone();
        let stored_contacts = contacts
            .iter()
            .enumerate()
            .map(|(pos, c)| ContactWrite {
                id: c.id.clone(),
                doc: ContactDoc::new(&id_of, pos, &c.clone().contact().fields),
            })
            .collect();
        let stamps = stamps_from_db(&clocks);
        let doc = row.doc.clone();
        let id = row.id.clone();
        let card = row.card(
            contacts.into_iter().map(|c| c.contact()).collect(),
            &HashMap::new(),
        );
        CardWork {
            id,
            loaded_version: Some(doc.version),
            stored_owner: Some(doc.owner.clone()),
            former_owners: doc.former_owners,
            stored_reg_no: doc.reg_no,
            owner: doc.owner,
            archived: doc.archived,
            created_at: doc.created_at,
            created_by: doc.created_by,
            stored_contacts,
            contact_ids,
            fields: kinds::client::of_card(&card),
            stamps,
            valid: None,
            contact_writes: Vec::new(),
        }
    }

    pub(super) fn new_card(id: &str, me: &Me) -> CardWork {
        CardWork {
            id: id.to_string(),
            loaded_version: None,
            stored_owner: None,
            former_owners: Vec::new(),
            stored_reg_no: None,
            owner: me.id.clone(),
            archived: false,
            created_at: Utc::now(),
            created_by: me.id.clone(),
            contact_ids: Vec::new(),
            stored_contacts: Vec::new(),
            fields: Fields::new(),
            stamps: BTreeMap::new(),
            valid: None,
            contact_writes: Vec::new(),
        }
    }

    /// Stored contacts the card no longer has.
    pub fn removed_contacts(&self) -> Vec<String> {
        self.stored_contacts
            .iter()
            .filter(|c| !self.contact_ids.contains(&c.id))
            .map(|c| c.id.clone())
            .collect()
    }

    /// Contacts to write: new or changed since loaded.
    pub fn changed_contacts(&self) -> impl Iterator<Item = &ContactWrite> {
        self.contact_writes
            .iter()
            .filter(|c| !self.stored_contacts.contains(c))
    }

    pub fn clocks(&self) -> BTreeMap<String, Hlc> {
        self.stamps
            .iter()
            .map(|(k, s)| (k.clone(), s.hlc.clone()))
            .collect()
    }

    /// The document to store, once an operation changed the card.
    pub fn doc(&self, updated_by: &str) -> Option<ClientDoc> {
        let v = self.valid.as_ref()?;
        let mut doc = ClientDoc::new(
            &v.fields,
            &self.owner,
            &contact_fields(v),
            Stamp {
                archived: self.archived,
                created_at: self.created_at,
                created_by: &self.created_by,
                updated_at: Utc::now(),
                updated_by,
            },
        );
        doc.former_owners = self.former_owners.clone();
        if let Some(was) = self.stored_owner.as_ref().filter(|o| **o != self.owner)
            && !doc.former_owners.contains(was)
        {
            doc.former_owners.push(was.clone());
        }
        Some(doc)
    }
}
