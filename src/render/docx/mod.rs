//! The charter as a Word document, written natively with `docx-rs` from the laid-out [`Document`]: the
//! same numbers, anchors and text as the Markdown and HTML, none of it derived again.
//!
//! - Sections are `Heading 1` and checklist owners' and signatories' blocks `Heading 2`, so Word's
//!   navigation pane and table of contents work; clause numbers are text ("4.2"), exactly as elsewhere.
//! - Every section, clause, checklist owner and signature block has a bookmark named after its anchor,
//!   and every cross-reference (`§4.2`) is an internal hyperlink to one.
//! - Tables have a column grid and a header row repeated on each page; the checklist is one table
//!   (owner, action, when, evidence, clause); each partner has an execution block.
//! - The footer gives the charter id, the SHA-256 of the input and "Page N of M"; the document
//!   properties give the title, version, charter id and fingerprint.
//! - The same input gives the same bytes: ids are counted per document in document order, dates come
//!   from the input and the zip archive has fixed timestamps (see [`package`]).

pub mod inline;
pub mod package;
pub mod styles;

use docx_rs::{
    AbstractNumbering, AlignmentType, DeleteChild, DocumentChild, Docx, FieldCharType, Footer,
    Header, IndentLevel, InsertChild, InstrNUMPAGES, InstrPAGE, InstrText, Level, LevelJc,
    LevelText, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, ParagraphChild, Run,
    Shading, ShdType, SpecialIndentType, Start, Tab, TabLeaderType, TabValueType, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use super::checklist::Group;
use super::document::{ApprovalRecord, Block, Clause, Document, Section, Signature};
use super::markdown::Md;
use crate::error::Error;
use inline::{Inline, Kind, Span};
use package::Properties;
pub use styles::HouseStyle;

/// The width of the text on a US Letter page with one-inch margins, in twentieths of a point.
pub const TEXT_WIDTH: usize = 9360;

/// The numbering definition of bulleted lists (the crate's defaults take id 1).
pub const BULLETS: usize = 2;

/// Sections that start on a new page: what follows the terms.
const NEW_PAGE: &[&str] = &["checklist", "signatures", "annex-exceptions"];

// Paragraphs and tables go straight into the document's children: the crate's builder moves the whole
// package by value for each, which made that copying the largest cost of a render.

/// Appends a paragraph to the document's body.
pub fn push_paragraph(docx: &mut Docx, p: Paragraph) {
    if p.has_numbering {
        // As the crate's `add_paragraph` does: numbering.xml is listed only when a list uses it.
        docx.document_rels.has_numberings = true;
    }
    docx.document
        .children
        .push(DocumentChild::Paragraph(Box::new(p)));
}

/// Appends a table to the document's body.
pub fn push_table(docx: &mut Docx, t: Table) {
    docx.document
        .children
        .push(DocumentChild::Table(Box::new(t)));
}

/// Writes a laid-out charter as a DOCX file, with the built-in styles or a reference document's.
///
/// # Errors
/// Only when the package cannot be assembled, which would be a bug.
pub fn write(doc: &Document, house: &HouseStyle) -> Result<Vec<u8>, Error> {
    let mut w = Writer::new(doc);
    w.title();
    for section in &doc.sections {
        w.section(section);
    }
    w.closing();
    let footer = w.footer();
    let header = w.banner();
    let mut docx = w.docx;
    if let Some(header) = header {
        docx = docx.header(header);
    }
    package(docx, footer, &properties(doc), house)
}

/// Packs a document's content with what every DOCX of this program has: the built-in styles (or a
/// reference document's), the bulleted-list numbering, the footer, and a US Letter page with one-inch
/// margins.
///
/// # Errors
/// Only when the package cannot be assembled, which would be a bug.
pub fn package(
    docx: Docx,
    footer: Footer,
    properties: &Properties,
    house: &HouseStyle,
) -> Result<Vec<u8>, Error> {
    let docx = docx
        .styles(styles::builtin())
        .add_abstract_numbering(bullets())
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .footer(footer)
        .page_size(12240, 15840)
        .page_margin(PageMargin {
            top: 1440,
            left: 1440,
            bottom: 1440,
            right: 1440,
            header: 720,
            footer: 720,
            gutter: 0,
        });
    package::pack(docx.build(), properties, house.styles_xml())
        .map_err(|message| Error::Docx { message })
}

/// The document properties: title, subject and dates from the document, the charter id, version and
/// fingerprint as custom properties.
fn properties(doc: &Document) -> Properties {
    let detail = |label: &str| {
        doc.details
            .iter()
            .find(|d| d.label == label)
            .map(|d| inline::plain(&doc.resolve(d.value.as_str())))
            .unwrap_or_default()
    };
    let version = detail("Version");
    Properties {
        title: inline::plain(&doc.resolve(doc.title.as_str())),
        subject: match doc.kind {
            crate::model::DocumentKind::Charter => format!("Governance charter, version {version}"),
            kind => format!("{}, version {version}", kind.label()),
        },
        creator: doc.generator.clone(),
        date: format!("{}T00:00:00Z", doc.effective_date),
        custom: vec![
            ("Charter", detail("Charter")),
            ("Version", version),
            ("Fingerprint", format!("SHA-256 {}", doc.fingerprint)),
            ("Generator", doc.generator.clone()),
        ],
    }
}

/// The bulleted-list numbering: a bullet per level, indented a quarter inch a level.
fn bullets() -> AbstractNumbering {
    ["\u{2022}", "\u{25E6}", "\u{25AA}"]
        .iter()
        .enumerate()
        .fold(
            AbstractNumbering::new(BULLETS),
            |numbering, (level, bullet)| {
                let left = i32::try_from(360 * (level + 1)).unwrap_or(1080);
                numbering.add_level(
                    Level::new(
                        level,
                        Start::new(1),
                        NumberFormat::new("bullet"),
                        LevelText::new(*bullet),
                        LevelJc::new("left"),
                    )
                    .indent(
                        Some(left),
                        Some(SpecialIndentType::Hanging(360)),
                        None,
                        None,
                    ),
                )
            },
        )
}

/// Writes one document: the crate's builder, and the counters of the ids the document needs.
struct Writer<'d> {
    doc: &'d Document,
    docx: Docx,
    inline: Inline,
    /// Paragraph ids (`w14:paraId`), counted here rather than by the crate's per-thread counter.
    paragraphs: u32,
}

impl<'d> Writer<'d> {
    fn new(doc: &'d Document) -> Self {
        Writer {
            doc,
            docx: Docx::new(),
            inline: Inline::new(),
            paragraphs: 0,
        }
    }

    /// A new, empty paragraph with the next id.
    fn para(&mut self) -> Paragraph {
        self.paragraphs += 1;
        Paragraph::new().id(format!("{:08X}", self.paragraphs))
    }

    /// A new paragraph that starts with a bookmark named `anchor`.
    fn anchored(&mut self, anchor: &str) -> Paragraph {
        let id = self.inline.next_bookmark();
        self.para()
            .add_bookmark_start(id, anchor)
            .add_bookmark_end(id)
    }

    /// The runs of one Markdown value of the document, its cross-references resolved.
    fn runs(&mut self, value: &Md) -> Vec<ParagraphChild> {
        let markdown = self.doc.resolve(value.as_str());
        self.inline.runs(&[Span::equal(&markdown)])
    }

    fn add(&mut self, p: Paragraph) {
        push_paragraph(&mut self.docx, p);
    }

    fn add_table(&mut self, t: Table) {
        push_table(&mut self.docx, t);
    }

    /// The title and the details under it (charter id, version, effective date, governing law).
    fn title(&mut self) {
        let title = self.runs(&self.doc.title);
        let p = with(self.para().style("Title"), title);
        self.add(p);
        for detail in &self.doc.details {
            let value = self.runs(&detail.value);
            let label = Run::new().add_text(format!("{}: ", detail.label)).bold();
            let p = with(self.para().add_run(label), value).line_spacing(tight());
            self.add(p);
        }
    }

    /// A numbered section: its heading and its blocks, the checklist's groups as one table.
    fn section(&mut self, section: &Section) {
        let heading = self
            .anchored(section.anchor)
            .style("Heading1")
            .keep_next(true)
            .page_break_before(NEW_PAGE.contains(&section.anchor))
            .add_run(Run::new().add_text(format!("{}. {}", section.number, section.title)));
        self.add(heading);
        let groups: Vec<&Group> = section
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Checklist(group) => Some(group),
                _ => None,
            })
            .collect();
        if !groups.is_empty() {
            let table = self.checklist(&groups);
            self.add_table(table);
        }
        for block in &section.blocks {
            match block {
                Block::Clause(clause) => self.clause(clause),
                Block::Table(table) => {
                    let headers: Vec<Md> = table.headers.iter().map(|h| Md::raw(*h)).collect();
                    let t = self.table(&headers, &table.rows);
                    self.add_table(t);
                }
                Block::Checklist(_) => {}
                Block::Signature(signature) => self.signature(signature),
                Block::Approvals(record) => self.approvals(record),
            }
        }
    }

    /// A clause: its bookmark, its number and heading in bold, its text, then its list and paragraphs.
    fn clause(&mut self, clause: &Clause) {
        let mut lead = clause.number.clone();
        if !clause.heading.is_empty() {
            lead.push(' ');
        }
        let mut p = self
            .anchored(&clause.anchor)
            .line_spacing(docx_rs::LineSpacing::new().before(120))
            .add_run(Run::new().add_text(lead).bold());
        if !clause.heading.is_empty() {
            let heading = self.runs(&clause.heading);
            p = with(p, bold(heading)).add_run(Run::new().add_text(".").bold());
        }
        // The text may be the organiser's prose of several paragraphs: the first continues the clause's
        // own paragraph, as in the Markdown, and the others follow it.
        let mut blocks = self.blocks(&clause.text).into_iter().peekable();
        if let Some(first) = blocks.next_if(|b| b.kind == Kind::Plain) {
            p = with(p.add_run(Run::new().add_text(" ")), first.children);
        }
        self.add(p);
        self.add_blocks(blocks.collect());
        for item in &clause.items {
            let runs = self.runs(item);
            let p = with(self.bullet(0), runs);
            self.add(p);
        }
        for paragraph in &clause.paragraphs {
            let blocks = self.blocks(paragraph);
            self.add_blocks(blocks);
        }
    }

    /// The paragraphs of a Markdown value that may hold several (the organiser's prose).
    fn blocks(&mut self, value: &Md) -> Vec<inline::Block> {
        let markdown = self.doc.resolve(value.as_str());
        self.inline.blocks(&markdown)
    }

    /// Adds paragraphs made from block Markdown: plain, bulleted, numbered (the number as text) or quoted.
    fn add_blocks(&mut self, blocks: Vec<inline::Block>) {
        for block in blocks {
            let p = match block.kind {
                Kind::Plain => self.para(),
                Kind::Bullet(depth) => self.bullet(depth),
                Kind::Numbered(depth, n) => self
                    .para()
                    .indent(
                        Some(indent(depth)),
                        Some(SpecialIndentType::Hanging(360)),
                        None,
                        None,
                    )
                    .line_spacing(tight())
                    .add_run(Run::new().add_text(format!("{n}.")).add_tab()),
                Kind::Quote => self.para().indent(Some(720), None, Some(720), None),
            };
            let p = with(p, block.children);
            self.add(p);
        }
    }

    /// A paragraph of a bulleted list.
    fn bullet(&mut self, depth: usize) -> Paragraph {
        self.para()
            .numbering(NumberingId::new(BULLETS), IndentLevel::new(depth.min(2)))
            .line_spacing(tight())
    }

    /// A table with a header row, its columns sized by their content.
    fn table(&mut self, headers: &[Md], rows: &[Vec<Md>]) -> Table {
        let widths = column_widths(headers, rows);
        let mut table_rows = Vec::with_capacity(rows.len() + 1);
        let header_cells = headers
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                let runs = bold(self.runs(h));
                header_cell(
                    with(self.para().keep_next(true), runs).line_spacing(tight()),
                    *w,
                )
            })
            .collect();
        table_rows.push(TableRow::new(header_cells).cant_split());
        for row in rows {
            let cells = row
                .iter()
                .zip(&widths)
                .map(|(value, w)| {
                    let runs = self.runs(value);
                    cell(with(self.para(), runs).line_spacing(tight()), *w)
                })
                .collect();
            table_rows.push(TableRow::new(cells).cant_split());
        }
        grid(table_rows, widths)
    }

    /// The whole checklist as one table: owner, action (with a box to tick), when, evidence and the
    /// clause it comes from. Each owner's first row holds the bookmark of the owner's group.
    fn checklist(&mut self, groups: &[&Group]) -> Table {
        // Twentieths of a point, summing to the text width; "Clause" in bold fits on one line.
        const WIDTHS: [usize; 5] = [1500, 3000, 1850, 1860, 1150];
        let headers = ["Owner", "Action", "When", "Evidence", "Clause"];
        let header_cells = headers
            .iter()
            .zip(WIDTHS)
            .map(|(h, w)| {
                let p = self.para().keep_next(true).line_spacing(tight());
                header_cell(p.add_run(Run::new().add_text(*h).bold()), w)
            })
            .collect();
        let mut rows = vec![TableRow::new(header_cells).cant_split()];
        for group in groups {
            for (i, item) in group.items.iter().enumerate() {
                let owner = if i == 0 {
                    self.anchored(&group.anchor)
                } else {
                    self.para()
                };
                let clause = Md::raw(format!(
                    "[§{}](#{})",
                    item.clause.number, item.clause.anchor
                ));
                let values = [
                    &group.owner,
                    &item.action,
                    &item.when,
                    &item.evidence,
                    &clause,
                ];
                let mut cells = Vec::with_capacity(5);
                for (column, (value, w)) in values.iter().zip(WIDTHS).enumerate() {
                    let mut p = if column == 0 {
                        owner.clone()
                    } else {
                        self.para()
                    };
                    if column == 1 {
                        p = p.add_run(Run::new().add_text("\u{2610} "));
                    }
                    let runs = self.runs(value);
                    cells.push(cell(with(p, runs).line_spacing(tight()), w));
                }
                rows.push(TableRow::new(cells).cant_split());
            }
        }
        grid(rows, WIDTHS.to_vec())
    }

    /// An execution block: "For" the partner as a heading, the status's note, then a table of the
    /// partner, the line to sign on, the signatory's printed name and title, and the line to date.
    fn signature(&mut self, s: &Signature) {
        let partner = self.runs(&s.partner);
        let heading = self
            .anchored(&s.anchor)
            .style("Heading2")
            .keep_next(true)
            .add_run(Run::new().add_text("For "));
        let heading = with(heading, partner.clone());
        self.add(heading);
        if let Some(note) = s.note {
            let p = self
                .para()
                .keep_next(true)
                .add_run(Run::new().add_text(format!("{note}.")).bold());
            self.add(p);
        }
        const WIDTHS: [usize; 2] = [2160, 7200];
        let head = Run::new().add_text("Signed for").bold();
        let header = vec![
            header_cell(self.para().keep_next(true).add_run(head), WIDTHS[0]),
            header_cell(with(self.para().keep_next(true), bold(partner)), WIDTHS[1]),
        ];
        let mut rows = vec![TableRow::new(header).cant_split()];
        let name = self.runs(&s.name);
        let title = self.runs(&s.title);
        for (label, value, line) in [
            ("Signature", Vec::new(), true),
            ("Printed name", name, false),
            ("Title", title, false),
            ("Date", Vec::new(), true),
        ] {
            rows.push(self.signature_row(label, value, line, WIDTHS));
        }
        self.add_table(grid(rows, WIDTHS.to_vec()));
    }

    /// The approval record: a heading, what it shows, and its table.
    fn approvals(&mut self, record: &ApprovalRecord) {
        let heading = self
            .anchored(record.anchor)
            .style("Heading2")
            .keep_next(true)
            .add_run(Run::new().add_text("Approval record"));
        self.add(heading);
        let intro = self.runs(&record.intro);
        let p = with(self.para().keep_next(true), intro);
        self.add(p);
        let headers: Vec<Md> = record.table.headers.iter().map(|h| Md::raw(*h)).collect();
        let t = self.table(&headers, &record.table.rows);
        self.add_table(t);
    }

    /// One row of an execution block: its label, and a value or (when `line`) room to write by hand.
    fn signature_row(
        &mut self,
        label: &str,
        value: Vec<ParagraphChild>,
        line: bool,
        widths: [usize; 2],
    ) -> TableRow {
        // Rows to write in are taller, with the line drawn by a tab to the cell's end with an
        // underscore leader; every row keeps with the next, so that the block stays on one page.
        let spacing = if line {
            docx_rs::LineSpacing::new().before(360).after(60)
        } else {
            tight()
        };
        let label = self
            .para()
            .keep_next(true)
            .line_spacing(spacing.clone())
            .add_run(Run::new().add_text(label));
        let mut p = self.para().keep_next(true).line_spacing(spacing);
        if line {
            p = p
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Left)
                        .leader(TabLeaderType::Underscore)
                        .pos(widths[1] - 240),
                )
                .add_run(Run::new().add_tab());
        }
        let p = with(p, value);
        TableRow::new(vec![cell(label, widths[0]), cell(p, widths[1])]).cant_split()
    }

    /// The page header of a draft or superseded charter: its banner ("DRAFT") on every page.
    fn banner(&mut self) -> Option<Header> {
        let banner = self.doc.banner?;
        let p = self
            .para()
            .align(AlignmentType::Center)
            .line_spacing(docx_rs::LineSpacing::new().after(0))
            .add_run(Run::new().add_text(banner).bold().size(22).color("AA0000"));
        Some(Header::new().add_paragraph(p))
    }

    /// The closing line, as in the Markdown and HTML: the program and the input's fingerprint.
    fn closing(&mut self) {
        let p = self
            .para()
            .line_spacing(docx_rs::LineSpacing::new().before(480))
            .add_run(
                Run::new()
                    .add_text(format!(
                        "Generated by {} from an input with SHA-256 {}.",
                        self.doc.generator, self.doc.fingerprint
                    ))
                    .size(17),
            );
        self.add(p);
    }

    /// The footer of every page: charter id and fingerprint on the left, "Page N of M" on the right.
    fn footer(&mut self) -> Footer {
        let id = self
            .doc
            .details
            .iter()
            .find(|d| d.label == "Charter")
            .map(|d| inline::plain(&self.doc.resolve(d.value.as_str())))
            .unwrap_or_default();
        let small = || Run::new().size(14).color("555555");
        let p = self
            .para()
            .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
            .line_spacing(docx_rs::LineSpacing::new().after(0))
            .add_run(
                small()
                    .add_text(format!("{id} \u{b7} SHA-256 {}", self.doc.fingerprint))
                    .add_tab()
                    .add_text("Page "),
            );
        let p = field(p, small, InstrText::PAGE(InstrPAGE {})).add_run(small().add_text(" of "));
        Footer::new().add_paragraph(field(p, small, InstrText::NUMPAGES(InstrNUMPAGES {})))
    }
}

/// A field (the page number, the number of pages) in the footer's small type, which the crate's
/// ready-made page-number runs cannot be given.
pub fn field(p: Paragraph, run: impl Fn() -> Run, instruction: InstrText) -> Paragraph {
    p.add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(instruction))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("1"))
        .add_run(run().add_field_char(FieldCharType::End, false))
}

/// The paragraph with `children` appended.
pub fn with(mut p: Paragraph, children: Vec<ParagraphChild>) -> Paragraph {
    p.children.extend(children);
    p
}

/// The runs made bold (a heading's text), tracked insertions and deletions included.
#[must_use]
pub fn bold(children: Vec<ParagraphChild>) -> Vec<ParagraphChild> {
    children
        .into_iter()
        .map(|child| match child {
            ParagraphChild::Run(run) => ParagraphChild::Run(Box::new(run.bold())),
            ParagraphChild::Insert(mut insert) => {
                for child in &mut insert.children {
                    if let InsertChild::Run(run) = child {
                        **run = std::mem::take(&mut **run).bold();
                    }
                }
                ParagraphChild::Insert(insert)
            }
            ParagraphChild::Delete(mut delete) => {
                for child in &mut delete.children {
                    if let DeleteChild::Run(run) = child {
                        **run = std::mem::take(&mut **run).bold();
                    }
                }
                ParagraphChild::Delete(delete)
            }
            other => other,
        })
        .collect()
}

/// Line spacing for lists and table cells: no space after each paragraph.
pub fn tight() -> docx_rs::LineSpacing {
    docx_rs::LineSpacing::new().before(0).after(40)
}

fn indent(depth: usize) -> i32 {
    i32::try_from(360 * (depth.min(2) + 1)).unwrap_or(1080)
}

/// A table cell of one paragraph and a fixed width.
pub fn cell(p: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
}

/// A cell of a table's header row, shaded.
pub fn header_cell(p: Paragraph, width: usize) -> TableCell {
    cell(p, width).shading(
        Shading::new()
            .shd_type(ShdType::Clear)
            .color("auto")
            .fill("E7ECF4"),
    )
}

/// A table across the text width with its column grid, which other readers than Word need.
pub fn grid(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// Column widths that add up to the text width: each column is at least as wide as its longest word
/// (so no word is broken), and the rest of the width goes in proportion to how much text each column
/// holds, so that the rows are as short as they can be.
pub fn column_widths(headers: &[Md], rows: &[Vec<Md>]) -> Vec<usize> {
    // About the width of a character of body text, and the cell's margins, in twentieths of a point.
    const CHAR: usize = 110;
    // Header cells are bold, and bold letters are wider.
    const BOLD_CHAR: usize = 135;
    const MARGINS: usize = 230;
    let (minima, weights): (Vec<usize>, Vec<usize>) = (0..headers.len())
        .map(|c| {
            let texts: Vec<String> = std::iter::once(&headers[c])
                .chain(rows.iter().filter_map(|r| r.get(c)))
                .map(|m| inline::plain(m.as_str()))
                .collect();
            let word = texts
                .iter()
                .flat_map(|t| t.split_whitespace())
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            let heading = inline::plain(headers[c].as_str())
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            let total: usize = texts.iter().map(|t| t.chars().count().min(200)).sum();
            let least = ((word.min(20) + 1) * CHAR).max((heading.min(20) + 1) * BOLD_CHAR);
            (least + MARGINS, total.max(1))
        })
        .unzip();
    let floor: usize = minima.iter().sum();
    let mut widths: Vec<usize> = if floor >= TEXT_WIDTH {
        minima.iter().map(|m| TEXT_WIDTH * m / floor).collect()
    } else {
        let spare = TEXT_WIDTH - floor;
        let total = weights.iter().sum::<usize>().max(1);
        minima
            .iter()
            .zip(&weights)
            .map(|(m, w)| m + spare * w / total)
            .collect()
    };
    // The last column takes what rounding left over, so the grid spans the text width exactly.
    let used: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += TEXT_WIDTH.saturating_sub(used);
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bold_heading_fits_its_column() {
        let headers = [Md::raw("Action"), Md::raw("Clause")];
        let rows = vec![vec![Md::raw("word ".repeat(400)), Md::raw("§1")]];
        let widths = column_widths(&headers, &rows);
        assert!(widths[1] >= 7 * 135 + 230, "{widths:?}");
    }

    #[test]
    fn column_widths_fill_the_text_width() {
        let headers = [Md::raw("Partner"), Md::raw("Role")];
        let rows = vec![vec![
            Md::raw("A very long partner name indeed, longer than most"),
            Md::raw("x"),
        ]];
        let widths = column_widths(&headers, &rows);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(widths[0] > widths[1] * 3, "{widths:?}");
    }
}
