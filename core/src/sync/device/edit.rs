//! Edits made on the device: each writes its record and queues its
//! operation in one store step, so nothing typed is lost offline.

use super::*;

impl<S: LocalStore> Device<S> {
    pub async fn card(
        &self,
        id: &str,
    ) -> Result<Option<(ClientCard, BTreeMap<String, Hlc>)>, StoreError> {
        Ok(
            match self.store.get(&RecordKey::new(tables::CLIENT, id)).await? {
                Some(Row::Client { card, clocks }) => Some((*card, clocks)),
                _ => None,
            },
        )
    }

    /// Creates (`id` = `None`) or edits a card on the device.
    pub async fn save_card(
        &self,
        id: Option<&str>,
        input: ClientInput,
        archived: bool,
    ) -> Result<ClientCard, EditError> {
        let before = match id {
            Some(id) => Some(self.card(id).await?.ok_or(EditError::NotFound)?),
            None => None,
        };
        let input = local_card::with_contact_ids(input);
        let v = input
            .validate(crate::domain::latest_day::latest_day(Utc::now()))
            .map_err(EditError::Invalid)?;
        let id = id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string);
        let card = local_card::card(
            &id,
            &v,
            before.as_ref().map(|(c, _)| c),
            archived,
            &self.author(),
            Utc::now(),
        );
        let old_fields = before
            .as_ref()
            .map(|(c, _)| kinds::client::of_card(c))
            .unwrap_or_default();
        let patch = kinds::client::changed(&old_fields, &kinds::client::of_card(&card));
        if patch.is_empty() {
            return Ok(card);
        }
        let clocks = before.map(|(_, c)| c).unwrap_or_default();
        self.commit_patch(tables::CLIENT, &id, patch, clocks, |clocks| Row::Client {
            card: Box::new(card.clone()),
            clocks,
        })
        .await?;
        Ok(card)
    }

    /// Stores the change of a record's form from `old` (with its field
    /// clocks; `None`: a new record) to `new`, queuing only the fields that
    /// changed; nothing when none did.
    async fn commit_change(
        &self,
        table: &str,
        id: &str,
        old: Option<(record_fields::Fields, BTreeMap<String, Hlc>)>,
        new: record_fields::Fields,
        row: impl FnOnce(BTreeMap<String, Hlc>) -> Row,
    ) -> Result<(), EditError> {
        let (old, clocks) = old.unwrap_or_default();
        let patch = record_fields::changed(&old, &new);
        if patch.is_empty() {
            return Ok(());
        }
        self.commit_patch(table, id, patch, clocks, row).await
    }

    /// Stores an edit of some fields of a record and queues its operation:
    /// the fields' new clocks are the operation's stamp, and `base` says
    /// which stamps the author had seen.
    async fn commit_patch(
        &self,
        table: &str,
        id: &str,
        patch: record_fields::Fields,
        mut clocks: BTreeMap<String, Hlc>,
        row: impl FnOnce(BTreeMap<String, Hlc>) -> Row,
    ) -> Result<(), EditError> {
        let meta = self.meta().await?;
        let (op_id, hlc, change) = Self::stamp(&meta);
        let base = patch
            .keys()
            .filter_map(|k| clocks.get(k).map(|h| (k.clone(), h.clone())))
            .collect();
        for k in patch.keys() {
            clocks.insert(k.clone(), hlc.clone());
        }
        let op = Op {
            op_id,
            device_id: meta.device_id.clone(),
            seq: 0,
            table: table.into(),
            record_id: id.to_string(),
            hlc,
            kind: OpKind::Patch {
                fields: patch,
                base,
            },
        };
        self.store.commit_local(row(clocks), op, &change).await?;
        Ok(())
    }

    /// Logs a call on the device.
    pub async fn log_call(&self, input: CallInput) -> Result<CallLog, EditError> {
        let fields = input.validate(Utc::now()).map_err(EditError::Invalid)?;
        let id = uuid::Uuid::now_v7().to_string();
        let call = CallLog {
            id: id.clone(),
            fields,
            by: self.user_id.clone(),
            on_behalf_of: None,
            logged_at: Utc::now(),
        };
        self.create_once(
            tables::CALL_LOG,
            &id,
            &input,
            Row::CallLog { call: call.clone() },
        )
        .await?;
        Ok(call)
    }

    /// Stores `row`, a record made once and never edited (a call, a
    /// promise, a letter), and queues the operation carrying the form
    /// `input` it was made from, in one store step.
    pub(super) async fn create_once<I: serde::Serialize>(
        &self,
        table: &str,
        id: &str,
        input: &I,
        row: Row,
    ) -> Result<(), EditError> {
        let meta = self.meta().await?;
        let (op_id, hlc, change) = Self::stamp(&meta);
        let values = match serde_json::to_value(input) {
            Ok(serde_json::Value::Object(m)) => m.into_iter().collect(),
            _ => BTreeMap::new(),
        };
        let op = Op {
            op_id,
            device_id: meta.device_id.clone(),
            seq: 0,
            table: table.into(),
            record_id: id.to_string(),
            hlc,
            kind: OpKind::Patch {
                fields: values,
                base: BTreeMap::new(),
            },
        };
        self.store.commit_local(row, op, &change).await?;
        Ok(())
    }

    pub async fn follow_up(
        &self,
        id: &str,
    ) -> Result<Option<(FollowUp, BTreeMap<String, Hlc>)>, StoreError> {
        Ok(
            match self
                .store
                .get(&RecordKey::new(tables::FOLLOW_UP, id))
                .await?
            {
                Some(Row::FollowUp { follow_up, clocks }) => Some((follow_up, clocks)),
                _ => None,
            },
        )
    }

    /// Plans (`id` = `None`) or changes a follow-up on the device; only the
    /// fields that changed travel, so edits of different fields on two
    /// devices both survive.
    pub async fn save_follow_up(
        &self,
        id: Option<&str>,
        input: FollowUpInput,
    ) -> Result<FollowUp, EditError> {
        let before = match id {
            Some(id) => Some(self.follow_up(id).await?.ok_or(EditError::NotFound)?),
            None => None,
        };
        let fields = input.validate(Utc::now()).map_err(EditError::Invalid)?;
        let follow_up = FollowUp {
            id: id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string),
            fields,
            by: before
                .as_ref()
                .map_or_else(|| self.user_id.clone(), |(f, _)| f.by.clone()),
            created_at: before.as_ref().map_or_else(Utc::now, |(f, _)| f.created_at),
        };
        let old = before.map(|(f, c)| (record_fields::of(&FollowUpInput::of(&f.fields)), c));
        let new = record_fields::of(&FollowUpInput::of(&follow_up.fields));
        self.commit_change(tables::FOLLOW_UP, &follow_up.id, old, new, |clocks| {
            Row::FollowUp {
                follow_up: follow_up.clone(),
                clocks,
            }
        })
        .await?;
        Ok(follow_up)
    }

    pub async fn proposal(
        &self,
        id: &str,
    ) -> Result<Option<(Proposal, BTreeMap<String, Hlc>)>, StoreError> {
        Ok(
            match self
                .store
                .get(&RecordKey::new(tables::PROPOSAL, id))
                .await?
            {
                Some(Row::Proposal { proposal, clocks }) => Some((*proposal, clocks)),
                _ => None,
            },
        )
    }

    /// Drafts (`id` = `None`) or changes a proposal on the device: its
    /// lines, its status (queued to be sent, accepted, declined). Only the
    /// fields that changed travel.
    pub async fn save_proposal(
        &self,
        id: Option<&str>,
        input: ProposalInput,
    ) -> Result<Proposal, EditError> {
        let before = match id {
            Some(id) => Some(self.proposal(id).await?.ok_or(EditError::NotFound)?),
            None => None,
        };
        let fields = input.validate(Utc::now()).map_err(EditError::Invalid)?;
        let status_before = before.as_ref().map(|(p, _)| p.fields.status);
        if status_before != Some(fields.status) && !fields.status.set_by_people() {
            let mut issues = Issues::default();
            issues.push("status", crate::domain::validation::Problem::Malformed);
            return Err(EditError::Invalid(issues));
        }
        let proposal = Proposal {
            id: id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string),
            fields,
            by: before
                .as_ref()
                .map_or_else(|| self.user_id.clone(), |(p, _)| p.by.clone()),
            created_at: before.as_ref().map_or_else(Utc::now, |(p, _)| p.created_at),
            sent_at: before.as_ref().and_then(|(p, _)| p.sent_at),
            failure: before.as_ref().and_then(|(p, _)| p.failure.clone()),
        };
        let old =
            before.map(|(p, c)| (kinds::proposal::of_input(&ProposalInput::of(&p.fields)), c));
        let new = kinds::proposal::of_input(&ProposalInput::of(&proposal.fields));
        self.commit_change(tables::PROPOSAL, &proposal.id, old, new, |clocks| {
            Row::Proposal {
                proposal: Box::new(proposal.clone()),
                clocks,
            }
        })
        .await?;
        Ok(proposal)
    }

    pub async fn contract(
        &self,
        id: &str,
    ) -> Result<Option<(Contract, BTreeMap<String, Hlc>)>, StoreError> {
        Ok(
            match self
                .store
                .get(&RecordKey::new(tables::CONTRACT, id))
                .await?
            {
                Some(Row::Contract { contract, clocks }) => Some((*contract, clocks)),
                _ => None,
            },
        )
    }

    /// Drafts (`id` = `None`) or changes a contract on the device: its
    /// status, dates, terms, points and obligations. Only the fields that
    /// changed travel.
    pub async fn save_contract(
        &self,
        id: Option<&str>,
        input: ContractInput,
    ) -> Result<Contract, EditError> {
        let before = match id {
            Some(id) => Some(self.contract(id).await?.ok_or(EditError::NotFound)?),
            None => None,
        };
        let fields = input
            .validate(crate::domain::latest_day::latest_day(Utc::now()))
            .map_err(EditError::Invalid)?;
        if let Some((c, _)) = &before
            && c.fields.client_id != fields.client_id
        {
            return Err(EditError::NotFound);
        }
        let contract = Contract {
            id: id.map_or_else(|| uuid::Uuid::now_v7().to_string(), str::to_string),
            fields,
            by: before
                .as_ref()
                .map_or_else(|| self.user_id.clone(), |(c, _)| c.by.clone()),
            created_at: before.as_ref().map_or_else(Utc::now, |(c, _)| c.created_at),
        };
        let old =
            before.map(|(c, k)| (kinds::contract::of_input(&ContractInput::of(&c.fields)), k));
        let new = kinds::contract::of_input(&ContractInput::of(&contract.fields));
        self.commit_change(tables::CONTRACT, &contract.id, old, new, |clocks| {
            Row::Contract {
                contract: Box::new(contract.clone()),
                clocks,
            }
        })
        .await?;
        Ok(contract)
    }

    /// Makes a conflict's lost value the field's value again, on the card
    /// or on the contract it names.
    async fn restore_lost(&self, conflict: &FieldConflict) -> Result<(), EditError> {
        match &conflict.record {
            None => {
                let (card, _) = self
                    .card(&conflict.client_id)
                    .await?
                    .ok_or(EditError::NotFound)?;
                let mut fields = kinds::client::of_card(&card);
                fields.insert(conflict.field.clone(), conflict.lost_value.clone());
                let (input, archived) =
                    kinds::client::to_input(&fields).ok_or(EditError::NotFound)?;
                self.save_card(Some(&card.id), input, archived).await?;
            }
            Some(key) if key.table == tables::CONTRACT => {
                let (contract, _) = self.contract(&key.id).await?.ok_or(EditError::NotFound)?;
                let mut fields = kinds::contract::of_input(&ContractInput::of(&contract.fields));
                fields.insert(conflict.field.clone(), conflict.lost_value.clone());
                let input: ContractInput = record_fields::to(&fields).ok_or(EditError::NotFound)?;
                self.save_contract(Some(&contract.id), input).await?;
            }
            Some(_) => return Err(EditError::NotFound),
        }
        Ok(())
    }

    /// Dismisses a field conflict; with `restore`, its lost value becomes the
    /// field's value again (a new edit, so it syncs like any other).
    pub async fn resolve_conflict(
        &self,
        conflict_id: &str,
        restore: bool,
    ) -> Result<(), EditError> {
        let key = RecordKey::new(tables::CONFLICT, conflict_id);
        let Some(Row::Conflict { mut conflict }) = self.store.get(&key).await? else {
            return Err(EditError::NotFound);
        };
        if restore {
            self.restore_lost(&conflict).await?;
        }
        let meta = self.meta().await?;
        let (op_id, hlc, change) = Self::stamp(&meta);
        conflict.resolved = true;
        let op = Op {
            op_id,
            device_id: meta.device_id.clone(),
            seq: 0,
            table: tables::CONFLICT.into(),
            record_id: conflict_id.to_string(),
            hlc,
            kind: OpKind::Patch {
                fields: [("resolved".to_string(), serde_json::Value::Bool(true))].into(),
                base: BTreeMap::new(),
            },
        };
        self.store
            .commit_local(Row::Conflict { conflict }, op, &change)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::{ContractInput, ContractStatus};
    use crate::domain::latest_day::latest_day;
    use crate::sync::memory_store::MemoryStore;
    use futures::executor::block_on;

    /// A user east of UTC signs on their own "today" after local midnight,
    /// while it is still yesterday in UTC: the device keeps it, as the form
    /// (which checks the user's own day) and the server do. A day no zone
    /// has reached is refused.
    #[test]
    fn a_signing_day_is_bounded_by_the_newest_day_anywhere() {
        let device = block_on(Device::open(MemoryStore::default(), "u1", "Ilze")).unwrap();
        let input = ClientInput {
            name: "SIA Austrums".into(),
            ..Default::default()
        };
        let card = block_on(device.save_card(None, input, false)).unwrap();
        let sign = |day: chrono::NaiveDate| ContractInput {
            number: format!("L-{day}"),
            status: ContractStatus::Signed,
            signed_on: day.to_string(),
            ..ContractInput::draft(&card.id)
        };
        let newest = latest_day(Utc::now());
        let kept = block_on(device.save_contract(None, sign(newest)));
        assert!(kept.is_ok(), "{:?}", kept.err());
        let ahead = block_on(device.save_contract(None, sign(newest.succ_opt().unwrap())));
        assert!(matches!(ahead, Err(EditError::Invalid(_))));
    }

    /// Restoring a value lost on a contract changes the contract (an edit
    /// of its own that travels like any other) and closes the conflict.
    #[test]
    fn a_conflict_on_a_contract_restores_the_contract_field() {
        let device = block_on(Device::open(MemoryStore::default(), "u1", "Ilze")).unwrap();
        let input = ClientInput {
            name: "SIA Divas Puses".into(),
            ..Default::default()
        };
        let card = block_on(device.save_card(None, input, false)).unwrap();
        let contract = block_on(device.save_contract(
            None,
            ContractInput {
                number: "L-1".into(),
                payment_days: "60".into(),
                ..ContractInput::draft(&card.id)
            },
        ))
        .unwrap();
        let conflict = FieldConflict {
            id: "k1".into(),
            client_id: card.id.clone(),
            record: Some(RecordKey::new(tables::CONTRACT, &contract.id)),
            field: "payment_days".into(),
            lost_value: serde_json::json!("45"),
            lost_by: "u1".into(),
            lost_by_name: "Ilze".into(),
            lost_hlc: Hlc::zero("d1"),
            winner_by: "u2".into(),
            winner_hlc: Hlc::zero("d2"),
            resolved: false,
        };
        let page = MetaChange::default();
        block_on(
            device
                .store
                .apply_page(vec![Row::Conflict { conflict }], Vec::new(), &page),
        )
        .unwrap();
        block_on(device.resolve_conflict("k1", true)).unwrap();
        let (now, _) = block_on(device.contract(&contract.id)).unwrap().unwrap();
        assert_eq!(now.fields.payment_days, Some(45));
        let Some(Row::Conflict { conflict }) =
            block_on(device.store.get(&RecordKey::new(tables::CONFLICT, "k1"))).unwrap()
        else {
            panic!("the conflict is gone");
        };
        assert!(conflict.resolved);
        let outbox = block_on(device.store.outbox()).unwrap();
        let tables: Vec<&str> = outbox.iter().map(|o| o.table.as_str()).collect();
        assert_eq!(tables, ["client", "contract", "contract", "conflict"]);
    }
}
