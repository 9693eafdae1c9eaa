//! The server's mail as admins see it: whether letters can leave at all.

use super::ApiError;
use crate::domain::mail::MailStatus;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// For admins: whether mail is set up and how many letters wait.
#[server(endpoint = "mail/status", input = Json)]
pub async fn mail_state() -> Result<MailStatus, ApiError> {
    use crate::backend::{context, mail::outbox, settings};
    context::respond(
        async {
            let (db, me) = context::signed_in().await?;
            context::require(me.manages_users())?;
            Ok(MailStatus {
                configured: settings::current().mail_configured,
                waiting: outbox::waiting(&db).await?,
            })
        }
        .await,
    )
}
