//! A proposal's letter, in the proposal's language: the standard letter,
//! or the one its template writes with the merge fields filled for this
//! recipient. Both show the same offer: its lines as a numbered list in
//! the plain text and a table in the HTML, amounts and dates as the
//! language writes them, and (unless the template says not to) the
//! proposal as an attached page.

use super::letter::{Letter, Person, Sheet, escape};
use super::texts::{self, Texts};
use crate::domain::proposal::ProposalFields;
use crate::domain::proposal_text::{self, Merge};
use crate::domain::template::{MergeField, TemplateFields, fill};
use crate::domain::user::Language;
use crate::format;
use crate::records::proposal::ProposalDoc;
use rust_decimal::Decimal;

/// Who the letter is about and between.
pub struct Parties<'a> {
    pub client: &'a str,
    /// The contact person it greets, if the proposal names one.
    pub greet: Option<&'a str>,
    pub author: Person,
    pub to: Vec<Person>,
}

/// The offer written out once, for every form the letter takes.
struct Offer {
    lang: Language,
    t: &'static Texts,
    /// One numbered line per item.
    lines_text: String,
    table_html: String,
    total: String,
    /// "Valid until …", whole.
    valid: String,
    note: String,
    sheet_rows: Vec<[String; 5]>,
}

fn offer(f: &ProposalFields) -> Offer {
    let lang = f.language;
    let t = texts::of(lang);
    let money = |d| format::eur(lang, d);
    let pct = |d: Decimal| proposal_text::percent(lang, d);
    let qty = |d: Decimal| proposal_text::quantity(lang, d);
    let mut rows = String::new();
    let mut sheet_rows = Vec::new();
    for l in &f.lines {
        let discount = if l.discount_pct.is_zero() {
            String::new()
        } else {
            pct(l.discount_pct)
        };
        rows.push_str(&format!(
            "<tr><td>{}</td><td style=\"text-align:right\">{}</td>\
             <td style=\"text-align:right\">{}</td><td style=\"text-align:right\">{}</td>\
             <td style=\"text-align:right\">{}</td></tr>",
            escape(&l.item),
            qty(l.quantity),
            money(l.unit_price),
            discount,
            money(l.amount())
        ));
        sheet_rows.push([
            l.item.clone(),
            qty(l.quantity),
            money(l.unit_price),
            discount,
            money(l.amount()),
        ]);
    }
    let total = money(f.total());
    let table_html = format!(
        "<table cellpadding=\"6\" style=\"border-collapse:collapse\"><thead><tr>\
         <th style=\"text-align:left\">{item}</th><th>{quantity}</th><th>{price}</th>\
         <th>{discount}</th><th>{amount}</th></tr></thead><tbody>{rows}</tbody>\
         <tfoot><tr><th colspan=\"4\" style=\"text-align:right\">{total_label}</th>\
         <th style=\"text-align:right\">{total}</th></tr></tfoot></table>",
        item = escape(t.item),
        quantity = escape(t.quantity),
        price = escape(t.price),
        discount = escape(t.discount),
        amount = escape(t.amount),
        total_label = escape(t.total),
        total = escape(&total),
    );
    Offer {
        lang,
        t,
        lines_text: proposal_text::lines(f),
        table_html,
        valid: t
            .valid_until
            .replace("{date}", &format::date(lang, f.valid_until)),
        total,
        note: f.note.clone().unwrap_or_default(),
        sheet_rows,
    }
}

/// The proposal's letter: its template's (when it names one that exists)
/// or the standard one.
pub fn letter(p: &ProposalDoc, template: Option<&TemplateFields>, who: Parties<'_>) -> Letter {
    let f = p.fields();
    let o = offer(&f);
    let sheet = sheet(p, &o, &who);
    match template {
        Some(tpl) => templated(tpl, &f, o, sheet, who),
        None => standard(o, sheet, who),
    }
}

fn standard(o: Offer, sheet: Sheet, who: Parties<'_>) -> Letter {
    let t = o.t;
    let greeting = match who.greet {
        Some(name) => t.greeting_named.replace("{name}", name),
        None => t.greeting.to_string(),
    };
    let mut text = format!("{greeting}\n\n{}\n\n{}\n", t.intro, o.lines_text);
    text.push_str(&format!("\n{}: {}\n{}\n", t.total, o.total, o.valid));
    if !o.note.is_empty() {
        text.push_str(&format!("\n{}\n", o.note));
    }
    text.push_str(&format!(
        "\n{},\n{}\n{}\n",
        t.regards, who.author.name, who.author.email
    ));
    let html = page(
        o.lang,
        &format!(
            "<p>{greeting}</p><p>{intro}</p>{table}<p>{valid}</p>{note}\
             <p>{regards},<br>{name}<br>{email}</p>",
            greeting = escape(&greeting),
            intro = escape(t.intro),
            table = o.table_html,
            valid = escape(&o.valid),
            note = note_html(&o.note),
            regards = escape(t.regards),
            name = escape(&who.author.name),
            email = escape(&who.author.email),
        ),
    );
    Letter {
        language: o.lang,
        sheet: Some(sheet),
        subject: t.subject.replace("{client}", who.client),
        author: who.author,
        to: who.to,
        text,
        html,
        marketing: true,
        answer_for: None,
    }
}

fn templated(
    tpl: &TemplateFields,
    f: &ProposalFields,
    o: Offer,
    sheet: Sheet,
    who: Parties<'_>,
) -> Letter {
    let merge = Merge {
        client: who.client,
        contact: who.greet,
        manager: &who.author.name,
        proposal: f,
    };
    let (subject, mut text) = merge.letter(tpl);
    // In HTML the lines are the table, and the words are escaped.
    let html_value = |field: MergeField| match field {
        MergeField::Lines => o.table_html.clone(),
        other => escape(&merge.value(other)),
    };
    let body_html = fill(
        &tpl.text(o.lang).body,
        |w| escape(w).replace('\n', "<br>"),
        html_value,
    );
    if !o.note.is_empty() {
        text.push_str(&format!("\n\n{}", o.note));
    }
    text.push('\n');
    let html = page(
        o.lang,
        &format!("<div>{body_html}</div>{}", note_html(&o.note)),
    );
    Letter {
        language: o.lang,
        sheet: tpl.attach_pdf.then_some(sheet),
        subject,
        author: who.author,
        to: who.to,
        text,
        html,
        marketing: true,
        answer_for: None,
    }
}

fn page(lang: Language, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"></head><body>{body}</body></html>",
        lang.code()
    )
}

fn note_html(note: &str) -> String {
    if note.is_empty() {
        String::new()
    } else {
        format!("<p>{}</p>", escape(note).replace('\n', "<br>"))
    }
}

fn sheet(p: &ProposalDoc, o: &Offer, who: &Parties<'_>) -> Sheet {
    let t = o.t;
    let client = who.client;
    Sheet {
        file_name: format!("{}.pdf", file_stem(t.title, client)),
        title: format!("{} — {client}", t.title),
        parties: vec![
            format!("{}: {client}", t.to_whom),
            format!("{}: {}, {}", t.from_whom, who.author.name, who.author.email),
            format!(
                "{}: {}",
                t.issued,
                format::date(o.lang, p.created_at.date_naive())
            ),
        ],
        headings: [t.item, t.quantity, t.price, t.discount, t.amount].map(str::to_string),
        rows: o.sheet_rows.clone(),
        total: (t.total.to_string(), o.total.clone()),
        closing: std::iter::once(o.valid.clone())
            .chain((!o.note.is_empty()).then(|| o.note.clone()))
            .collect(),
    }
}

/// A file name people can read: the words, ASCII letters and digits
/// joined by dashes (Latvian and Cyrillic letters folded by the search's
/// own rules).
fn file_stem(title: &str, client: &str) -> String {
    let folded = crate::domain::search::fold(&format!("{title} {client}"));
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let stem = words.join("-");
    if stem.is_empty() {
        "proposal".into()
    } else {
        stem.chars().take(80).collect()
    }
}
