//! The redline model: two laid-out documents compared block by block, matched by clause anchor, and only
//! then word by word inside a block. Every redline writer (Markdown, HTML, and any later one such as
//! DOCX) is a view of the same [`Redline`]; none of them compares text itself.
//!
//! - Blocks with an anchor (sections, clauses, checklist groups, signature blocks) are matched by it. A
//!   block only in the new version is [`Status::Inserted`] whole, one only in the old version
//!   [`Status::Deleted`] whole; a block whose place among the matched blocks changed is
//!   [`Status::Moved`]. A block that only got a new number keeps [`Status::Same`] and carries both
//!   numbers, so a writer can show the renumbering once ([`Redline::renumbered`]).
//! - Blocks without an anchor (tables, paragraphs of a text charter did not render) and the parts inside
//!   a block (list items, table rows, checklist tasks) are aligned by a patience diff over their content,
//!   never by position; a replaced run pairs parts that are alike and marks the rest inserted or deleted.
//! - Inside a pair of parts, cells are compared word by word ([`super::words`]).

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::layout::{Facts, Kind, Layout, Piece, Role, Unit};
use super::words::{self, Mark, Span};

/// What happened to a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    /// In both versions, at the same place among the matched blocks, with the same words.
    Same,
    /// In both versions, at the same place, with words changed.
    Changed,
    /// Only in the new version.
    Inserted,
    /// Only in the old version.
    Deleted,
    /// In both versions, at another place; its words may have changed too.
    Moved {
        /// Its number in the old version.
        from: Option<String>,
        /// Its number in the new version.
        to: Option<String>,
    },
}

/// What happened to a part of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartStatus {
    /// The same words.
    Same,
    /// Words changed.
    Changed,
    /// Only in the new version.
    Inserted,
    /// Only in the old version.
    Deleted,
    /// The same words at another place in the block (a table row moved with its item).
    Moved,
}

/// A part of a block, compared: its cells (one, or one per column of a table row), each a run of spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// What the part is.
    pub role: Role,
    /// What happened to it.
    pub status: PartStatus,
    /// Its cells, each as marked spans of inline Markdown.
    pub cells: Vec<Vec<Span>>,
}

/// A block of the redline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    /// What the block is.
    pub kind: Kind,
    /// Its anchor (the new version's, or the old one's for a deleted block).
    pub anchor: Option<String>,
    /// Its number in the old version.
    pub old_number: Option<String>,
    /// Its number in the new version.
    pub new_number: Option<String>,
    /// What happened to it.
    #[serde(flatten)]
    pub status: Status,
    /// Its parts, compared.
    pub parts: Vec<Part>,
}

impl Block {
    /// Whether anything in the block is marked: inserted, deleted, moved, or words changed.
    #[must_use]
    pub fn is_marked(&self) -> bool {
        self.status != Status::Same
    }

    /// The number to show: the new one, or the old one for a deleted block.
    #[must_use]
    pub fn number(&self) -> Option<&str> {
        self.new_number.as_deref().or(self.old_number.as_deref())
    }

    /// The text of the heading part as plain words (escapes removed), for summaries.
    #[must_use]
    pub fn heading(&self, old: bool) -> String {
        self.parts
            .iter()
            .find(|p| p.role == Role::Heading)
            .map(|p| {
                let cell = p.cells.first().map_or(&[][..], Vec::as_slice);
                crate::render::markdown::Md::raw(words::side(cell, old)).plain()
            })
            .unwrap_or_default()
    }
}

/// Two documents compared.
#[derive(Debug, Clone, Serialize)]
pub struct Redline {
    /// What is known of the old version.
    pub old: Facts,
    /// What is known of the new version.
    pub new: Facts,
    /// Whether blocks were matched by clause anchor (false when a side is a text charter did not render).
    pub aligned: bool,
    /// Every block of both versions, in the new version's order, deleted blocks where they stood.
    pub blocks: Vec<Block>,
}

/// A run of clauses renumbered by the same shift: `10.1–10.7 → 10.2–10.8`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Renumbering {
    /// The first and last old numbers.
    pub old: (String, String),
    /// The first and last new numbers.
    pub new: (String, String),
}

impl Redline {
    /// Whether any block is marked.
    #[must_use]
    pub fn is_different(&self) -> bool {
        self.blocks.iter().any(Block::is_marked)
    }

    /// Keeps only the marked blocks, each with the heading of the section it stands in, and returns how
    /// many blocks were left out: the redline of what changed, short enough for a pull-request comment.
    pub fn retain_changed(&mut self) -> usize {
        let mut keep = vec![false; self.blocks.len()];
        let mut section = None;
        for (i, b) in self.blocks.iter().enumerate() {
            if b.kind == Kind::Section {
                section = Some(i);
            }
            if b.is_marked() {
                keep[i] = true;
                if let Some(s) = section {
                    keep[s] = true;
                }
            }
        }
        let before = self.blocks.len();
        let mut kept = keep.iter();
        self.blocks
            .retain(|_| kept.next().copied().unwrap_or(false));
        before - self.blocks.len()
    }

    /// The anchor a summary may link to: any in a whole redline (`omitted` is 0), and in a changed-only
    /// one only those of the blocks it kept.
    #[must_use]
    pub fn link<'a>(&self, anchor: Option<&'a str>, omitted: usize) -> Option<&'a str> {
        anchor
            .filter(|a| omitted == 0 || self.blocks.iter().any(|b| b.anchor.as_deref() == Some(a)))
    }

    /// The blocks that kept their words and place but not their number, as compact runs.
    #[must_use]
    pub fn renumbered(&self) -> Vec<Renumbering> {
        let mut out: Vec<Renumbering> = Vec::new();
        let mut last_shift: Option<(String, i64)> = None;
        for b in &self.blocks {
            let (Some(o), Some(n)) = (&b.old_number, &b.new_number) else {
                continue;
            };
            if o == n || matches!(b.status, Status::Moved { .. }) {
                last_shift = None;
                continue;
            }
            let shift = shift_of(o, n);
            match (out.last_mut(), &last_shift, &shift) {
                (Some(run), Some(prev), Some(now)) if prev == now => {
                    run.old.1.clone_from(o);
                    run.new.1.clone_from(n);
                }
                _ => out.push(Renumbering {
                    old: (o.clone(), o.clone()),
                    new: (n.clone(), n.clone()),
                }),
            }
            last_shift = shift;
        }
        out
    }
}

/// The shift between two numbers of the same depth: the parent of the new number and the change of the
/// last component (`10.1` → `10.2`: `("10", 1)`).
fn shift_of(old: &str, new: &str) -> Option<(String, i64)> {
    let (op, ol) = old.rsplit_once('.').unwrap_or(("", old));
    let (np, nl) = new.rsplit_once('.').unwrap_or(("", new));
    let (ol, nl): (i64, i64) = (ol.parse().ok()?, nl.parse().ok()?);
    Some((format!("{op}>{np}"), nl - ol))
}

/// Compares two laid-out documents.
#[must_use]
pub fn compare(old: &Layout, new: &Layout) -> Redline {
    let aligned = old.anchored && new.anchored;
    let blocks = if aligned {
        by_anchor(&old.units, &new.units)
    } else {
        by_content(&old.units, &new.units)
    };
    Redline {
        old: old.facts.clone(),
        new: new.facts.clone(),
        aligned,
        blocks,
    }
}

/// Blocks matched by key: a patience diff over the keys keeps the matched blocks in order; a key found
/// on both sides outside the common order is a move, shown where the block now stands.
fn by_anchor(old: &[Unit], new: &[Unit]) -> Vec<Block> {
    let old_keys: Vec<&str> = old.iter().map(|u| u.key.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|u| u.key.as_str()).collect();
    let index = |keys: &[&str]| {
        let mut map: FxHashMap<String, usize> = FxHashMap::default();
        for (i, k) in keys.iter().enumerate() {
            map.entry((*k).to_owned()).or_insert(i);
        }
        map
    };
    let (old_at, new_at) = (index(&old_keys), index(&new_keys));
    let mut steps = Vec::with_capacity(new.len() + 8);
    for op in capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys) {
        let (old_range, new_range) = (op.old_range(), op.new_range());
        if let DiffOp::Equal { .. } = op {
            steps.extend(old_range.zip(new_range).map(|(o, n)| Step::Same(o, n)));
            continue;
        }
        for o in old_range {
            if !new_at.contains_key(&old[o].key) {
                steps.push(Step::Deleted(o));
            }
        }
        for n in new_range {
            steps.push(match old_at.get(&new[n].key) {
                Some(&o) => Step::Moved(o, n),
                None => Step::Inserted(n),
            });
        }
    }
    blocks(&steps, old, new)
}

/// The blocks of aligned steps, each pair compared on its own (on every core, in order).
fn blocks(steps: &[Step], old: &[Unit], new: &[Unit]) -> Vec<Block> {
    steps
        .par_iter()
        .map(|step| match *step {
            Step::Same(o, n) | Step::Paired(o, n) => pair(&old[o], &new[n], false),
            Step::Moved(o, n) => pair(&old[o], &new[n], true),
            Step::Deleted(o) => whole(&old[o], false),
            Step::Inserted(n) => whole(&new[n], true),
        })
        .collect()
}

/// Blocks without anchors, aligned by their content.
fn by_content(old: &[Unit], new: &[Unit]) -> Vec<Block> {
    let content = |u: &Unit| {
        u.parts
            .iter()
            .flat_map(|p| p.cells.iter())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    };
    let old_text: Vec<String> = old.iter().map(content).collect();
    let new_text: Vec<String> = new.iter().map(content).collect();
    let steps = sequence(&old_text, &new_text, |o, n| {
        alike(&old_text[o], &new_text[n])
    });
    blocks(&steps, old, new)
}

/// A block found on both sides.
fn pair(old: &Unit, new: &Unit, moved: bool) -> Block {
    let parts = parts(&old.parts, &new.parts);
    let changed = parts.iter().any(|p| p.status != PartStatus::Same);
    let status = if moved {
        Status::Moved {
            from: old.number.clone(),
            to: new.number.clone(),
        }
    } else if changed {
        Status::Changed
    } else {
        Status::Same
    };
    Block {
        kind: new.kind,
        anchor: new.anchor.clone(),
        old_number: old.number.clone(),
        new_number: new.number.clone(),
        status,
        parts,
    }
}

/// A block found on one side only, inserted (`new`) or deleted whole.
fn whole(unit: &Unit, new: bool) -> Block {
    let (mark, status, part_status) = if new {
        (Mark::Inserted, Status::Inserted, PartStatus::Inserted)
    } else {
        (Mark::Deleted, Status::Deleted, PartStatus::Deleted)
    };
    Block {
        kind: unit.kind,
        anchor: unit.anchor.clone(),
        old_number: if new { None } else { unit.number.clone() },
        new_number: if new { unit.number.clone() } else { None },
        status,
        parts: unit
            .parts
            .iter()
            .map(|p| one_side(p, mark, part_status))
            .collect(),
    }
}

fn one_side(piece: &Piece, mark: Mark, status: PartStatus) -> Part {
    Part {
        role: piece.role,
        status,
        cells: piece.cells.iter().map(|c| words::whole(c, mark)).collect(),
    }
}

/// The parts of two matched blocks, aligned by content. A heading, a clause's text and a table's header
/// row always pair with their counterpart; other parts pair when they are alike.
fn parts(old: &[Piece], new: &[Piece]) -> Vec<Part> {
    if old == new {
        return new.iter().map(same).collect();
    }
    let key = |p: &Piece| p.cells.join("\u{1f}");
    let old_text: Vec<String> = old.iter().map(key).collect();
    let new_text: Vec<String> = new.iter().map(key).collect();
    let can_pair = |o: usize, n: usize| {
        let (a, b) = (&old[o], &new[n]);
        if let (Some(x), Some(y)) = (&a.key, &b.key) {
            return x == y;
        }
        // Without keys (a document read back), a task pairs only with one from the same clause.
        if a.role == Role::Task && target(&old_text[o]) != target(&new_text[n]) {
            return false;
        }
        a.role == b.role
            && (matches!(
                a.role,
                Role::Heading | Role::Text | Role::Header | Role::Detail
            ) || (a.role == Role::Row && a.cells.first() == b.cells.first())
                || alike(&old_text[o], &new_text[n]))
    };
    sequence(&old_text, &new_text, can_pair)
        .into_iter()
        .map(|step| match step {
            Step::Same(_, n) => same(&new[n]),
            Step::Moved(_, n) => Part {
                status: PartStatus::Moved,
                ..same(&new[n])
            },
            Step::Paired(o, n) => changed(&old[o], &new[n]),
            Step::Deleted(o) => one_side(&old[o], Mark::Deleted, PartStatus::Deleted),
            Step::Inserted(n) => one_side(&new[n], Mark::Inserted, PartStatus::Inserted),
        })
        .collect()
}

fn same(piece: &Piece) -> Part {
    Part {
        role: piece.role,
        status: PartStatus::Same,
        cells: piece
            .cells
            .iter()
            .map(|c| vec![Span::equal(c.clone())])
            .collect(),
    }
}

fn changed(old: &Piece, new: &Piece) -> Part {
    let columns = old.cells.len().max(new.cells.len());
    let cells = (0..columns)
        .map(|i| match (old.cells.get(i), new.cells.get(i)) {
            (Some(o), Some(n)) => words::compare(o, n),
            (Some(o), None) => words::whole(o, Mark::Deleted),
            (None, Some(n)) => words::whole(n, Mark::Inserted),
            (None, None) => Vec::new(),
        })
        .collect::<Vec<_>>();
    let marked = cells.iter().flatten().any(|s| s.mark != Mark::Equal);
    Part {
        role: new.role,
        status: if marked {
            PartStatus::Changed
        } else {
            PartStatus::Same
        },
        cells,
    }
}

/// The clause a checklist task links to: the target of its last link (`([§5.1](#flow-x))`).
fn target(text: &str) -> Option<&str> {
    let start = text.rfind("](#")? + 3;
    let end = text[start..].find(')')? + start;
    Some(&text[start..end])
}

/// Whether two texts are alike enough to show one as an edit of the other: at least half their words in
/// common.
fn alike(old: &str, new: &str) -> bool {
    similar::TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(old, new)
        .ratio()
        >= 0.5
}

/// One step of a sequence alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Equal items.
    Same(usize, usize),
    /// Different items shown as an edit of one another.
    Paired(usize, usize),
    /// An old item with no counterpart.
    Deleted(usize),
    /// A new item with no counterpart.
    Inserted(usize),
    /// Equal items at different places: shown where the new one is.
    Moved(usize, usize),
}

/// Aligns two sequences: a patience diff finds the equal items; inside each replaced run, an old item
/// pairs with the first later new item it `can_pair` with, and the items left over are deleted or
/// inserted, in order.
fn sequence(old: &[String], new: &[String], can_pair: impl Fn(usize, usize) -> bool) -> Vec<Step> {
    let mut out = Vec::with_capacity(new.len());
    for op in capture_diff_slices(Algorithm::Patience, old, new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => out.extend((0..len).map(|i| Step::Same(old_index + i, new_index + i))),
            other => {
                let (olds, news) = (other.old_range(), other.new_range());
                let mut next_new = news.start;
                for o in olds {
                    let found = (next_new..news.end).find(|&n| can_pair(o, n));
                    match found {
                        Some(n) => {
                            out.extend((next_new..n).map(Step::Inserted));
                            out.push(Step::Paired(o, n));
                            next_new = n + 1;
                        }
                        None => out.push(Step::Deleted(o)),
                    }
                }
                out.extend((next_new..news.end).map(Step::Inserted));
            }
        }
    }
    moves(out, old, new)
}

/// An item deleted in one place and inserted with the same words in another is one move.
fn moves(steps: Vec<Step>, old: &[String], new: &[String]) -> Vec<Step> {
    let mut deleted: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for step in &steps {
        if let Step::Deleted(o) = step {
            deleted.entry(old[*o].as_str()).or_default().push(*o);
        }
    }
    if deleted.is_empty() {
        return steps;
    }
    let mut moved_old = rustc_hash::FxHashSet::default();
    let mut out: Vec<Step> = steps
        .iter()
        .map(|step| match step {
            Step::Inserted(n) => match deleted.get_mut(new[*n].as_str()).and_then(Vec::pop) {
                Some(o) => {
                    moved_old.insert(o);
                    Step::Moved(o, *n)
                }
                None => *step,
            },
            other => *other,
        })
        .collect();
    out.retain(|step| !matches!(step, Step::Deleted(o) if moved_old.contains(o)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(anchor: &str, number: &str, text: &str) -> Unit {
        Unit {
            kind: Kind::Clause,
            key: anchor.to_owned(),
            anchor: Some(anchor.to_owned()),
            number: Some(number.to_owned()),
            parts: vec![
                Piece::one(Role::Heading, anchor),
                Piece::one(Role::Text, text),
            ],
        }
    }

    fn layout(units: Vec<Unit>) -> Layout {
        Layout {
            units,
            facts: Facts::default(),
            anchored: true,
        }
    }

    #[test]
    fn an_inserted_clause_leaves_the_others_unmarked_but_renumbered() {
        let old = layout(vec![
            clause("a", "10.1", "Vitalis reports."),
            clause("b", "10.2", "Northstar audits."),
            clause("c", "10.3", "Riverbend trains."),
        ]);
        let new = layout(vec![
            clause("x", "10.1", "Harbor publishes."),
            clause("a", "10.2", "Vitalis reports."),
            clause("b", "10.3", "Northstar audits."),
            clause("c", "10.4", "Riverbend trains."),
        ]);
        let redline = compare(&old, &new);
        let statuses: Vec<&Status> = redline.blocks.iter().map(|b| &b.status).collect();
        assert_eq!(
            statuses,
            [
                &Status::Inserted,
                &Status::Same,
                &Status::Same,
                &Status::Same
            ]
        );
        assert_eq!(
            redline.renumbered(),
            [Renumbering {
                old: ("10.1".into(), "10.3".into()),
                new: ("10.2".into(), "10.4".into()),
            }]
        );
    }

    #[test]
    fn a_moved_clause_is_a_move_and_a_removed_one_a_deletion() {
        let old = layout(vec![
            clause("a", "5.1", "A."),
            clause("b", "5.2", "B."),
            clause("c", "5.3", "C."),
        ]);
        let new = layout(vec![clause("b", "5.1", "B."), clause("a", "5.2", "A.")]);
        let redline = compare(&old, &new);
        let summary: Vec<(Option<&str>, &Status)> = redline
            .blocks
            .iter()
            .map(|b| (b.anchor.as_deref(), &b.status))
            .collect();
        assert_eq!(summary.len(), 3);
        assert!(
            summary
                .iter()
                .any(|(a, s)| *a == Some("c") && **s == Status::Deleted)
        );
        assert!(
            summary
                .iter()
                .any(|(_, s)| matches!(s, Status::Moved { .. }))
        );
    }

    #[test]
    fn list_items_are_aligned_by_content_not_position() {
        let items = |list: &[&str]| {
            list.iter()
                .map(|i| Piece::one(Role::Item, *i))
                .collect::<Vec<_>>()
        };
        let parts = parts(
            &items(&["Contributes: money", "Receives: data"]),
            &items(&[
                "Contributes: staff time",
                "Contributes: money",
                "Receives: data",
            ]),
        );
        let statuses: Vec<PartStatus> = parts.iter().map(|p| p.status).collect();
        assert_eq!(
            statuses,
            [PartStatus::Inserted, PartStatus::Same, PartStatus::Same]
        );
    }
}
