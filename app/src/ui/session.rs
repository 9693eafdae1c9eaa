//! Who is signed in, in which language, and whether the server has stopped
//! accepting our session. Provided once by `App`, read everywhere.

use crate::api::ApiError;
use crate::domain::user::{Language, Me};
use crate::i18n::{self, Key};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Me>>,
    pub lang: RwSignal<Language>,
    /// The server answered 401 while the user was working: show the sign-in
    /// dialog over the page so that nothing typed is lost.
    pub auth_lost: RwSignal<bool>,
    /// This device was signed out from elsewhere (or the user deactivated):
    /// it hands in its unsent work, wipes the user's data and says so.
    pub signed_out: RwSignal<bool>,
}

impl Session {
    pub fn new() -> Self {
        Self {
            me: RwSignal::new(None),
            lang: RwSignal::new(browser_language()),
            auth_lost: RwSignal::new(false),
            signed_out: RwSignal::new(false),
        }
    }

    /// Translates reactively: re-renders when the language changes. For
    /// views; a debug build warns (naming the caller) when it is read
    /// elsewhere.
    #[track_caller]
    pub fn t(&self, key: Key) -> &'static str {
        i18n::t(self.lang.get(), key)
    }

    /// The text in the language chosen now, for event handlers and tasks,
    /// which run outside any view and are not re-rendered.
    pub fn t_now(&self, key: Key) -> &'static str {
        i18n::t(self.lang.get_untracked(), key)
    }

    /// Notes an error that means "sign in again" and passes it on.
    pub fn watch(&self, e: ApiError) -> ApiError {
        match e {
            ApiError::Unauthorized => self.auth_lost.set(true),
            ApiError::SignedOut => self.signed_out.set(true),
            _ => {}
        }
        e
    }

    pub fn signed_in(&self, me: Me) {
        // Set only when it differs: every text on screen follows it.
        if self.lang.get_untracked() != me.language {
            self.lang.set(me.language);
        }
        self.me.set(Some(me));
        self.auth_lost.set(false);
        self.signed_out.set(false);
    }
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn browser_language() -> Language {
    let langs = web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|arr| {
            arr.iter()
                .filter_map(|v| v.as_string())
                .collect::<Vec<String>>()
        })
        .unwrap_or_default();
    Language::from_preferences(langs.iter().map(String::as_str))
}
