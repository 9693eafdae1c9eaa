//! Each page's reactive values, kept as long as the page can still react.
//!
//! Leaving a page, the router disposes of the page's values and takes its
//! view down a tick later, once the next page is built. Anything the old
//! page still showed that re-ran in that tick (a sync's answer arriving, a
//! sign-out elsewhere) read a disposed value and panicked, and a panic in
//! the browser stalls its task queue: the next screen then waits forever.
//!
//! So every route's page is built under an owner of its own, and that owner
//! is paused, with every effect under it, before its values go. A paused
//! effect ignores changes; the view it belongs to is about to go anyway.
//! The same holds inside a page wherever a reactive closure replaces a part
//! holding a Suspense: the Suspense keeps its content one task longer than
//! its owner (`widgets/loaded.rs`).

use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;

/// The page `component` makes, built and kept under an owner that is
/// paused the moment the page is left.
pub fn page<V: IntoView + 'static>(component: fn() -> V) -> impl IntoView {
    paused_when_dropped(component)
}

/// The view `build` makes, under an owner that is paused before it is
/// cleaned up: for a part of a page that a reactive closure replaces, and
/// that holds a Suspense (whose content outlives its owner by one task).
pub fn paused_when_dropped<V: IntoView + 'static>(build: impl FnOnce() -> V) -> impl IntoView {
    let owner = paused_on_leave();
    let view = owner.with(|| untrack(build)).into_any();
    OwnedView::new_with_owner(view, owner)
}

/// A new owner under the current one, paused as soon as the current one is
/// cleaned up.
fn paused_on_leave() -> Owner {
    // Made before the page's owner, so cleaned up before it: the pause
    // reaches every effect while they are still attached to the page.
    let pauser = Owner::new();
    let owner = Owner::new();
    pauser.with(|| {
        let owner = owner.clone();
        on_cleanup(move || owner.pause());
    });
    // Held by the current owner (which keeps its children only weakly), so
    // the pauser is cleaned up with it rather than dropped now.
    StoredValue::new(pauser);
    owner
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn leaving_a_page_pauses_its_effects_before_disposing_its_values() {
        let route = Owner::new();
        let paused_in_time = Arc::new(AtomicBool::new(false));
        let (page, effect) = route.with(|| {
            let page = paused_on_leave();
            let effect = page.with(|| {
                let value = StoredValue::new(1);
                // An effect's owner, as a view's effect has under the page.
                let effect = Owner::new();
                let (seen, me) = (paused_in_time.clone(), effect.clone());
                effect.with(|| {
                    on_cleanup(move || {
                        // By the time the page is disposed of, its effects
                        // are paused and its values still there.
                        seen.store(
                            me.paused() && value.try_get_value() == Some(1),
                            Ordering::SeqCst,
                        );
                    })
                });
                effect
            });
            (page, effect)
        });
        assert!(
            !page.paused() && !effect.paused(),
            "a page on screen reacts"
        );
        route.cleanup();
        assert!(page.paused() && effect.paused());
        assert!(paused_in_time.load(Ordering::SeqCst));
    }

    #[test]
    fn a_page_on_screen_is_not_paused_by_its_siblings() {
        let route = Owner::new();
        let page = route.with(paused_on_leave);
        let sibling = route.with(Owner::new);
        sibling.cleanup();
        assert!(!page.paused());
    }
}
