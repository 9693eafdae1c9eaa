//! The server's mail as admins see and set it: whether letters can leave,
//! and the settings they leave by (the password never comes back).

use super::ApiError;
use crate::domain::mail::{MailSettingsInput, MailSettingsView, MailStatus};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// For admins: whether mail is set up and how many letters wait.
#[server(endpoint = "mail/status", input = Json)]
pub async fn mail_state() -> Result<MailStatus, ApiError> {
    use crate::backend::{context, mail::outbox, mail::settings_store, settings};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            let saved = settings_store::load(&db).await?;
            Ok(MailStatus {
                configured: settings::current().mail_configured
                    || saved.as_ref().is_some_and(settings_store::sends),
                waiting: outbox::waiting(&db).await?,
            })
        }
        .await,
    )
}

/// For admins: the mail settings in force.
#[server(endpoint = "mail/settings", input = Json)]
pub async fn mail_settings() -> Result<MailSettingsView, ApiError> {
    use crate::backend::{context, mail::settings_store, settings};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            settings_store::view(&db, &settings::current().mail_flags).await
        }
        .await,
    )
}

/// For admins: saves the mail settings; every server's mail worker uses
/// them from its next round.
#[server(endpoint = "mail/settings/save", input = Json)]
pub async fn save_mail_settings(input: MailSettingsInput) -> Result<MailSettingsView, ApiError> {
    use crate::backend::{context, mail::settings_store, settings};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            settings_store::save(&db, &me, &settings::current().mail_flags, input).await
        }
        .await,
    )
}
