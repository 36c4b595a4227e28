//! Whether a document is what its source renders to, in the parts that need no rendering: the formats
//! that can be verified, the fingerprint a document states, and the first line at which two texts differ.
//! Imports only the DOCX package reader; `charter verify` and the fuzz targets use it.

use crate::render::docx::package::{self, ZIP_SIGNATURE};

/// Whether the bytes are a PDF.
#[must_use]
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// What a document is, when it is of a format `verify` cannot re-render: a PDF in a build without the PDF
/// typesetter, an archive that is not a Word document, or bytes that are not text.
#[must_use]
pub fn unverifiable(bytes: &[u8], pdf: bool) -> Option<&'static str> {
    if is_pdf(bytes) {
        (!pdf).then_some("a PDF")
    } else if bytes.starts_with(ZIP_SIGNATURE) {
        package::part(bytes, "word/document.xml")
            .is_none()
            .then_some("a zip archive but not a Word document")
    } else if std::str::from_utf8(bytes).is_err() {
        Some("not text")
    } else {
        None
    }
}

/// The SHA-256 a rendered document says it came from.
#[must_use]
pub fn claimed_fingerprint(text: &str) -> Option<&str> {
    let at = text.find("SHA-256 ")? + "SHA-256 ".len();
    let rest = text[at..]
        .trim_start_matches(['`', ' '])
        .trim_start_matches("<code>");
    let hex: &str = &rest[..rest
        .find(|c: char| !c.is_ascii_hexdigit())
        .unwrap_or(rest.len())];
    (hex.len() == 64).then_some(hex)
}

/// The first line at which two texts differ, with the line of each (or "(end of file)").
#[must_use]
pub fn first_difference<'a>(found: &'a str, wanted: &'a str) -> Option<(usize, &'a str, &'a str)> {
    let mut f = found.split('\n');
    let mut w = wanted.split('\n');
    for line in 1.. {
        match (f.next(), w.next()) {
            (None, None) => return None,
            (a, b) if a != b => {
                return Some((
                    line,
                    a.unwrap_or("(end of file)"),
                    b.unwrap_or("(end of file)"),
                ));
            }
            _ => {}
        }
    }
    None
}
