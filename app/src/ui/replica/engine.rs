//! The replica in the UI: opens the signed-in user's local store, keeps the
//! sync state the header shows, and syncs in the background (on start, when
//! the network returns, after edits, and every half minute).

use super::browser::{self, StorageState};
use super::numbering;
use super::shared_mirror;
use super::store::{self, DeviceStore};
use super::transport;
use crate::api::ApiError;
use crate::domain::calling::hourly_zone::HourlyZone;
use crate::domain::user::Me;
use crate::sync::device::{Device, Progress, SyncError};
use crate::sync::local_list::LocalIndex;
use crate::sync::store::{LocalStore, Rejected};
use crate::ui::session::Session;
use crate::ui::widgets::phone_text;
use chrono::{DateTime, Utc};
use futures::channel::oneshot;
use leptos::prelude::*;
use std::rc::Rc;
use std::time::Duration;

/// How often to sync while the app is open and online.
const EVERY: Duration = Duration::from_secs(30);
/// Edits made in a quick row go in one sync.
const AFTER_EDIT: Duration = Duration::from_millis(400);
/// After handing in a queued proposal, when to ask what the mail server
/// said (the server sends at once; the periodic sync is the fallback).
const HEAR_MAIL: Duration = Duration::from_secs(3);

#[derive(Clone, Copy)]
pub struct Replica {
    /// The local store is open and readable.
    pub ready: RwSignal<bool>,
    pub online: RwSignal<bool>,
    /// Operations waiting to be sent.
    pub pending: RwSignal<usize>,
    pub last_sync: RwSignal<Option<DateTime<Utc>>>,
    pub syncing: RwSignal<bool>,
    /// The running sync's progress (the first download's bar).
    pub progress: RwSignal<Option<Progress>>,
    /// No complete download yet on this device.
    pub first_download: RwSignal<bool>,
    pub rejected: RwSignal<Vec<Rejected>>,
    pub last_error: RwSignal<Option<ApiError>>,
    pub storage: RwSignal<Option<StorageState>>,
    /// Bumped whenever local data changes, so views read again.
    pub revision: RwSignal<u64>,
    /// The device's records are in memory (reads that came earlier waited
    /// for them and need no second read).
    pub filled: RwSignal<bool>,
    pub(super) session: Session,
    device: StoredValue<Option<Rc<Device<DeviceStore>>>, LocalStorage>,
    /// The device's records in memory (see `shared_mirror.rs`, `records.rs`).
    pub(super) mirror: StoredValue<shared_mirror::Shared, LocalStorage>,
    /// Reads that want every record and came before the mirror was filled:
    /// answered when the fill is done, so they do not read the whole store
    /// a second time beside it (see `records.rs`).
    pub(super) fill_waiters: StoredValue<Vec<oneshot::Sender<()>>, LocalStorage>,
    pub(super) zone: StoredValue<HourlyZone<chrono::Local>, LocalStorage>,
    index: StoredValue<Option<(u64, Rc<LocalIndex>)>, LocalStorage>,
    edit_timer: StoredValue<Option<TimeoutHandle>>,
    /// A sync was asked for while one ran (the network came back, an edit was
    /// made): run one more when it ends, so nothing waits for the next tick.
    again: StoredValue<bool>,
    /// The phone numbering plans are on their way (see `numbering.rs`).
    numbering_loading: StoredValue<bool>,
    /// A sync was asked for while they were, with edits waiting: it runs
    /// when they come. No other sync follows them, so a page load does not
    /// pull twice (and a session that ended is not found out before the
    /// person acts).
    held_for_rules: StoredValue<bool>,
}

pub fn use_replica() -> Replica {
    expect_context::<Replica>()
}

/// Tabs announce changes here, naming the user whose data changed.
const CHANNEL: &str = "kartoteka-changes";

impl Replica {
    pub fn new(session: Session) -> Replica {
        let r = Replica {
            ready: RwSignal::new(false),
            online: RwSignal::new(is_online()),
            pending: RwSignal::new(0),
            last_sync: RwSignal::new(None),
            syncing: RwSignal::new(false),
            progress: RwSignal::new(None),
            first_download: RwSignal::new(false),
            rejected: RwSignal::new(Vec::new()),
            last_error: RwSignal::new(None),
            storage: RwSignal::new(None),
            revision: RwSignal::new(0),
            filled: RwSignal::new(false),
            session,
            device: StoredValue::new_local(None),
            mirror: StoredValue::new_local(Default::default()),
            fill_waiters: StoredValue::new_local(Vec::new()),
            zone: StoredValue::new_local(HourlyZone::new(chrono::Local)),
            index: StoredValue::new_local(None),
            edit_timer: StoredValue::new(None),
            again: StoredValue::new(false),
            numbering_loading: StoredValue::new(false),
            held_for_rules: StoredValue::new(false),
        };
        r.watch();
        r
    }

    pub fn device(&self) -> Result<Rc<Device<DeviceStore>>, ApiError> {
        self.device
            .get_value()
            .ok_or_else(|| ApiError::Internal("local data is not open yet".into()))
    }

    /// Opens the user's local data and starts syncing.
    pub fn start(self, me: Me) {
        leptos::task::spawn_local(async move {
            let watcher = shared_mirror::watcher(&self.mirror.get_value());
            let opened = match store::open(&me.id, watcher).await {
                Ok(s) => Device::open(s, &me.id, &me.name).await,
                Err(e) => Err(e),
            };
            match opened {
                Ok(d) => {
                    self.device.set_value(Some(Rc::new(d)));
                    self.ready.set(true);
                    self.refresh().await;
                    self.sync_now();
                    self.fill_mirror().await;
                }
                Err(e) => self.last_error.set(Some(ApiError::Internal(e.to_string()))),
            }
            self.storage.set(Some(browser::request_persistence().await));
        });
    }

    /// Network events, the periodic sync and other tabs' announcements, for
    /// the life of the app (the replica is made once, at the root).
    fn watch(self) {
        let _ = window_event_listener(leptos::ev::online, move |_| {
            self.online.set(true);
            self.sync_now();
        });
        let _ = window_event_listener(leptos::ev::offline, move |_| self.online.set(false));
        // The browser's word decides, not `online`: that says only that the
        // last sync could not reach the server, and a weak mobile connection
        // comes back without an `online` event.
        let _ = set_interval_with_handle(
            move || {
                if is_online() {
                    self.sync_now();
                }
            },
            EVERY,
        );
        browser::listen(CHANNEL, move |user| {
            let mine = self
                .session
                .me
                .with_untracked(|m| m.as_ref().is_some_and(|m| m.id == user));
            if mine {
                // Another tab wrote to the store: this tab's watcher saw
                // none of it, so the mirror is stale. Views read again at
                // once and wait for the fill (or read the store itself).
                self.mirror_stale();
                self.revision.update(|r| *r += 1);
                leptos::task::spawn_local(async move {
                    self.refresh().await;
                    self.fill_mirror().await;
                });
            }
        });
    }

    /// Whether the phone numbering plans are in; if not, loads them, and
    /// runs the sync held for them once they are. If a view showed a number
    /// as stored meanwhile, views read again when they come.
    fn with_numbering(self) -> bool {
        if crate::domain::phone::is_ready() {
            return true;
        }
        if !self.numbering_loading.get_value() {
            self.numbering_loading.set_value(true);
            leptos::task::spawn_local(async move {
                let loaded = numbering::load().await;
                self.numbering_loading.set_value(false);
                if loaded {
                    if phone_text::take_ungrouped() {
                        self.revision.update(|r| *r += 1);
                    }
                    if self.held_for_rules.get_value() {
                        self.held_for_rules.set_value(false);
                        self.sync_now();
                    }
                }
            });
        }
        false
    }

    /// Reads the counters the header shows from the store.
    pub async fn refresh(&self) {
        let Ok(d) = self.device() else { return };
        if let Ok(out) = d.store().outbox().await {
            self.pending.set(out.len());
        }
        if let Ok(r) = d.store().rejected().await {
            self.rejected.set(r);
        }
        if let Ok(m) = d.meta().await {
            self.last_sync.set(m.last_sync);
            self.first_download.set(m.cursor.is_none());
        }
    }

    /// Local data changed here: views read again, other tabs hear of it, and
    /// a sync follows shortly.
    pub fn changed_locally(&self) {
        let this = *self;
        self.revision.update(|r| *r += 1);
        if let Some(me) = self.session.me.get_untracked() {
            browser::announce(CHANNEL, &me.id);
        }
        leptos::task::spawn_local(async move { this.refresh().await });
        if let Some(h) = self.edit_timer.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(move || this.sync_now(), AFTER_EDIT).ok();
        self.edit_timer.set_value(h);
    }

    /// Pushes and pulls now, unless a sync is running here or in another tab.
    pub fn sync_now(&self) {
        let this = *self;
        // Laying unsent edits over pulled cards checks their numbers again:
        // with edits waiting, a sync waits for the rules. A first download
        // has none to lay over, and an edit made meanwhile needed the rules.
        let rules_in = self.with_numbering();
        if !self.ready.get_untracked() {
            return;
        }
        if !rules_in && self.pending.get_untracked() > 0 {
            self.held_for_rules.set_value(true);
            return;
        }
        if self.syncing.get_untracked() {
            self.again.set_value(true);
            return;
        }
        let Ok(device) = self.device() else { return };
        let Some(me) = self.session.me.get_untracked() else {
            return;
        };
        self.syncing.set(true);
        leptos::task::spawn_local(async move {
            let lock = format!("kartoteka-sync-{}", me.id);
            browser::with_lock(&lock, async move {
                let result =
                    transport::sync(device, move |p| this.progress.set(Some(p.clone()))).await;
                match result {
                    Ok(_) => {
                        this.last_error.set(None);
                        // The browser may have gone offline since the sync
                        // began; its word is the newer one.
                        this.online.set(is_online());
                        this.refresh_me().await;
                    }
                    Err(SyncError::Server(ApiError::Unauthorized)) => {
                        this.session.auth_lost.set(true);
                    }
                    Err(SyncError::Server(ApiError::SignedOut)) => {
                        this.session.signed_out.set(true);
                    }
                    Err(SyncError::Server(e @ ApiError::Network(_))) => {
                        this.online.set(false);
                        this.last_error.set(Some(e));
                    }
                    Err(SyncError::Server(e)) => this.last_error.set(Some(e)),
                    Err(SyncError::Store(e)) => {
                        this.last_error.set(Some(ApiError::Internal(e.to_string())))
                    }
                }
            })
            .await;
            // Views read the store again only if this sync changed it.
            let moved = this
                .progress
                .with_untracked(|p| p.as_ref().is_some_and(|p| p.pushed + p.pulled > 0));
            let pushed = this
                .progress
                .with_untracked(|p| p.as_ref().is_some_and(|p| p.pushed > 0));
            this.progress.set(None);
            this.syncing.set(false);
            this.refresh().await;
            if moved {
                this.revision.update(|r| *r += 1);
                browser::announce(CHANNEL, &me.id);
            }
            if this.again.get_value() {
                this.again.set_value(false);
                this.sync_now();
            } else if pushed && this.awaits_mail().await {
                let _ = set_timeout_with_handle(move || this.sync_now(), HEAR_MAIL);
            }
        });
    }

    /// Whether a proposal or a letter here waits for the server to send it.
    async fn awaits_mail(&self) -> bool {
        use crate::domain::receivables::account_letter::LetterStatus;
        self.over_records(|m| {
            m.proposals
                .as_slice()
                .iter()
                .any(|p| p.fields.status == crate::domain::proposal::ProposalStatus::Queued)
                || m.account_letters
                    .as_slice()
                    .iter()
                    .any(|l| l.status() == LetterStatus::Queued)
        })
        .await
        .unwrap_or(false)
    }

    /// Asks the server who we are again after a sync, so targets a head set
    /// meanwhile reach an app that stays open for days.
    async fn refresh_me(&self) {
        let Ok(Some(now)) = crate::api::auth::current_user().await else {
            return;
        };
        if self.session.me.get_untracked().as_ref() != Some(&now) {
            browser::remember_me(Some(&now));
            self.session.me.set(Some(now));
            self.revision.update(|r| *r += 1);
        }
    }

    /// The list index over the local cards, rebuilt when the data changed.
    pub async fn index(&self) -> Result<Rc<LocalIndex>, ApiError> {
        let rev = self.revision.get_untracked();
        if let Some((r, idx)) = self.index.get_value()
            && r == rev
        {
            return Ok(idx);
        }
        let idx = Rc::new(
            self.over_records(|m| LocalIndex::build(m.cards.as_slice().iter()))
                .await?,
        );
        self.index.set_value(Some((rev, idx.clone())));
        Ok(idx)
    }

    /// The device was signed out from elsewhere: push what the server still
    /// takes (a sync pushes before it pulls; the pull then fails), delete
    /// the user's local data and show the sign-in page with the reason.
    pub fn surrender(&self) {
        let this = *self;
        let Some(me) = self.session.me.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(d) = this.device() {
                let _ = transport::sync(d, |_| {}).await;
            }
            this.forget(&me.id).await;
            this.session.me.set(None);
        });
    }

    /// Closes the open user's local data, keeping it on the device (another
    /// user signed in over the page): nothing of theirs stays in memory.
    pub fn close(&self) {
        if let Some(d) = self.device.get_value() {
            store::close(d.store());
        }
        self.device.set_value(None);
        self.index.set_value(None);
        self.mirror_stale();
        self.fill_done();
        self.ready.set(false);
    }

    /// Closes and deletes this user's local data (after sign-out).
    pub async fn forget(&self, user_id: &str) {
        self.close();
        let _ = store::wipe(user_id).await;
        browser::forget_today(user_id);
        browser::remember_me(None);
    }
}

fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}
