//! Where the app opens: Today on a phone, where the calling day is the job,
//! and the client list on a wider screen.

/// Narrower than this (CSS pixels) is a phone.
const PHONE_MAX_WIDTH: f64 = 640.0;

pub fn home() -> &'static str {
    let width = web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64());
    match width {
        Some(w) if w < PHONE_MAX_WIDTH => "/today",
        _ => "/clients",
    }
}
