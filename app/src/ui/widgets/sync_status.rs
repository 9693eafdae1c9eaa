//! The always-visible sync state in the header: online or offline, how many
//! changes wait (or that the server refused some), a one-tap "sync now",
//! and a link to the details.

use crate::i18n::{Key, count, fill};
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use crate::ui::widgets::refusals::use_refusals_seen;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SyncStatus() -> impl IntoView {
    let s = use_session();
    let r = use_replica();
    let online = r.online;
    let pending = r.pending;
    let seen = use_refusals_seen();
    let refused = move || r.rejected.with(|l| seen.unseen(l));
    view! {
        <div class="sync-status">
            <span
                class="net"
                class:offline=move || !online.get()
                role="status"
                aria-live="polite"
                data-online=move || online.get().to_string()
            >
                <span class="dot" aria-hidden="true"></span>
                {move || if online.get() { s.t(Key::Online) } else { s.t(Key::Offline) }}
            </span>
            <A href="/sync" attr:class={move || if refused() > 0 { "pending refused" } else { "pending" }}
                attr:id="pending" attr:data-pending=move || pending.get().to_string()
                attr:data-refused=move || refused().to_string()
                attr:title=move || s.t(Key::NavSync)>
                {move || match (pending.get(), refused()) {
                    (0, 0) => s.t(Key::SyncAllSent).to_string(),
                    (0, n) => count(s.lang.get(), Key::SyncRefused, n as u64),
                    (n, _) => fill(s.t(Key::SyncPending), &[("num", &n.to_string())]),
                }}
            </A>
            <button type="button" class="icon-button" id="sync-now"
                aria-label=move || s.t(Key::SyncNow) title=move || s.t(Key::SyncNow)
                disabled=move || r.syncing.get()
                aria-busy=move || r.syncing.get().to_string()
                on:click=move |_| r.sync_now()>
                <span aria-hidden="true" class:spin=move || r.syncing.get()>"⟳"</span>
            </button>
        </div>
    }
}
