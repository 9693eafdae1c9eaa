//! Who is on the other end of a request: the peer's address, or, when the
//! peer is a reverse proxy the operator trusts, the client it names in
//! `X-Forwarded-For` / `Forwarded`; and whether the client used HTTPS.
//! Headers from anyone else are ignored: they are the client's own words.

use http::HeaderMap;
use std::net::IpAddr;

/// A network written as `address/prefix` (`10.0.0.0/8`, `::1/128`) or a
/// single address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    net: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;

    fn from_str(s: &str) -> Result<Cidr, String> {
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let net: IpAddr = addr
            .parse()
            .map_err(|_| format!("{s:?} is not an IP address or network (e.g. 10.0.0.0/8)"))?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?}: the prefix must be 0 to {max}"))?,
        };
        Ok(Cidr { net, prefix })
    }
}

impl Cidr {
    /// Exactly one address.
    pub const fn host(ip: IpAddr) -> Cidr {
        Cidr {
            net: ip,
            prefix: if ip.is_ipv4() { 32 } else { 128 },
        }
    }

    /// This machine, over IPv4 and IPv6.
    pub fn loopback() -> Vec<Cidr> {
        vec![
            Cidr::host(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)),
            Cidr::host(IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)),
        ]
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.net, ip) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }
}

/// An IPv4 address the dual-stack listener reports as `::ffff:a.b.c.d`
/// compares as the IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn trusted(peer: IpAddr, proxies: &[Cidr]) -> bool {
    proxies.iter().any(|c| c.contains(peer))
}

/// The client's address: the peer's, unless the peer is a trusted proxy;
/// then the nearest address in the forwarding chain that is not itself a
/// trusted proxy (a client can prepend anything to the chain, so it is read
/// from the proxy's end).
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, proxies: &[Cidr]) -> IpAddr {
    let peer = canonical(peer);
    if !trusted(peer, proxies) {
        return peer;
    }
    let chain = forwarded_for(headers);
    chain
        .iter()
        .rev()
        .copied()
        .map(canonical)
        .find(|ip| !trusted(*ip, proxies))
        .or_else(|| chain.first().copied().map(canonical))
        .unwrap_or(peer)
}

/// Whether the client reached us over HTTPS: a trusted proxy says so in
/// `X-Forwarded-Proto` or `Forwarded: proto=https`.
pub fn is_https(peer: IpAddr, headers: &HeaderMap, proxies: &[Cidr]) -> bool {
    if !trusted(canonical(peer), proxies) {
        return false;
    }
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_ascii_lowercase)
    };
    if let Some(proto) = header("x-forwarded-proto") {
        return proto.split(',').next_back().map(str::trim) == Some("https");
    }
    header("forwarded").is_some_and(|f| {
        f.split(',')
            .next_back()
            .is_some_and(|last| last.split(';').any(|kv| kv.trim() == "proto=https"))
    })
}

/// The addresses of `X-Forwarded-For`, or else of `Forwarded: for=`, in order.
fn forwarded_for(headers: &HeaderMap) -> Vec<IpAddr> {
    let xff: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    if !xff.is_empty() {
        return xff;
    }
    headers
        .get_all("forwarded")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .flat_map(|part| part.split(';'))
        .filter_map(|kv| kv.trim().strip_prefix("for="))
        .filter_map(|a| {
            let a = a.trim_matches('"');
            // `for="[2001:db8::1]:4711"` or `for=192.0.2.60:8080`.
            let a = a
                .strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .unwrap_or_else(|| a.split(':').next().unwrap_or(a));
            a.parse().ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn networks_parse_and_match() {
        let lan: Cidr = "192.168.1.0/24".parse().unwrap();
        assert!(lan.contains(ip("192.168.1.77")));
        assert!(!lan.contains(ip("192.168.2.1")));
        assert!(lan.contains(ip("::ffff:192.168.1.5")));
        let one: Cidr = "::1".parse().unwrap();
        assert!(one.contains(ip("::1")));
        let all: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains(ip("8.8.8.8")));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("proxy".parse::<Cidr>().is_err());
    }

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let proxies: Vec<Cidr> = vec!["127.0.0.1".parse().unwrap()];
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9")]);
        assert_eq!(client_ip(ip("127.0.0.1"), &h, &proxies), ip("203.0.113.9"));
        assert_eq!(
            client_ip(ip("198.51.100.1"), &h, &proxies),
            ip("198.51.100.1")
        );
        let f = headers(&[("forwarded", "for=\"[2001:db8::1]:4711\";proto=https")]);
        assert_eq!(client_ip(ip("127.0.0.1"), &f, &proxies), ip("2001:db8::1"));
        assert!(is_https(ip("127.0.0.1"), &f, &proxies));
        let p = headers(&[("x-forwarded-proto", "https")]);
        assert!(is_https(ip("127.0.0.1"), &p, &proxies));
        assert!(!is_https(ip("198.51.100.1"), &p, &proxies));
    }
}
