//! A contract's signed scan: one file per contract (a PDF or a photo),
//! kept on the server and fetched when someone opens it, never synced to
//! devices. The file's kind is read from its first bytes, not from what
//! the browser or the file name claim.

use super::code_enum::code_enum;
use super::validation::{Issue, Issues, Problem};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The largest scan accepted: a phone photo or a scanned multi-page PDF.
pub const MAX_SCAN_BYTES: usize = 10 * 1024 * 1024;
/// The longest file name kept.
pub const MAX_NAME_CHARS: usize = 120;

code_enum!(
    /// What a scan is, from its first bytes.
    Media {
        Pdf => "pdf",
        Jpeg => "jpeg",
        Png => "png",
    }
);

impl Media {
    pub fn mime(self) -> &'static str {
        match self {
            Media::Pdf => "application/pdf",
            Media::Jpeg => "image/jpeg",
            Media::Png => "image/png",
        }
    }

    /// The kind of file `bytes` hold, if it is one a scan may be.
    pub fn sniff(bytes: &[u8]) -> Option<Media> {
        if bytes.starts_with(b"%PDF-") {
            Some(Media::Pdf)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Media::Jpeg)
        } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(Media::Png)
        } else {
            None
        }
    }
}

/// A scan as sent from the contract page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanUpload {
    pub contract_id: String,
    pub file_name: String,
    /// The file, base64.
    pub data: String,
}

/// What is known of a stored scan, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanInfo {
    pub contract_id: String,
    pub file_name: String,
    pub media: Media,
    pub size: u64,
    /// Who attached it (their name).
    pub by: String,
    pub at: DateTime<Utc>,
}

/// A stored scan with its bytes, base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanFile {
    pub info: ScanInfo,
    pub data: String,
}

/// A checked upload: its bytes, what they are, and a file name safe to
/// show and to offer for download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidScan {
    pub bytes: Vec<u8>,
    pub media: Media,
    pub file_name: String,
}

pub fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

impl ScanUpload {
    /// The problems, at `file`: too large, not base64, not a PDF, JPEG or
    /// PNG. The size is judged before decoding, from the text's length.
    pub fn validate(&self) -> Result<ValidScan, Issues> {
        let refuse = |p: Problem| Issues(vec![Issue::new("file", p)]);
        let too_large = Problem::FileTooLarge {
            max_mb: MAX_SCAN_BYTES / (1024 * 1024),
        };
        if self.data.len() / 4 * 3 > MAX_SCAN_BYTES + 2 {
            return Err(refuse(too_large));
        }
        let bytes = STANDARD
            .decode(self.data.as_bytes())
            .map_err(|_| refuse(Problem::Malformed))?;
        if bytes.len() > MAX_SCAN_BYTES {
            return Err(refuse(too_large));
        }
        if bytes.is_empty() {
            return Err(refuse(Problem::Required));
        }
        let media = Media::sniff(&bytes).ok_or_else(|| refuse(Problem::UnsupportedFile))?;
        Ok(ValidScan {
            bytes,
            media,
            file_name: file_name(&self.file_name, media),
        })
    }
}

impl ScanFile {
    pub fn bytes(&self) -> Option<Vec<u8>> {
        decode(&self.data)
    }
}

/// Bytes back from [`encode`]; `None` when `data` is not base64.
pub fn decode(data: &str) -> Option<Vec<u8>> {
    STANDARD.decode(data.as_bytes()).ok()
}

/// The name without any folder, control characters or quotes, at most
/// `MAX_NAME_CHARS` long, ending as its kind does ("scan.pdf" when none
/// is left).
pub fn file_name(given: &str, media: Media) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(MAX_NAME_CHARS)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    let ext = match media {
        Media::Pdf => ".pdf",
        Media::Jpeg => ".jpg",
        Media::Png => ".png",
    };
    let lower = clean.to_lowercase();
    let fits = lower.ends_with(ext) || (media == Media::Jpeg && lower.ends_with(".jpeg"));
    match (clean.is_empty(), fits) {
        (true, _) => format!("scan{ext}"),
        (false, true) => clean,
        (false, false) => format!("{clean}{ext}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn upload(bytes: &[u8], name: &str) -> ScanUpload {
        ScanUpload {
            contract_id: "c".into(),
            file_name: name.into(),
            data: encode(bytes),
        }
    }

    #[test]
    fn the_kind_comes_from_the_bytes() {
        let pdf = upload(b"%PDF-1.7 ...", "līgums.PDF").validate().unwrap();
        assert_eq!(
            (pdf.media, pdf.file_name.as_str()),
            (Media::Pdf, "līgums.PDF")
        );
        let jpeg = upload(&[0xFF, 0xD8, 0xFF, 0xE0, 1, 2], "foto")
            .validate()
            .unwrap();
        assert_eq!(
            (jpeg.media, jpeg.file_name.as_str()),
            (Media::Jpeg, "foto.jpg")
        );
        // A PDF's name on a PNG's bytes: still a PNG.
        let png = upload(b"\x89PNG\r\n\x1a\nrest", "x.pdf")
            .validate()
            .unwrap();
        assert_eq!(
            (png.media, png.file_name.as_str()),
            (Media::Png, "x.pdf.png")
        );
        let exe = upload(b"MZ\x90\x00", "līgums.pdf").validate().unwrap_err();
        assert_eq!(exe.at("file"), Some(Problem::UnsupportedFile));
    }

    #[test]
    fn too_large_empty_and_garbled_are_refused() {
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_SCAN_BYTES + 1, b' ');
        assert_eq!(
            upload(&big, "a.pdf").validate().unwrap_err().at("file"),
            Some(Problem::FileTooLarge { max_mb: 10 })
        );
        let mut exact = b"%PDF-".to_vec();
        exact.resize(MAX_SCAN_BYTES, b' ');
        assert!(upload(&exact, "a.pdf").validate().is_ok());
        assert_eq!(
            upload(b"", "a.pdf").validate().unwrap_err().at("file"),
            Some(Problem::Required)
        );
        let garbled = ScanUpload {
            data: "%%% not base64".into(),
            ..upload(b"", "a.pdf")
        };
        assert_eq!(
            garbled.validate().unwrap_err().at("file"),
            Some(Problem::Malformed)
        );
    }

    #[test]
    fn names_lose_folders_and_odd_characters() {
        assert_eq!(
            file_name("C:\\Scans\\Līgums 14.pdf", Media::Pdf),
            "Līgums 14.pdf"
        );
        assert_eq!(file_name("../../etc/passwd", Media::Pdf), "passwd.pdf");
        assert_eq!(file_name("\"<a>\".pdf", Media::Pdf), "a.pdf");
        assert_eq!(file_name("...", Media::Png), "scan.png");
        assert_eq!(file_name("bilde.JPEG", Media::Jpeg), "bilde.JPEG");
    }

    proptest! {
        #[test]
        fn a_name_is_short_flat_and_ends_as_its_kind(given in ".{0,300}") {
            for media in Media::ALL {
                let n = file_name(&given, *media);
                prop_assert!(!n.contains('/') && !n.contains('\\') && !n.contains('"'));
                prop_assert!(n.chars().count() <= MAX_NAME_CHARS + 5);
                prop_assert!(!n.starts_with('.'));
                let lower = n.to_lowercase();
                let ends_right = match media {
                    Media::Pdf => lower.ends_with(".pdf"),
                    Media::Jpeg => lower.ends_with(".jpg") || lower.ends_with(".jpeg"),
                    Media::Png => lower.ends_with(".png"),
                };
                prop_assert!(ends_right, "{n}");
            }
        }
    }
}
