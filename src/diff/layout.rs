//! One side of a redline as a flat sequence of blocks: the laid-out [`Document`] of a charter, a Markdown
//! document that charter rendered (read back by its anchors), or, for any other text, its paragraphs.
//!
//! Every block carries the key it is matched by (its anchor, from ids, when it has one) and its parts
//! (heading, text, list items, table rows, checklist tasks), each part a list of cells of inline Markdown
//! with every cross-reference already resolved. [`super::align`] compares two of these.

use serde::Serialize;

use crate::render::document::{Block as DocBlock, Document};

/// What a block of the document is; the writers lay each kind out as the document does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The title and the lines under it (version, effective date ...).
    Title,
    /// A numbered section heading.
    Section,
    /// A numbered clause: heading, text, items, paragraphs.
    Clause,
    /// A table: a header row and rows.
    Table,
    /// The accountability checklist of one owner.
    Checklist,
    /// A signature block.
    Signature,
    /// A paragraph of a text that charter did not render.
    Text,
}

/// What a part of a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A heading: the title, a section's or a clause's heading, a checklist owner, "For" a signatory.
    Heading,
    /// A line under the title ("Version: 1.0").
    Detail,
    /// A clause's text, after its heading.
    Text,
    /// A bulleted list item.
    Item,
    /// A further paragraph.
    Paragraph,
    /// A table's header row.
    Header,
    /// A table row.
    Row,
    /// A checklist task.
    Task,
}

/// A part of a block: one cell, or one per column for table rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// What the part is.
    pub role: Role,
    /// Its cells of inline Markdown.
    pub cells: Vec<String>,
    /// What identifies it among its block's parts in every version, when something does (a checklist
    /// task's key, from the ids of the terms it comes from).
    pub key: Option<String>,
}

impl Piece {
    /// A part of one cell, with no key.
    #[must_use]
    pub fn one(role: Role, text: impl Into<String>) -> Self {
        Piece {
            role,
            cells: vec![text.into()],
            key: None,
        }
    }
}

/// A block of one side, before comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// What the block is.
    pub kind: Kind,
    /// What it is matched by: its anchor, or a key made from its place for blocks without one.
    pub key: String,
    /// Its anchor in the document, from ids.
    pub anchor: Option<String>,
    /// Its number ("3.2", or "3" for a section).
    pub number: Option<String>,
    /// Its parts, in order.
    pub parts: Vec<Piece>,
}

/// Facts about one side for the redline's header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facts {
    /// The charter id, when known.
    pub id: Option<String>,
    /// The title, as plain text.
    pub title: Option<String>,
    /// The version.
    pub version: Option<String>,
    /// The effective date.
    pub effective_date: Option<String>,
    /// The SHA-256 of the input the document was rendered from.
    pub fingerprint: Option<String>,
}

/// One side laid out for comparison.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The blocks, in document order.
    pub units: Vec<Unit>,
    /// The header facts.
    pub facts: Facts,
    /// Whether the blocks carry the clause anchors of a charter (false for other text).
    pub anchored: bool,
}

/// The blocks of a laid-out document, in the order the Markdown template writes them.
#[must_use]
pub fn of_document(doc: &Document) -> Layout {
    let r = |md: &crate::render::markdown::Md| doc.resolve(md.as_str());
    let mut units = vec![Unit {
        kind: Kind::Title,
        key: "title".to_owned(),
        anchor: None,
        number: None,
        parts: std::iter::once(Piece::one(Role::Heading, r(&doc.title)))
            .chain(
                doc.details
                    .iter()
                    .map(|d| Piece::one(Role::Detail, format!("{}: {}", d.label, r(&d.value)))),
            )
            .collect(),
    }];
    for section in &doc.sections {
        units.push(Unit {
            kind: Kind::Section,
            key: section.anchor.to_owned(),
            anchor: Some(section.anchor.to_owned()),
            number: Some(section.number.to_string()),
            parts: vec![Piece::one(Role::Heading, section.title)],
        });
        let mut tables = 0;
        for block in &section.blocks {
            units.push(doc_block(doc, section.anchor, &mut tables, block));
        }
    }
    let detail = |label: &str| {
        doc.details
            .iter()
            .find(|d| d.label == label)
            .map(|d| doc.plain(&d.value.plain()))
    };
    Layout {
        units,
        facts: Facts {
            id: detail("Charter"),
            title: Some(doc.title_text.clone()),
            version: detail("Version"),
            effective_date: detail("Effective date"),
            fingerprint: Some(doc.fingerprint.clone()),
        },
        anchored: true,
    }
}

fn doc_block(doc: &Document, section: &str, tables: &mut usize, block: &DocBlock) -> Unit {
    let r = |md: &crate::render::markdown::Md| doc.resolve(md.as_str());
    match block {
        DocBlock::Clause(c) => {
            let mut parts = vec![
                Piece::one(Role::Heading, r(&c.heading)),
                Piece::one(Role::Text, r(&c.text)),
            ];
            parts.extend(c.items.iter().map(|i| Piece::one(Role::Item, r(i))));
            parts.extend(
                c.paragraphs
                    .iter()
                    .map(|p| Piece::one(Role::Paragraph, r(p))),
            );
            anchored(Kind::Clause, &c.anchor, Some(c.number.clone()), parts)
        }
        DocBlock::Table(t) => {
            *tables += 1;
            table(doc, t, format!("{section}#table-{tables}"))
        }
        DocBlock::Checklist(g) => checklist(doc, g),
        DocBlock::Signature(s) => signature(doc, s),
        DocBlock::Approvals(a) => table(doc, &a.table, format!("{section}#{}", a.anchor)),
    }
}

/// An execution block as the template writes it: "For" the partner, the status's note, then the table
/// of the partner, the lines to sign and date, and the signatory's printed name and title.
fn signature(doc: &Document, s: &crate::render::document::Signature) -> Unit {
    let r = |md: &crate::render::markdown::Md| doc.resolve(md.as_str());
    let row = |role, label: &str, value: String| Piece {
        role,
        cells: vec![label.to_owned(), value],
        key: None,
    };
    let mut parts = vec![Piece::one(Role::Heading, format!("For {}", r(&s.partner)))];
    parts.extend(
        s.note
            .map(|note| Piece::one(Role::Paragraph, format!("**{note}.**"))),
    );
    parts.extend([
        row(Role::Header, "Signed for", r(&s.partner)),
        row(Role::Row, "Signature", SIGNATURE_LINE.to_owned()),
        row(Role::Row, "Printed name", r(&s.name)),
        row(Role::Row, "Title", r(&s.title)),
        row(Role::Row, "Date", DATE_LINE.to_owned()),
    ]);
    anchored(Kind::Signature, &s.anchor, None, parts)
}

/// A table, keyed by its place among the section's tables (tables have no anchor).
fn table(doc: &Document, t: &crate::render::document::Table, key: String) -> Unit {
    let mut parts = vec![Piece {
        role: Role::Header,
        cells: t.headers.iter().map(|h| (*h).to_owned()).collect(),
        key: None,
    }];
    parts.extend(t.rows.iter().map(|row| Piece {
        role: Role::Row,
        cells: row.iter().map(|c| doc.resolve(c.as_str())).collect(),
        key: None,
    }));
    Unit {
        kind: Kind::Table,
        key,
        anchor: None,
        number: None,
        parts,
    }
}

/// One owner's checklist, each task keyed by the terms it comes from.
fn checklist(doc: &Document, g: &crate::render::checklist::Group) -> Unit {
    let mut parts = vec![Piece::one(Role::Heading, doc.resolve(g.owner.as_str()))];
    parts.extend(g.items.iter().map(|i| Piece {
        key: Some(i.key.clone()),
        ..Piece::one(
            Role::Task,
            doc.resolve(&format!(
                "{}: {}. Evidence: {}. ([§{}](#{}))",
                i.action, i.when, i.evidence, i.clause.number, i.clause.anchor
            )),
        )
    }));
    anchored(Kind::Checklist, &g.anchor, None, parts)
}

/// The line to sign on in a signature block, as the template writes it.
pub const SIGNATURE_LINE: &str =
    "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_";
/// The line to date in a signature block.
pub const DATE_LINE: &str = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_";

fn anchored(kind: Kind, anchor: &str, number: Option<String>, parts: Vec<Piece>) -> Unit {
    Unit {
        kind,
        key: anchor.to_owned(),
        anchor: Some(anchor.to_owned()),
        number,
        parts,
    }
}

/// Whether a Markdown text says that charter rendered it (its closing line names the generator and the
/// input's fingerprint).
#[must_use]
pub fn rendered_by_charter(markdown: &str) -> bool {
    markdown
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.starts_with("Generated by charter ") && l.contains("SHA-256 `"))
}

/// Markdown that charter did not write, made as inert as the charter's own prose before it reaches a
/// redline: raw HTML shown as text, links only to the allow-list (others keep their text), images as
/// the text they are written as. Both versions get the same treatment, so nothing shows as changed
/// that was not.
fn inert(markdown: &str) -> String {
    let escaped = markdown.replace('<', "&lt;");
    crate::prose::apply(&escaped, &crate::prose::link_edits(&escaped))
}

/// A text that charter did not render: one block per paragraph, without anchors.
#[must_use]
pub fn of_text(text: &str) -> Layout {
    let text = inert(&text.replace("\r\n", "\n"));
    let units = text
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
        .map(|p| Unit {
            kind: Kind::Text,
            key: String::new(),
            anchor: None,
            number: None,
            parts: vec![Piece::one(Role::Paragraph, p)],
        })
        .collect();
    Layout {
        units,
        facts: Facts::default(),
        anchored: false,
    }
}
