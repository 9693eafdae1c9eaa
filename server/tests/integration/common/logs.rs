//! Tests run in parallel threads and a few capture logs with a thread-local
//! subscriber. Without a global one, a log line first reached by another
//! thread while such a subscriber is being installed can be cached as "never
//! wanted" for the whole process, and the capturing test then misses it. A
//! global subscriber that keeps every line's interest "sometimes" makes each
//! line ask the current thread's subscriber every time instead.

use std::sync::Once;
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber, span};

struct AskEachTime;

impl Subscriber for AskEachTime {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::sometimes()
    }
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        false
    }
    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }
    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}
    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &span::Id) {}
    fn exit(&self, _: &span::Id) {}
}

/// Installs the global subscriber once, before the first app is built.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Fails only if something else set one first; then that one decides.
        let _ = tracing::subscriber::set_global_default(AskEachTime);
    });
}
