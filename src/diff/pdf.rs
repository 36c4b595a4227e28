//! The PDF redline (feature `pdf`): the new version's document with every insertion underlined and every
//! deletion struck through, for signers who do not use Word. A view of the [`Redline`], as the DOCX
//! redline is, laid out as the rendered PDF is: the change summary first, then the two versions, then
//! the document. A note on a changed or moved clause (what the DOCX says in a comment) stands under its
//! heading. Both inputs, when they are charters, are attached.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::align::{Block, Part, PartStatus, Redline};
use super::docx::{
    self, Row, Summary, block_mark, first_cell, has_text, table_columns, title, word_mark,
};
use super::layout::{Kind, Role};
use super::report::Header;
use super::words::{Mark, Span};
use crate::error::Error;
use crate::render::docx::column_widths;
use crate::render::docx::inline::{self as word_inline};
use crate::render::markdown::Md;
use crate::render::pdf::markup::{Writer as Markup, escape, string};
use crate::render::pdf::{self, Attachment, Metadata, write_table};

/// Writes the PDF redline, with the inputs that are charters attached (old, then new).
///
/// # Errors
/// When typst cannot typeset it.
pub fn write(
    summary: &Summary<'_>,
    redline: &Redline,
    sources: &[Attachment<'_>],
) -> Result<Vec<u8>, Error> {
    let meta = metadata(summary.header);
    let mut w = Writer::new(summary, redline);
    w.out.push_str(&meta.preamble(sources));
    w.summary(summary);
    w.versions(summary.header);
    for block in &redline.blocks {
        w.block(block);
    }
    w.closing(summary.header);
    let out = pdf::finish(w.out, &w.markup);
    pdf::typeset(&out, &meta, sources)
}

fn value(v: Option<&String>) -> String {
    v.cloned().unwrap_or_else(|| "unknown".to_owned())
}

/// The redline's properties: its title, the two versions and their fingerprints.
fn metadata(header: &Header) -> Metadata {
    let short = |f: Option<&String>| {
        f.map_or_else(|| "unknown".to_owned(), |f| f.chars().take(12).collect())
    };
    let date = [&header.new, &header.old]
        .iter()
        .filter_map(|f| f.effective_date.as_deref())
        .map(pdf::iso_date)
        .find(|d| d.0 != 1970)
        .unwrap_or((1970, 1, 1));
    Metadata {
        title: format!("Redline: {}", title(header)),
        authors: Vec::new(),
        subject: format!(
            "Redline of version {} (SHA-256 {}) and version {} (SHA-256 {})",
            value(header.old.version.as_ref()),
            value(header.old.fingerprint.as_ref()),
            value(header.new.version.as_ref()),
            value(header.new.fingerprint.as_ref()),
        ),
        keywords: vec![
            format!("charter:{}", value(header.new.id.as_ref())),
            format!("old SHA-256 {}", value(header.old.fingerprint.as_ref())),
            format!("new SHA-256 {}", value(header.new.fingerprint.as_ref())),
        ],
        ident: format!("redline:{}", value(header.new.id.as_ref())),
        footer: format!(
            "Redline \u{b7} old SHA-256 {} \u{b7} new SHA-256 {}",
            short(header.old.fingerprint.as_ref()),
            short(header.new.fingerprint.as_ref())
        ),
        banner: None,
        generator: format!("charter {}", env!("CARGO_PKG_VERSION")),
        date,
    }
}

/// The mark of a part inserted or deleted whole; `Equal` for any other.
fn whole(status: PartStatus) -> Mark {
    docx::whole(status).unwrap_or(Mark::Equal)
}

/// Plain text with a mark, as markup.
fn marked_text(text: &str, mark: Mark) -> String {
    let text = escape(text);
    match mark {
        Mark::Equal => text,
        Mark::Inserted => format!("#ins[{text}]"),
        Mark::Deleted => format!("#del[{text}]"),
    }
}

struct Writer {
    out: String,
    markup: Markup,
    /// The notes still to place, by the anchor of their block ("" for the title).
    notes: BTreeMap<String, Vec<(usize, String)>>,
}

impl Writer {
    fn new(summary: &Summary<'_>, redline: &Redline) -> Self {
        let anchors: BTreeSet<&str> = redline
            .blocks
            .iter()
            .filter_map(|b| b.anchor.as_deref())
            .collect();
        let mut notes: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for (i, note) in summary.notes.iter().enumerate() {
            let key = note
                .anchor
                .as_deref()
                .filter(|a| anchors.contains(a))
                .unwrap_or("");
            notes
                .entry(key.to_owned())
                .or_default()
                .push((i + 1, note.text.clone()));
        }
        Writer {
            out: String::with_capacity(128 * 1024),
            markup: Markup::default(),
            notes,
        }
    }

    /// A cell of marked inline Markdown, as markup.
    fn runs(&mut self, cell: &[Span]) -> String {
        let spans: Vec<word_inline::Span<'_>> = cell
            .iter()
            .map(|s| word_inline::Span {
                mark: word_mark(s.mark),
                markdown: &s.text,
            })
            .collect();
        self.markup.marked(&spans)
    }

    /// A heading with its label, when it has one.
    fn heading(&mut self, level: u8, text: &str, anchor: Option<&str>) {
        let _ = write!(self.out, "#heading(level: {level})[{text}]");
        if let Some(anchor) = anchor
            && self.markup.define(anchor)
        {
            let _ = write!(self.out, "<{anchor}>");
        }
        self.out.push_str("\n\n");
    }

    /// The notes on the block with `anchor`, each a small paragraph under its heading.
    fn notes(&mut self, anchor: &str) {
        for (n, text) in self.notes.remove(anchor).unwrap_or_default() {
            let _ = writeln!(
                self.out,
                "#block(inset: (left: 0.8em), stroke: (left: 1.5pt + luma(160)))[#text(size: 8.5pt)[#emph[Note {n}:] {}]]\n",
                escape(&text)
            );
        }
    }
}

/// The summary and the versions, before the document.
impl Writer {
    fn summary(&mut self, summary: &Summary<'_>) {
        let _ = writeln!(
            self.out,
            "#title[Redline: {}]\n",
            escape(title(summary.header))
        );
        self.notes("");
        self.heading(1, "Changes in this redline", None);
        let _ = writeln!(
            self.out,
            "{}\\. Words inserted by the new version are #ins[underlined], words it deletes are #del[struck through]; each changed term has a note under its clause\\. Clause numbers and § references are the new version's\\.\n",
            escape(&super::count(summary.rows.len(), "change"))
        );
        if !summary.rows.is_empty() {
            self.summary_table(&summary.rows);
        }
        if !summary.renumbered.is_empty() {
            let _ = writeln!(
                self.out,
                "Renumbered, with every reference to them: {}\\.\n",
                escape(&summary.renumbered.join("; "))
            );
        }
        if !summary.header.effects.is_empty() {
            self.heading(2, "Effects of these changes", None);
            for e in &summary.header.effects {
                let _ = writeln!(
                    self.out,
                    "- {}",
                    escape(&format!("{} › {}{}", e.area, e.text, e.cited()))
                );
            }
            self.out.push('\n');
        }
    }

    /// The table of changes: term, change, classification, clause (a link to it).
    fn summary_table(&mut self, rows: &[Row]) {
        const WIDTHS: [usize; 4] = [2600, 3750, 1860, 1150];
        let header = ["Term", "Change", "Classification", "Clause"].map(String::from);
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                let clause = match (&row.clause, &row.anchor) {
                    (Some(c), Some(a)) => self.markup.inline(&format!("[§{c}](#{a})")),
                    (Some(c), None) => escape(&format!("§{c}")),
                    _ => String::new(),
                };
                vec![
                    escape(&row.term),
                    row.change
                        .iter()
                        .map(|s| marked_text(&s.text, s.mark))
                        .collect(),
                    escape(&row.class),
                    clause,
                ]
            })
            .collect();
        write_table(&mut self.out, &WIDTHS, &header, &cells);
    }

    /// The two versions and the warnings, then a new page for the document.
    fn versions(&mut self, header: &Header) {
        self.heading(1, "The two versions", None);
        let rows = header.rows();
        let texts: Vec<Vec<Md>> = rows
            .iter()
            .map(|(label, old, new)| vec![Md::raw(*label), Md::raw(old), Md::raw(new)])
            .collect();
        let widths = column_widths(&[Md::raw(""), Md::raw("Old"), Md::raw("New")], &texts);
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|(label, old, new)| {
                vec![
                    format!("#strong[{}]", escape(label)),
                    escape(old),
                    escape(new),
                ]
            })
            .collect();
        write_table(
            &mut self.out,
            &widths,
            &[String::new(), "Old".to_owned(), "New".to_owned()],
            &cells,
        );
        for warning in &header.warnings {
            let _ = writeln!(
                self.out,
                "#text(fill: rgb(\"#8a1c1c\"))[#strong[Warning:]] {}\n",
                escape(warning)
            );
        }
        self.out.push_str("#pagebreak()\n");
    }

    /// The closing line: the program and both fingerprints.
    fn closing(&mut self, header: &Header) {
        let _ = writeln!(
            self.out,
            "#v(2em)\n#text(size: 8pt)[Redline by charter {} of the input with SHA\\-256 #raw({}) (old) and the input with SHA\\-256 #raw({}) (new)\\.]",
            escape(env!("CARGO_PKG_VERSION")),
            string(&value(header.old.fingerprint.as_ref())),
            string(&value(header.new.fingerprint.as_ref())),
        );
    }
}

/// The document, block by block, laid out as the rendered PDF is.
impl Writer {
    fn block(&mut self, b: &Block) {
        match b.kind {
            Kind::Title => self.title_block(b),
            Kind::Section => self.section(b),
            Kind::Clause => self.clause(b),
            Kind::Table => self.table(b),
            Kind::Checklist | Kind::Signature => self.group(b),
            Kind::Text => self.rest(b),
        }
    }

    fn heading_part(b: &Block) -> Option<&Part> {
        b.parts.iter().find(|p| p.role == Role::Heading)
    }

    fn title_block(&mut self, b: &Block) {
        let title = self.runs(first_cell(Self::heading_part(b)));
        let _ = writeln!(self.out, "#text(size: 20pt)[#strong[{title}]]\n");
        self.rest(b);
    }

    fn section(&mut self, b: &Block) {
        let mut text = marked_text(&format!("{}. ", b.number().unwrap_or("")), block_mark(b));
        text.push_str(&self.runs(first_cell(Self::heading_part(b))));
        self.heading(1, &text, b.anchor.as_deref());
        self.notes(b.anchor.as_deref().unwrap_or("\u{0}"));
    }

    fn clause(&mut self, b: &Block) {
        let heading = Self::heading_part(b);
        let mark = block_mark(b);
        let mut text = marked_text(b.number().unwrap_or(""), mark);
        if has_text(first_cell(heading)) {
            text.push_str(&marked_text(" ", mark));
            text.push_str(&self.runs(first_cell(heading)));
        }
        self.heading(2, &text, b.anchor.as_deref());
        self.notes(b.anchor.as_deref().unwrap_or("\u{0}"));
        let body = b.parts.iter().find(|p| p.role == Role::Text);
        if has_text(first_cell(body)) {
            let text = self.runs(first_cell(body));
            let _ = writeln!(self.out, "{text}\n");
        }
        self.rest(b);
    }

    fn group(&mut self, b: &Block) {
        let text = self.runs(first_cell(Self::heading_part(b)));
        self.heading(2, &text, b.anchor.as_deref());
        self.notes(b.anchor.as_deref().unwrap_or("\u{0}"));
        self.rest(b);
    }

    /// The parts after the heading: details, items, tasks and paragraphs.
    fn rest(&mut self, b: &Block) {
        let mut listed = false;
        for part in &b.parts {
            if matches!(
                part.role,
                Role::Heading | Role::Text | Role::Header | Role::Row
            ) {
                continue;
            }
            let mut text = String::new();
            if part.role == Role::Task {
                text.push_str("#checkbox(false) ");
            }
            let runs = self.runs(first_cell(Some(part)));
            // A part inserted or deleted whole is marked whole, whatever its words say.
            text.push_str(&match whole(part.status) {
                Mark::Equal => runs,
                Mark::Inserted => format!("#ins[{runs}]"),
                Mark::Deleted => format!("#del[{runs}]"),
            });
            let item = matches!(part.role, Role::Item | Role::Task) && b.kind != Kind::Signature;
            if item {
                let _ = writeln!(self.out, "- {text}");
            } else {
                if listed {
                    self.out.push('\n');
                }
                let _ = writeln!(self.out, "{text}\n");
            }
            listed = item;
        }
        if listed {
            self.out.push('\n');
        }
    }

    /// A table: its header row and rows, each cell's words marked.
    fn table(&mut self, b: &Block) {
        let Some((columns, widths)) = table_columns(b) else {
            return;
        };
        let mut header = vec![String::new(); columns];
        let mut rows = Vec::new();
        for part in &b.parts {
            let cells: Vec<String> = (0..columns)
                .map(|i| self.runs(part.cells.get(i).map_or(&[][..], Vec::as_slice)))
                .collect();
            if part.role == Role::Header {
                header = cells;
            } else {
                rows.push(cells);
            }
        }
        write_table(&mut self.out, &widths, &header, &rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_its_mark() {
        assert_eq!(marked_text("30 days", Mark::Deleted), "#del[30 days]");
        assert_eq!(marked_text("a*b", Mark::Inserted), "#ins[a\\*b]");
        assert_eq!(marked_text("§4.1", Mark::Equal), "§4\\.1");
    }
}
