//! The client list's rows as markup, set in one go. A keystroke replaces up
//! to fifty rows; made element by element that was ~450 DOM calls (most of
//! a keystroke on a slow phone), where the browser's own parser builds the
//! same elements from one string. The rows hold nothing interactive but
//! their link, which the router follows like any other.

use crate::domain::client::ClientSummary;
use crate::domain::user::Language;
use crate::i18n::{self, format};
use crate::ui::widgets::phone_text::phone_text;
use kartoteka_core::html::escape_into;

use super::labels;

/// Every row of `items` in `lang`, as the list's inner HTML.
pub fn rows(items: &[ClientSummary], lang: Language) -> String {
    let mut out = String::with_capacity(items.len() * 320);
    for c in items {
        row(&mut out, c, lang);
    }
    out
}

/// One row: the name and segment, then the city, phone, owner and the
/// day it last changed.
fn row(out: &mut String, c: &ClientSummary, lang: Language) {
    out.push_str(if c.archived {
        r#"<li class="client-row archived"><a href="/clients/"#
    } else {
        r#"<li class="client-row"><a href="/clients/"#
    });
    escape_into(out, &c.id);
    out.push_str(r#""><span class="row-main"><span class="row-name">"#);
    escape_into(out, &c.name);
    out.push_str(r#"</span><span class="badge seg-"#);
    out.push_str(c.segment.code());
    out.push_str(r#"">"#);
    escape_into(out, i18n::t(lang, labels::segment(c.segment)));
    out.push_str(r#"</span></span><span class="row-sub">"#);
    if let Some(city) = &c.city {
        escape_into(out, city);
    }
    if let Some(phone) = &c.phone {
        out.push_str(r#"<span class="row-phone">"#);
        escape_into(out, &phone_text(phone));
        out.push_str("</span>");
    }
    out.push_str(r#"<span class="row-owner">"#);
    escape_into(out, &c.owner_name);
    out.push_str(r#"</span><span class="row-date">"#);
    escape_into(out, &format::date(lang, c.updated_at.date_naive()));
    out.push_str("</span></span></a></li>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::client::{ClientKind, Segment};

    fn card(name: &str) -> ClientSummary {
        ClientSummary {
            id: "k1".into(),
            name: name.into(),
            kind: ClientKind::Company,
            segment: Segment::Key,
            city: Some("Rīga".into()),
            reg_no: None,
            owner_name: "Anna <A&B>".into(),
            phone: None,
            email: None,
            archived: false,
            updated_at: "2026-03-10T08:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn a_row_holds_the_cards_texts_escaped() {
        let html = rows(&[card("SIA \"Koks\" <b>")], Language::Lv);
        assert_eq!(
            html,
            concat!(
                r#"<li class="client-row"><a href="/clients/k1"><span class="row-main">"#,
                r#"<span class="row-name">SIA &quot;Koks&quot; &lt;b&gt;</span>"#,
                r#"<span class="badge seg-key">"#,
                "Atslēgas klients",
                r#"</span></span><span class="row-sub">Rīga"#,
                r#"<span class="row-owner">Anna &lt;A&amp;B&gt;</span>"#,
                r#"<span class="row-date">10.03.2026</span></span></a></li>"#,
            )
        );
    }

    #[test]
    fn an_id_cannot_leave_its_link() {
        let mut c = card("A");
        c.id = r#"x"><img src=x onerror=alert(1)>"#.into();
        let html = rows(&[c], Language::Lv);
        assert!(
            html.contains(r#"<a href="/clients/x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">"#),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
    }

    #[test]
    fn an_archived_row_is_marked_and_a_phone_shown() {
        let mut c = card("A");
        c.archived = true;
        c.phone = Some("+37120000000".into());
        let html = rows(&[c], Language::En);
        assert!(
            html.starts_with(r#"<li class="client-row archived">"#),
            "{html}"
        );
        assert!(html.contains(r#"<span class="row-phone">"#), "{html}");
    }
}
