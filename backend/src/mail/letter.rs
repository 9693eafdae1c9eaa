//! A letter as the server composes it, before the transport makes a MIME
//! message of it: who it is from, whom it goes to, and its text in plain
//! and HTML form.

/// A name and an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// One letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// The person it is written by (the manager); the transport decides
    /// whether they are the `From` or the `Reply-To` (see the mail settings).
    pub author: Person,
    pub to: Vec<Person>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The recipients' language (the unsubscribe note and page speak it).
    pub language: crate::domain::user::Language,
    /// A printable page to attach (as a PDF), if the letter has one.
    pub sheet: Option<Sheet>,
    /// An offer the recipient may decline for good (a proposal): it
    /// carries an unsubscribe link. A letter about their account does not.
    pub marketing: bool,
    /// The account letter whose answer link (a single-use, expiring
    /// token, made when the message is built) takes the place of
    /// [`ANSWER_URL`] in its text, HTML and page.
    pub answer_for: Option<String>,
}

/// Where a letter's answer link goes, until the message is built.
pub const ANSWER_URL: &str = "{answer_url}";

impl Letter {
    /// The letter with its answer link `url` in place.
    pub fn with_answer_url(mut self, url: &str) -> Letter {
        self.text = self.text.replace(ANSWER_URL, url);
        self.html = self.html.replace(ANSWER_URL, &escape(url));
        if let Some(sheet) = self.sheet.as_mut() {
            for line in sheet.closing.iter_mut() {
                *line = line.replace(ANSWER_URL, url);
            }
        }
        self
    }
}

/// A record as a printable page, its words already in the recipient's
/// language and its amounts written as that language writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The attachment's file name (`.pdf`).
    pub file_name: String,
    pub title: String,
    /// Lines under the title: for whom, from whom, when.
    pub parties: Vec<String>,
    pub headings: [String; 5],
    pub rows: Vec<[String; 5]>,
    /// The total's label and amount.
    pub total: (String, String),
    /// Lines after the table (validity, the note).
    pub closing: Vec<String>,
}

/// What the worker is to do with an outbox row's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prepared {
    /// Send this letter.
    Send(Box<Letter>),
    /// The record no longer asks for it (changed back to a draft, already
    /// sent by an earlier row): close the row without sending.
    Cancel(String),
    /// It can never be sent as it stands (no address to send to): fail it,
    /// with this reason, on the row and on the record.
    Fail(String),
}

/// `text` made safe inside HTML.
pub use kartoteka_core::html::escape;
