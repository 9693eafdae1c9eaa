//! The mirror the Replica and its store share: one in-memory copy of the
//! device's records, kept current by what the watched store reports.

use crate::sync::mirror::Mirror;
use crate::sync::watched_store::Watcher;
use std::cell::RefCell;
use std::rc::Rc;

pub type Shared = Rc<RefCell<Mirror>>;

/// What the store reports goes to the mirror.
pub fn watcher(mirror: &Shared) -> Watcher {
    let m = mirror.clone();
    Rc::new(move |changes| m.borrow_mut().apply_all(changes))
}
