//! The HTML redline: one standalone page with the header, the change summary linking to each clause,
//! then the document with `<ins>`/`<del>` marks and a change bar in the margin of every marked block; in
//! print, each page's footer carries both fingerprints. A view of the [`Redline`].

use std::fmt::Write as _;

use rayon::prelude::*;

use super::align::{Redline, Status};
use super::report::{Entry, Header};
use super::view::{self, MARKERS, Renumbered};
use super::words::Mark;
use crate::render::html;

/// The redline's own styles, after the document's stylesheet.
const CSS: &str = "del { background: #fde2e2; color: #8a1c1c; }
ins { background: #dff3e3; color: #14532d; text-decoration: underline; }
.moved { font: 0.8rem \"Helvetica Neue\", Arial, sans-serif; color: #6b21a8; background: #f3e8ff; padding: 0 0.3rem; border-radius: 3px; }
.rl { border-left: 4px solid #b45309; margin-left: -1.2rem; padding-left: calc(1.2rem - 4px); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.rl-inserted { border-left-color: #15803d; }
.rl-deleted { border-left-color: #b91c1c; }
.rl-moved { border-left-color: #7e22ce; }
table.versions td, table.versions th { font-size: 0.85rem; word-break: break-all; }
.warning { border-left: 4px solid #b91c1c; background: #fef2f2; padding: 0.4rem 0.8rem; }
nav.changes ul { padding-left: 1.25rem; }
@media print { main h2 { break-before: auto; } }
";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The style of an old number, when every renumbered clause and reference is marked.
const CSS_RENUMBERED: &str = ".renumbered { font: 0.8rem \"Helvetica Neue\", Arial, sans-serif; color: #1e40af; background: #dbeafe; padding: 0 0.3rem; border-radius: 3px; }\n";

/// Writes the HTML redline. `renumbered` lists the renumbering once, in the summary; `marked`, when not
/// empty, has every renumbered clause and reference marked in the document too.
#[must_use]
pub fn write(
    header: &Header,
    summary: &[Entry],
    renumbered: &[String],
    redline: &Redline,
    marked: &Renumbered<'_>,
) -> String {
    let title = header.new.title.as_deref().unwrap_or(&header.new_name);
    let fingerprint = |f: &Option<String>| f.clone().unwrap_or_else(|| "unknown".to_owned());
    // Fingerprints are hex (or "unknown"): safe inside a CSS string.
    let footer = format!(
        "@page {{ @bottom-left {{ content: \"Redline · old SHA-256 {} · new SHA-256 {}\"; font: 6pt \"Helvetica Neue\", Arial, sans-serif; color: #555; }} }}\n",
        css_safe(&fingerprint(&header.old.fingerprint)),
        css_safe(&fingerprint(&header.new.fingerprint))
    );
    let mut out = String::with_capacity(redline.blocks.len() * 300);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"charter {version}\">\n<title>Redline: {title}</title>\n<style>\n{css}{CSS}{extra}{footer}</style>\n</head>\n<body>\n",
        csp = crate::render::CSP,
        version = env!("CARGO_PKG_VERSION"),
        title = escape(title),
        css = crate::render::CSS,
        extra = if marked.is_empty() {
            ""
        } else {
            CSS_RENUMBERED
        },
    );
    head(&mut out, header, title, !marked.is_empty());
    let linked = |anchor: &Option<String>| {
        redline
            .link(anchor.as_deref(), header.omitted)
            .map(str::to_owned)
    };
    changes(&mut out, summary, renumbered, &header.effects, &linked);
    out.push_str("<main>\n");
    // Each block converts on its own, so a large document converts on every core, in order.
    let blocks: Vec<String> = redline
        .blocks
        .par_iter()
        .map(|b| block_html(b, marked, redline, header.omitted))
        .collect();
    for block in &blocks {
        out.push_str(block);
    }
    let _ = write!(
        out,
        "</main>\n<footer>\n<p>Redline by charter {} of the input with SHA-256 <code>{}</code> (old) and the input with SHA-256 <code>{}</code> (new).</p>\n</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&fingerprint(&header.old.fingerprint)),
        escape(&fingerprint(&header.new.fingerprint)),
    );
    out
}

fn css_safe(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

fn head(out: &mut String, header: &Header, title: &str, marked: bool) {
    let _ = write!(
        out,
        "<header>\n<h1>Redline: {}</h1>\n<table class=\"versions\">\n<thead><tr><th></th><th>Old</th><th>New</th></tr></thead>\n<tbody>\n",
        escape(title)
    );
    for (label, old, new) in header.rows() {
        let _ = writeln!(
            out,
            "<tr><th>{label}</th><td>{}</td><td>{}</td></tr>",
            escape(&old),
            escape(&new)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for warning in &header.warnings {
        let _ = writeln!(
            out,
            "<p class=\"warning\"><strong>Warning:</strong> {}</p>",
            escape(warning)
        );
    }
    out.push_str("<p class=\"legend\">Legend: <ins>inserted</ins>, <del>deleted</del>, <span class=\"moved\">moved from §N</span>; a bar in the margin marks every changed block. Clause numbers and § references are the new version's.");
    if marked {
        out.push_str(" A renumbered clause or § reference carries its old number: <span class=\"renumbered\">was §N</span>.");
    }
    out.push_str("</p>\n");
    if let Some(omission) = header.omission() {
        let _ = writeln!(out, "<p class=\"legend\">{}</p>", escape(&omission));
    }
    out.push_str("</header>\n");
}

fn changes(
    out: &mut String,
    summary: &[Entry],
    renumbered: &[String],
    effects: &[super::effects::Effect],
    linked: &dyn Fn(&Option<String>) -> Option<String>,
) {
    let _ = write!(
        out,
        "<nav aria-label=\"Changes\" class=\"changes\">\n<h2 class=\"toc-title\">Changes: {}</h2>\n<ul>\n",
        summary.len()
    );
    for entry in summary {
        let text: String = entry
            .spans
            .iter()
            .map(|s| match s.mark {
                Mark::Equal => escape(&s.text),
                Mark::Deleted => format!("<del>{}</del>", escape(&s.text)),
                Mark::Inserted => format!("<ins>{}</ins>", escape(&s.text)),
            })
            .collect();
        let _ = match (linked(&entry.anchor), &entry.clause) {
            (Some(a), Some(c)) => writeln!(
                out,
                "<li><a href=\"#{}\">§{}</a> {text}</li>",
                escape(&a),
                escape(c)
            ),
            (Some(a), None) => writeln!(out, "<li><a href=\"#{}\">{text}</a></li>", escape(&a)),
            (None, Some(c)) if entry.anchor.is_some() => {
                writeln!(out, "<li>§{} {text}</li>", escape(c))
            }
            (None, _) => writeln!(out, "<li>{text}</li>"),
        };
    }
    out.push_str("</ul>\n");
    if !renumbered.is_empty() {
        let _ = writeln!(
            out,
            "<p>Renumbered, with every reference to them: {}.</p>",
            escape(&renumbered.join("; "))
        );
    }
    if !effects.is_empty() {
        out.push_str("<h3>Effects of these changes</h3>\n<ul>\n");
        for e in effects {
            let text = escape(&format!("{} › {}", e.area, e.text));
            let _ = match (linked(&e.anchor), &e.clause) {
                (Some(a), Some(c)) => writeln!(
                    out,
                    "<li><a href=\"#{}\">§{}</a> {text}</li>",
                    escape(&a),
                    escape(c)
                ),
                (None, Some(c)) if e.anchor.is_some() => {
                    writeln!(out, "<li>§{} {text}</li>", escape(c))
                }
                _ => writeln!(out, "<li>{text}</li>"),
            };
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</nav>\n");
}

/// One block: its Markdown with markers, converted, the markers turned into tags, and a change bar. An
/// old number shows in a block that is otherwise the same, which gets no bar.
fn block_html(
    block: &super::align::Block,
    marked: &Renumbered<'_>,
    redline: &Redline,
    omitted: usize,
) -> String {
    let md = view::unlink_omitted(view::block(block, &MARKERS, marked), redline, omitted);
    let mut body = html::to_html(&md);
    if !marked.is_empty() && body.contains(MARKERS.renumbered.0) {
        body = body
            .replace(MARKERS.renumbered.0, "<span class=\"renumbered\">")
            .replace(MARKERS.renumbered.1, "</span>");
    }
    if block.status == Status::Same {
        return body;
    }
    let body = body
        .replace(MARKERS.del.0, "<del>")
        .replace(MARKERS.del.1, "</del>")
        .replace(MARKERS.ins.0, "<ins>")
        .replace(MARKERS.ins.1, "</ins>")
        .replace(MARKERS.note.0, "<span class=\"moved\">")
        .replace(MARKERS.note.1, "</span>");
    let class = match block.status {
        Status::Same | Status::Changed => "rl-changed",
        Status::Inserted => "rl-inserted",
        Status::Deleted => "rl-deleted",
        Status::Moved { .. } => "rl-moved",
    };
    format!("<div class=\"rl {class}\">\n{body}</div>\n")
}
