//! The HTTP face: server functions under /api, hashed assets under /pkg,
//! static files from public/, /healthz, the service worker at /sw.js, the
//! public unsubscribe page, the accounting system's document push, and the
//! app shell for every other path.

pub mod access_log;
pub mod accounting_push;
pub mod boot_form;
pub mod guard;
pub mod health;
pub mod reconcile;
pub mod router;
pub mod service_worker;
pub mod shell;
pub mod site;
pub mod unsubscribe;

pub use router::router;
