//! The text reports of `diff`: term changes in the charter's words, and the marked blocks of a redline,
//! for a terminal or a log.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde_json::Value;

use super::align::{PartStatus, Redline};
use super::report::{self, Header};
use super::terms::{Change, ChangeKind, plain};
use super::view::Marks;
use super::words;

const RED: &str = "\u{1b}[31m";
const GREEN: &str = "\u{1b}[32m";
const BOLD: &str = "\u{1b}[1m";
const RESET: &str = "\u{1b}[0m";

/// Word marks in a terminal: `[-deleted-]{+inserted+}`, in red and green when coloured.
fn marks(color: bool) -> Marks<'static> {
    const PLAIN: Marks<'static> = Marks {
        del: ("[-", "-]"),
        ins: ("{+", "+}"),
        note: ("", ""),
        renumbered: ("", ""),
    };
    const COLOURED: Marks<'static> = Marks {
        del: ("\u{1b}[31m[-", "-]\u{1b}[0m"),
        ins: ("\u{1b}[32m{+", "+}\u{1b}[0m"),
        note: ("", ""),
        renumbered: ("", ""),
    };
    if color { COLOURED } else { PLAIN }
}

fn value_words(value: &Value) -> String {
    let words = plain(value);
    if words.contains('\n') || words.len() > 80 {
        format!("\"{}\"", words.replace('\n', " "))
    } else {
        words
    }
}

/// One line per change: `Publication › review period: 30 days → 45 days (§7.1)`. Two long texts show as
/// one text with the changed phrases marked: `changed: … [-old words-]{+new words+} …`.
#[must_use]
pub fn change_line(change: &Change, color: bool) -> String {
    let (red, green, reset) = if color {
        (RED, GREEN, RESET)
    } else {
        ("", "", "")
    };
    let moved_between_clauses = matches!(change.kind, ChangeKind::Moved { .. })
        && change.old_clause.is_some()
        && change.old_clause != change.clause;
    let clause = match &change.clause {
        Some(c) if !moved_between_clauses => format!(" (§{c})"),
        _ => String::new(),
    };
    let body = match &change.kind {
        ChangeKind::Changed { old, new } => {
            let (o, n) = (plain(old), plain(new));
            if o.len() > 60 && n.len() > 60 {
                let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                let spans = words::compare(&one_line(&o), &one_line(&n));
                format!("changed: {}", super::view::cell(&spans, &marks(color)))
            } else {
                format!(
                    "{red}{}{reset} → {green}{}{reset}",
                    value_words(old),
                    value_words(new)
                )
            }
        }
        ChangeKind::Added { new } if names_item(&change.label, new) => {
            format!("{green}added{reset}")
        }
        ChangeKind::Added { new } => format!("{green}added {}{reset}", value_words(new)),
        ChangeKind::Removed { old } if names_item(&change.label, old) => {
            format!("{red}removed{reset}")
        }
        ChangeKind::Removed { old } => format!("{red}removed {}{reset}", value_words(old)),
        ChangeKind::Moved { from, to } => match (&change.old_clause, &change.clause) {
            (Some(o), Some(n)) if o != n => format!("moved, §{o} → §{n}"),
            _ => format!("moved from position {from} to {to}"),
        },
    };
    let class = change
        .class
        .as_ref()
        .map(super::terms::Class::words)
        .unwrap_or_default();
    format!("{}: {body}{class}{clause}", change.label)
}

/// Whether the label already names the added or removed item, so the value need not be repeated.
fn names_item(label: &str, value: &Value) -> bool {
    let last = label.rsplit(" › ").next().unwrap_or(label);
    last.contains(&format!("\"{}\"", plain(value)))
}

fn warnings(out: &mut String, header: &Header) {
    for w in &header.warnings {
        let _ = writeln!(out, "warning: {w}");
    }
    if !header.warnings.is_empty() {
        out.push('\n');
    }
}

/// The term changes, grouped by section.
pub(super) fn terms(header: &Header, changes: &[Change], color: bool) -> String {
    let mut out = String::new();
    warnings(&mut out, header);
    if changes.is_empty() {
        out.push_str("No change of terms.\n");
        return out;
    }
    let (bold, reset) = if color { (BOLD, RESET) } else { ("", "") };
    let mut section = "";
    for (i, change) in changes.iter().enumerate() {
        if change.section != section {
            section = change.section;
            let gap = if i == 0 { "" } else { "\n" };
            let _ = writeln!(out, "{gap}{bold}{section}{reset}");
        }
        let _ = writeln!(out, "  {}", change_line(change, color));
    }
    if !header.effects.is_empty() {
        let _ = writeln!(out, "\n{bold}Effects{reset}");
        for e in &header.effects {
            let _ = writeln!(out, "  {} › {}{}", e.area, e.text, e.cited());
        }
    }
    let sections = changes
        .iter()
        .map(|c| c.section)
        .collect::<BTreeSet<_>>()
        .len();
    let _ = writeln!(
        out,
        "\n{} in {}.",
        super::count(changes.len(), "change"),
        super::count(sections, "section")
    );
    out
}

/// The marked blocks of a redline: a line naming each, then its changed parts with their marks.
pub(super) fn redline(header: &Header, redline: &Redline, color: bool) -> String {
    let mut out = String::new();
    warnings(&mut out, header);
    let entries = report::of_blocks(redline);
    if entries.is_empty() {
        out.push_str("No change in the rendered text.\n");
        return out;
    }
    let marks = marks(color);
    let blocks = redline
        .blocks
        .iter()
        .filter(|b| b.is_marked() && b.kind != super::layout::Kind::Title);
    for (block, entry) in blocks.zip(&entries) {
        let clause = entry
            .clause
            .as_ref()
            .map(|c| format!("§{c} "))
            .unwrap_or_default();
        let _ = writeln!(out, "@@ {clause}{} @@", entry.text);
        for part in block.parts.iter().filter(|p| p.status != PartStatus::Same) {
            let cells: Vec<String> = part
                .cells
                .iter()
                .map(|c| super::view::cell(c, &marks))
                .collect();
            let _ = writeln!(out, "  {}", cells.join(" | "));
        }
    }
    let renumbered = report::renumbering(redline);
    if !renumbered.is_empty() {
        let _ = writeln!(out, "\nRenumbered: {}.", renumbered.join("; "));
    }
    let _ = writeln!(out, "\n{} changed.", super::count(entries.len(), "block"));
    out
}
