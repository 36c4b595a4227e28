//! `charter diff`: what changed between two versions, term by term (for two charters) and as a redline of
//! the rendered text (for two rendered documents, or two charters with `--rendered`, and always in the
//! Markdown and HTML formats). The same inputs always give the same bytes.

pub mod redline;
pub mod terms;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use crate::model::Charter;
use crate::render::html;
use redline::{DEL_CLOSE, DEL_OPEN, INS_CLOSE, INS_OPEN, Line};
use terms::{Change, ChangeKind, plain};

/// One side of a comparison.
#[derive(Debug)]
pub struct Side<'a> {
    /// The name shown in the output: the path as given.
    pub name: &'a str,
    /// The rendered Markdown (the input itself when it is a rendered document).
    pub markdown: String,
    /// The charter and its clause numbers by anchor, when the input is a charter.
    pub charter: Option<(&'a Charter, BTreeMap<String, String>)>,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text for a terminal or a log.
    Text,
    /// A Markdown redline with CriticMarkup.
    Md,
    /// A standalone HTML redline.
    Html,
    /// Every change as JSON, for tooling.
    Json,
}

/// How to compare.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The output format.
    pub format: Format,
    /// Compare the rendered text even when both inputs are charters.
    pub rendered: bool,
    /// Colour the text format (only on a terminal, never with `NO_COLOR`).
    pub color: bool,
}

/// The result: the report, and whether the inputs differ.
#[derive(Debug)]
pub struct Outcome {
    /// The report in the chosen format.
    pub report: String,
    /// Whether the inputs differ (in terms, or in rendered text when comparing text).
    pub different: bool,
}

/// Whether a comparison reads the rendered Markdown of its sides: for two rendered documents, with
/// `--rendered`, and for the redline formats (md, html). The terms of two charters in text or JSON do not,
/// and a caller can then leave [`Side::markdown`] empty rather than render two documents for nothing.
#[must_use]
pub fn needs_markdown(options: &Options, both_charters: bool) -> bool {
    !both_charters || options.rendered || matches!(options.format, Format::Md | Format::Html)
}

/// Compares two sides.
#[must_use]
pub fn diff(old: &Side<'_>, new: &Side<'_>, options: Options) -> Outcome {
    let changes = match (&old.charter, &new.charter) {
        (Some((o, oc)), Some((n, nc))) if !options.rendered => Some(terms::compare(o, n, oc, nc)),
        _ => None,
    };
    let needs_redline = needs_markdown(&options, changes.is_some());
    let lines = if needs_redline {
        redline::redline(&old.markdown, &new.markdown)
    } else {
        Vec::new()
    };
    let edits = edits(&lines);
    let different = changes
        .as_ref()
        .map_or(!edits.is_empty(), |c| !c.is_empty());
    let report = match (options.format, &changes) {
        (Format::Text, Some(changes)) => terms_text(changes, options.color),
        (Format::Text, None) => edits_text(&edits, options.color),
        (Format::Json, Some(changes)) => json(old, new, &Report::Terms { changes }),
        (Format::Json, None) => json(old, new, &Report::Text { changes: &edits }),
        (Format::Md, _) => markdown(old, new, changes.as_deref(), &edits, &lines),
        (Format::Html, _) => html_redline(old, new, changes.as_deref(), &edits, &lines),
    };
    Outcome { report, different }
}

/// A changed line of the rendered text, located by the nearest clause before it.
#[derive(Debug, Serialize)]
pub struct Edit {
    /// Line number in the new document (the old one for a deleted line).
    pub line: usize,
    /// Anchor of the nearest clause at or before the line.
    pub anchor: Option<String>,
    /// Clause number of that clause, when the line shows one.
    pub clause: Option<String>,
    /// The line as it was ("" when inserted).
    pub old: String,
    /// The line as it is ("" when deleted).
    pub new: String,
    #[serde(skip)]
    marked: String,
}

fn edits(lines: &[Line]) -> Vec<Edit> {
    let mut anchor: Option<String> = None;
    let mut clause: Option<String> = None;
    let mut out = Vec::new();
    for line in lines {
        if let Some(id) = anchor_in(&line.marked) {
            anchor = Some(id);
            clause = clause_number(&line.marked);
        }
        if line.changed {
            out.push(Edit {
                line: line.number,
                anchor: anchor.clone(),
                clause: clause.clone(),
                old: side_of(&line.marked, true),
                new: side_of(&line.marked, false),
                marked: line.marked.clone(),
            });
        }
    }
    out
}

fn anchor_in(line: &str) -> Option<String> {
    let start = line.find("<a id=\"")? + 7;
    let end = line[start..].find('"')? + start;
    Some(line[start..end].to_owned())
}

fn clause_number(line: &str) -> Option<String> {
    let after = line.split("</a>").nth(1)?;
    let after = after.trim_start_matches("**");
    let number: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let number = number.trim_end_matches('.');
    (!number.is_empty()).then(|| number.to_owned())
}

/// One side of a marked line: the old text (deletions kept, insertions dropped) or the new.
fn side_of(marked: &str, old: bool) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for c in marked.chars() {
        match c {
            DEL_OPEN => skipping = !old,
            INS_OPEN => skipping = old,
            DEL_CLOSE | INS_CLOSE => skipping = false,
            c if !skipping => out.push(c),
            _ => {}
        }
    }
    out
}

const RED: &str = "\u{1b}[31m";
const GREEN: &str = "\u{1b}[32m";
const BOLD: &str = "\u{1b}[1m";
const RESET: &str = "\u{1b}[0m";

fn value_words(value: &Value) -> String {
    let words = plain(value);
    if words.contains('\n') || words.len() > 80 {
        format!("\"{}\"", words.replace('\n', " "))
    } else {
        words
    }
}

/// One line per change: `Publication › review period: 30 days → 45 days (§7.1)`.
#[must_use]
pub fn change_line(change: &Change, color: bool) -> String {
    let (red, green, reset) = if color {
        (RED, GREEN, RESET)
    } else {
        ("", "", "")
    };
    let clause = change
        .clause
        .as_ref()
        .map(|c| format!(" (§{c})"))
        .unwrap_or_default();
    let body = match &change.kind {
        ChangeKind::Changed { old, new } => {
            let (o, n) = (plain(old), plain(new));
            if o.len() > 60 && n.len() > 60 {
                let marked: Vec<String> = redline::redline(&o, &n)
                    .into_iter()
                    .map(|l| l.marked)
                    .collect();
                let open_del = format!("{red}[-");
                let close_del = format!("-]{reset}");
                let open_ins = format!("{green}{{+");
                let close_ins = format!("+}}{reset}");
                let inline = redline::with_markup(
                    &marked.join(" "),
                    (&open_del, &close_del),
                    (&open_ins, &close_ins),
                );
                format!("changed: {inline}")
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
        ChangeKind::Moved { from, to } => format!("moved from position {from} to {to}"),
    };
    format!("{}: {body}{clause}", change.label)
}

/// Whether the label already names the added or removed item, so the value need not be repeated.
fn names_item(label: &str, value: &Value) -> bool {
    let last = label.rsplit(" › ").next().unwrap_or(label);
    last.contains(&format!("\"{}\"", plain(value)))
}

fn terms_text(changes: &[Change], color: bool) -> String {
    if changes.is_empty() {
        return "No change of terms.\n".to_owned();
    }
    let (bold, reset) = if color { (BOLD, RESET) } else { ("", "") };
    let mut out = String::new();
    let mut section = "";
    for change in changes {
        if change.section != section {
            section = change.section;
            let _ = writeln!(
                out,
                "{}{section}{reset}",
                if out.is_empty() {
                    bold.to_owned()
                } else {
                    format!("\n{bold}")
                }
            );
        }
        let _ = writeln!(out, "  {}", change_line(change, color));
    }
    let sections = changes
        .iter()
        .map(|c| c.section)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let _ = writeln!(
        out,
        "\n{} in {}.",
        count(changes.len(), "change"),
        count(sections, "section")
    );
    out
}

fn edits_text(edits: &[Edit], color: bool) -> String {
    if edits.is_empty() {
        return "No change in the rendered text.\n".to_owned();
    }
    let (red, green, reset) = if color {
        (RED, GREEN, RESET)
    } else {
        ("", "", "")
    };
    let mut out = String::new();
    for e in edits {
        let clause = e
            .clause
            .as_ref()
            .map(|c| format!(" §{c}"))
            .unwrap_or_default();
        let _ = writeln!(out, "@@ line {}{clause} @@", e.line);
        let open_del = format!("{red}[-");
        let close_del = format!("-]{reset}");
        let open_ins = format!("{green}{{+");
        let close_ins = format!("+}}{reset}");
        let _ = writeln!(
            out,
            "{}",
            redline::with_markup(&e.marked, (&open_del, &close_del), (&open_ins, &close_ins))
        );
    }
    let _ = writeln!(out, "\n{} changed.", count(edits.len(), "line"));
    out
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Report<'a> {
    Terms { changes: &'a [Change] },
    Text { changes: &'a [Edit] },
}

fn json(old: &Side<'_>, new: &Side<'_>, report: &Report<'_>) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        old: &'a str,
        new: &'a str,
        compared: &'static str,
        equal: bool,
        #[serde(flatten)]
        report: &'a Report<'a>,
    }
    let (compared, equal) = match report {
        Report::Terms { changes } => ("terms", changes.is_empty()),
        Report::Text { changes } => ("rendered text", changes.is_empty()),
    };
    let doc = Doc {
        old: old.name,
        new: new.name,
        compared,
        equal,
        report,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The change summary as Markdown list items, each linking to its clause.
fn summary_items(changes: Option<&[Change]>, edits: &[Edit]) -> Vec<String> {
    let link = |anchor: &Option<String>, clause: &Option<String>| match (anchor, clause) {
        (Some(a), Some(c)) => format!(" ([§{c}](#{a}))"),
        (Some(a), None) => format!(" ([see](#{a}))"),
        _ => String::new(),
    };
    match changes {
        Some(changes) => changes
            .iter()
            .map(|c| {
                let mut plain_change = c.clone();
                plain_change.clause = None;
                format!(
                    "{}{}",
                    crate::render::markdown::text(&change_line(&plain_change, false)),
                    link(&c.anchor, &c.clause)
                )
            })
            .collect(),
        None => edits
            .iter()
            .map(|e| {
                let words = if e.new.is_empty() { &e.old } else { &e.new };
                let excerpt: String = words.chars().take(80).collect();
                format!(
                    "Line {}: {}{}",
                    e.line,
                    crate::render::markdown::text(&excerpt),
                    link(&e.anchor, &e.clause)
                )
            })
            .collect(),
    }
}

fn markdown(
    old: &Side<'_>,
    new: &Side<'_>,
    changes: Option<&[Change]>,
    edits: &[Edit],
    lines: &[Line],
) -> String {
    // The redlined document first, so that it opens with its own title; the summary closes it.
    let mut out = String::new();
    for line in lines {
        out.push_str(&redline::with_markup(
            &line.marked,
            ("{--", "--}"),
            ("{++", "++}"),
        ));
        out.push('\n');
    }
    let items = summary_items(changes, edits);
    let _ = writeln!(out, "\n## Changes in this redline\n");
    let _ = writeln!(
        out,
        "{} compared with {}, by charter {}: {}.\n",
        crate::render::markdown::text(new.name),
        crate::render::markdown::text(old.name),
        env!("CARGO_PKG_VERSION"),
        count(items.len(), "change")
    );
    for item in &items {
        let _ = writeln!(out, "- {item}");
    }
    out
}

fn html_redline(
    old: &Side<'_>,
    new: &Side<'_>,
    changes: Option<&[Change]>,
    edits: &[Edit],
    lines: &[Line],
) -> String {
    let items = summary_items(changes, edits);
    let mut summary_md = String::new();
    for item in &items {
        let _ = writeln!(summary_md, "- {item}");
    }
    let mut body_md = String::new();
    for line in lines {
        body_md.push_str(&line.marked);
        body_md.push('\n');
    }
    let body = redline::with_markup(
        &html::to_html(&body_md),
        ("<del>", "</del>"),
        ("<ins>", "</ins>"),
    );
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"charter {version}\">\n<title>Redline: {new_name}</title>\n<style>\n{css}{redline_css}</style>\n</head>\n<body>\n<header>\n<h1>Redline</h1>\n<p>{new_name} compared with {old_name}.</p>\n</header>\n<nav aria-label=\"Changes\" class=\"changes\">\n<h2 class=\"toc-title\">Changes: {count}</h2>\n{summary}</nav>\n<main>\n{body}</main>\n</body>\n</html>\n",
        version = env!("CARGO_PKG_VERSION"),
        new_name = escape(new.name),
        old_name = escape(old.name),
        css = crate::render::CSS,
        csp = crate::render::CSP,
        redline_css = "del { background: #fde2e2; color: #8a1c1c; }\nins { background: #dff3e3; color: #14532d; text-decoration: underline; }\nnav.changes ul { padding-left: 1.25rem; }\n",
        count = items.len(),
        summary = html::to_html(&summary_md),
        body = body,
    )
}
