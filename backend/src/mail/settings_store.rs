//! Mail settings saved by an admin on the settings page: one row, which
//! wins over the server's start-up flags (`--smtp-host`…) from the moment
//! it is saved; every server process's mail worker reads it before each
//! round, so a change needs no restart. The password is stored for the
//! worker and never sent back to a browser.

use super::super::Db;
use super::super::db_error::OrInternal;
use crate::ApiError;
use crate::domain::mail::{MailSettings, MailSettingsInput, MailSettingsView, SmtpSecurity};
use crate::domain::user::Me;
use chrono::{DateTime, Utc};
use surrealdb::types::SurrealValue;

/// The settings as stored.
#[derive(Debug, Clone, SurrealValue)]
pub struct MailSettingsDoc {
    pub smtp_host: Option<String>,
    pub smtp_port: Option<i64>,
    pub security: String,
    pub smtp_user: Option<String>,
    pub smtp_password: Option<String>,
    pub mail_from: Option<String>,
    pub as_manager: bool,
    pub daily_cap: i64,
    pub per_minute: i64,
    pub public_url: Option<String>,
    pub updated_by: String,
    pub updated_at: DateTime<Utc>,
}

const FIELDS: &str = "smtp_host, smtp_port, security, smtp_user, smtp_password, mail_from, \
    as_manager, daily_cap, per_minute, public_url, updated_by, updated_at";

impl MailSettingsDoc {
    pub fn settings(&self) -> MailSettings {
        MailSettings {
            smtp_host: self.smtp_host.clone(),
            smtp_port: self.smtp_port.and_then(|p| u16::try_from(p).ok()),
            security: SmtpSecurity::parse(&self.security).unwrap_or(SmtpSecurity::StartTls),
            smtp_user: self.smtp_user.clone(),
            mail_from: self.mail_from.clone(),
            as_manager: self.as_manager,
            daily_cap: u32::try_from(self.daily_cap).unwrap_or(1),
            per_minute: u32::try_from(self.per_minute).unwrap_or(1),
            public_url: self.public_url.clone(),
        }
    }
}

/// The saved settings, if an admin has saved any.
pub async fn load(db: &Db) -> Result<Option<MailSettingsDoc>, ApiError> {
    let mut res = db
        .query(format!("SELECT {FIELDS} FROM ONLY mail_settings:current"))
        .await
        .or_internal()?;
    res.take(0).or_internal()
}

/// What the page shows: the saved settings, else `flags` (the start-up
/// flags, with whether they carry a password).
pub async fn view(db: &Db, flags: &(MailSettings, bool)) -> Result<MailSettingsView, ApiError> {
    Ok(match load(db).await? {
        Some(doc) => MailSettingsView {
            settings: doc.settings(),
            password_set: doc.smtp_password.is_some(),
            from_page: true,
        },
        None => MailSettingsView {
            settings: flags.0.clone(),
            password_set: flags.1,
            from_page: false,
        },
    })
}

/// Saves an admin's settings (checked per field); the audit names what
/// changed, the password only as changed or removed.
pub async fn save(
    db: &Db,
    me: &Me,
    flags: &(MailSettings, bool),
    input: MailSettingsInput,
) -> Result<MailSettingsView, ApiError> {
    if !me.manages_users() {
        return Err(ApiError::Forbidden);
    }
    let before = view(db, flags).await?;
    let stored_password = match load(db).await? {
        Some(doc) => doc.smtp_password,
        None => None,
    };
    let settings = input
        .validate(before.password_set)
        .map_err(ApiError::Invalid)?;
    let password = match &input.smtp_password {
        None => stored_password,
        Some(p) if p.is_empty() => None,
        Some(p) => Some(p.clone()),
    };
    let mut changes = crate::audit::diff(
        &serde_json::to_value(&before.settings).unwrap_or_default(),
        &serde_json::to_value(&settings).unwrap_or_default(),
    );
    if let (Some(said), Some(obj)) = (&input.smtp_password, changes.as_object_mut()) {
        let what = if said.is_empty() {
            "removed"
        } else {
            "changed"
        };
        obj.insert("smtp_password".into(), what.into());
    }
    let doc = MailSettingsDoc {
        smtp_host: settings.smtp_host.clone(),
        smtp_port: settings.smtp_port.map(i64::from),
        security: settings.security.code().into(),
        smtp_user: settings.smtp_user.clone(),
        smtp_password: password,
        mail_from: settings.mail_from.clone(),
        as_manager: settings.as_manager,
        daily_cap: i64::from(settings.daily_cap),
        per_minute: i64::from(settings.per_minute),
        public_url: settings.public_url.clone(),
        updated_by: me.id.clone(),
        updated_at: Utc::now(),
    };
    let device = crate::request::request_info().user_agent;
    db.query(
        "BEGIN TRANSACTION; \
         UPSERT mail_settings:current CONTENT $doc RETURN NONE; \
         CREATE audit CONTENT { at: time::now(), actor: $me, action: 'mail.settings', \
           record: 'mail_settings', changes: $changes, device: $device } RETURN NONE; \
         COMMIT TRANSACTION;",
    )
    .bind(("doc", doc.clone()))
    .bind(("me", me.id.clone()))
    .bind(("changes", changes))
    .bind(("device", device))
    .await
    .or_internal()?
    .check()
    .or_internal()?;
    // This process's worker takes them up at once; others at their next look.
    super::queued().notify_one();
    Ok(MailSettingsView {
        password_set: doc.smtp_password.is_some(),
        settings,
        from_page: true,
    })
}

/// Whether the saved settings let mail leave.
pub fn sends(doc: &MailSettingsDoc) -> bool {
    doc.smtp_host.is_some()
}
