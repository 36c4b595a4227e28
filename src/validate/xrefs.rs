//! Cross-references in free text (`[[partner:ID]]`, `[[body:ID]]`, `[[clause:ANCHOR]]`) must name
//! something that exists. Every text value in the file is scanned, and a broken reference is reported at
//! its exact place inside the string.

use std::collections::BTreeSet;

use rustc_hash::FxHashSet;
use std::ops::Range;

use super::{Annotate, Ctx};
use crate::model::{Actor, Charter, Lookup};
use crate::rules;
use crate::suggest::closest;
use crate::xref::{self, CLAUSE_PREFIXES, Kind, Reference};

/// Every item a `[[clause:…]]` may name, by anchor prefix and id, without building an anchor string per
/// item: most charters have far more items than clause references.
fn anchor_items(c: &Charter) -> Vec<(&'static str, Vec<&str>)> {
    fn ids<T>(items: &[T], id: impl Fn(&T) -> &String) -> Vec<&str> {
        items.iter().map(|x| id(x).as_str()).collect()
    }
    let mut out = vec![
        ("partner", ids(&c.partners, |x| &x.id)),
        ("body", ids(&c.bodies, |x| &x.id)),
        ("decision", ids(&c.decisions, |x| &x.id)),
        ("flow", ids(&c.data_flows, |x| &x.id)),
        ("phase", ids(&c.phases, |x| &x.id)),
        ("obligation", ids(&c.obligations, |x| &x.id)),
    ];
    if let Some(ip) = &c.ip {
        out.push(("ip", ids(&ip.foreground, |x| &x.id)));
        out.push(("licence", ids(&ip.licences, |x| &x.id)));
    }
    if let Some(coi) = &c.conflicts {
        out.push(("coi", ids(&coi.declared, |x| &x.id)));
    }
    out
}

/// The anchors `[[clause:…]]` may name: one per item with an id, as the renderer gives them.
#[must_use]
pub fn clause_anchors(c: &Charter) -> BTreeSet<String> {
    anchor_items(c)
        .into_iter()
        .flat_map(|(prefix, ids)| ids.into_iter().map(move |id| format!("{prefix}-{id}")))
        .collect()
}

/// The anchors of a charter, for membership tests: a clause reference is split at its prefix and its id
/// looked up. The full list is built only to suggest a near miss for a reference that names nothing.
struct Anchors<'c> {
    charter: &'c Charter,
    items: FxHashSet<(&'static str, &'c str)>,
}

impl<'c> Anchors<'c> {
    fn new(charter: &'c Charter) -> Self {
        let items = anchor_items(charter)
            .into_iter()
            .flat_map(|(prefix, ids)| ids.into_iter().map(move |id| (prefix, id)))
            .collect();
        Anchors { charter, items }
    }

    fn contains(&self, anchor: &str) -> bool {
        CLAUSE_PREFIXES.iter().any(|prefix| {
            anchor
                .strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|id| self.items.contains(&(*prefix, id)))
        })
    }
}

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    let mut anchors: Option<Anchors<'_>> = None;
    let text = ctx.spans.text();
    let mut found = Vec::new();
    ctx.spans.each_string(&mut |span, value| {
        if opens_reference(value) {
            found.push((span, value));
        }
    });
    for (span, value) in found {
        let references = xref::find(value);
        let raw = text.get(span.clone()).unwrap_or_default();
        let mut from = 0;
        for r in references {
            let anchors = anchors.get_or_insert_with(|| Anchors::new(c));
            let Some((message, label, hint)) = problem(&r, index, anchors) else {
                continue;
            };
            let at = locate(raw, &r.written(), &mut from)
                .map_or(span.clone(), |o| span.start + o.start..span.start + o.end);
            let d = ctx.at_span(&rules::BROKEN_CROSS_REFERENCE, at, message);
            d.with(label, hint);
        }
    }
}

/// Whether a text has `[[` anywhere: a scan for `[` (a byte search) rather than a substring search, as
/// every text value of the charter is scanned and hardly any has a reference.
fn opens_reference(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        if rest.as_bytes().get(i + 1) == Some(&b'[') {
            return true;
        }
        rest = &rest[i + 1..];
    }
    false
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
    index: &Lookup<'_>,
    anchors: &Anchors<'_>,
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
                .actor_ids()
                .into_iter()
                .filter(|(_, t)| matches!(t, Actor::Partner(_)))
                .map(|(id, _)| id)
                .collect();
            Some((
                format!("`{written}` names no partner"),
                "not a defined partner",
                suggest(partners, "partner id"),
            ))
        }
        Some(Kind::Body) if index.body(r.target).is_none() => {
            let bodies = index
                .actor_ids()
                .into_iter()
                .filter(|(_, t)| matches!(t, Actor::Body(_)))
                .map(|(id, _)| id)
                .collect();
            Some((
                format!("`{written}` names no body"),
                "not a defined body",
                suggest(bodies, "body id"),
            ))
        }
        Some(Kind::Clause) if !anchors.contains(r.target) => {
            let all = clause_anchors(anchors.charter);
            let hint = match closest(
                r.target,
                &all.iter().map(String::as_str).collect::<Vec<_>>(),
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
