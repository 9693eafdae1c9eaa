//! A head's (or director's) people and their targets.

use super::ApiError;
use crate::domain::calling::targets::TargetsInput;
use crate::domain::user::UserView;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The active people whose targets the caller sets (a head: their
/// department's managers; a director: managers and heads), by name.
#[server(endpoint = "team/list", input = Json)]
pub async fn list_team() -> Result<Vec<UserView>, ApiError> {
    use crate::backend::{access, context, users};
    use crate::domain::calling::targets::may_set_targets;
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(may_set_targets(me.role, crate::domain::user::Role::Manager))?;
            let mut team: Vec<UserView> = users::list(&db)
                .await?
                .into_iter()
                .filter(|u| {
                    u.active
                        && may_set_targets(me.role, u.role)
                        && access::leads(&me, &u.id, u.department.as_deref())
                })
                .collect();
            kartoteka_core::sort::by(&mut team, |a, b| a.name.cmp(&b.name));
            Ok(team)
        }
        .await,
    )
}

/// Sets one person's targets and cold thresholds; audited with the old and
/// new values.
#[server(endpoint = "team/set-targets", input = Json)]
pub async fn set_targets(user_id: String, input: TargetsInput) -> Result<UserView, ApiError> {
    use crate::backend::{access, audit, context, users};
    use crate::domain::calling::targets::may_set_targets;
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            let person = users::get(&db, &user_id).await?.ok_or(ApiError::NotFound)?;
            let role = crate::domain::user::Role::parse(&person.role).ok_or(ApiError::NotFound)?;
            context::require(
                may_set_targets(me.role, role)
                    && access::leads(&me, &person.id, person.department.as_deref()),
            )?;
            let (targets, cold) = input.validate_all()?;
            let old = TargetsInput::of(person.targets(), person.cold_after());
            let new = TargetsInput::of(targets, cold);
            let updated = users::set_targets(&db, &user_id, targets, cold).await?;
            audit::record(
                &db,
                &me.id,
                "user.set_targets",
                &user_id,
                audit::diff(
                    &serde_json::to_value(old).unwrap_or_default(),
                    &serde_json::to_value(new).unwrap_or_default(),
                ),
            )
            .await?;
            Ok(updated)
        }
        .await,
    )
}
