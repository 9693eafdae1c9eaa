//! Performance marks for the browser benchmark (`end2end/tests/bench.spec.js`):
//! a screen marks when it starts computing and measures once its content
//! is on screen (the frame after the DOM update). Cheap enough to stay on.

use leptos::prelude::request_animation_frame;

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// `<name>:start`, now.
pub fn start(name: &'static str) {
    if let Some(p) = performance() {
        let _ = p.mark(&format!("{name}:start"));
    }
}

/// A measure called `name` from `<name>:start` to the next frame.
pub fn painted(name: &'static str) {
    request_animation_frame(move || {
        if let Some(p) = performance() {
            let _ = p.measure_with_start_mark(name, &format!("{name}:start"));
        }
    });
}

/// A measure called `name` from `<name>:start` to now (work no frame shows).
pub fn done(name: &'static str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(name, &format!("{name}:start"));
    }
}
