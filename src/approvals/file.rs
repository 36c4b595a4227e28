//! The approvals file: TOML, one `[[approval]]` table per approval, read with the line of each entry, and
//! written only by appending one entry to the text that was read.

use serde::Deserialize;
use toml::Spanned;

use super::{Approval, quoted};
use crate::error::Error;
use crate::model::{Charter, Date};
use crate::source::line_column;
use crate::suggest::closest;

/// The file as written: an optional list of approvals.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    approval: Vec<Entry>,
}

/// One `[[approval]]` table; every key is required.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    partner: Spanned<String>,
    person: String,
    role: String,
    date: Date,
    charter: String,
    sha256: String,
    signature: String,
}

/// Reads the approvals file `name` of `charter`. Each approval must name a partner of the charter.
///
/// # Errors
/// When the text is not TOML, an entry lacks a key, has one the format does not know or a value of the
/// wrong type, or names a partner the charter does not have: located at its line and column.
pub fn parse(name: &str, text: &str, charter: &Charter) -> Result<Vec<Approval>, Error> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        located(
            name,
            text,
            at,
            format!(
                "the approvals file does not parse: {}; each approval is a [[approval]] table with partner, person, role, date, charter, sha256 and signature, as `charter approve` writes it (see docs/format.md, \"The approvals file\")",
                e.message().trim_end_matches('.')
            ),
        )
    })?;
    let ids: Vec<&str> = charter.partners.iter().map(|p| p.id.as_str()).collect();
    raw.approval
        .into_iter()
        .map(|entry| {
            let at = entry.partner.span().start;
            let partner = entry.partner.into_inner();
            if !ids.contains(&partner.as_str()) {
                let hint = closest(&partner, &ids)
                    .map(|s| format!(" (did you mean \"{s}\"?)"))
                    .unwrap_or_default();
                return Err(located(
                    name,
                    text,
                    at,
                    format!(
                        "the approval names the partner \"{partner}\"{hint}, which the charter does not have; its partners are {}",
                        ids.join(", ")
                    ),
                ));
            }
            // The entry's line is its `[[approval]]` header, the line a reader looks for.
            let header = text[..at].rfind("[[approval]]").unwrap_or(at);
            Ok(Approval {
                partner,
                person: entry.person,
                role: entry.role,
                date: entry.date,
                charter: entry.charter,
                sha256: entry.sha256,
                signature: entry.signature,
                line: line_column(text, header).0,
            })
        })
        .collect()
}

fn located(name: &str, text: &str, offset: usize, message: String) -> Error {
    let (line, column) = line_column(text, offset);
    Error::Approvals {
        location: format!("{name}:{line}:{column}"),
        message,
    }
}

/// The comment that opens a new approvals file.
#[must_use]
pub fn header(charter_name: &str) -> String {
    format!(
        "# Approvals of {charter_name}, appended by `charter approve`: one [[approval]] per approval.\n\
         # Each signature covers the partner, person, role, date, charter and sha256 of its entry, so a\n\
         # changed line breaks it. `charter approvals {charter_name}` checks them all.\n"
    )
}

/// `text` with `approval` appended as a new `[[approval]]` table; a new file starts with [`header`].
#[must_use]
pub fn append(text: &str, charter_name: &str, approval: &Approval) -> String {
    let mut out = if text.trim().is_empty() {
        header(charter_name)
    } else {
        text.to_owned()
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&entry(approval));
    out
}

/// One approval as a `[[approval]]` table, after a blank line.
#[must_use]
pub fn entry(a: &Approval) -> String {
    format!(
        "\n[[approval]]\npartner = {}\nperson = {}\nrole = {}\ndate = {}\ncharter = {}\nsha256 = {}\nsignature = \"\"\"\n{}\n\"\"\"\n",
        quoted(&a.partner),
        quoted(&a.person),
        quoted(&a.role),
        a.date,
        quoted(&a.charter),
        quoted(&a.sha256),
        a.signature.trim()
    )
}
