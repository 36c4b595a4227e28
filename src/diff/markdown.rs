//! The Markdown redline: the header, the change summary, then the document with CriticMarkup marks
//! (`{--deleted--}`, `{++inserted++}`, `{>>moved from §10.1<<}`), a view of the [`Redline`].

use std::fmt::Write as _;

use rayon::prelude::*;

use super::align::Redline;
use super::report::{Entry, Header};
use super::view::{self, CRITIC, Renumbered};
use super::words::Span;
use crate::render::markdown::text;

/// The legend, in CriticMarkup.
const LEGEND: &str = "Legend: {++inserted++}, {--deleted--}, {>>moved from §N<<}. Clause numbers and § references are the new version's.";

/// What the legend adds when every renumbered clause and reference is marked.
const LEGEND_RENUMBERED: &str =
    "A renumbered clause or § reference carries its old number: {>>was §N<<}.";

/// Writes the Markdown redline. `renumbered` lists the renumbering once, in the summary; `marked`, when
/// not empty, has every renumbered clause and reference marked in the document too.
#[must_use]
pub fn write(
    header: &Header,
    summary: &[Entry],
    renumbered: &[String],
    redline: &Redline,
    marked: &Renumbered<'_>,
) -> String {
    let mut out = String::with_capacity(redline.blocks.len() * 200);
    let title = header.new.title.as_deref().unwrap_or(&header.new_name);
    let _ = writeln!(out, "# Redline: {}\n", text(title));
    let _ = writeln!(out, "| | Old | New |\n| --- | --- | --- |");
    for (label, old, new) in header.rows() {
        let _ = writeln!(out, "| {label} | {} | {} |", text(&old), text(&new));
    }
    out.push('\n');
    for warning in &header.warnings {
        let _ = writeln!(out, "> **Warning:** {}\n", text(warning));
    }
    if marked.is_empty() {
        let _ = writeln!(out, "{LEGEND}\n");
    } else {
        let _ = writeln!(out, "{LEGEND} {LEGEND_RENUMBERED}\n");
    }
    if let Some(omission) = header.omission() {
        let _ = writeln!(out, "{}\n", text(&omission));
    }
    let _ = writeln!(out, "## Changes in this redline\n");
    let _ = writeln!(out, "{}.\n", super::count(summary.len(), "change"));
    let linked = |anchor: &Option<String>| {
        redline
            .link(anchor.as_deref(), header.omitted)
            .map(str::to_owned)
    };
    for entry in summary {
        let _ = writeln!(
            out,
            "- {}",
            entry_line(entry, linked(&entry.anchor).as_deref())
        );
    }
    if !renumbered.is_empty() {
        let _ = writeln!(
            out,
            "\nRenumbered, with every reference to them: {}.",
            renumbered.join("; ")
        );
    }
    if !header.effects.is_empty() {
        let _ = writeln!(out, "\n### Effects of these changes\n");
        for e in &header.effects {
            let words = text(&format!("{} › {}", e.area, e.text));
            let _ = match (linked(&e.anchor).as_deref(), &e.clause) {
                (Some(a), Some(c)) => writeln!(out, "- [§{c}](#{a}) {words}"),
                (None, Some(c)) if e.anchor.is_some() => writeln!(out, "- §{c} {words}"),
                _ => writeln!(out, "- {words}"),
            };
        }
    }
    out.push_str("\n---\n\n");
    let blocks: Vec<String> = redline
        .blocks
        .par_iter()
        .map(|b| view::unlink_omitted(view::block(b, &CRITIC, marked), redline, header.omitted))
        .collect();
    for block in &blocks {
        out.push_str(block);
        out.push('\n');
    }
    let fingerprint = |f: &Option<String>| f.clone().unwrap_or_else(|| "unknown".to_owned());
    let _ = writeln!(
        out,
        "---\n\nRedline by charter {} of the input with SHA-256 `{}` (old) and the input with SHA-256 `{}` (new).",
        env!("CARGO_PKG_VERSION"),
        fingerprint(&header.old.fingerprint),
        fingerprint(&header.new.fingerprint)
    );
    out
}

/// A summary entry, linked to its clause at `anchor` (when the redline has it), its changed phrases in
/// CriticMarkup.
fn entry_line(entry: &Entry, anchor: Option<&str>) -> String {
    let escaped: Vec<Span> = entry
        .spans
        .iter()
        .map(|s| Span {
            text: escape_keeping_spaces(&s.text),
            mark: s.mark,
        })
        .collect();
    let words = view::cell(&escaped, &CRITIC);
    match (anchor, &entry.clause) {
        (Some(a), Some(c)) => format!("[§{c}](#{a}) {words}"),
        (Some(a), None) => format!("{words} ([see](#{a}))"),
        (None, Some(c)) if entry.anchor.is_some() => format!("§{c} {words}"),
        (None, _) => words,
    }
}

/// Plain text escaped for Markdown, with the spaces at its ends kept (they separate it from its
/// neighbouring spans).
fn escape_keeping_spaces(s: &str) -> String {
    let lead = &s[..s.len() - s.trim_start().len()];
    let trail = &s[s.trim_end().len()..];
    if s.trim().is_empty() {
        return s.to_owned();
    }
    format!("{lead}{}{trail}", text(s))
}
