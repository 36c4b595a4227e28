//! `charter diff`: what changed between two versions, term by term (for two charters) and as a redline
//! of the laid-out documents (for two rendered documents, or two charters with `--rendered`, and always in
//! the Markdown and HTML formats). The same inputs always give the same bytes.
//!
//! The redline is one format-neutral comparison ([`align::Redline`]) of two laid-out documents
//! ([`layout::Layout`]), matched by clause anchor; the Markdown ([`markdown`]), HTML ([`page`]), text and
//! JSON reports are views of it.
//!
//! Imports the model, the validated charter, the coverage report, the diagnostic type and the laid-out
//! document ([`crate::render`]); the `diff` command imports this.

pub mod align;
pub mod classify;
pub mod docx;
pub mod effects;
pub mod layout;
pub mod markdown;
pub mod page;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod report;
pub mod reread;
pub mod terms;
mod text;
pub mod view;
pub mod words;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Charter;
use crate::render::document::Document;
use crate::validate::Valid;
use align::{Redline, Status};
use layout::{Facts, Layout};
use report::Header;
use terms::Change;
pub use text::change_line;

/// One side of a comparison.
#[derive(Debug)]
pub struct Side<'a> {
    /// The name shown in the output: the path as given.
    pub name: &'a str,
    /// What is known of this version: id, title, version, date, fingerprint.
    pub facts: Facts,
    /// The laid-out document, when the comparison reads it (see [`needs_layout`]).
    pub layout: Option<Layout>,
    /// The charter and its clause numbers by anchor, when the input is a charter.
    pub charter: Option<(&'a Charter, BTreeMap<String, String>)>,
    /// What the charter implies (quorums, signatures, checklist, warnings, coverage), for the effects of
    /// an amendment.
    pub derived: Option<effects::Derived>,
}

impl<'a> Side<'a> {
    /// A charter, with its laid-out document when the comparison needs it.
    #[must_use]
    pub fn of_charter(
        name: &'a str,
        charter: &'a Charter,
        fingerprint: String,
        clauses: BTreeMap<String, String>,
        document: Option<&Document>,
    ) -> Self {
        let c = &charter.charter;
        let facts = Facts {
            id: Some(c.id.clone()),
            title: Some(document.map_or_else(|| c.title.clone(), |d| d.title_text.clone())),
            version: Some(c.version.clone()),
            effective_date: charter.takes_effect().map(|d| d.to_string()),
            fingerprint: Some(fingerprint),
        };
        Side {
            name,
            facts,
            layout: document.map(layout::of_document),
            charter: Some((charter, clauses)),
            derived: None,
        }
    }

    /// A valid charter laid out in full, with the clause numbers of its layout and the fingerprint of its
    /// input bytes: the side a redline of two charters compares.
    #[must_use]
    pub fn laid_out(name: &'a str, charter: &'a Valid<Charter>, input: &[u8]) -> Self {
        let fingerprint = crate::render::fingerprint(input);
        let document = crate::render::document::build(charter, fingerprint.clone());
        let clauses = document.clauses.clone();
        Side::of_charter(name, charter, fingerprint, clauses, Some(&document))
    }

    /// The same side with what its charter implies, so that the comparison reports the effects.
    #[must_use]
    pub fn with_effects(self, derived: effects::Derived) -> Self {
        Side {
            derived: Some(derived),
            ..self
        }
    }

    /// A Markdown document: read back by its anchors when charter rendered it, else as paragraphs of text.
    #[must_use]
    pub fn of_markdown(name: &'a str, markdown: &str) -> Self {
        let layout = if layout::rendered_by_charter(markdown) {
            reread::of_rendered(markdown)
        } else {
            layout::of_text(markdown)
        };
        Side {
            name,
            facts: layout.facts.clone(),
            layout: Some(layout),
            charter: None,
            derived: None,
        }
    }
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text for a terminal or a log.
    Text,
    /// A Markdown redline with CriticMarkup.
    Md,
    /// A standalone HTML redline.
    Html,
    /// Every change as JSON, for tooling.
    Json,
}

/// How to compare.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The output format.
    pub format: Format,
    /// Compare the rendered text even when both inputs are charters.
    pub rendered: bool,
    /// Colour the text format (only on a terminal, never with `NO_COLOR`).
    pub color: bool,
    /// In the redlines (md, html), mark every renumbered clause and `§` reference with its old number, not
    /// only list the renumbering once in the summary.
    pub mark_renumbered: bool,
    /// In the redlines (md, html), show only the changed blocks, each with its section's heading, and say
    /// how many were left out.
    pub changed_only: bool,
}

/// The result: the report, and whether the inputs differ.
#[derive(Debug)]
pub struct Outcome {
    /// The report in the chosen format.
    pub report: String,
    /// Whether the inputs differ (in terms, or in the rendered document when comparing documents).
    pub different: bool,
}

/// Whether a comparison reads the laid-out documents of its sides: for two rendered documents, with
/// `--rendered`, and for the redline formats (md, html). The terms of two charters in text or JSON do not,
/// and a caller can then leave [`Side::layout`] empty rather than lay out two documents for nothing.
#[must_use]
pub fn needs_layout(options: &Options, both_charters: bool) -> bool {
    !both_charters || options.rendered || matches!(options.format, Format::Md | Format::Html)
}

/// Compares two sides.
#[must_use]
pub fn diff(old: &Side<'_>, new: &Side<'_>, options: Options) -> Outcome {
    let layout = needs_layout(&options, old.charter.is_some() && new.charter.is_some());
    let mut c = compare(old, new, options.rendered, layout);
    // The renumbering is said once in the redlines' summary, of the whole documents, before a
    // changed-only redline leaves the renumbered (otherwise unchanged) clauses out.
    let renumbered = match (options.format, &c.redline) {
        (Format::Md | Format::Html, Some(redline)) => report::renumbering(redline),
        _ => Vec::new(),
    };
    if options.changed_only
        && let Some(redline) = &mut c.redline
    {
        c.header.omitted = redline.retain_changed();
    }
    let report = write(
        options,
        &c.header,
        c.changes.as_deref(),
        c.redline.as_ref(),
        &renumbered,
    );
    Outcome {
        report,
        different: c.different,
    }
}

/// The DOCX redline of two sides, and whether they differ.
#[derive(Debug)]
pub struct DocxOutcome {
    /// The Word document.
    pub docx: Vec<u8>,
    /// Whether the inputs differ.
    pub different: bool,
}

/// Compares two sides into a Word document with the changes as tracked changes by `revision` (the
/// sides must be laid out). `rendered` compares two charters as documents, as for [`diff`].
///
/// # Errors
/// Only when the package cannot be assembled, which would be a bug.
pub fn docx(
    old: &Side<'_>,
    new: &Side<'_>,
    rendered: bool,
    revision: &crate::render::docx::inline::Revision,
) -> Result<DocxOutcome, crate::error::Error> {
    let c = compare(old, new, rendered, true);
    let redline = c.redline.unwrap_or_else(|| empty_redline().clone());
    let summary = docx::Summary::new(&c.header, c.changes.as_deref(), &redline);
    Ok(DocxOutcome {
        docx: docx::write(&summary, &redline, revision)?,
        different: c.different,
    })
}

/// Compares two sides into a PDF redline, insertions underlined and deletions struck through (the sides
/// must be laid out), with `sources` (the inputs that are charters) attached. `rendered` as for
/// [`diff`]. The `docx` of the outcome holds the PDF.
///
/// # Errors
/// When typst cannot typeset it.
#[cfg(feature = "pdf")]
pub fn pdf(
    old: &Side<'_>,
    new: &Side<'_>,
    rendered: bool,
    sources: &[crate::render::pdf::Attachment<'_>],
) -> Result<DocxOutcome, crate::error::Error> {
    let c = compare(old, new, rendered, true);
    let redline = c.redline.unwrap_or_else(|| empty_redline().clone());
    let summary = docx::Summary::new(&c.header, c.changes.as_deref(), &redline);
    Ok(DocxOutcome {
        docx: pdf::write(&summary, &redline, sources)?,
        different: c.different,
    })
}

/// What a comparison found, before it is written in a format.
struct Comparison {
    header: Header,
    changes: Option<Vec<Change>>,
    redline: Option<Redline>,
    different: bool,
}

/// Compares the terms of two charters (unless `rendered`), and their documents when `layout`.
fn compare(old: &Side<'_>, new: &Side<'_>, rendered: bool, layout: bool) -> Comparison {
    let changes = match (&old.charter, &new.charter) {
        (Some((o, oc)), Some((n, nc))) if !rendered => {
            let mut changes = terms::compare(o, n, oc, nc);
            classify::classify_all(&mut changes, n);
            Some(changes)
        }
        _ => None,
    };
    let redline = if layout || changes.is_none() {
        let empty = Layout::default();
        let mut redline = align::compare(
            old.layout.as_ref().unwrap_or(&empty),
            new.layout.as_ref().unwrap_or(&empty),
        );
        redline.old = old.facts.clone();
        redline.new = new.facts.clone();
        Some(redline)
    } else {
        None
    };
    let mut header = match &redline {
        Some(r) => Header::new(old.name, new.name, r),
        None => Header {
            old_name: old.name.to_owned(),
            new_name: new.name.to_owned(),
            old: old.facts.clone(),
            new: new.facts.clone(),
            warnings: report::warnings(&old.facts, &new.facts, true),
            effects: Vec::new(),
            omitted: 0,
        },
    };
    if let (Some(o), Some(n), Some((_, clauses)), Some(_)) =
        (&old.derived, &new.derived, &new.charter, &changes)
    {
        header.effects = effects::compare(o, n, clauses);
    }
    let different = match (&changes, &redline) {
        (Some(c), _) => !c.is_empty(),
        (None, Some(r)) => r.is_different(),
        (None, None) => false,
    };
    Comparison {
        header,
        changes,
        redline,
        different,
    }
}

fn empty_redline() -> &'static Redline {
    static EMPTY: std::sync::OnceLock<Redline> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Redline {
        old: Facts::default(),
        new: Facts::default(),
        aligned: true,
        blocks: Vec::new(),
    })
}

fn write(
    options: Options,
    header: &Header,
    changes: Option<&[Change]>,
    redline: Option<&Redline>,
    renumbered: &[String],
) -> String {
    let redline = redline.unwrap_or_else(|| empty_redline());
    let summary = || match changes {
        Some(c) => report::of_terms(c),
        None => report::of_blocks(redline),
    };
    let marked = if options.mark_renumbered {
        view::renumbered(redline)
    } else {
        view::Renumbered::default()
    };
    match (options.format, changes) {
        (Format::Text, Some(changes)) => text::terms(header, changes, options.color),
        (Format::Text, None) => text::redline(header, redline, options.color),
        (Format::Json, Some(changes)) => json(header, &Report::Terms { changes }),
        (Format::Json, None) => json(
            header,
            &Report::Text {
                aligned: redline.aligned,
                changes: &block_changes(redline),
            },
        ),
        (Format::Md, _) => markdown::write(header, &summary(), renumbered, redline, &marked),
        (Format::Html, _) => page::write(header, &summary(), renumbered, redline, &marked),
    }
}

/// "1 change", "2 changes".
pub(crate) fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A marked block of a redline, for JSON: where it is, what happened, and its text on each side.
#[derive(Debug, Serialize)]
pub struct BlockChange<'a> {
    /// What the block is.
    pub kind: layout::Kind,
    /// Its anchor.
    pub anchor: Option<&'a str>,
    /// Its number in the old version.
    pub old_number: Option<&'a str>,
    /// Its number in the new version.
    pub new_number: Option<&'a str>,
    /// What happened to it.
    #[serde(flatten)]
    pub status: &'a Status,
    /// Its Markdown in the old version ("" when inserted).
    pub old: String,
    /// Its Markdown in the new version ("" when deleted).
    pub new: String,
}

fn block_changes(redline: &Redline) -> Vec<BlockChange<'_>> {
    redline
        .blocks
        .iter()
        .filter(|b| b.is_marked())
        .map(|b| {
            let side = |old: bool| {
                b.parts
                    .iter()
                    .map(|p| {
                        p.cells
                            .iter()
                            .map(|c| words::side(c, old))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    })
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            BlockChange {
                kind: b.kind,
                anchor: b.anchor.as_deref(),
                old_number: b.old_number.as_deref(),
                new_number: b.new_number.as_deref(),
                status: &b.status,
                old: if b.status == Status::Inserted {
                    String::new()
                } else {
                    side(true)
                },
                new: if b.status == Status::Deleted {
                    String::new()
                } else {
                    side(false)
                },
            }
        })
        .collect()
}

#[derive(Serialize)]
#[serde(untagged)]
enum Report<'a> {
    Terms {
        changes: &'a [Change],
    },
    Text {
        aligned: bool,
        changes: &'a [BlockChange<'a>],
    },
}

fn json(header: &Header, report: &Report<'_>) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        old: &'a str,
        new: &'a str,
        compared: &'static str,
        equal: bool,
        versions: Versions<'a>,
        warnings: &'a [String],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        effects: &'a [effects::Effect],
        #[serde(flatten)]
        report: &'a Report<'a>,
    }
    #[derive(Serialize)]
    struct Versions<'a> {
        old: &'a Facts,
        new: &'a Facts,
    }
    let (compared, equal) = match report {
        Report::Terms { changes } => ("terms", changes.is_empty()),
        Report::Text { changes, .. } => ("rendered text", changes.is_empty()),
    };
    let doc = Doc {
        old: &header.old_name,
        new: &header.new_name,
        compared,
        equal,
        versions: Versions {
            old: &header.old,
            new: &header.new,
        },
        warnings: &header.warnings,
        effects: &header.effects,
        report,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
