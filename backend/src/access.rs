//! Who may see and work which client cards: the one place the access model
//! lives. Every card query, the client list, the push and the pull go
//! through a [`Scope`] loaded here.
//!
//! - a manager works their own clients;
//! - a head works the clients of everyone in their department;
//! - a director works every client;
//! - logistics sees every card without its commercial terms and none of the
//!   sales activity (calls, follow-ups, conflicts), and changes nothing;
//! - an admin manages users and sees no client data;
//! - a deputy works the clients a cover names, while it runs.

use super::Db;
use super::covers::{self, Grant};
pub use super::owners::{department_members, leads};
use crate::ApiError;
use crate::domain::audit::AuditEntry;
use crate::domain::user::{Me, Role};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// How long after a cover ends the deputy's devices may still deliver work
/// done during it (offline at an exhibition, then a weekend). Not after a
/// cover ended early (whoever ended it meant it), and only from a device
/// signed in before the cover ended (a device the server first saw later
/// cannot have done work during it, whatever its stamps say).
pub fn late_delivery() -> Duration {
    Duration::days(7)
}

/// How much of one card a user may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sight {
    None,
    /// The card without its commercial terms, and no sales activity.
    Basic,
    /// Everything, and the right to work the client.
    Full,
}

/// One user's visibility, in a form both Rust checks and queries can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    all: bool,
    basic: bool,
    /// Whose portfolios the user works in full (themselves, a head's department).
    owners: Vec<String>,
    /// Covers naming the user as deputy, active now or ended within
    /// [`late_delivery`] (for the push; reads check the range).
    grants: Vec<Grant>,
    now: DateTime<Utc>,
    /// When the pushing device's session began (`None`: not a device, e.g.
    /// the web form, whose stamps are the server's own).
    device_since: Option<DateTime<Utc>>,
}

impl Scope {
    /// Sees and works every card (a director; also tests and tools).
    pub fn all() -> Scope {
        Scope {
            all: true,
            basic: false,
            owners: Vec::new(),
            grants: Vec::new(),
            now: Utc::now(),
            device_since: None,
        }
    }

    /// Works exactly these owners' cards.
    pub fn owners(owners: Vec<String>) -> Scope {
        Scope {
            all: false,
            basic: false,
            owners,
            grants: Vec::new(),
            now: Utc::now(),
            device_since: None,
        }
    }

    /// The scope for work a device pushes, whose session began at `since`.
    pub fn for_device(mut self, since: DateTime<Utc>) -> Scope {
        self.device_since = Some(since);
        self
    }

    /// Reads what `me` may see at `now` (the server's clock).
    pub async fn load(db: &Db, me: &Me, now: DateTime<Utc>) -> Result<Scope, ApiError> {
        let mut scope = Scope {
            all: false,
            basic: false,
            owners: Vec::new(),
            grants: Vec::new(),
            now,
            device_since: None,
        };
        match me.role {
            Role::Director => scope.all = true,
            Role::Logistics => scope.basic = true,
            // Accounting reads accounts through the money pages, never the
            // cards themselves: nothing of the sales work reaches its devices.
            Role::Admin | Role::Accounting => {}
            Role::Manager => scope.owners.push(me.id.clone()),
            Role::Head => {
                scope.owners = department_members(db, me).await?;
                if !scope.owners.contains(&me.id) {
                    scope.owners.push(me.id.clone());
                }
            }
        }
        if me.role.works_clients() {
            scope.grants = covers::grants_for(db, &me.id, now - late_delivery()).await?;
        }
        Ok(scope)
    }

    /// Works every client (a director; also tests and tools).
    pub fn works_all(&self) -> bool {
        self.all
    }

    /// How much of a reference record every signed-in user receives:
    /// without its commercial fields for those who see no commercial terms.
    pub fn everyone_sight(&self) -> Sight {
        if self.basic {
            Sight::Basic
        } else {
            Sight::Full
        }
    }

    /// The owners whose cards the user may see, when that is not every
    /// card (`None`: a director, logistics): their own portfolios and those
    /// of the covers naming them (a cover of chosen clients still lets
    /// only those through [`Scope::sees`]).
    pub fn seen_owners(&self) -> Option<Vec<&str>> {
        if self.all || self.basic {
            return None;
        }
        let mut owners: Vec<&str> = self.owners.iter().map(String::as_str).collect();
        owners.extend(self.grants.iter().map(|g| g.owner.as_str()));
        owners.sort_unstable();
        owners.dedup();
        Some(owners)
    }

    /// Sees no card at all (an admin; a head without people).
    pub fn sees_nothing(&self) -> bool {
        !self.all && !self.basic && self.owners.is_empty() && self.grants.is_empty()
    }

    fn grant_at(&self, client_id: &str, owner: &str, at: DateTime<Utc>) -> Option<&Grant> {
        self.grants
            .iter()
            .find(|g| g.covers(client_id, owner) && g.starts <= at && at < g.ends)
    }

    /// A grant under which work stamped `at` may still be delivered now:
    /// the cover ran at `at`, and it runs now or ended (not early) within
    /// the late window, before the pushing device was first seen.
    fn grant_for_work(&self, client_id: &str, owner: &str, at: DateTime<Utc>) -> Option<&Grant> {
        let at = at.min(self.now);
        self.grants.iter().find(|g| {
            g.covers(client_id, owner)
                && g.starts <= at
                && at < g.ends
                && (self.now < g.ends
                    || (!g.ended_early
                        && self.now < g.ends + late_delivery()
                        && self.device_since.is_none_or(|s| s < g.ends)))
        })
    }

    fn own(&self, owner: &str) -> bool {
        self.all || self.owners.iter().any(|o| o == owner)
    }

    /// How much of a card the user sees now.
    pub fn sight(&self, client_id: &str, owner: &str) -> Sight {
        if self.own(owner) || self.grant_at(client_id, owner, self.now).is_some() {
            Sight::Full
        } else if self.basic {
            Sight::Basic
        } else {
            Sight::None
        }
    }

    pub fn sees(&self, client_id: &str, owner: &str) -> bool {
        self.sight(client_id, owner) != Sight::None
    }

    /// May see the client's activity and change it now.
    pub fn works(&self, client_id: &str, owner: &str) -> bool {
        self.sight(client_id, owner) == Sight::Full
    }

    /// May an operation stamped `at` change this client? Work a deputy did
    /// during a cover is accepted when it arrives up to [`late_delivery`]
    /// after the cover ended; a stamp outside the cover's range is not.
    pub fn works_at(&self, client_id: &str, owner: &str, at: DateTime<Utc>) -> bool {
        self.own(owner) || self.grant_for_work(client_id, owner, at).is_some()
    }

    /// The owner a deputy's action on this client is "on behalf of", if the
    /// user works it only through a cover.
    pub fn on_behalf_of(&self, client_id: &str, owner: &str, at: DateTime<Utc>) -> Option<String> {
        if self.own(owner) {
            return None;
        }
        self.grant_for_work(client_id, owner, at)
            .map(|g| g.owner.clone())
    }

    /// A short digest of what the user sees now. A device's pull cursor
    /// carries it; when it changes (a cover starts or ends, a department
    /// changes) the device downloads its records again, so records it may
    /// no longer see leave it.
    pub fn fingerprint(&self) -> String {
        let mut owners = self.owners.clone();
        owners.sort();
        let mut active: Vec<String> = self
            .grants
            .iter()
            .filter(|g| g.starts <= self.now && self.now < g.ends)
            .map(Grant::key)
            .collect();
        active.sort();
        let text = format!(
            "{}|{}|{}|{}",
            self.all,
            self.basic,
            owners.join(","),
            active.join(";")
        );
        hex::encode(&Sha256::digest(text.as_bytes())[..12])
    }
}

/// The scope as query parameters, for filtering in the query itself:
/// `$cards_all`, `$activity_all`, `$owners` (whole portfolios) and
/// `$clients` (single clients a cover names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryFilter {
    pub cards_all: bool,
    pub activity_all: bool,
    pub owners: Vec<String>,
    pub clients: Vec<String>,
}

impl QueryFilter {
    /// Cards the user sees now, and cards they once owned (so a card
    /// reassigned away reaches their devices as gone).
    pub const CARDS: &'static str = "($cards_all OR owner IN $owners OR \
        record::id(id) IN $clients OR former_owners CONTAINSANY $owners)";
    /// Cards the user sees now (single-card reads).
    pub const SEES: &'static str = "($cards_all OR owner IN $owners OR record::id(id) IN $clients)";
    /// Calls, conflicts and follow-ups of clients the user works (each
    /// keeps its client's owner, moved with the card).
    pub const ACTIVITY: &'static str = "($activity_all OR client IN $clients OR owner IN $owners)";
    /// Facts about clients whose cards the user sees (logistics too).
    pub const WITH_CARD: &'static str = "($cards_all OR client IN $clients OR owner IN $owners)";

    pub fn bind<'r>(
        &self,
        q: surrealdb::method::Query<'r, surrealdb::engine::any::Any>,
    ) -> surrealdb::method::Query<'r, surrealdb::engine::any::Any> {
        q.bind(("cards_all", self.cards_all))
            .bind(("activity_all", self.activity_all))
            .bind(("owners", self.owners.clone()))
            .bind(("clients", self.clients.clone()))
    }
}

impl Scope {
    pub fn query_filter(&self) -> QueryFilter {
        let active = self
            .grants
            .iter()
            .filter(|g| g.starts <= self.now && self.now < g.ends);
        let mut owners = self.owners.clone();
        let mut clients = Vec::new();
        for g in active {
            match &g.clients {
                None => owners.push(g.owner.clone()),
                Some(ids) => clients.extend(ids.iter().cloned()),
            }
        }
        QueryFilter {
            cards_all: self.all || self.basic,
            activity_all: self.all,
            owners,
            clients,
        }
    }
}

/// Blanks the field values of entries about client cards `scope` does not
/// work: a head sees what their people did on another department's
/// client, not that client's terms.
pub async fn redact(
    db: &Db,
    scope: &Scope,
    mut found: Vec<AuditEntry>,
) -> Result<Vec<AuditEntry>, ApiError> {
    let cards: Vec<String> = found
        .iter()
        .filter(|e| e.action.starts_with("client."))
        .map(|e| e.record.clone())
        .collect();
    let owners = super::owners::owners_of(db, cards).await?;
    for e in found.iter_mut().filter(|e| e.action.starts_with("client.")) {
        let works = owners
            .get(&e.record)
            .is_some_and(|o| scope.works(&e.record, o));
        if !works {
            e.changes = serde_json::Value::Null;
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::Language;

    fn me(role: Role, dep: Option<&str>) -> Me {
        Me {
            id: "u1".into(),
            email: "a@b.lv".into(),
            name: "A".into(),
            role,
            department: dep.map(str::to_string),
            language: Language::Lv,
            targets: Default::default(),
            cold_after: Default::default(),
            may_export: false,
            covers: Vec::new(),
            must_change_password: false,
            admin: false,
        }
    }

    fn at(day: u32) -> DateTime<Utc> {
        chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .map(|t| t.and_utc())
            .unwrap_or_default()
    }

    fn covering(clients: Option<Vec<String>>, now: DateTime<Utc>) -> Scope {
        Scope {
            all: false,
            basic: false,
            owners: vec!["dep".into()],
            grants: vec![Grant {
                id: "c1".into(),
                owner: "boss".into(),
                clients,
                starts: at(10),
                ends: at(20),
                ended_early: false,
            }],
            now,
            device_since: None,
        }
    }

    #[test]
    fn a_cover_gives_full_sight_only_in_its_range() {
        let during = covering(None, at(15));
        assert_eq!(during.sight("x", "boss"), Sight::Full);
        assert_eq!(
            during.on_behalf_of("x", "boss", at(15)),
            Some("boss".into())
        );
        assert_eq!(during.on_behalf_of("x", "dep", at(15)), None);
        let after = covering(None, at(21));
        assert_eq!(after.sight("x", "boss"), Sight::None);
        // Work stamped during the cover still lands; work stamped after does not.
        assert!(after.works_at("x", "boss", at(19)));
        assert!(!after.works_at("x", "boss", at(21)));
        assert!(!after.works_at("x", "boss", at(9)));
        assert_ne!(during.fingerprint(), after.fingerprint());
    }

    #[test]
    fn late_work_needs_a_cover_that_ended_on_time_and_a_device_seen_during_it() {
        let after = covering(None, at(21));
        assert!(
            after
                .clone()
                .for_device(at(12))
                .works_at("x", "boss", at(19))
        );
        // A device first seen after the end cannot have worked during it.
        assert!(
            !after
                .clone()
                .for_device(at(20))
                .works_at("x", "boss", at(19))
        );
        assert!(
            !after
                .clone()
                .for_device(at(21))
                .works_at("x", "boss", at(15))
        );
        // Ended early: nothing arrives late, whatever the stamp.
        let mut early = after.clone().for_device(at(12));
        early.grants[0].ended_early = true;
        assert!(!early.works_at("x", "boss", at(19)));
        // Past the late window nothing arrives either.
        let much_later = covering(None, at(28)).for_device(at(12));
        assert!(!much_later.works_at("x", "boss", at(19)));
    }

    #[test]
    fn a_cover_of_chosen_clients_covers_only_them() {
        let s = covering(Some(vec!["a".into()]), at(15));
        assert!(s.works("a", "boss"));
        assert!(!s.sees("b", "boss"));
    }

    #[test]
    fn logistics_sees_cards_without_working_them() {
        let s = Scope {
            basic: true,
            ..Scope::owners(Vec::new())
        };
        assert_eq!(s.sight("x", "anyone"), Sight::Basic);
        assert!(!s.works("x", "anyone"));
        assert!(!s.works_at("x", "anyone", Utc::now()));
    }

    #[test]
    fn heads_lead_their_department_directors_everyone() {
        let head = me(Role::Head, Some("Rīga"));
        assert!(leads(&head, "u2", Some("Rīga")));
        assert!(!leads(&head, "u2", Some("Liepāja")));
        assert!(!leads(&head, "u1", Some("Rīga")));
        assert!(!leads(&me(Role::Head, None), "u2", None));
        assert!(leads(&me(Role::Director, None), "u2", None));
        assert!(!leads(&me(Role::Manager, Some("Rīga")), "u2", Some("Rīga")));
    }
}
