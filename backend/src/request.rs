//! The request a server function serves, as the data layer needs it: the
//! client's address (through trusted proxies), its browser, whether it came
//! over HTTPS, and the session cookie.

use http::header;
use leptos::prelude::use_context;
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "kt_session";

/// Facts about the request used for throttling and the session list.
#[derive(Debug, Clone, Default)]
pub struct RequestInfo {
    pub ip: String,
    pub user_agent: Option<String>,
}

pub(crate) fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

fn trusted_proxies() -> Vec<super::client_addr::Cidr> {
    super::settings::current().trusted_proxies.clone()
}

fn peer(p: &http::request::Parts) -> Option<std::net::IpAddr> {
    p.extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
}

/// Whether the request came over HTTPS: to this server's own TLS, or
/// through a trusted proxy.
pub fn request_is_https() -> bool {
    super::settings::current().tls
        || parts().is_some_and(|p| {
            peer(&p)
                .is_some_and(|ip| super::client_addr::is_https(ip, &p.headers, &trusted_proxies()))
        })
}

pub fn request_info() -> RequestInfo {
    let Some(p) = parts() else {
        return RequestInfo::default();
    };
    let ip = peer(&p)
        .map(|ip| super::client_addr::client_ip(ip, &p.headers, &trusted_proxies()).to_string())
        .unwrap_or_else(|| "unknown".into());
    let user_agent = p
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.chars().take(300).collect());
    RequestInfo { ip, user_agent }
}

/// The session token from the request's cookie, if any.
pub fn session_token() -> Option<String> {
    let p = parts()?;
    p.headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}
