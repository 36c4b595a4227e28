//! Rendering a valid charter: the document model, Markdown through Tera templates, and HTML converted from
//! that Markdown. Only a [`Valid`] charter can be rendered.
//!
//! Imports the model, the validated charter, the source, cross-references and the rule catalogue below
//! it; never the diff, the commands or
//! the terminal. Within `render/`, `anchors` and `markdown` are the ground floor, `checklist` stands on
//! them, `document` on all three, and the writers (`templates`, `html`, `ics`, `tracker`) on the document.

pub mod anchors;
pub mod checklist;
pub mod document;
pub mod docx;
pub mod html;
pub mod ics;
pub mod markdown;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod templates;
pub mod tracker;
pub mod typography;

use serde::Serialize;

use crate::error::Error;
use crate::model::Charter;
use crate::source::Source;
use crate::validate::Valid;
use checklist::Group;
use document::{Block, Document};
pub use templates::Templates;
use templates::context;

/// The stylesheet of the built-in HTML documents (the redline uses it too).
pub const CSS: &str = include_str!("../../templates/charter.css");

/// The Content-Security-Policy of every HTML document: nothing loads, nothing runs, no form submits; the
/// inline stylesheet and in-page links still work, offline.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub use crate::source::fingerprint;

/// The accountability checklist alone, grouped by owner, with the clause numbers it has in the rendered
/// charter.
#[must_use]
pub fn checklist(charter: &Valid<Charter>) -> Vec<Group> {
    document::build(charter, String::new())
        .sections
        .into_iter()
        .flat_map(|section| section.blocks)
        .filter_map(|block| match block {
            Block::Checklist(group) => Some(group),
            _ => None,
        })
        .collect()
}

/// Renders the accountability checklist alone as Markdown, with the built-in templates.
///
/// # Errors
/// When the template fails to render.
pub fn checklist_markdown(charter: &Valid<Charter>, source: &Source) -> Result<String, Error> {
    Templates::builtin()?.checklist_markdown(charter, source)
}

/// Renders the charter as Markdown with the built-in templates.
///
/// # Errors
/// When a template fails to render.
pub fn markdown(charter: &Valid<Charter>, source: &Source) -> Result<String, Error> {
    Templates::builtin()?.markdown(charter, source)
}

/// Renders the charter as one standalone HTML file with the built-in templates.
///
/// # Errors
/// When a template fails to render.
pub fn html(charter: &Valid<Charter>, source: &Source) -> Result<String, Error> {
    Templates::builtin()?.html(charter, source)
}

/// Whether this build has the PDF typesetter (the cargo feature `pdf`).
pub const PDF: bool = cfg!(feature = "pdf");

/// A document already laid out as an archival PDF (PDF/A-3b, tagged, the source attached).
///
/// # Errors
/// [`Error::NoPdf`] in a build without the feature `pdf`; otherwise when typst cannot typeset it.
pub fn pdf_of(doc: &Document, source: &[u8]) -> Result<Vec<u8>, Error> {
    #[cfg(feature = "pdf")]
    {
        pdf::write(doc, source)
    }
    #[cfg(not(feature = "pdf"))]
    {
        let _ = (doc, source);
        Err(Error::NoPdf)
    }
}

/// Renders the charter as a Word document (DOCX), with the built-in styles or a reference document's.
///
/// # Errors
/// Only when the package cannot be assembled, which would be a bug.
pub fn docx(
    charter: &Valid<Charter>,
    source: &Source,
    house: &docx::HouseStyle,
) -> Result<Vec<u8>, Error> {
    docx::write(&document::build(charter, fingerprint(&source.bytes)), house)
}

impl Templates {
    /// Renders the accountability checklist alone as Markdown (`checklist.md.tera`).
    ///
    /// # Errors
    /// When the template fails to render.
    pub fn checklist_markdown(
        &self,
        charter: &Valid<Charter>,
        source: &Source,
    ) -> Result<String, Error> {
        let doc = document::build(charter, fingerprint(&source.bytes));
        Ok(doc.resolve(&tidy(&self.render("checklist.md.tera", &context(&doc)?)?)))
    }

    /// Renders the charter as Markdown: `body.md.tera`, then `charter.md.tera` around it.
    ///
    /// # Errors
    /// When a template fails to render.
    pub fn markdown(&self, charter: &Valid<Charter>, source: &Source) -> Result<String, Error> {
        self.markdown_of(&document::build(charter, fingerprint(&source.bytes)))
    }

    /// Renders a document already laid out as Markdown, for a caller that needs the document too (its
    /// clause numbers) and should not lay it out twice.
    ///
    /// # Errors
    /// When a template fails to render.
    pub fn markdown_of(&self, doc: &Document) -> Result<String, Error> {
        // One context for both templates: converting a large document for the template engine costs as
        // much as rendering it.
        let mut ctx = context(doc)?;
        let body = self.render("body.md.tera", &ctx)?;
        ctx.insert("body", &body);
        Ok(doc.resolve(&tidy(&self.render("charter.md.tera", &ctx)?)))
    }

    /// Renders the charter as one standalone HTML file: `body.md.tera` converted to HTML, then
    /// `charter.html.tera` around it with the stylesheet.
    ///
    /// # Errors
    /// When a template fails to render.
    pub fn html(&self, charter: &Valid<Charter>, source: &Source) -> Result<String, Error> {
        self.html_of(
            charter,
            &document::build(charter, fingerprint(&source.bytes)),
        )
    }

    /// Renders a document already laid out (with its approval record, say) as one standalone HTML file.
    ///
    /// # Errors
    /// When a template fails to render.
    pub fn html_of(&self, charter: &Valid<Charter>, doc: &Document) -> Result<String, Error> {
        let mut ctx = context(doc)?;
        let body = doc.resolve(&tidy(&self.render("body.md.tera", &ctx)?));
        ctx.insert("body_html", &html::to_html(&body));
        ctx.insert("css", self.css());
        ctx.insert("csp", CSP);
        #[derive(Serialize)]
        struct PlainDetail<'a> {
            label: &'a str,
            value: String,
        }
        let c: &Charter = charter;
        let details_text = [
            Some(("Charter", c.charter.id.clone())),
            Some(("Version", doc.plain(&c.charter.version))),
            c.takes_effect()
                .map(|date| ("Effective date", c.charter.date_style.write(date))),
            c.charter
                .jurisdiction
                .as_ref()
                .map(|law| ("Governing law", doc.plain(law))),
        ]
        .into_iter()
        .flatten()
        .map(|(label, value)| PlainDetail { label, value });
        let status = c.charter.status.map(|s| PlainDetail {
            label: "Status",
            value: s.label().to_owned(),
        });
        let details_text: Vec<PlainDetail> = details_text.into_iter().chain(status).collect();
        ctx.insert("details_text", &details_text);
        ctx.insert("contents", &contents(doc));
        let html = self.render("charter.html.tera", &ctx)?;
        // Nearly every document has no carriage return: looking for one is cheaper than copying it all.
        Ok(if html.contains('\r') {
            html.replace("\r\n", "\n")
        } else {
            html
        })
    }
}

/// One entry of the HTML contents: a section and the numbers and headings of its clauses, as plain
/// text (the template engine escapes them).
#[derive(Serialize)]
struct Entry<'d> {
    number: usize,
    anchor: &'d str,
    title: &'d str,
    clauses: Vec<ContentsClause<'d>>,
}

/// A clause as the contents lists it.
#[derive(Serialize)]
struct ContentsClause<'d> {
    number: &'d str,
    anchor: &'d str,
    heading: String,
}

/// The contents of the HTML document: every section with its clauses' numbers and headings.
fn contents(doc: &Document) -> Vec<Entry<'_>> {
    doc.sections
        .iter()
        .map(|section| Entry {
            number: section.number,
            anchor: section.anchor,
            title: section.title,
            clauses: section
                .blocks
                .iter()
                .filter_map(|block| match block {
                    Block::Clause(c) => Some(ContentsClause {
                        number: &c.number,
                        anchor: &c.anchor,
                        heading: docx::inline::plain(&doc.resolve(c.heading.as_str())),
                    }),
                    _ => None,
                })
                .collect(),
        })
        .collect()
}

/// Normalises blank lines: at most one between blocks, none at the start, one newline at the end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}
