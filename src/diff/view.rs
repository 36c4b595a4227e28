//! The blocks of a [`Redline`] written as Markdown laid out as the document is (the same shapes as the
//! built-in template), with the marks written by the caller's choice of markup: CriticMarkup for the
//! Markdown redline, private markers that become `<ins>`/`<del>` for the HTML one.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use super::align::{Block, Part, PartStatus, Redline, Status};
use super::layout::{Kind, Role};
use super::words::{Mark, Span};

/// How marks are written.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    /// Before and after deleted text.
    pub del: (&'a str, &'a str),
    /// Before and after inserted text.
    pub ins: (&'a str, &'a str),
    /// Before and after a note about the block (moved from another place).
    pub note: (&'a str, &'a str),
    /// Before and after the old number of a renumbered clause or reference ("was §10.1").
    pub renumbered: (&'a str, &'a str),
}

/// CriticMarkup: `{--deleted--}`, `{++inserted++}`, `{>>note<<}`.
pub const CRITIC: Marks<'static> = Marks {
    del: ("{--", "--}"),
    ins: ("{++", "++}"),
    note: ("{>>", "<<}"),
    renumbered: ("{>>", "<<}"),
};

/// Private-use markers that survive Markdown to HTML and are then replaced by tags.
pub const MARKERS: Marks<'static> = Marks {
    del: ("\u{E010}", "\u{E011}"),
    ins: ("\u{E012}", "\u{E013}"),
    note: ("\u{E014}", "\u{E015}"),
    renumbered: ("\u{E016}", "\u{E017}"),
};

/// The old number of every clause and section that got a new one, by anchor; empty when renumbering is
/// only listed once, in the change summary.
pub type Renumbered<'a> = FxHashMap<&'a str, &'a str>;

/// Every renumbered clause and section of a redline (moved ones too), by anchor, with its old number.
#[must_use]
pub fn renumbered(redline: &Redline) -> Renumbered<'_> {
    redline
        .blocks
        .iter()
        .filter_map(|b| match (&b.anchor, &b.old_number, &b.new_number) {
            (Some(a), Some(o), Some(n)) if o != n => Some((a.as_str(), o.as_str())),
            _ => None,
        })
        .collect()
}

/// The spans of one cell with their marks.
#[must_use]
pub fn cell(spans: &[Span], marks: &Marks<'_>) -> String {
    let mut out = String::new();
    for s in spans {
        let (open, close) = match s.mark {
            Mark::Equal => ("", ""),
            Mark::Deleted => marks.del,
            Mark::Inserted => marks.ins,
        };
        out.push_str(open);
        out.push_str(&s.text);
        out.push_str(close);
    }
    out
}

fn first(part: Option<&Part>, marks: &Marks<'_>) -> String {
    part.and_then(|p| p.cells.first())
        .map(|c| cell(c, marks))
        .unwrap_or_default()
}

/// The note on a moved block: "moved from §10.1".
fn moved_note(block: &Block, marks: &Marks<'_>) -> String {
    match &block.status {
        Status::Moved { from, .. } => {
            let from = from
                .as_deref()
                .map(|n| format!(" from §{n}"))
                .unwrap_or_default();
            format!(" {}moved{from}{}", marks.note.0, marks.note.1)
        }
        _ => String::new(),
    }
}

/// The note on a block that only got a new number, when renumbering is marked: "was §10.1". A moved
/// block says where it was already.
fn renumbered_note(block: &Block, marks: &Marks<'_>, renumbered: &Renumbered<'_>) -> String {
    if renumbered.is_empty() || matches!(block.status, Status::Moved { .. }) {
        return String::new();
    }
    match (&block.old_number, &block.new_number) {
        (Some(o), Some(n)) if o != n => {
            format!(" {}was §{o}{}", marks.renumbered.0, marks.renumbered.1)
        }
        _ => String::new(),
    }
}

/// Each `§` reference to a renumbered clause, followed by its old number: `[§10.2](#x) {>>was §10.1<<}`.
/// A reference that shows the old number already (in deleted words) is left as it is.
fn mark_references(text: String, marks: &Marks<'_>, renumbered: &Renumbered<'_>) -> String {
    if renumbered.is_empty() || !text.contains("](#") {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text.as_str();
    while let Some(at) = rest.find("](#") {
        let start = at + 3;
        let Some(len) = rest[start..].find(')') else {
            break;
        };
        let end = start + len + 1;
        out.push_str(&rest[..end]);
        let label = rest[..at]
            .rfind('[')
            .and_then(|i| rest[i + 1..at].strip_prefix('§'));
        if let (Some(label), Some(old)) = (label, renumbered.get(&rest[start..end - 1]))
            && label != *old
        {
            let _ = write!(
                out,
                " {}was §{old}{}",
                marks.renumbered.0, marks.renumbered.1
            );
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One block as Markdown, ending with a newline; blocks are separated by a blank line. With `renumbered`
/// not empty, a renumbered clause's number and every reference to a renumbered clause carry the old
/// number.
#[must_use]
pub fn block(block: &Block, marks: &Marks<'_>, renumbered: &Renumbered<'_>) -> String {
    let anchor = block
        .anchor
        .as_deref()
        .map(|a| format!("<a id=\"{a}\"></a>"))
        .unwrap_or_default();
    let heading = || first(block.parts.iter().find(|p| p.role == Role::Heading), marks);
    let note = moved_note(block, marks);
    let was = renumbered_note(block, marks, renumbered);
    let number = block.number().unwrap_or("");
    let mut out = String::new();
    match block.kind {
        // The redline's own title is the one top-level heading; the charter's title sits under it.
        Kind::Title => {
            let _ = writeln!(out, "## {}", heading());
        }
        Kind::Section => {
            let _ = writeln!(out, "## {anchor}{number}. {}{was}{note}", heading());
        }
        Kind::Clause => {
            let head = heading();
            let text = first(block.parts.iter().find(|p| p.role == Role::Text), marks);
            let head = if head.is_empty() {
                format!("**{number}**")
            } else {
                format!("**{number} {head}.**")
            };
            let text = if text.is_empty() {
                text
            } else {
                format!(" {text}")
            };
            let _ = writeln!(out, "{anchor}{head}{was}{text}{note}");
        }
        Kind::Checklist | Kind::Signature => {
            let _ = writeln!(out, "### {anchor}{}{note}", heading());
        }
        Kind::Table => table(&mut out, block, marks),
        Kind::Text => {}
    }
    rest(&mut out, block, marks);
    if block.kind == Kind::Signature {
        out.push('\n');
        table(&mut out, block, marks);
    }
    let out = match out.strip_prefix('\n') {
        Some(trimmed) => trimmed.to_owned(),
        None => out,
    };
    mark_references(out, marks, renumbered)
}

/// The parts after the heading: details, items, tasks, paragraphs (tables are written whole).
fn rest(out: &mut String, block: &Block, marks: &Marks<'_>) {
    let mut previous: Option<Role> = None;
    for part in &block.parts {
        let role = part.role;
        if matches!(role, Role::Heading | Role::Text | Role::Header | Role::Row) {
            continue;
        }
        let mut text = first(Some(part), marks);
        if part.status == PartStatus::Moved {
            let _ = write!(text, " {}moved{}", marks.note.0, marks.note.1);
        }
        let listed = matches!(role, Role::Item | Role::Task | Role::Detail);
        // A list follows the clause line after a blank line; a paragraph always stands alone.
        if !(listed && previous == Some(role)) {
            out.push('\n');
        }
        match role {
            Role::Item | Role::Detail => {
                let _ = writeln!(out, "- {text}");
            }
            Role::Task => {
                let _ = writeln!(out, "- [ ] {text}");
            }
            _ => {
                let _ = writeln!(out, "{text}");
            }
        }
        previous = Some(role);
    }
}

fn table(out: &mut String, block: &Block, marks: &Marks<'_>) {
    for part in block
        .parts
        .iter()
        .filter(|p| matches!(p.role, Role::Header | Role::Row))
    {
        let mut cells: Vec<String> = part.cells.iter().map(|c| cell(c, marks)).collect();
        if let (PartStatus::Moved, Some(first)) = (part.status, cells.first_mut()) {
            let _ = write!(first, " {}moved{}", marks.note.0, marks.note.1);
        }
        let _ = writeln!(out, "| {} |", cells.join(" | "));
        if part.role == Role::Header {
            let _ = writeln!(out, "|{}", " --- |".repeat(cells.len()));
        }
    }
}

/// A block's Markdown with each link to a block that a changed-only redline left out turned into its
/// words (`[§16](#sign-harbor)` → `§16`), so that every link left in the redline leads somewhere.
#[must_use]
pub fn unlink_omitted(md: String, redline: &Redline, omitted: usize) -> String {
    if omitted == 0 || !md.contains("](#") {
        return md;
    }
    let mut out = String::with_capacity(md.len());
    let mut rest = md.as_str();
    while let Some(at) = rest.find("](#") {
        let (before, after) = rest.split_at(at);
        let Some(end) = after.find(')') else { break };
        let anchor = &after[3..end];
        let open = before
            .rfind('[')
            .filter(|&i| i == 0 || !before[..i].ends_with('\\'));
        match open {
            Some(open) if redline.link(Some(anchor), omitted).is_none() => {
                out.push_str(&before[..open]);
                out.push_str(&before[open + 1..]);
            }
            _ => {
                out.push_str(before);
                out.push_str(&after[..=end]);
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_omitted_blocks_become_their_words() {
        let redline = Redline {
            old: Default::default(),
            new: Default::default(),
            aligned: true,
            blocks: vec![Block {
                kind: Kind::Clause,
                anchor: Some("kept".to_owned()),
                old_number: None,
                new_number: None,
                status: Status::Changed,
                parts: Vec::new(),
            }],
        };
        let md = "See [§2](#kept), [§16](#gone) and \\[not a link\\](#x) (last).".to_owned();
        assert_eq!(
            unlink_omitted(md.clone(), &redline, 3),
            "See [§2](#kept), §16 and \\[not a link\\](#x) (last)."
        );
        assert_eq!(unlink_omitted(md.clone(), &redline, 0), md);
    }
}
