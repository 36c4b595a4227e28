//! The DOCX redline: the new version's document with every change a Word tracked change, a view of the
//! [`Redline`] as the Markdown and HTML redlines are (nothing is compared again here).
//!
//! - Words inserted or deleted inside a clause are `w:ins` and `w:del` runs. A clause, item or paragraph
//!   inserted or deleted whole has its text tracked and its paragraph mark too, so that accepting a
//!   deletion removes the paragraph. Table rows carry run revisions only, and a moved block stands where
//!   it now is, with a comment saying where it was (no `w:moveFrom`/`w:moveTo`).
//! - Each changed term has a comment on its clause's heading, in the words of the change summary.
//! - The change summary comes first, as a table, then the two versions, then the document.
//! - The author and date of every revision and comment are the caller's ([`Revision`]); paragraph,
//!   bookmark and comment ids are counted per document, and the package numbers the revisions, so the
//!   same inputs give the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use docx_rs::{
    BreakType, Comment, Docx, Footer, InstrNUMPAGES, InstrPAGE, InstrText, Paragraph,
    ParagraphChild, Run, Tab, TabValueType, Table, TableRow,
};

use super::align::{Block, Part, PartStatus, Redline, Status};
use super::layout::{Kind, Role};
use super::report::{self, Entry, Header};
use super::terms::{Change, Class};
use super::words::{self, Mark, Span};
use crate::error::Error;
use crate::render::docx::inline::{self as word_inline, Inline, Revision};
use crate::render::docx::package::Properties;
use crate::render::docx::{self as word, HouseStyle};
use crate::render::markdown::Md;

/// One row of the change summary: the term, what happened to it, which way it moves a duty, and the
/// clause that states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The term, in the document's words (`Partner "Northstar" › contributions`).
    pub term: String,
    /// What happened, as plain-text spans (a long text with its changed phrases marked).
    pub change: Vec<Span>,
    /// "tightened for Vitalis", "relaxed", or "—" for a change with no direction.
    pub class: String,
    /// The clause's number in the new version (the old one for a removal).
    pub clause: Option<String>,
    /// The clause's anchor.
    pub anchor: Option<String>,
}

/// A comment on a block of the document: on the block with `anchor`, or on the redline's title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The anchor of the block it is about.
    pub anchor: Option<String>,
    /// What it says.
    pub text: String,
}

/// Everything the DOCX redline shows besides the document.
#[derive(Debug, Clone)]
pub struct Summary<'a> {
    /// The two versions and the warnings about the comparison.
    pub header: &'a Header,
    /// The change summary.
    pub rows: Vec<Row>,
    /// The comments on changed terms and moved blocks.
    pub notes: Vec<Note>,
    /// The renumbered clauses, in words (`§10.1–10.3 → §10.2–10.4`).
    pub renumbered: Vec<String>,
}

impl<'a> Summary<'a> {
    /// The summary of a comparison: of the term changes when there are any to give, else of the marked
    /// blocks; with a comment for each changed term and each moved block.
    #[must_use]
    pub fn new(header: &'a Header, changes: Option<&[Change]>, redline: &Redline) -> Self {
        let (rows, mut notes) = match changes {
            Some(changes) => {
                let entries = report::of_terms(changes);
                let notes = entries
                    .iter()
                    .map(|e| Note {
                        anchor: e.anchor.clone(),
                        text: e.text.clone(),
                    })
                    .collect();
                (rows_of_terms(changes, &entries), notes)
            }
            None => (rows_of_blocks(&report::of_blocks(redline)), Vec::new()),
        };
        notes.extend(moves(redline));
        Summary {
            header,
            rows,
            notes,
            renumbered: report::renumbering(redline),
        }
    }
}

/// The rows of term changes, each split out of its summary entry: the term, the change, its direction.
fn rows_of_terms(changes: &[Change], entries: &[Entry]) -> Vec<Row> {
    changes
        .iter()
        .zip(entries)
        .map(|(c, e)| {
            let class = c.class.as_ref().map(Class::words).unwrap_or_default();
            let label = format!("{}: ", c.label);
            let mut spans = e.spans.clone();
            if let Some(first) = spans.first_mut()
                && let Some(rest) = first.text.strip_prefix(&label)
            {
                first.text = rest.to_owned();
            }
            if let Some(last) = spans.last_mut()
                && !class.is_empty()
                && let Some(rest) = last.text.strip_suffix(&class)
            {
                last.text = rest.to_owned();
            }
            Row {
                term: c.label.clone(),
                change: spans,
                class: class_words(&class),
                clause: e.clause.clone(),
                anchor: e.anchor.clone(),
            }
        })
        .collect()
}

fn class_words(class: &str) -> String {
    match class.strip_prefix(", ") {
        Some(words) => words.to_owned(),
        None => "—".to_owned(),
    }
}

/// The rows of a comparison of rendered text: the block, and what happened to it.
fn rows_of_blocks(entries: &[Entry]) -> Vec<Row> {
    entries
        .iter()
        .map(|e| {
            let (term, what) = e.text.rsplit_once(": ").unwrap_or((&e.text, ""));
            Row {
                term: term.to_owned(),
                change: vec![Span::equal(what)],
                class: "—".to_owned(),
                clause: e.clause.clone(),
                anchor: e.anchor.clone(),
            }
        })
        .collect()
}

/// A comment on every moved block: where it was.
fn moves(redline: &Redline) -> Vec<Note> {
    redline
        .blocks
        .iter()
        .filter_map(|b| match &b.status {
            Status::Moved { from, to } => Some(Note {
                anchor: b.anchor.clone(),
                text: match (from, to) {
                    (Some(f), Some(t)) => format!("Moved: §{f} → §{t}"),
                    _ => "Moved from another place".to_owned(),
                },
            }),
            _ => None,
        })
        .collect()
}

/// Writes the DOCX redline.
///
/// # Errors
/// Only when the package cannot be assembled, which would be a bug.
pub fn write(
    summary: &Summary<'_>,
    redline: &Redline,
    revision: &Revision,
) -> Result<Vec<u8>, Error> {
    let mut w = Writer::new(summary, redline, revision);
    w.summary(summary);
    w.versions(summary.header);
    for block in &redline.blocks {
        w.block(block);
    }
    w.closing(summary.header);
    let footer = w.footer(summary.header);
    let properties = properties(summary.header, revision);
    word::package(w.docx, footer, &properties, &HouseStyle::builtin())
}

/// The document properties: the redline's title, the two versions and their fingerprints.
fn properties(header: &Header, revision: &Revision) -> Properties {
    let value = |v: &Option<String>| v.clone().unwrap_or_else(|| "unknown".to_owned());
    let generator = format!("charter {}", env!("CARGO_PKG_VERSION"));
    Properties {
        title: format!("Redline: {}", title(header)),
        subject: format!(
            "Redline of version {} and version {}",
            value(&header.old.version),
            value(&header.new.version)
        ),
        creator: generator.clone(),
        date: revision.date.clone(),
        custom: vec![
            ("Charter", value(&header.new.id)),
            ("Old version", value(&header.old.version)),
            ("New version", value(&header.new.version)),
            (
                "Old fingerprint",
                format!("SHA-256 {}", value(&header.old.fingerprint)),
            ),
            (
                "New fingerprint",
                format!("SHA-256 {}", value(&header.new.fingerprint)),
            ),
            ("Generator", generator),
        ],
    }
}

pub(super) fn title(header: &Header) -> &str {
    header.new.title.as_deref().unwrap_or(&header.new_name)
}

/// The paragraph mark revision of a part inserted or deleted whole.
pub(super) fn whole(status: PartStatus) -> Option<Mark> {
    match status {
        PartStatus::Inserted => Some(Mark::Inserted),
        PartStatus::Deleted => Some(Mark::Deleted),
        _ => None,
    }
}

/// The mark of what a block adds around its parts (its number): the block's own, when it is inserted or
/// deleted whole.
pub(super) fn block_mark(block: &Block) -> Mark {
    match block.status {
        Status::Inserted => Mark::Inserted,
        Status::Deleted => Mark::Deleted,
        _ => Mark::Equal,
    }
}

pub(super) fn word_mark(mark: Mark) -> word_inline::Mark {
    match mark {
        Mark::Equal => word_inline::Mark::Equal,
        Mark::Inserted => word_inline::Mark::Inserted,
        Mark::Deleted => word_inline::Mark::Deleted,
    }
}

pub(super) fn first_cell(part: Option<&Part>) -> &[Span] {
    part.and_then(|p| p.cells.first())
        .map_or(&[][..], Vec::as_slice)
}

pub(super) fn has_text(cell: &[Span]) -> bool {
    cell.iter().any(|s| !s.text.trim().is_empty())
}

/// The anchors inside table cells (a decision's row), each with the anchor of the section that holds
/// the table: a comment on a term stated in a table goes on that section's heading.
fn anchors_in_tables(redline: &Redline) -> BTreeMap<String, &str> {
    let mut out = BTreeMap::new();
    let mut section = "";
    for b in &redline.blocks {
        match (b.kind, b.anchor.as_deref()) {
            (Kind::Section, Some(anchor)) => section = anchor,
            (Kind::Table, _) if !section.is_empty() => {
                for cell in b.parts.iter().flat_map(|p| &p.cells) {
                    let text = words::side(cell, b.status == Status::Deleted);
                    for piece in text.split("<a id=\"").skip(1) {
                        if let Some((id, _)) = piece.split_once('"') {
                            out.entry(id.to_owned()).or_insert(section);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Writes one redline: the crate's builder, the converter of marked Markdown, the counters of ids, and
/// the comments still to anchor, by the anchor of their block ("" for the redline's title).
struct Writer<'r> {
    docx: Docx,
    inline: Inline,
    revision: &'r Revision,
    paragraphs: u32,
    notes: BTreeMap<String, Vec<(usize, String)>>,
    has_title: bool,
}

impl<'r> Writer<'r> {
    fn new(summary: &Summary<'_>, redline: &Redline, revision: &'r Revision) -> Self {
        let anchors: BTreeSet<&str> = redline
            .blocks
            .iter()
            .filter_map(|b| b.anchor.as_deref())
            .collect();
        let in_tables = anchors_in_tables(redline);
        let mut notes: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for (i, note) in summary.notes.iter().enumerate() {
            let key = note
                .anchor
                .as_deref()
                .and_then(|a| {
                    anchors
                        .get(a)
                        .copied()
                        .or_else(|| in_tables.get(a).copied())
                })
                .unwrap_or("");
            notes
                .entry(key.to_owned())
                .or_default()
                .push((i + 1, note.text.clone()));
        }
        Writer {
            docx: Docx::new(),
            inline: Inline::tracking(revision.clone()),
            revision,
            paragraphs: 0,
            notes,
            has_title: redline.blocks.iter().any(|b| b.kind == Kind::Title),
        }
    }

    /// A new paragraph with the next id, its paragraph mark tracked when it is inserted or deleted whole.
    fn para(&mut self, whole: Option<Mark>) -> Paragraph {
        self.paragraphs += 1;
        let p = Paragraph::new().id(format!("{:08X}", self.paragraphs));
        let (author, date) = (self.revision.author.clone(), self.revision.date.clone());
        match whole {
            Some(Mark::Inserted) => p.insert(author, date),
            Some(Mark::Deleted) => p.delete(author, date),
            _ => p,
        }
    }

    /// A new paragraph that starts with a bookmark named `anchor`, when there is one.
    fn anchored(&mut self, anchor: Option<&str>, whole: Option<Mark>) -> Paragraph {
        let p = self.para(whole);
        match anchor {
            Some(anchor) => {
                let id = self.inline.next_bookmark();
                p.add_bookmark_start(id, anchor).add_bookmark_end(id)
            }
            None => p,
        }
    }

    /// The paragraph with `children`, and the comments on the block with `anchor` around them.
    fn noted(&mut self, p: Paragraph, anchor: &str, children: Vec<ParagraphChild>) -> Paragraph {
        let notes = self.notes.remove(anchor).unwrap_or_default();
        let mut p = p;
        for (id, text) in &notes {
            let body = self.para(None).add_run(Run::new().add_text(text.as_str()));
            let comment = Comment::new(*id)
                .author(self.revision.author.clone())
                .date(self.revision.date.clone())
                .add_paragraph(body);
            p = p.add_comment_start(comment);
        }
        p.children.extend(children);
        for (id, _) in &notes {
            p = p.add_comment_end(*id);
        }
        p
    }

    fn add(&mut self, p: Paragraph) {
        word::push_paragraph(&mut self.docx, p);
    }

    fn add_table(&mut self, t: Table) {
        word::push_table(&mut self.docx, t);
    }

    /// The runs of a cell of marked inline Markdown.
    fn runs(&mut self, cell: &[Span]) -> Vec<ParagraphChild> {
        let spans: Vec<word_inline::Span<'_>> = cell
            .iter()
            .map(|s| word_inline::Span {
                mark: word_mark(s.mark),
                markdown: &s.text,
            })
            .collect();
        self.inline.runs(&spans)
    }

    /// Plain text (a number, a separator) as one run with its mark.
    fn text(&self, text: &str, mark: Mark) -> ParagraphChild {
        self.inline.text(text, word_mark(mark))
    }

    fn heading(&mut self, text: &str, style: &str) {
        let p = self
            .para(None)
            .style(style)
            .keep_next(true)
            .add_run(Run::new().add_text(text));
        self.add(p);
    }
}

/// The summary and the versions, before the document.
impl Writer<'_> {
    /// The redline's title, then the change summary as a table, the renumbering and the effects.
    fn summary(&mut self, summary: &Summary<'_>) {
        let top = self.para(None).style("Title");
        let heading = vec![ParagraphChild::Run(Box::new(
            Run::new().add_text(format!("Redline: {}", title(summary.header))),
        ))];
        // Comments on no clause (the version) go on the charter's title, or on this one without it.
        let key = if self.has_title { "\u{0}" } else { "" };
        let top = self.noted(top, key, heading);
        self.add(top);
        self.heading("Changes in this redline", "Heading1");
        let legend = format!(
            "{}. Every insertion and deletion in the document below is a tracked change by {}, dated {}, and each changed term has a comment on its clause; accept or reject them in Word's Review tab. Clause numbers and § references are the new version's.",
            super::count(summary.rows.len(), "change"),
            self.revision.author,
            self.revision.date
        );
        let p = self.para(None).add_run(Run::new().add_text(legend));
        self.add(p);
        if !summary.rows.is_empty() {
            let table = self.summary_table(&summary.rows);
            self.add_table(table);
        }
        if !summary.renumbered.is_empty() {
            let text = format!(
                "Renumbered, with every reference to them: {}.",
                summary.renumbered.join("; ")
            );
            let p = self
                .para(None)
                .line_spacing(docx_rs::LineSpacing::new().before(160))
                .add_run(Run::new().add_text(text));
            self.add(p);
        }
        self.effects(summary.header);
    }

    /// The table of changes: term, change, classification, clause (a link to it).
    fn summary_table(&mut self, rows: &[Row]) -> Table {
        // Twentieths of a point, summing to the text width; "Clause" in bold fits on one line.
        const WIDTHS: [usize; 4] = [2600, 3750, 1860, 1150];
        let headers = ["Term", "Change", "Classification", "Clause"];
        let header_cells = headers
            .iter()
            .zip(WIDTHS)
            .map(|(h, w)| {
                let p = self.para(None).keep_next(true).line_spacing(word::tight());
                word::header_cell(p.add_run(Run::new().add_text(*h).bold()), w)
            })
            .collect();
        let mut table_rows = vec![TableRow::new(header_cells).cant_split()];
        for row in rows {
            let clause = match (&row.clause, &row.anchor) {
                (Some(c), Some(a)) => self
                    .inline
                    .runs(&[word_inline::Span::equal(&format!("[§{c}](#{a})"))]),
                (Some(c), None) => vec![plain(&format!("§{c}"))],
                _ => Vec::new(),
            };
            let values = [
                vec![plain(&row.term)],
                row.change.iter().map(shown).collect(),
                vec![plain(&row.class)],
                clause,
            ];
            let cells = values
                .into_iter()
                .zip(WIDTHS)
                .map(|(children, w)| {
                    let p = word::with(self.para(None), children).line_spacing(word::tight());
                    word::cell(p, w)
                })
                .collect();
            table_rows.push(TableRow::new(cells).cant_split());
        }
        word::grid(table_rows, WIDTHS.to_vec())
    }

    /// What the amendment does to the derived terms, when both sides are charters.
    fn effects(&mut self, header: &Header) {
        if header.effects.is_empty() {
            return;
        }
        self.heading("Effects of these changes", "Heading2");
        for e in &header.effects {
            let p = self
                .para(None)
                .numbering(
                    docx_rs::NumberingId::new(word::BULLETS),
                    docx_rs::IndentLevel::new(0),
                )
                .line_spacing(word::tight())
                .add_run(Run::new().add_text(format!("{} › {}{}", e.area, e.text, e.cited())));
            self.add(p);
        }
    }

    /// The two versions (file, title, charter, version, date, fingerprint) and the warnings, then a page
    /// break before the document.
    fn versions(&mut self, header: &Header) {
        self.heading("The two versions", "Heading1");
        let rows = header.rows();
        let headers = [Md::raw(""), Md::raw("Old"), Md::raw("New")];
        let texts: Vec<Vec<Md>> = rows
            .iter()
            .map(|(label, old, new)| {
                [*label, old.as_str(), new.as_str()]
                    .iter()
                    .map(|t| Md::raw(*t))
                    .collect()
            })
            .collect();
        let widths = word::column_widths(&headers, &texts);
        let mut table_rows = Vec::with_capacity(rows.len() + 1);
        let header_cells = ["", "Old", "New"]
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                let p = self.para(None).line_spacing(word::tight());
                word::header_cell(p.add_run(Run::new().add_text(*h).bold()), *w)
            })
            .collect();
        table_rows.push(TableRow::new(header_cells).cant_split());
        for (label, old, new) in &rows {
            let cells = [(*label, true), (old.as_str(), false), (new.as_str(), false)]
                .iter()
                .zip(&widths)
                .map(|((text, strong), w)| {
                    let run = Run::new().add_text(*text);
                    let run = if *strong { run.bold() } else { run };
                    word::cell(self.para(None).line_spacing(word::tight()).add_run(run), *w)
                })
                .collect();
            table_rows.push(TableRow::new(cells).cant_split());
        }
        let table = word::grid(table_rows, widths);
        self.add_table(table);
        for warning in &header.warnings {
            let p = self
                .para(None)
                .add_run(Run::new().add_text("Warning: ").bold().color("8A1C1C"))
                .add_run(Run::new().add_text(warning.as_str()));
            self.add(p);
        }
        let p = self
            .para(None)
            .add_run(Run::new().add_break(BreakType::Page));
        self.add(p);
    }

    /// The closing line: the program and both fingerprints.
    fn closing(&mut self, header: &Header) {
        let fingerprint = |f: &Option<String>| f.clone().unwrap_or_else(|| "unknown".to_owned());
        let text = format!(
            "Redline by charter {} of the input with SHA-256 {} (old) and the input with SHA-256 {} (new).",
            env!("CARGO_PKG_VERSION"),
            fingerprint(&header.old.fingerprint),
            fingerprint(&header.new.fingerprint)
        );
        let p = self
            .para(None)
            .line_spacing(docx_rs::LineSpacing::new().before(480))
            .add_run(Run::new().add_text(text).size(17));
        self.add(p);
    }

    /// The footer of every page: "Redline", both fingerprints, and "Page N of M".
    fn footer(&mut self, header: &Header) -> Footer {
        let short = |f: &Option<String>| {
            f.as_deref()
                .map_or_else(|| "unknown".to_owned(), |f| f.chars().take(12).collect())
        };
        let small = || Run::new().size(14).color("555555");
        let p = self
            .para(None)
            .add_tab(Tab::new().val(TabValueType::Right).pos(word::TEXT_WIDTH))
            .line_spacing(docx_rs::LineSpacing::new().after(0))
            .add_run(
                small()
                    .add_text(format!(
                        "Redline \u{b7} old SHA-256 {} \u{b7} new SHA-256 {}",
                        short(&header.old.fingerprint),
                        short(&header.new.fingerprint)
                    ))
                    .add_tab()
                    .add_text("Page "),
            );
        let p =
            word::field(p, small, InstrText::PAGE(InstrPAGE {})).add_run(small().add_text(" of "));
        Footer::new().add_paragraph(word::field(p, small, InstrText::NUMPAGES(InstrNUMPAGES {})))
    }
}

/// The document, block by block, laid out as the rendered DOCX is.
impl Writer<'_> {
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

    /// The charter's title, and the details under it.
    fn title_block(&mut self, b: &Block) {
        let heading = Self::heading_part(b);
        let p = self
            .para(heading.and_then(|h| whole(h.status)))
            .style("Title");
        let runs = self.runs(first_cell(heading));
        let p = self.noted(p, "", runs);
        self.add(p);
        self.rest(b);
    }

    /// A section heading: "4. Governance".
    fn section(&mut self, b: &Block) {
        let heading = Self::heading_part(b);
        let p = self
            .anchored(b.anchor.as_deref(), heading.and_then(|h| whole(h.status)))
            .style("Heading1")
            .keep_next(true);
        let mut children =
            vec![self.text(&format!("{}. ", b.number().unwrap_or("")), block_mark(b))];
        children.extend(self.runs(first_cell(heading)));
        let p = self.noted(p, b.anchor.as_deref().unwrap_or("\u{0}"), children);
        self.add(p);
    }

    /// A clause: its number and heading in bold, its text, then its items and paragraphs.
    fn clause(&mut self, b: &Block) {
        let heading = Self::heading_part(b);
        let text = b.parts.iter().find(|p| p.role == Role::Text);
        let mark = block_mark(b);
        let p = self
            .anchored(b.anchor.as_deref(), heading.and_then(|h| whole(h.status)))
            .line_spacing(docx_rs::LineSpacing::new().before(120));
        let mut lead = vec![self.text(b.number().unwrap_or(""), mark)];
        if has_text(first_cell(heading)) {
            lead.push(self.text(" ", mark));
            lead.extend(self.runs(first_cell(heading)));
            lead.push(self.text(".", mark));
        }
        let mut children = word::bold(lead);
        if has_text(first_cell(text)) {
            children.push(self.text(" ", mark));
            children.extend(self.runs(first_cell(text)));
        }
        let p = self.noted(p, b.anchor.as_deref().unwrap_or("\u{0}"), children);
        self.add(p);
        self.rest(b);
    }

    /// A checklist owner's tasks, or a signature block: a heading, then its lines.
    fn group(&mut self, b: &Block) {
        let heading = Self::heading_part(b);
        let p = self
            .anchored(b.anchor.as_deref(), heading.and_then(|h| whole(h.status)))
            .style("Heading2")
            .keep_next(true);
        let runs = self.runs(first_cell(heading));
        let p = self.noted(p, b.anchor.as_deref().unwrap_or("\u{0}"), runs);
        self.add(p);
        self.rest(b);
    }

    /// The parts after the heading: details, items, tasks and paragraphs, one paragraph each.
    fn rest(&mut self, b: &Block) {
        for part in &b.parts {
            if matches!(
                part.role,
                Role::Heading | Role::Text | Role::Header | Role::Row
            ) {
                continue;
            }
            let mark = whole(part.status);
            let p = match part.role {
                // A signature block's lines are lines to sign on, not a list.
                Role::Item if b.kind == Kind::Signature => self.para(mark),
                Role::Item | Role::Task => self
                    .para(mark)
                    .numbering(
                        docx_rs::NumberingId::new(word::BULLETS),
                        docx_rs::IndentLevel::new(0),
                    )
                    .line_spacing(word::tight()),
                Role::Detail => self.para(mark).line_spacing(word::tight()),
                _ => self.para(mark),
            };
            let mut children = Vec::new();
            if part.role == Role::Task {
                children.push(self.text("\u{2610} ", mark.unwrap_or(Mark::Equal)));
            }
            children.extend(self.runs(first_cell(Some(part))));
            let p = word::with(p, children);
            self.add(p);
        }
    }

    /// A table: its header row and rows, each cell's words marked; rows inserted or deleted whole keep
    /// their place, their text tracked.
    fn table(&mut self, b: &Block) {
        let Some((columns, widths)) = table_columns(b) else {
            return;
        };
        let mut table_rows = Vec::with_capacity(b.parts.len());
        for part in &b.parts {
            let header = part.role == Role::Header;
            let cells = (0..columns)
                .zip(&widths)
                .map(|(i, w)| {
                    let runs = self.runs(part.cells.get(i).map_or(&[][..], Vec::as_slice));
                    let p = self.para(None).line_spacing(word::tight());
                    if header {
                        word::header_cell(word::with(p.keep_next(true), word::bold(runs)), *w)
                    } else {
                        word::cell(word::with(p, runs), *w)
                    }
                })
                .collect();
            table_rows.push(TableRow::new(cells).cant_split());
        }
        let table = word::grid(table_rows, widths);
        self.add_table(table);
    }
}

/// The number of columns of a table block and their widths (twentieths of a point, sized by the new
/// version's text of each cell, as the rendered DOCX sizes them); `None` for a table without cells.
pub(super) fn table_columns(b: &Block) -> Option<(usize, Vec<usize>)> {
    let columns = b.parts.iter().map(|p| p.cells.len()).max().unwrap_or(0);
    if columns == 0 {
        return None;
    }
    let side = |p: &Part| -> Vec<Md> {
        (0..columns)
            .map(|i| {
                Md::raw(
                    p.cells
                        .get(i)
                        .map(|c| words::side(c, false))
                        .unwrap_or_default(),
                )
            })
            .collect()
    };
    let headers: Vec<Md> = b
        .parts
        .iter()
        .find(|p| p.role == Role::Header)
        .map_or_else(|| vec![Md::raw(""); columns], side);
    let rows: Vec<Vec<Md>> = b
        .parts
        .iter()
        .filter(|p| p.role != Role::Header)
        .map(side)
        .collect();
    Some((columns, word::column_widths(&headers, &rows)))
}

/// Plain text as a run.
fn plain(text: &str) -> ParagraphChild {
    ParagraphChild::Run(Box::new(Run::new().add_text(text)))
}

/// A span of the change summary as a run: deleted words struck through, inserted ones underlined, as in
/// the HTML summary. These are not tracked changes: accepting the changes leaves the summary as it is.
fn shown(span: &Span) -> ParagraphChild {
    let run = Run::new().add_text(span.text.as_str());
    let run = match span.mark {
        Mark::Equal => run,
        Mark::Deleted => run.strike().color("8A1C1C"),
        Mark::Inserted => run.underline("single").color("14532D"),
    };
    ParagraphChild::Run(Box::new(run))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::layout::Facts;
    use crate::diff::terms::{ChangeKind, Direction};

    fn threshold() -> Change {
        Change {
            section: "Conflicts of interest",
            label: "Conflicts of interest › threshold (USD)".to_owned(),
            path: "conflicts.threshold_usd".to_owned(),
            kind: ChangeKind::Changed {
                old: 5000.into(),
                new: 2500.into(),
            },
            anchor: Some("coi-disclosure".to_owned()),
            clause: Some("8.2".to_owned()),
            class: Some(Class {
                direction: Direction::Tightened,
                for_whom: Some("those who disclose".to_owned()),
            }),
            old_clause: None,
        }
    }

    fn redline(blocks: Vec<Block>) -> Redline {
        Redline {
            old: Facts::default(),
            new: Facts::default(),
            aligned: true,
            blocks,
        }
    }

    fn header() -> Header {
        Header::new("v1.toml", "v2.toml", &redline(Vec::new()))
    }

    #[test]
    fn a_term_change_is_split_into_term_change_and_classification_and_commented_whole() {
        let header = header();
        let summary = Summary::new(&header, Some(&[threshold()]), &redline(Vec::new()));
        let row = &summary.rows[0];
        assert_eq!(row.term, "Conflicts of interest › threshold (USD)");
        assert_eq!(row.change, [Span::equal("5000 → 2500")]);
        assert_eq!(row.class, "tightened for those who disclose");
        assert_eq!(row.clause.as_deref(), Some("8.2"));
        assert_eq!(
            summary.notes,
            [Note {
                anchor: Some("coi-disclosure".to_owned()),
                text: "Conflicts of interest › threshold (USD): 5000 → 2500, tightened for those who disclose".to_owned(),
            }]
        );
    }

    #[test]
    fn a_moved_block_gets_a_comment_saying_where_it_was() {
        let moved = Block {
            kind: Kind::Clause,
            anchor: Some("flow-x".to_owned()),
            old_number: Some("5.2".to_owned()),
            new_number: Some("5.1".to_owned()),
            status: Status::Moved {
                from: Some("5.2".to_owned()),
                to: Some("5.1".to_owned()),
            },
            parts: Vec::new(),
        };
        let header = header();
        let summary = Summary::new(&header, Some(&[]), &redline(vec![moved]));
        assert_eq!(summary.notes.len(), 1);
        assert_eq!(summary.notes[0].text, "Moved: §5.2 → §5.1");
        assert_eq!(summary.notes[0].anchor.as_deref(), Some("flow-x"));
    }

    #[test]
    fn a_removed_clause_is_deleted_whole_paragraph_mark_included() {
        let deleted = Block {
            kind: Kind::Clause,
            anchor: Some("partner-x".to_owned()),
            old_number: Some("2.3".to_owned()),
            new_number: None,
            status: Status::Deleted,
            parts: vec![
                Part {
                    role: Role::Heading,
                    status: PartStatus::Deleted,
                    cells: vec![words::whole("Pine Valley", Mark::Deleted)],
                },
                Part {
                    role: Role::Item,
                    status: PartStatus::Deleted,
                    cells: vec![words::whole("Contributes: data", Mark::Deleted)],
                },
            ],
        };
        let header = header();
        let redline = redline(vec![deleted]);
        let summary = Summary::new(&header, None, &redline);
        let revision = Revision {
            author: "charter".to_owned(),
            date: "2026-03-01T00:00:00Z".to_owned(),
        };
        let docx = write(&summary, &redline, &revision).expect("a redline");
        let document = crate::render::docx::package::part(&docx, "word/document.xml")
            .map(|b| String::from_utf8(b).expect("UTF-8"))
            .expect("a document");
        let bookmark = document.find("w:name=\"partner-x\"").expect("the clause");
        let body = &document[document[..bookmark].rfind("<w:p ").expect("its paragraph")..];
        assert_eq!(body.matches("<w:rPr><w:del ").count(), 2, "{body}");
        assert!(body.contains(">2.3</w:delText>"), "{body}");
        assert!(body.contains(">Contributes: data</w:delText>"), "{body}");
        assert!(!body.contains("<w:t xml:space=\"preserve\">2.3"), "{body}");
    }
}
