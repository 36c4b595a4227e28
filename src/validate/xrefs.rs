//! Cross-references in free text (`[[partner:ID]]`, `[[body:ID]]`, `[[clause:ANCHOR]]`) must name
//! something that exists. Every text value in the file is scanned, and a broken reference is reported at
//! its exact place inside the string.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Annotate, Ctx, Index, Target};
use crate::load::closest;
use crate::model::Charter;
use crate::rules;
use crate::xref::{self, CLAUSE_PREFIXES, Kind, Reference};

/// The anchors `[[clause:…]]` may name: one per item with an id, as the renderer gives them.
#[must_use]
pub fn clause_anchors(c: &Charter) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut add = |prefix: &str, ids: Vec<&str>| {
        anchors.extend(ids.into_iter().map(|id| format!("{prefix}-{id}")));
    };
    add(
        "partner",
        c.partners.iter().map(|x| x.id.as_str()).collect(),
    );
    add("body", c.bodies.iter().map(|x| x.id.as_str()).collect());
    add(
        "decision",
        c.decisions.iter().map(|x| x.id.as_str()).collect(),
    );
    add("flow", c.data_flows.iter().map(|x| x.id.as_str()).collect());
    add("phase", c.phases.iter().map(|x| x.id.as_str()).collect());
    add(
        "obligation",
        c.obligations.iter().map(|x| x.id.as_str()).collect(),
    );
    if let Some(ip) = &c.ip {
        add("ip", ip.foreground.iter().map(|x| x.id.as_str()).collect());
        add(
            "licence",
            ip.licences.iter().map(|x| x.id.as_str()).collect(),
        );
    }
    if let Some(coi) = &c.conflicts {
        add("coi", coi.declared.iter().map(|x| x.id.as_str()).collect());
    }
    anchors
}

pub(super) fn check(c: &Charter, index: &Index<'_>, ctx: &mut Ctx<'_, '_>) {
    let anchors = clause_anchors(c);
    let text = ctx.spans.text();
    for (span, value) in ctx.spans.strings() {
        let references = xref::find(value);
        if references.is_empty() {
            continue;
        }
        let raw = text.get(span.clone()).unwrap_or_default();
        let mut from = 0;
        for r in references {
            let Some((message, label, hint)) = problem(&r, index, &anchors) else {
                continue;
            };
            let at = locate(raw, &r.written(), &mut from)
                .map_or(span.clone(), |o| span.start + o.start..span.start + o.end);
            let d = ctx.at_span(&rules::BROKEN_CROSS_REFERENCE, at, message);
            d.with(label, hint);
        }
    }
}

/// Where the reference is written in the raw literal, searching on from the previous one. A reference
/// spelt with escapes (`\u005B`) is not found, and the whole value is reported instead.
fn locate(raw: &str, written: &str, from: &mut usize) -> Option<Range<usize>> {
    let at = raw.get(*from..)?.find(written)? + *from;
    *from = at + written.len();
    Some(at..at + written.len())
}

fn problem(
    r: &Reference<'_>,
    index: &Index<'_>,
    anchors: &BTreeSet<String>,
) -> Option<(String, &'static str, String)> {
    let written = r.written();
    let suggest = |candidates: Vec<&str>, noun: &str| match closest(r.target, &candidates) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None if candidates.is_empty() => format!("no {noun} is defined yet"),
        None => format!(
            "the {noun}s are: {}",
            candidates
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    match r.kind {
        None => Some((
            format!("`{written}` is not a kind of reference the format knows"),
            "unknown kind of reference",
            "write `[[partner:ID]]`, `[[body:ID]]` or `[[clause:ANCHOR]]`".to_owned(),
        )),
        Some(Kind::Partner) if index.partner(r.target).is_none() => {
            let partners = index
                .actors
                .iter()
                .filter(|(_, t)| matches!(t, Target::Partner(_)))
                .map(|(id, _)| *id)
                .collect();
            Some((
                format!("`{written}` names no partner"),
                "not a defined partner",
                suggest(partners, "partner id"),
            ))
        }
        Some(Kind::Body) if index.body(r.target).is_none() => {
            let bodies = index
                .actors
                .iter()
                .filter(|(_, t)| matches!(t, Target::Body(_)))
                .map(|(id, _)| *id)
                .collect();
            Some((
                format!("`{written}` names no body"),
                "not a defined body",
                suggest(bodies, "body id"),
            ))
        }
        Some(Kind::Clause) if !anchors.contains(r.target) => {
            let hint = match closest(
                r.target,
                &anchors.iter().map(String::as_str).collect::<Vec<_>>(),
            ) {
                Some(best) => format!("did you mean \"{best}\"?"),
                None => format!(
                    "a clause anchor is a prefix and an id: {}",
                    CLAUSE_PREFIXES
                        .iter()
                        .map(|p| format!("`{p}-ID`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Some((
                format!("`{written}` names no clause"),
                "not a clause anchor",
                hint,
            ))
        }
        Some(_) => None,
    }
}
