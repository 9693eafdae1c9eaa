//! An address as a link that opens the phone's maps app (or the map site on
//! a desktop): the universal maps search address, which Android and iOS
//! hand to the maps app installed.

use super::text::encode;

/// The link for `address` in `city` (either may be missing).
pub fn link(address: Option<&str>, city: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [address, city]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "https://www.google.com/maps/search/?api=1&query={}",
        encode(&parts.join(", "))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_and_city_make_one_search() {
        assert_eq!(
            link(Some("Brīvības iela 1"), Some("Rīga")).unwrap(),
            "https://www.google.com/maps/search/?api=1&query=Br%C4%ABv%C4%ABbas%20iela%201%2C%20R%C4%ABga"
        );
        assert_eq!(
            link(None, Some("Cēsis")).unwrap(),
            "https://www.google.com/maps/search/?api=1&query=C%C4%93sis"
        );
        assert_eq!(link(Some(" "), None), None);
    }
}
