//! `charter verify`: is this document exactly what its source renders to?

use crate::cli::MessageFormat;
use crate::cli::VerifyArgs;
use crate::error::Error;
use crate::exit::Exit;
use crate::input::read_source;
use crate::policy::{Policy, check_with};
use crate::render;
use crate::ui::Ui;

pub(crate) fn run(args: &VerifyArgs, ui: &mut Ui) -> Result<Exit, Error> {
    let document = read_source(&args.document)?;
    let source = read_source(&args.source)?;
    let checked = check_with(&source, &Policy::default());
    ui.diagnostics(&source, &checked.diagnostics, MessageFormat::Human, false)?;
    let Some(valid) = &checked.valid else {
        ui.summary(&source, &checked);
        ui.note("not verified: the source has errors");
        return Ok(Exit::Failure);
    };
    let is_html = document.text.trim_start().starts_with("<!DOCTYPE html");
    let expected = if is_html {
        render::html(valid, &source)?
    } else {
        render::markdown(valid, &source)?
    };
    if expected.as_bytes() == document.bytes.as_slice() {
        ui.note(&format!(
            "{}: matches {} byte for byte",
            document.name, source.name
        ));
        return Ok(Exit::Success);
    }
    let fingerprint = render::fingerprint(&source.bytes);
    let claimed = claimed_fingerprint(&document.text);
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
    if let Some((line, found, wanted)) = first_difference(&document.text, &expected) {
        ui.note(&format!(
            "first difference at line {line}:\n  document: {found}\n  expected: {wanted}"
        ));
    }
    Ok(Exit::Invalid)
}

/// The SHA-256 a rendered document says it came from.
fn claimed_fingerprint(text: &str) -> Option<&str> {
    let at = text.find("SHA-256 ")? + "SHA-256 ".len();
    let rest = text[at..]
        .trim_start_matches(['`', ' '])
        .trim_start_matches("<code>");
    let hex: &str = &rest[..rest
        .find(|c: char| !c.is_ascii_hexdigit())
        .unwrap_or(rest.len())];
    (hex.len() == 64).then_some(hex)
}

fn first_difference<'a>(found: &'a str, wanted: &'a str) -> Option<(usize, &'a str, &'a str)> {
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
