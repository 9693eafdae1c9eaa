//! Phone numbers as people read them ("+371 20 000 000"), remembered per
//! page load: formatting one by its numbering plan's rules took ~70 µs with
//! the CPU 4× slower, and the client list shows fifty at each keystroke,
//! mostly the same ones again.

use crate::domain::phone;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// Enough for every number a session shows; past it the memo starts over
/// rather than grow without end.
const REMEMBERED: usize = 4096;

thread_local! {
    static SHOWN: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    /// A number was shown as stored, before the numbering plans came.
    static UNGROUPED: Cell<bool> = const { Cell::new(false) };
}

/// Whether a number has been shown as stored since the last call: the
/// views on screen then read again once the plans are in (Today shows no
/// numbers, so a warm start does not redraw it for them).
pub fn take_ungrouped() -> bool {
    UNGROUPED.replace(false)
}

/// `e164` formatted for display (see `domain::phone::display`); as stored
/// until the numbering plans are in, and not remembered that way.
pub fn phone_text(e164: &str) -> String {
    if !phone::is_ready() {
        UNGROUPED.set(true);
        return e164.to_string();
    }
    SHOWN.with_borrow_mut(|shown| {
        if let Some(text) = shown.get(e164) {
            return text.clone();
        }
        if shown.len() >= REMEMBERED {
            shown.clear();
        }
        let text = phone::display(e164);
        shown.insert(e164.to_string(), text.clone());
        text
    })
}
