//! Said at the top when the service worker could not keep the app on this
//! device (the browser refused the room, or a download failed): the app
//! then works online but will not start without a network, which the user
//! must learn before leaving for the fair, not there. boot.js hears it from
//! the worker (see `server/src/http/service_worker.rs`) and keeps the last
//! word in `window.__kartotekaOffline`: "quota", another reason, or null
//! once a worker has taken the page over.

use crate::i18n::Key;
use crate::ui::session::use_session;
use leptos::prelude::*;

/// Why the app is not kept for offline start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    /// The browser's storage quota refused the app's files.
    NoRoom,
    /// Anything else (a download failed half-way, say).
    NotKept,
}

impl Problem {
    fn from_reason(reason: &str) -> Self {
        if reason == "quota" {
            Problem::NoRoom
        } else {
            Problem::NotKept
        }
    }

    fn key(self) -> Key {
        match self {
            Problem::NoRoom => Key::OfflineNoRoom,
            Problem::NotKept => Key::OfflineNotKept,
        }
    }

    fn reason(self) -> &'static str {
        match self {
            Problem::NoRoom => "quota",
            Problem::NotKept => "other",
        }
    }
}

/// What boot.js last heard.
fn current() -> Option<Problem> {
    js_sys::Reflect::get(&window(), &"__kartotekaOffline".into())
        .ok()
        .and_then(|v| v.as_string())
        .map(|r| Problem::from_reason(&r))
}

#[component]
pub fn OfflineUnavailable() -> impl IntoView {
    let s = use_session();
    let problem = RwSignal::new(current());
    let heard = window_event_listener_untyped("kartoteka-offline", move |_| problem.set(current()));
    on_cleanup(move || heard.remove());
    move || {
        problem.get().map(|p| {
            view! {
                <p class="notice warning" role="alert" id="offline-unavailable" data-reason=p.reason()>
                    {move || s.t(p.key())}
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_refused_quota_is_called_a_lack_of_room() {
        assert_eq!(Problem::from_reason("quota"), Problem::NoRoom);
        assert_eq!(Problem::from_reason("other"), Problem::NotKept);
        assert_eq!(Problem::from_reason(""), Problem::NotKept);
        assert_eq!(
            Problem::from_reason(Problem::NoRoom.reason()),
            Problem::NoRoom
        );
    }
}
