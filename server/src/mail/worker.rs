//! The mail worker: takes the outbox's due letters one by one (with a
//! lease, so several server processes share the work without sending a
//! letter twice), builds each message once, sends it and records what the
//! mail server said. Woken when a push queues mail; otherwise it looks
//! every few seconds (for letters due again, and those other processes
//! queued).

use super::message::{self, Sender};
use super::settings::MailArgs;
use super::transport::{SendError, Transport};
use app::backend::mail::letter::Prepared;
use app::backend::mail::optout;
use app::backend::mail::outbox::{self, OutboxDoc};
use app::backend::mail::settings_store::{self, MailSettingsDoc};
use app::backend::mail::{self, Closing};
use app::backend::{ApiError, Db};
use chrono::Utc;
use std::time::Duration;

/// How often the worker looks without being woken.
const EVERY: Duration = Duration::from_secs(5);
/// Letters taken per look.
const PER_ROUND: usize = 100;

/// What one round did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
    pub later: usize,
    pub cancelled: usize,
}

impl Round {
    pub fn is_empty(&self) -> bool {
        *self == Round::default()
    }
}

/// How the worker works: who letters are from and how long it holds one.
#[derive(Debug, Clone)]
pub struct Rules {
    pub sender: Sender,
    pub lease: chrono::Duration,
    /// Where recipients reach this server (`https://crm.firma.lv`): each
    /// letter's unsubscribe link points there. `None`: no link.
    pub public_url: Option<String>,
    /// Most letters one person's work sends in 24 hours; past it a letter
    /// waits until the oldest of them is a day old.
    pub daily_cap: Option<u32>,
    /// Most letters this process sends per `pace.1` (a mail provider's rate).
    pub pace: Option<(u32, std::time::Duration)>,
}

impl Rules {
    pub fn new(sender: Sender) -> Rules {
        Rules {
            sender,
            lease: outbox::lease(),
            public_url: None,
            daily_cap: None,
            pace: None,
        }
    }
}

impl Rules {
    /// The rules `args` set; `default_url` is where recipients reach the
    /// server when `--public-url` is not given.
    pub fn of(args: &MailArgs, default_url: &str) -> Rules {
        Rules {
            lease: chrono::Duration::seconds(args.mail_lease_secs.max(1) as i64),
            daily_cap: Some(args.mail_daily_cap.max(1)),
            pace: Some((
                args.mail_per_minute.max(1),
                std::time::Duration::from_secs(60),
            )),
            public_url: Some(
                args.public_url
                    .clone()
                    .unwrap_or_else(|| default_url.to_string()),
            ),
            ..Rules::new(Sender::of(args))
        }
    }
}

/// How the worker sends now: the start-up flags, or the settings an admin
/// saved (whichever was saved last, see `settings_store`).
struct Current {
    saved_at: Option<chrono::DateTime<Utc>>,
    transport: Transport,
    rules: Rules,
}

impl Current {
    fn of(flags: &MailArgs, default_url: &str, page: Option<&MailSettingsDoc>) -> Current {
        let args = page.map_or_else(|| flags.clone(), |d| flags.with_page(d));
        let transport = Transport::from_args(&args).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "the mail settings cannot be used: letters wait");
            Transport::Off
        });
        if transport.is_off() {
            tracing::warn!(
                "no mail server is set (--smtp-host, --mail-dir or the admin's mail settings): \
                 letters wait in the outbox"
            );
        }
        Current {
            saved_at: page.map(|d| d.updated_at),
            transport,
            rules: Rules::of(&args, default_url),
        }
    }
}

/// Runs until the task is dropped. Before each round it reads the settings
/// an admin may have saved, so a change takes effect without a restart.
pub async fn run(db: Db, flags: MailArgs, default_url: String) {
    let mut current: Option<Current> = None;
    loop {
        match settings_store::load(&db).await {
            Ok(page) => {
                let saved_at = page.as_ref().map(|d| d.updated_at);
                if current.as_ref().is_none_or(|c| c.saved_at != saved_at) {
                    current = Some(Current::of(&flags, &default_url, page.as_ref()));
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the mail settings; keeping the last ones");
                if current.is_none() {
                    current = Some(Current::of(&flags, &default_url, None));
                }
            }
        }
        if let Some(c) = current.as_ref().filter(|c| !c.transport.is_off()) {
            match round(&db, &c.transport, &c.rules).await {
                Ok(r) if !r.is_empty() => tracing::info!(
                    sent = r.sent,
                    failed = r.failed,
                    later = r.later,
                    cancelled = r.cancelled,
                    "mail round"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "mail round failed; trying again"),
            }
        }
        tokio::select! {
            _ = mail::queued().notified() => {}
            _ = tokio::time::sleep(EVERY) => {}
        }
    }
}

/// Works every letter due now, until none is left (a round of
/// [`PER_ROUND`] at a time).
pub async fn round(db: &Db, transport: &Transport, rules: &Rules) -> Result<Round, ApiError> {
    let mut done = Round::default();
    let mut pace = Pace::default();
    loop {
        let due = outbox::due(db, Utc::now(), PER_ROUND).await?;
        let n = due.len();
        for row in due {
            if let Some((most, per)) = rules.pace {
                pace.wait(most, per).await;
            }
            let Some(row) = outbox::take(db, &row.id, Utc::now(), rules.lease).await? else {
                continue;
            };
            if work(db, transport, rules, row, &mut done).await? {
                pace.sent();
            }
        }
        if n < PER_ROUND {
            return Ok(done);
        }
    }
}

/// Works one taken row; answers whether the transport was asked (what the
/// rate counts).
async fn work(
    db: &Db,
    transport: &Transport,
    rules: &Rules,
    mut row: OutboxDoc,
    done: &mut Round,
) -> Result<bool, ApiError> {
    // The record may have changed its mind since it asked (a draft again).
    match mail::prepare(db, &row).await? {
        Prepared::Cancel(reason) => {
            done.cancelled += 1;
            mail::close(db, &row, Closing::Cancelled(reason), Utc::now()).await?;
            return Ok(false);
        }
        Prepared::Fail(reason) => {
            done.failed += 1;
            mail::close(db, &row, Closing::Failed(reason), Utc::now()).await?;
            return Ok(false);
        }
        // Built once: a retry sends the bytes (and Message-ID) kept then.
        Prepared::Send(letter) if row.raw.is_none() => match build(db, &letter, rules).await? {
            Ok(b) => {
                outbox::built(db, &row.id, &b.message_id, &b.sender, &b.recipients, &b.raw).await?;
                row.message_id = Some(b.message_id);
                row.sender = Some(b.sender);
                row.recipients = b.recipients;
                row.raw = Some(b.raw);
            }
            Err(reason) => {
                done.failed += 1;
                mail::close(db, &row, Closing::Failed(reason), Utc::now()).await?;
                return Ok(false);
            }
        },
        Prepared::Send(_) => {}
    }
    let (Some(raw), Some(message_id), Some(from)) = (&row.raw, &row.message_id, &row.sender) else {
        return Err(ApiError::Internal(
            "an outbox row without its message".into(),
        ));
    };
    if let Some(cap) = rules.daily_cap
        && let Some(until) = outbox::over_cap(db, &row.by, cap, Utc::now()).await?
    {
        done.later += 1;
        let reason = format!("the day's limit of {cap} letters is reached; it goes later");
        outbox::hold(db, &row.id, until, &reason).await?;
        return Ok(false);
    }
    let envelope = match message::envelope(from, &row.recipients) {
        Ok(e) => e,
        Err(reason) => {
            done.failed += 1;
            mail::close(db, &row, Closing::Failed(reason), Utc::now()).await?;
            return Ok(false);
        }
    };
    match transport.send(&envelope, message_id, raw.as_bytes()).await {
        Ok(()) => {
            done.sent += 1;
            let id = message_id.clone();
            mail::close(db, &row, Closing::Sent(id), Utc::now()).await?;
            Ok(true)
        }
        Err(SendError::Permanent(reason)) => {
            done.failed += 1;
            mail::close(db, &row, Closing::Failed(reason), Utc::now()).await?;
            Ok(true)
        }
        Err(SendError::Temporary(reason)) => {
            let now = Utc::now();
            if now - row.created_at > outbox::give_up_after() {
                done.failed += 1;
                let reason = format!(
                    "not delivered for {} days: {reason}",
                    outbox::give_up_after().num_days()
                );
                mail::close(db, &row, Closing::Failed(reason), now).await?;
                return Ok(true);
            }
            tracing::info!(mail = %row.id, attempt = row.attempts + 1, error = %reason, "mail will be retried");
            done.later += 1;
            outbox::later(db, &row, &reason, now).await?;
            Ok(true)
        }
    }
}

/// The message for `letter`, with its own unsubscribe link (an offer) and
/// its answer link (a statement) when the server knows its public address.
async fn build(
    db: &Db,
    letter: &app::backend::mail::letter::Letter,
    rules: &Rules,
) -> Result<Result<message::Built, String>, ApiError> {
    let answered;
    let letter = match (&letter.answer_for, &rules.public_url) {
        (Some(id), Some(base)) => {
            let token = app::backend::account_letters::links::issue(db, id, Utc::now()).await?;
            let url = format!("{}/reconcile/{token}", base.trim_end_matches('/'));
            answered = letter.clone().with_answer_url(&url);
            &answered
        }
        _ => letter,
    };
    let url = match &rules.public_url {
        Some(base) if letter.marketing => {
            let emails: Vec<String> = letter.to.iter().map(|p| p.email.clone()).collect();
            let token = optout::new_link(db, &emails, letter.language, Utc::now()).await?;
            Some(format!(
                "{}/unsubscribe/{token}",
                base.trim_end_matches('/')
            ))
        }
        _ => None,
    };
    Ok(message::build(letter, &rules.sender, url.as_deref()))
}

/// Keeps this process within its sending rate: the instants of its recent
/// sends, and a wait before one more would exceed it.
#[derive(Default)]
struct Pace {
    recent: std::collections::VecDeque<std::time::Instant>,
}

impl Pace {
    async fn wait(&mut self, most: u32, per: std::time::Duration) {
        while let Some(first) = self.recent.front() {
            if first.elapsed() >= per {
                self.recent.pop_front();
            } else if self.recent.len() >= most.max(1) as usize {
                tokio::time::sleep(per - first.elapsed()).await;
            } else {
                break;
            }
        }
    }

    fn sent(&mut self) {
        self.recent.push_back(std::time::Instant::now());
    }
}
