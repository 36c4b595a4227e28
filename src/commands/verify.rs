//! `charter verify`: is this document exactly what its source renders to?

use crate::cli::MessageFormat;
use crate::cli::VerifyArgs;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::read_source;
use crate::policy::{Policy, check_with};
use crate::render;
use crate::render::docx::HouseStyle;
use crate::render::docx::package::{self, ZIP_SIGNATURE};
use crate::ui::Ui;

pub(crate) fn run(args: &VerifyArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let document = read_source(&args.document)?;
    if let Some(what) = unverifiable(&document.bytes) {
        return Err(Error::Usage(format!(
            "{} is {what}, which charter cannot verify: it verifies the Markdown, HTML and DOCX documents it renders",
            document.name
        )));
    }
    let source = read_source(&args.source)?;
    let checked = check_with(&source, &Policy::default());
    ui.diagnostics(&source, &checked.diagnostics, MessageFormat::Human, false)?;
    let Some(valid) = &checked.valid else {
        ui.summary(&source, &checked);
        ui.note("not verified: the source has errors");
        return Ok(Exit::Failure);
    };
    // A DOCX is a zip archive, whatever its name; anything else is HTML or Markdown by its first line.
    let is_docx = document.bytes.starts_with(ZIP_SIGNATURE);
    let is_html = document.text.trim_start().starts_with("<!DOCTYPE html");
    let expected = if is_docx {
        render::docx(valid, &source, &HouseStyle::builtin())?
    } else if is_html {
        render::html(valid, &source)?.into_bytes()
    } else {
        render::markdown(valid, &source)?.into_bytes()
    };
    if expected == document.bytes {
        ui.note(&format!(
            "{}: matches {} byte for byte",
            document.name, source.name
        ));
        return Ok(Exit::Success);
    }
    let fingerprint = render::fingerprint(&source.bytes);
    // A DOCX states its fingerprint in its properties and its footer, both compressed in the archive.
    let stated = if is_docx {
        ["docProps/custom.xml", "word/document.xml"]
            .iter()
            .filter_map(|name| package::part(&document.bytes, name))
            .map(|xml| String::from_utf8_lossy(&xml).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        document.text.clone()
    };
    let claimed = claimed_fingerprint(&stated);
    let why = match claimed {
        Some(claimed) if claimed != fingerprint => format!(
            "it was rendered from another input (the document states SHA-256 {claimed}, the source is {fingerprint})"
        ),
        Some(_) => "it states this source's fingerprint, but its text was changed after rendering"
            .to_owned(),
        None => {
            "it states no fingerprint, so it was not rendered by charter or its footer was removed"
                .to_owned()
        }
    };
    ui.note(&format!(
        "{}: does not match {}: {why}",
        document.name, source.name
    ));
    if is_docx {
        ui.note(&package::first_difference(&document.bytes, &expected));
    } else if let Some((line, found, wanted)) =
        first_difference(&document.text, &String::from_utf8_lossy(&expected))
    {
        ui.note(&format!(
            "first difference at line {line}:\n  document: {found}\n  expected: {wanted}"
        ));
    }
    Ok(Exit::Invalid)
}

/// What a document is, when it is of a format `verify` cannot re-render: a PDF, an archive that is not a
/// Word document, or bytes that are not text.
fn unverifiable(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("a PDF")
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
