//! E-mail addresses: a pragmatic check (one "@", a dotted domain, no spaces),
//! stored lower-cased so that search and matching ignore case.

use super::validation::Problem;

pub const MAX_LEN: usize = 254;

pub fn normalize(input: &str) -> Result<String, Problem> {
    let t = input.trim();
    if t.is_empty() {
        return Err(Problem::Required);
    }
    if t.chars().count() > MAX_LEN {
        return Err(Problem::TooLong { max: MAX_LEN });
    }
    let (local, domain) = t.split_once('@').ok_or(Problem::InvalidEmail)?;
    let ok_local = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let ok_domain = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2);
    let no_bad_chars = !t.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
        && t.matches('@').count() == 1;
    if ok_local && ok_domain && no_bad_chars {
        Ok(t.to_lowercase())
    } else {
        Err(Problem::InvalidEmail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses() {
        assert_eq!(normalize(" Info@Piens.LV ").unwrap(), "info@piens.lv");
        assert_eq!(
            normalize("janis.berzins+crm@sub.example.com").unwrap(),
            "janis.berzins+crm@sub.example.com"
        );
        assert_eq!(normalize("ilze@rīga.lv").unwrap(), "ilze@rīga.lv");
    }

    #[test]
    fn rejects_broken_addresses() {
        for bad in [
            "plain",
            "a@b",
            "a@@b.lv",
            "a b@c.lv",
            "@c.lv",
            "a@.lv",
            "a@c.l",
            "a..b@c.lv",
            "a@c-.lv",
        ] {
            assert_eq!(normalize(bad), Err(Problem::InvalidEmail), "{bad}");
        }
    }
}
