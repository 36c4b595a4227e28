//! The organiser's own Markdown (see [`crate::prose`]) may not use headings, thematic breaks, code blocks,
//! tables, images or links outside the allow-list: each is a warning at its place in the value, and the
//! documents show it as plain text.

use std::borrow::Cow;

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::Charter;
use crate::prose;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for (path, value) in prose_fields(c) {
        let found = prose::findings(value);
        if found.is_empty() {
            continue;
        }
        let literal = ctx.spans.span_of(&path);
        let raw = ctx.spans.text().get(literal.clone()).unwrap_or_default();
        for (range, what) in found {
            // The first line of the markup, found in the literal as written; the whole value when it is
            // spelt with escapes.
            let first = value[range].lines().next().unwrap_or_default().trim();
            let span = match raw.find(first) {
                Some(at) if !first.is_empty() => {
                    literal.start + at..literal.start + at + first.len()
                }
                _ => literal.clone(),
            };
            let hint = if what.starts_with("a link") {
                "link only to http, https or mailto addresses, or to an anchor in the document (`#flow-x`)"
            } else if what == "an image" {
                "describe what the image shows in words, or link to it with an https address"
            } else {
                "write paragraphs, lists and emphasis; structure belongs to the charter's own sections"
            };
            let d = ctx.at_span(
                &rules::PROSE_MARKUP,
                span,
                format!("this text uses {what}, which the charter shows as plain text"),
            );
            d.with(what, hint);
        }
    }
}

/// Every value the documents render as the organiser's Markdown, with its path.
fn prose_fields(c: &Charter) -> Vec<(Vec<Seg>, &str)> {
    let key = |k: &'static str| Seg::Key(Cow::Borrowed(k));
    let mut out = vec![
        (
            vec![key("charter"), key("purpose")],
            c.charter.purpose.as_str(),
        ),
        (vec![key("charter"), key("scope")], c.charter.scope.as_str()),
    ];
    if let Some(on) = c.term.as_ref().and_then(|t| t.on_withdrawal.as_deref()) {
        out.push((vec![key("term"), key("on_withdrawal")], on));
    }
    for (i, body) in c.bodies.iter().enumerate() {
        out.push((
            vec![key("bodies"), Seg::Index(i), key("mandate")],
            body.mandate.as_str(),
        ));
    }
    for (i, phase) in c.phases.iter().enumerate() {
        out.push((
            vec![key("phases"), Seg::Index(i), key("description")],
            phase.description.as_str(),
        ));
    }
    if let Some(ip) = &c.ip {
        out.push((vec![key("ip"), key("background")], ip.background.as_str()));
    }
    if let Some(a) = c
        .publication
        .as_ref()
        .and_then(|p| p.acknowledgement.as_ref())
    {
        out.push((vec![key("publication"), key("acknowledgement")], a.as_str()));
    }
    if let Some(coi) = &c.conflicts {
        out.push((vec![key("conflicts"), key("what")], coi.what.as_str()));
    }
    if let Some(r) = &c.review {
        out.push((
            vec![key("review"), key("assessment")],
            r.assessment.as_str(),
        ));
        out.push((vec![key("review"), key("feedback")], r.feedback.as_str()));
        if let Some(rec) = &r.recognition {
            out.push((vec![key("review"), key("recognition")], rec.as_str()));
        }
    }
    out
}
