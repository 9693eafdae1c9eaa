//! What a record kind declares once, shared by both ends: its table, how
//! concurrent writes merge, who may see and write it, which of its fields
//! only some roles receive, and how its changes are audited. The device
//! client, the server's push and pull and the simulation read these
//! declarations instead of knowing each kind (see `kinds/` for the kinds,
//! and docs/ARCHITECTURE.md, "Adding a record kind").

use super::op::{Op, OpKind};
use crate::ApiError;

/// How writes of one record from several devices combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// Per field, the latest stamp wins; a value overwritten by an edit
    /// made without seeing it is kept as a conflict its owner may restore
    /// (cards, contracts; later plans).
    FieldsWithConflicts,
    /// Per field, the latest stamp wins; the loser is simply dropped (small
    /// records whose newest state is what matters: follow-ups, statuses).
    Fields,
    /// Created once and never edited in place: a correction is a new record
    /// (calls; later payments and fair leads).
    AppendOnly,
    /// Reference data every device that needs it receives and none writes
    /// through sync (templates, schemes, the price list; later stock and
    /// holidays): written by imports and by the roles allowed to, on the
    /// server.
    Reference,
}

/// Who may see and write a kind's records; the pull filters by it in the
/// query, the push checks it for every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The client card itself: its owner, whoever leads the owner's
    /// department, the owner's deputies while a cover runs; others with
    /// sight of all cards read it without its hidden fields.
    Card,
    /// A record about one client (it keeps the client's id and owner): for
    /// whoever works that client.
    OfClient,
    /// A fact about one client for everyone who sees its card, those who
    /// see all cards without working them (logistics) too; it keeps the
    /// client's id and owner, moved with the card, like `OfClient`.
    WithCard,
    /// Only its author (and those who see everything).
    Author,
    /// Everyone in the author's department.
    Department,
    /// Every signed-in user (reference data).
    Everyone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The table, as operations and rows name it.
    pub table: &'static str,
    pub merge: Merge,
    pub access: Access,
    /// Fields only roles that see commercial terms and money receive; for
    /// the others they are stripped before a row leaves the server, clocks
    /// included.
    pub commercial: &'static [&'static str],
    /// The audit action's prefix (`client` → `client.create`,
    /// `client.update`); `None` when the record is its own account of what
    /// happened (an append-only record names its author, device and time).
    pub audit: Option<&'static str>,
    /// Fields no other record reads, claims or points at: an edit that
    /// sets only these commutes with every other record's operations, so a
    /// device may send it ahead of them, beside the record's earlier
    /// operation, and the server writes the record once for both (see
    /// `sync::device::batch`). Empty: every edit keeps its place.
    pub own_fields: &'static [&'static str],
}

impl Kind {
    /// Whether this kind's records are about one client and so follow its
    /// card: moved with it to a new owner, gone from a device with it.
    pub fn follows_client(&self) -> bool {
        matches!(self.access, Access::OfClient | Access::WithCard)
    }

    /// Whether `op` edits only this kind's own fields (see `own_fields`).
    pub fn edits_own_fields(&self, op: &Op) -> bool {
        match &op.kind {
            OpKind::Patch { fields, .. } => {
                matches!(self.merge, Merge::FieldsWithConflicts | Merge::Fields)
                    && !fields.is_empty()
                    && fields.keys().all(|f| self.own_fields.contains(&f.as_str()))
            }
            OpKind::Delete => false,
        }
    }

    /// Whether the losing value of a concurrent edit is kept.
    pub fn keeps_conflicts(&self) -> bool {
        self.merge == Merge::FieldsWithConflicts
    }

    /// The refusals every kind's merge policy implies, checked before the
    /// kind's own rules: nothing is deleted through sync (cards are
    /// archived, follow-ups done, calls corrected by new calls), reference
    /// data is not written by devices, and an append-only record that
    /// exists is never written again.
    pub fn admits(&self, op: &Op, exists: bool) -> Result<(), ApiError> {
        match (self.merge, &op.kind) {
            (Merge::Reference, _) | (_, OpKind::Delete) => Err(ApiError::Forbidden),
            (Merge::AppendOnly, _) if exists => Err(ApiError::Duplicate(self.table.into())),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::hlc::Hlc;

    fn op(kind: OpKind) -> Op {
        Op {
            op_id: "o".into(),
            device_id: "d".into(),
            seq: 1,
            table: "t".into(),
            record_id: "r".into(),
            hlc: Hlc::zero("d"),
            kind,
        }
    }

    fn patch() -> OpKind {
        OpKind::Patch {
            fields: Default::default(),
            base: Default::default(),
        }
    }

    fn kind(merge: Merge) -> Kind {
        Kind {
            table: "t",
            merge,
            access: Access::Author,
            commercial: &[],
            audit: None,
            own_fields: &[],
        }
    }

    #[test]
    fn the_merge_policy_refuses_what_it_never_allows() {
        for m in [Merge::FieldsWithConflicts, Merge::Fields, Merge::AppendOnly] {
            assert_eq!(
                kind(m).admits(&op(OpKind::Delete), true),
                Err(ApiError::Forbidden)
            );
            assert_eq!(kind(m).admits(&op(patch()), false), Ok(()));
        }
        assert_eq!(
            kind(Merge::AppendOnly).admits(&op(patch()), true),
            Err(ApiError::Duplicate("t".into()))
        );
        assert_eq!(kind(Merge::Fields).admits(&op(patch()), true), Ok(()));
        assert_eq!(
            kind(Merge::Reference).admits(&op(patch()), false),
            Err(ApiError::Forbidden)
        );
    }
}
