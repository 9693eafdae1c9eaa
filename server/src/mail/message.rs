//! A letter made into the MIME message that is sent and kept: UTF-8
//! subject and body, a plain-text and an HTML part, its page as a PDF
//! attachment, its own Message-ID.

use app::backend::mail::letter::{Letter, escape};
use app::backend::mail::texts;
use lettre::Address;
use lettre::address::Envelope;
use lettre::message::header::ContentType;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, Message, MultiPart};

/// Who a letter is from, as the settings say.
#[derive(Debug, Clone)]
pub enum Sender {
    /// The shared address, with the manager's name; answers go to them.
    Shared(Address),
    /// The manager's own address.
    Manager,
}

impl Sender {
    /// As the settings say (checked before: a shared address parses).
    pub fn of(args: &super::settings::MailArgs) -> Sender {
        match args.mail_from.as_deref().map(str::parse::<Address>) {
            Some(Ok(shared)) if !args.mail_as_manager => Sender::Shared(shared),
            _ => Sender::Manager,
        }
    }
}

/// A message ready to send and to keep.
#[derive(Debug, Clone)]
pub struct Built {
    pub message_id: String,
    pub sender: String,
    pub recipients: Vec<String>,
    pub raw: String,
}

fn mailbox(name: &str, email: &str) -> Result<Mailbox, String> {
    let address: Address = email
        .parse()
        .map_err(|_| format!("{email:?} is not an e-mail address"))?;
    Ok(Mailbox::new(Some(name.to_string()), address))
}

/// The message for `letter`; an address that does not parse is a
/// permanent failure (the reason says which). With `unsubscribe` (the
/// letter's own link) it carries `List-Unsubscribe` with one-click
/// (RFC 8058) and a last line saying how to stop proposals.
pub fn build(letter: &Letter, sender: &Sender, unsubscribe: Option<&str>) -> Result<Built, String> {
    let author = mailbox(&letter.author.name, &letter.author.email)?;
    let from = match sender {
        Sender::Shared(shared) => Mailbox::new(Some(letter.author.name.clone()), shared.clone()),
        Sender::Manager => author.clone(),
    };
    let message_id = format!("<{}@{}>", uuid::Uuid::now_v7(), from.email.domain());
    let mut b = Message::builder()
        .from(from.clone())
        .subject(letter.subject.clone())
        .message_id(Some(message_id.clone()));
    if matches!(sender, Sender::Shared(_)) {
        b = b.reply_to(author);
    }
    let (mut text, mut html) = (letter.text.clone(), letter.html.clone());
    if let Some(url) = unsubscribe {
        b = b
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
        let note = texts::of(letter.language).unsubscribe_note;
        text.push_str(&format!("\n-- \n{}\n", note.replace("{url}", url)));
        let link = format!("<a href=\"{0}\">{0}</a>", escape(url));
        let note_html = format!(
            "<p><small>{}</small></p>",
            escape(note).replace("{url}", &link)
        );
        html = match html.rfind("</body>") {
            Some(at) => format!("{}{note_html}{}", &html[..at], &html[at..]),
            None => html + &note_html,
        };
    }
    let mut recipients = Vec::new();
    for p in &letter.to {
        let to = mailbox(&p.name, &p.email)?;
        recipients.push(to.email.to_string());
        b = b.to(to);
    }
    let body = MultiPart::alternative_plain_html(text, html);
    let message: Message = match &letter.sheet {
        // The printable page goes along as a PDF.
        Some(sheet) => {
            let pdf = app::backend::mail::pdf::render(sheet)?;
            let kind = ContentType::parse("application/pdf").expect("a valid type");
            b.multipart(
                MultiPart::mixed()
                    .multipart(body)
                    .singlepart(Attachment::new(sheet.file_name.clone()).body(pdf, kind)),
            )
        }
        None => b.multipart(body),
    }
    .map_err(|e| format!("the message cannot be built: {e}"))?;
    let raw = String::from_utf8(message.formatted())
        .map_err(|_| "the message is not text".to_string())?;
    Ok(Built {
        message_id,
        sender: from.email.to_string(),
        recipients,
        raw,
    })
}

/// The envelope a kept message is sent with.
pub fn envelope(sender: &str, recipients: &[String]) -> Result<Envelope, String> {
    let from: Address = sender
        .parse()
        .map_err(|_| format!("{sender:?} is not an e-mail address"))?;
    let to = recipients
        .iter()
        .map(|r| {
            r.parse::<Address>()
                .map_err(|_| format!("{r:?} is not an e-mail address"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Envelope::new(Some(from), to).map_err(|e| format!("no recipients: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::backend::mail::letter::Person;

    fn letter() -> Letter {
        Letter {
            author: Person {
                name: "Jānis Bērziņš".into(),
                email: "janis@firma.lv".into(),
            },
            to: vec![Person {
                name: "Иван Петров".into(),
                email: "ivan@klients.lv".into(),
            }],
            subject: "Piedāvājums: SIA Ābele — предложение".into(),
            text: "Labdien! Цена 12,50 €".into(),
            html: "<p>Labdien! Цена 12,50 €</p>".into(),
            language: app::domain::user::Language::Lv,
            sheet: None,
            marketing: true,
            answer_for: None,
        }
    }

    #[test]
    fn shared_sender_carries_the_managers_name_and_reply_to() {
        let b = build(
            &letter(),
            &Sender::Shared("kartoteka@firma.lv".parse().unwrap()),
            None,
        )
        .unwrap();
        assert_eq!(b.sender, "kartoteka@firma.lv");
        assert_eq!(b.recipients, ["ivan@klients.lv"]);
        assert!(b.message_id.ends_with("@firma.lv>"));
        assert!(b.raw.contains("Reply-To:"));
        assert!(b.raw.contains(&format!("Message-ID: {}", b.message_id)));
        assert!(b.raw.contains("multipart/alternative"));
        // Non-ASCII headers are encoded, never raw.
        let subject = b.raw.lines().find(|l| l.starts_with("Subject:")).unwrap();
        assert!(subject.is_ascii() && subject.contains("=?utf-8?"));
    }

    #[test]
    fn a_bad_address_is_said() {
        let mut l = letter();
        l.to[0].email = "nav-adrese".into();
        let e = build(&l, &Sender::Manager, None).unwrap_err();
        assert!(e.contains("nav-adrese"), "{e}");
    }
}
