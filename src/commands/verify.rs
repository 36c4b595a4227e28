//! `charter verify`: is this document exactly what its source renders to?

use crate::approvals;
use crate::cli::MessageFormat;
use crate::cli::VerifyArgs;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::read_source;
use crate::policy::{Policy, check_with};
use crate::render;
use crate::render::docx::HouseStyle;
use crate::render::docx::package::{self, ZIP_SIGNATURE};
use crate::source::Source;
use crate::ui::Ui;
use crate::verify::{claimed_fingerprint, first_difference, is_pdf, unverifiable};

pub(crate) fn run(args: &VerifyArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let document = read_source(&args.document)?;
    if is_pdf(&document.bytes) && !render::PDF {
        return Err(Error::NoPdf);
    }
    if let Some(what) = unverifiable(&document.bytes, render::PDF) {
        return Err(Error::Usage(format!(
            "{} is {what}, which charter cannot verify: it verifies the Markdown, HTML, DOCX and PDF documents it renders",
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
    let is_pdf = is_pdf(&document.bytes);
    let is_html = document.text.trim_start().starts_with("<!DOCTYPE html");
    // The document was rendered with the approval record of its time: the same approvals must give the
    // same record, so an approval added or changed since rendering is a difference.
    let fingerprint = render::fingerprint(&source.bytes);
    let mut doc = render::document::build(valid, fingerprint.clone());
    if let Some((record, summary)) =
        approvals::record(&args.source, &args.approvals, valid, &fingerprint)?
    {
        doc.add_approvals(record);
        ui.note(&summary);
    }
    let templates = render::Templates::builtin()?;
    let expected = if is_docx {
        render::docx::write(&doc, &HouseStyle::builtin())?
    } else if is_pdf {
        render::pdf_of(&doc, &source.bytes)?
    } else if is_html {
        templates.html_of(valid, &doc)?.into_bytes()
    } else {
        templates.markdown_of(&doc)?.into_bytes()
    };
    if expected == document.bytes {
        ui.note(&format!(
            "{}: matches {} byte for byte",
            document.name, source.name
        ));
        return Ok(Exit::Success);
    }
    mismatch(ui, &document, &source, &expected, is_docx || is_pdf);
    Ok(Exit::Invalid)
}

/// Says why a document does not match its source, and where it first differs.
fn mismatch(ui: &mut Ui, document: &Source, source: &Source, expected: &[u8], binary: bool) {
    let is_docx = binary && document.bytes.starts_with(ZIP_SIGNATURE);
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
        ui.note(&package::first_difference(&document.bytes, expected));
    } else if binary {
        // A PDF's text is in compressed streams: the first differing byte says only that it differs.
        let at = document
            .bytes
            .iter()
            .zip(expected)
            .position(|(a, b)| a != b)
            .unwrap_or(document.bytes.len().min(expected.len()));
        ui.note(&format!(
            "the PDF differs from the one its source renders to from byte {at} ({} bytes, expected {})",
            document.bytes.len(),
            expected.len()
        ));
    } else if let Some((line, found, wanted)) =
        first_difference(&document.text, &String::from_utf8_lossy(expected))
    {
        ui.note(&format!(
            "first difference at line {line}:\n  document: {found}\n  expected: {wanted}"
        ));
    }
}
