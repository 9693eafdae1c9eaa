//! A real SMTP server process for the mail tests (Python's aiosmtpd, set up
//! by `scripts/setup --test`), and a reader that decodes what it received
//! the way a mail program does.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The Python that has aiosmtpd: `KARTOTEKA_SMTP_PYTHON`, else the one
/// `scripts/setup --test` makes in the build cache.
fn python() -> PathBuf {
    if let Ok(p) = std::env::var("KARTOTEKA_SMTP_PYTHON") {
        return p.into();
    }
    let cache = std::env::var("KARTOTEKA_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/kartoteka")
        });
    let p = cache.join("smtp-venv/bin/python");
    assert!(
        p.exists(),
        "no SMTP server for the tests at {}: run scripts/setup --test",
        p.display()
    );
    p
}

fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/integration/mail_sink")
        .join(name)
}

pub use crate::common::free_port;

/// An SMTP server on loopback keeping what it accepts in `dir`.
pub struct Sink {
    pub port: u16,
    pub dir: PathBuf,
    child: Child,
}

impl Sink {
    pub fn start(dir: &Path, port: u16) -> Sink {
        Sink::slow(dir, port, 0.0)
    }

    /// One that takes `delay` seconds over each message.
    pub fn slow(dir: &Path, port: u16, delay: f64) -> Sink {
        std::fs::create_dir_all(dir).unwrap();
        let mut child = Command::new(python())
            .arg(script("sink.py"))
            .arg(dir)
            .arg(port.to_string())
            .arg(delay.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .expect("the SMTP server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        Sink {
            port,
            dir: dir.to_path_buf(),
            child,
        }
    }

    /// The messages received so far, in the order they arrived.
    pub fn received(&self) -> Vec<Received> {
        self.files().iter().map(|f| read(f)).collect()
    }

    /// The kept messages' files, in the order they arrived.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A received message as a mail program shows it.
#[derive(Debug, serde::Deserialize)]
pub struct Received {
    pub headers: std::collections::HashMap<String, String>,
    #[serde(rename = "type")]
    pub content_type: String,
    pub parts: Vec<Part>,
}

#[derive(Debug, serde::Deserialize)]
pub struct Part {
    #[serde(rename = "type")]
    pub content_type: String,
    pub text: Option<String>,
    pub filename: Option<String>,
    pub size: Option<usize>,
}

/// A PDF's text as `pdftotext` reads it (layout kept).
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (scripts/setup --test installs poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

impl Received {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }
    pub fn part(&self, content_type: &str) -> &str {
        self.parts
            .iter()
            .find(|p| p.content_type == content_type)
            .and_then(|p| p.text.as_deref())
            .unwrap_or_default()
    }
}

/// Decodes one kept message (`.eml`).
pub fn read(file: &Path) -> Received {
    read_into(file, None)
}

/// Decodes one kept message, saving its attachments in `dir`.
pub fn read_into(file: &Path, dir: Option<&Path>) -> Received {
    let out = Command::new(python())
        .arg(script("read.py"))
        .arg(file)
        .args(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
