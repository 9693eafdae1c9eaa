//! Browser facilities the replica leans on, reached through `Reflect` where
//! web-sys would need many feature flags: Web Locks (one tab syncs at a
//! time), BroadcastChannel (other tabs hear of changes), persistent storage,
//! the remembered signed-in user for starting offline, and the kept Today.

use crate::domain::user::Me;
use crate::sync::kept_today::KeptToday;
use std::future::Future;

/// The remembered signed-in user (also read by the page script, to leave
/// the page's own sign-in form hidden).
pub const ME_KEY: &str = "kartoteka-me";
/// Followed by the user's id.
const TODAY_KEY: &str = "kartoteka-today-";

/// Runs `work` while holding the named Web Lock, or not at all when another
/// tab holds it (that tab is syncing already). Without Web Locks, just runs it.
#[cfg(feature = "csr")]
pub async fn with_lock<F>(name: &str, work: F) -> bool
where
    F: Future<Output = ()> + 'static,
{
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;

    let navigator = web_sys::window().map(|w| w.navigator());
    let locks = navigator
        .and_then(|n| Reflect::get(&n, &"locks".into()).ok())
        .filter(|l| !l.is_undefined());
    let Some(locks) = locks else {
        work.await;
        return true;
    };
    let request: Function = match Reflect::get(&locks, &"request".into()) {
        Ok(f) if f.is_function() => f.unchecked_into(),
        _ => {
            work.await;
            return true;
        }
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &true.into());
    let ran = std::rc::Rc::new(std::cell::Cell::new(false));
    let ran2 = ran.clone();
    let work = std::cell::RefCell::new(Some(work));
    let callback = Closure::<dyn FnMut(JsValue) -> Promise>::new(move |lock: JsValue| {
        if lock.is_null() {
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        ran2.set(true);
        let work = work.borrow_mut().take();
        wasm_bindgen_futures::future_to_promise(async move {
            if let Some(w) = work {
                w.await;
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    let promise = request.call3(
        &locks,
        &name.into(),
        &options,
        callback.as_ref().unchecked_ref(),
    );
    if let Ok(p) = promise {
        let _ = wasm_bindgen_futures::JsFuture::from(Promise::from(p)).await;
    }
    drop(callback);
    ran.get()
}

#[cfg(not(feature = "csr"))]
pub async fn with_lock<F>(_name: &str, work: F) -> bool
where
    F: Future<Output = ()> + 'static,
{
    work.await;
    true
}

/// This page's own name in announcements: a page hears every channel
/// object but the one that posted, so without it a tab would take its own
/// announcements for another tab's and read its whole store again.
#[cfg(feature = "csr")]
fn this_tab() -> &'static str {
    static TAB: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TAB.get_or_init(|| uuid::Uuid::now_v7().to_string())
}

/// Tells other tabs that this user's local data changed.
pub fn announce(channel: &str, user_id: &str) {
    #[cfg(feature = "csr")]
    if let Ok(c) = web_sys::BroadcastChannel::new(channel) {
        let message = format!("{}\u{1f}{user_id}", this_tab());
        let _ = c.post_message(&message.into());
        c.close();
    }
    #[cfg(not(feature = "csr"))]
    let _ = (channel, user_id);
}

/// Calls `on_change(user_id)` whenever another tab announces a change, for
/// the life of the page.
pub fn listen(channel: &str, on_change: impl Fn(String) + 'static) {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::prelude::*;
        let Ok(c) = web_sys::BroadcastChannel::new(channel) else {
            return;
        };
        let cb = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(message) = e.data().as_string() else {
                return;
            };
            match message.split_once('\u{1f}') {
                Some((tab, _)) if tab == this_tab() => {}
                Some((_, user)) => on_change(user.to_string()),
                None => on_change(message),
            }
        });
        c.set_onmessage(Some(cb.as_ref().unchecked_ref()));
        cb.forget();
        // The channel must outlive this call; it lives as long as the page.
        std::mem::forget(c);
    }
    #[cfg(not(feature = "csr"))]
    let _ = (channel, on_change);
}

/// Storage the browser gives this site: used and available bytes, and
/// whether it promised not to evict it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StorageState {
    pub usage: f64,
    pub quota: f64,
    pub persisted: bool,
}

#[cfg(feature = "csr")]
async fn call_storage(method: &str) -> Option<wasm_bindgen::JsValue> {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::JsCast;
    let navigator = web_sys::window()?.navigator();
    let storage = Reflect::get(&navigator, &"storage".into()).ok()?;
    if storage.is_undefined() {
        return None;
    }
    let f: Function = Reflect::get(&storage, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let p: Promise = f.call0(&storage).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(p).await.ok()
}

/// Asks the browser to keep our data (a no-op if it already does).
pub async fn request_persistence() -> StorageState {
    #[cfg(feature = "csr")]
    {
        use js_sys::Reflect;
        let persisted = match call_storage("persisted").await.and_then(|v| v.as_bool()) {
            Some(true) => true,
            _ => call_storage("persist")
                .await
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
        };
        let estimate = call_storage("estimate").await;
        let num = |k: &str| {
            estimate
                .as_ref()
                .and_then(|e| Reflect::get(e, &k.into()).ok())
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0)
        };
        StorageState {
            usage: num("usage"),
            quota: num("quota"),
            persisted,
        }
    }
    #[cfg(not(feature = "csr"))]
    StorageState::default()
}

/// This origin's localStorage, for the small facts the device keeps beside
/// its replica (none while rendering on the server).
pub fn local_storage() -> Option<web_sys::Storage> {
    #[cfg(feature = "csr")]
    {
        web_sys::window()?.local_storage().ok().flatten()
    }
    #[cfg(not(feature = "csr"))]
    None
}

/// Remembers who signed in on this device, so the app opens offline.
pub fn remember_me(me: Option<&Me>) {
    let Some(ls) = local_storage() else { return };
    match me.and_then(|m| serde_json::to_string(m).ok()) {
        Some(json) => {
            let _ = ls.set_item(ME_KEY, &json);
        }
        None => {
            let _ = ls.remove_item(ME_KEY);
        }
    }
}

pub fn remembered_me() -> Option<Me> {
    let json = local_storage()?.get_item(ME_KEY).ok().flatten()?;
    serde_json::from_slice(json.as_bytes()).ok()
}

fn today_key(user_id: &str) -> String {
    format!("{TODAY_KEY}{user_id}")
}

/// Keeps Today's screen as just worked out (see `sync::kept_today`).
pub fn keep_today(kept: &KeptToday) {
    let Some(ls) = local_storage() else { return };
    if let Ok(json) = serde_json::to_string(kept) {
        let _ = ls.set_item(&today_key(&kept.user_id), &json);
    }
}

pub fn kept_today(user_id: &str) -> Option<KeptToday> {
    let json = local_storage()?
        .get_item(&today_key(user_id))
        .ok()
        .flatten()?;
    serde_json::from_slice(json.as_bytes()).ok()
}

/// Forgets the kept Today with the rest of the user's local data: it names
/// clients.
pub fn forget_today(user_id: &str) {
    if let Some(ls) = local_storage() {
        let _ = ls.remove_item(&today_key(user_id));
    }
}
