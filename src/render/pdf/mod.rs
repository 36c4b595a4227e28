//! The charter as an archival PDF, typeset by typst used as a library (feature `pdf`): the document laid
//! out as typst markup (`markup` escapes every text), the page and type of `charter.typ`, then PDF/A-3b,
//! tagged, with the source TOML attached, bookmarks from the headings, links for every `§` reference and a
//! footer with the fingerprint. The same input gives the same bytes: the document's date is the charter's
//! effective date, never the clock.
//!
//! Imports the document model and the DOCX writer's inline Markdown reader below it; the diff's PDF
//! redline stands on it.

pub mod markup;
mod world;

use std::fmt::Write as _;

use super::document::{
    ApprovalRecord, Block, Clause, Document, Section, Signature, Table as DocTable,
};
use super::docx::column_widths;
use super::markdown::Md;
use crate::error::Error;
use markup::{Kind, Writer, escape, string};
pub use world::{Attachment, Metadata, iso_date, typeset};

/// The page and type of every charter PDF.
pub const PREAMBLE: &str = include_str!("charter.typ");

/// Sections that start a new page, as in the DOCX.
const NEW_PAGE: &[&str] = &["checklist", "signatures", "annex-exceptions"];

/// Renders the document as a PDF/A-3b with `source` (the input's bytes) attached.
///
/// # Errors
/// When typst cannot typeset the document (a character no font has, say).
pub fn write(doc: &Document, source: &[u8]) -> Result<Vec<u8>, Error> {
    let meta = Metadata::of(doc);
    let id = meta.ident.trim_start_matches("charter:");
    let attachments = [Attachment::source(
        id,
        "The charter's source TOML, from which this document was rendered",
        source,
    )];
    typeset(&charter(doc, &meta, &attachments), &meta, &attachments)
}

/// The whole charter as typst markup: the metadata, the preamble, then the document.
#[must_use]
pub fn charter(doc: &Document, meta: &Metadata, attachments: &[Attachment<'_>]) -> String {
    let mut w = DocWriter {
        doc,
        out: String::with_capacity(64 * 1024),
        markup: Writer::default(),
    };
    w.out.push_str(&meta.preamble(attachments));
    w.title();
    for section in &doc.sections {
        w.section(section);
    }
    w.closing();
    finish(w.out, &w.markup)
}

/// The markup with every link to a label it lacks turned into its text: typst refuses a link to nowhere.
#[must_use]
pub fn finish(mut out: String, markup: &Writer) -> String {
    for name in markup.dangling() {
        out = out.replace(&format!("#link(<{name}>)["), "#[");
    }
    out
}

struct DocWriter<'d> {
    doc: &'d Document,
    out: String,
    markup: Writer,
}

impl DocWriter<'_> {
    /// One Markdown value of the document, its cross-references resolved, as inline markup.
    fn inline(&mut self, value: &Md) -> String {
        let markdown = self.doc.resolve(value.as_str());
        self.markup.inline(&markdown)
    }

    /// The title and the lines under it, then the contents (sections, with their pages).
    fn title(&mut self) {
        let title = self.inline(&self.doc.title);
        let _ = writeln!(self.out, "#title[{title}]\n");
        for detail in &self.doc.details {
            let value = self.inline(&detail.value);
            let _ = writeln!(self.out, "#detail({})[{value}]", string(detail.label));
        }
        self.out
            .push_str("\n#outline(title: [Contents], depth: 1)\n\n");
    }

    /// A heading with its label (a bookmark, and the target of links).
    fn heading(&mut self, level: u8, text: &str, anchor: &str) {
        let _ = write!(self.out, "#heading(level: {level})[{text}]");
        if self.markup.define(anchor) {
            let _ = write!(self.out, "<{anchor}>");
        }
        self.out.push_str("\n\n");
    }

    fn section(&mut self, section: &Section) {
        if NEW_PAGE.contains(&section.anchor) {
            self.out.push_str("#pagebreak(weak: true)\n");
        }
        // Escaped whole: "1. " at the start of a heading would be a numbered list in typst.
        let title = escape(&format!("{}. {}", section.number, section.title));
        self.heading(1, &title, section.anchor);
        let groups: Vec<_> = section
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Checklist(group) => Some(group),
                _ => None,
            })
            .collect();
        if !groups.is_empty() {
            self.checklist(&groups);
        }
        for block in &section.blocks {
            match block {
                Block::Clause(clause) => self.clause(clause),
                Block::Table(table) => self.table(table),
                Block::Checklist(_) => {}
                Block::Signature(signature) => self.signature(signature),
                Block::Approvals(record) => self.approvals(record),
            }
        }
    }

    /// A clause: its number and heading as a heading (a bookmark), then its text, list and paragraphs.
    fn clause(&mut self, clause: &Clause) {
        let mut heading = escape(&clause.number);
        if !clause.heading.is_empty() {
            heading.push(' ');
            heading.push_str(&self.inline(&clause.heading));
        }
        self.heading(2, &heading, &clause.anchor);
        self.prose(&clause.text);
        for item in &clause.items {
            let item = self.inline(item);
            let _ = writeln!(self.out, "- {item}");
        }
        if !clause.items.is_empty() {
            self.out.push('\n');
        }
        for paragraph in &clause.paragraphs {
            self.prose(paragraph);
        }
    }

    /// Block Markdown (the organiser's prose) as paragraphs, lists and quotes.
    fn prose(&mut self, value: &Md) {
        let markdown = self.doc.resolve(value.as_str());
        let blocks = self.markup.blocks(&markdown);
        write_blocks(&mut self.out, &blocks);
    }

    /// A table of the document, its columns sized by their content as in the DOCX.
    fn table(&mut self, table: &DocTable) {
        let headers: Vec<Md> = table.headers.iter().map(|h| Md::raw(*h)).collect();
        let widths = column_widths(&headers, &table.rows);
        let header: Vec<String> = headers.iter().map(|h| self.inline(h)).collect();
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| row.iter().map(|cell| self.inline(cell)).collect())
            .collect();
        write_table(&mut self.out, &widths, &header, &rows);
    }

    /// The whole checklist as one table, as in the DOCX: owner, action with a box to tick, when,
    /// evidence and the clause; each owner's first row holds the label of the owner's group.
    fn checklist(&mut self, groups: &[&super::checklist::Group]) {
        const WIDTHS: [usize; 5] = [1500, 3000, 1850, 1860, 1150];
        let header = ["Owner", "Action", "When", "Evidence", "Clause"].map(String::from);
        let mut rows = Vec::new();
        for group in groups {
            for (i, item) in group.items.iter().enumerate() {
                let mut owner = String::new();
                if i == 0 {
                    self.markup.label(&mut owner, &group.anchor);
                }
                owner.push_str(&self.inline(&group.owner));
                let action = format!("#checkbox(false) {}", self.inline(&item.action));
                let clause = Md::raw(format!(
                    "[§{}](#{})",
                    item.clause.number, item.clause.anchor
                ));
                rows.push(vec![
                    owner,
                    action,
                    self.inline(&item.when),
                    self.inline(&item.evidence),
                    self.inline(&clause),
                ]);
            }
        }
        write_table(&mut self.out, &WIDTHS, &header, &rows);
    }

    /// An execution block, kept on one page: "For" the partner, the status's note, then the partner, the
    /// line to sign on, the printed name and title, and the line to date.
    fn signature(&mut self, s: &Signature) {
        let partner = self.inline(&s.partner);
        self.out.push_str("#block(breakable: false)[\n");
        self.heading(2, &format!("For {partner}"), &s.anchor);
        if let Some(note) = s.note {
            let _ = writeln!(self.out, "#strong[{}\\.]\n", escape(note));
        }
        let name = self.inline(&s.name);
        let title = self.inline(&s.title);
        let rows = [
            ("Signature", "#writeline".to_owned()),
            ("Printed name", name),
            ("Title", title),
            ("Date", "#writeline".to_owned()),
        ]
        .map(|(label, value)| vec![escape(label), value]);
        write_table(
            &mut self.out,
            &[2160, 7200],
            &["Signed for".to_owned(), partner],
            &rows,
        );
        self.out.push_str("]\n\n");
    }

    /// The approval record: a heading, what it shows, and its table.
    fn approvals(&mut self, record: &ApprovalRecord) {
        self.heading(2, "Approval record", record.anchor);
        let intro = self.inline(&record.intro);
        let _ = writeln!(self.out, "{intro}\n");
        self.table(&record.table);
    }

    /// The closing line, as in the other formats: the program and the input's fingerprint.
    fn closing(&mut self) {
        let _ = writeln!(
            self.out,
            "#v(2em)\n#text(size: 8pt)[Generated by {} from an input with SHA\\-256 #raw({})\\.]",
            escape(&self.doc.generator),
            string(&self.doc.fingerprint)
        );
    }
}

/// Paragraphs of markup as typst paragraphs, list items and quotes.
pub fn write_blocks(out: &mut String, blocks: &[markup::Block]) {
    let mut listed = false;
    for block in blocks {
        match block.kind {
            Kind::Plain => {
                if listed {
                    out.push('\n');
                }
                let _ = writeln!(out, "{}\n", block.markup);
            }
            Kind::Bullet(depth) => {
                let _ = writeln!(out, "{}- {}", "  ".repeat(depth), block.markup);
            }
            Kind::Numbered(depth, n) => {
                let _ = writeln!(out, "{}{n}. {}", "  ".repeat(depth), block.markup);
            }
            Kind::Quote => {
                let _ = writeln!(out, "#quote(block: true)[{}]\n", block.markup);
            }
        }
        listed = matches!(block.kind, Kind::Bullet(_) | Kind::Numbered(..));
    }
    if listed {
        out.push('\n');
    }
}

/// A table with a header row that repeats on every page it runs onto, its columns in proportion to
/// `widths`.
pub fn write_table(out: &mut String, widths: &[usize], header: &[String], rows: &[Vec<String>]) {
    let columns: Vec<String> = widths.iter().map(|w| format!("{w}fr")).collect();
    let _ = write!(
        out,
        "#table(columns: ({},), table.header(",
        columns.join(", ")
    );
    for cell in header {
        let _ = write!(out, "[#strong[{cell}]],");
    }
    out.push_str("),\n");
    for row in rows {
        for cell in row {
            let _ = write!(out, "[{cell}],");
        }
        out.push('\n');
    }
    out.push_str(")\n\n");
}
