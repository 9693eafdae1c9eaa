//! Which client cards a user may see. Today: managers their own, heads,
//! directors and admins all, logistics none. The access-model issue adds
//! departments and deputies here, and every query already goes through it.

use crate::domain::user::{Me, Role};

/// The visibility rule, in a form a query can bind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Only cards owned by these user ids.
    Owners(Vec<String>),
    Nothing,
}

impl Scope {
    pub fn of(me: &Me) -> Scope {
        match me.role {
            Role::Head | Role::Director | Role::Admin => Scope::All,
            Role::Manager => Scope::Owners(vec![me.id.clone()]),
            Role::Logistics => Scope::Nothing,
        }
    }

    pub fn allows(&self, owner_id: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Owners(ids) => ids.iter().any(|i| i == owner_id),
            Scope::Nothing => false,
        }
    }

    /// Parameters for the `($all OR owner IN $owners)` condition.
    pub fn params(&self) -> (bool, Vec<String>) {
        match self {
            Scope::All => (true, Vec::new()),
            Scope::Owners(ids) => (false, ids.clone()),
            Scope::Nothing => (false, Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::Language;

    fn me(role: Role) -> Me {
        Me {
            id: "u1".into(),
            email: "a@b.lv".into(),
            name: "A".into(),
            role,
            department: None,
            language: Language::Lv,
            targets: Default::default(),
            cold_after: Default::default(),
        }
    }

    #[test]
    fn managers_see_their_own_only() {
        let s = Scope::of(&me(Role::Manager));
        assert!(s.allows("u1"));
        assert!(!s.allows("u2"));
    }

    #[test]
    fn heads_directors_admins_see_all_logistics_none() {
        for r in [Role::Head, Role::Director, Role::Admin] {
            assert!(Scope::of(&me(r)).allows("anyone"));
        }
        assert!(!Scope::of(&me(Role::Logistics)).allows("u1"));
    }
}
