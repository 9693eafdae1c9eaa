//! Follow-ups due now, outside the page: the app's badge (on an installed
//! app's icon) shows how many, and, with the person's permission, a
//! notification announces each one as it falls due while the app is open,
//! in front or behind. Both are hints: a browser without them shows the
//! agenda on Today as before.

use crate::domain::calling::agenda::Due;
use crate::domain::calling::due_now;
use crate::i18n::{Key, format, t};
use crate::ui::follow_ups::labels;
use crate::ui::replica::use_replica;
use crate::ui::session::use_session;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// How often the clock is looked at (a hidden tab's timers run about once a
/// minute anyway).
const CHECK_EVERY: Duration = Duration::from_secs(30);
/// What the service worker posts when a notification is tapped.
const OPEN: &str = "kartoteka-open";

/// Runs for the signed-in frame.
pub fn run() {
    let s = use_session();
    let r = use_replica();
    let navigate = leptos_router::hooks::use_navigate();
    listen_for_taps(navigate);
    let last = StoredValue::new(None::<DateTime<Utc>>);
    let check = move || {
        let Some(all) = r.open_follow_ups() else {
            return;
        };
        let now = Utc::now();
        let due = due_now::due_by(&all, now);
        set_badge(due.len());
        if permission().as_deref() == Some("granted") {
            for d in due_now::newly_due(&due, last.get_value()) {
                notify(s.lang.get_untracked(), d);
            }
        }
        last.set_value(Some(now));
    };
    // At once when local data changes (a step planned or done) or is first
    // in memory...
    Effect::new(move |_| {
        r.revision.track();
        r.filled.track();
        r.ready.track();
        check();
    });
    // ...and as time passes.
    let timer = set_interval_with_handle(check, CHECK_EVERY).ok();
    on_cleanup(move || {
        if let Some(t) = timer {
            t.clear();
        }
        set_badge(0);
    });
}

/// Waits for `promise` in the browser and hands its outcome to `then`; the
/// native build, which never runs the interface, only drops it.
fn settle(promise: js_sys::Promise, then: impl FnOnce(Result<JsValue, JsValue>) + 'static) {
    #[cfg(feature = "csr")]
    leptos::task::spawn_local(async move {
        then(wasm_bindgen_futures::JsFuture::from(promise).await);
    });
    #[cfg(not(feature = "csr"))]
    let _ = (promise, then);
}

/// `navigator.setAppBadge(n)`, or `clearAppBadge()` for none, where the
/// browser has them; a refusal (the app not installed) is not an error.
fn set_badge(n: usize) {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return;
    };
    let name = if n == 0 {
        "clearAppBadge"
    } else {
        "setAppBadge"
    };
    let Some(f) = js_sys::Reflect::get(&nav, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    let called = if n == 0 {
        f.call0(&nav)
    } else {
        f.call1(&nav, &(n as f64).into())
    };
    if let Ok(answer) = called {
        settle(js_sys::Promise::resolve(&answer), |_| {});
    }
}

/// The page's notification permission: "granted", "denied" or "default";
/// `None` where there are no notifications.
pub fn permission() -> Option<String> {
    let window = web_sys::window()?;
    let class = js_sys::Reflect::get(&window, &"Notification".into()).ok()?;
    if class.is_undefined() {
        return None;
    }
    js_sys::Reflect::get(&class, &"permission".into())
        .ok()?
        .as_string()
}

/// Asks for permission (from a tap: browsers ignore it otherwise) and
/// hands the answer to `answered`. (Older Safari answers through a
/// callback and returns nothing; the permission is read afterwards anyway.)
pub fn ask_permission(answered: impl FnOnce(Option<String>) + 'static) {
    match web_sys::Notification::request_permission() {
        Ok(asked) => settle(js_sys::Promise::resolve(&asked), move |_| {
            answered(permission())
        }),
        Err(_) => answered(permission()),
    }
}

/// One follow-up fell due: "Tikties · SIA Koks", its time and note; a tap
/// opens the card. Shown by the service worker where there is one (a
/// phone's browser allows notifications from nowhere else), else by the page.
fn notify(lang: crate::domain::user::Language, d: &Due) {
    let title = format!("{} · {}", t(lang, labels::action(d.action)), d.client_name);
    let mut body = format::datetime(lang, d.due);
    if let Some(note) = &d.note {
        body = format!("{body}\n{note}");
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(&body);
    // One per follow-up: a second announcement replaces the first.
    options.set_tag(&d.follow_up_id);
    let card = format!("/clients/{}", d.client_id);
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"url".into(), &card.as_str().into());
    options.set_data(&data);
    let Some(window) = web_sys::window() else {
        return;
    };
    let workers = window.navigator().service_worker();
    if workers.controller().is_some() {
        if let Ok(ready) = workers.ready() {
            settle(ready, move |registration| {
                let shown = registration
                    .and_then(|r| r.dyn_into::<web_sys::ServiceWorkerRegistration>())
                    .and_then(|r| r.show_notification_with_options(&title, &options));
                if let Ok(shown) = shown {
                    settle(shown, |_| {});
                }
            });
        }
        return;
    }
    if let Ok(shown) = web_sys::Notification::new_with_options(&title, &options) {
        let open = Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.focus();
                let _ = w.location().set_href(&card);
            }
        });
        shown.set_onclick(Some(open.unchecked_ref()));
    }
}

/// A tap on a notification the service worker showed: it names the card,
/// which the app opens, and brings this page forward.
fn listen_for_taps(navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static) {
    let Some(workers) = web_sys::window().map(|w| w.navigator().service_worker()) else {
        return;
    };
    let heard =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let kind = js_sys::Reflect::get(&data, &"type".into())
                .ok()
                .and_then(|v| v.as_string());
            let url = js_sys::Reflect::get(&data, &"url".into())
                .ok()
                .and_then(|v| v.as_string());
            if let (Some(OPEN), Some(url)) = (kind.as_deref(), url)
                && url.starts_with("/clients/")
            {
                navigate(&url, Default::default());
            }
        });
    let _ = workers.add_event_listener_with_callback("message", heard.as_ref().unchecked_ref());
    let listener = StoredValue::new_local((workers, heard));
    on_cleanup(move || {
        listener.try_with_value(|(workers, heard)| {
            let _ = workers
                .remove_event_listener_with_callback("message", heard.as_ref().unchecked_ref());
        });
    });
}

/// The word for the current permission, for the account page.
pub fn state_key(permission: Option<&str>) -> Key {
    match permission {
        Some("granted") => Key::NotifyOn,
        Some("denied") => Key::NotifyBlocked,
        Some(_) => Key::NotifyOff,
        None => Key::NotifyUnsupported,
    }
}
