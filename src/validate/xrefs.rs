//! Cross-references in free text (`[[partner:ID]]`, `[[body:ID]]`, `[[clause:ANCHOR]]`) must name
//! something that exists. Every text value in the file is scanned, and a broken reference is reported at
//! its exact place inside the string.
//!
//! Imports the model, the rule catalogue, the reference syntax (`xref`), the document's outline (the
//! anchors a clause reference may name) and the validation context (`super`).

use std::collections::BTreeSet;

use rustc_hash::FxHashSet;
use std::ops::Range;

use super::{Annotate, Ctx, quoted};
use crate::model::{Actor, Charter, Lookup};
use crate::outline;
use crate::rules;
use crate::suggest::closest;
use crate::xref::{self, CLAUSE_PREFIXES, Kind, Reference};

/// The anchors `[[clause:…]]` may name: every anchor of the rendered document (see [`crate::outline`]).
#[must_use]
pub fn clause_anchors(c: &Charter) -> BTreeSet<String> {
    outline::anchors(c).into_iter().map(|a| a.id).collect()
}

/// The anchors of a charter, for membership tests, built on the first clause reference: most charters
/// have far more items than clause references, and many have none.
struct Anchors<'c> {
    charter: &'c Charter,
    ids: FxHashSet<String>,
}

impl<'c> Anchors<'c> {
    fn new(charter: &'c Charter) -> Self {
        let ids = outline::anchors(charter)
            .into_iter()
            .map(|a| a.id)
            .collect();
        Anchors { charter, ids }
    }

    /// Whether a reference names an anchor of the document, as written or in an older spelling.
    fn contains(&self, target: &str) -> bool {
        xref::resolve_anchor(target, |a| self.ids.contains(a)).is_some()
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
            let Some(p) = problem(&r, index, anchors) else {
                continue;
            };
            let at = locate(raw, &r.written(), &mut from)
                .map_or(span.clone(), |o| span.start + o.start..span.start + o.end);
            let d = ctx.at_span(&rules::BROKEN_CROSS_REFERENCE, at, p.message);
            d.with(p.label, p.hint);
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

/// What is wrong with a reference, as reported.
struct Problem {
    message: String,
    label: String,
    hint: String,
}

/// What is wrong with a reference, by its kind; `None` when it names something that exists.
fn problem(r: &Reference<'_>, index: &Lookup<'_>, anchors: &Anchors<'_>) -> Option<Problem> {
    match r.kind {
        None => Some(Problem {
            message: format!(
                "`{}` is not a kind of reference the format knows",
                r.written()
            ),
            label: "unknown kind of reference".to_owned(),
            hint: "write `[[partner:ID]]`, `[[body:ID]]` or `[[clause:ANCHOR]]`".to_owned(),
        }),
        Some(Kind::Partner) if index.partner(r.target).is_none() => {
            Some(undefined_actor(r, index, "partner", |a| {
                matches!(a, Actor::Partner(_))
            }))
        }
        Some(Kind::Body) if index.body(r.target).is_none() => {
            Some(undefined_actor(r, index, "body", |a| {
                matches!(a, Actor::Body(_))
            }))
        }
        Some(Kind::Clause) if !anchors.contains(r.target) => Some(undefined_clause(r, anchors)),
        Some(_) => None,
    }
}

/// A `[[partner:…]]` or `[[body:…]]` that names no `noun`: the ids of that kind are suggested.
fn undefined_actor(
    r: &Reference<'_>,
    index: &Lookup<'_>,
    noun: &str,
    of_kind: fn(&Actor) -> bool,
) -> Problem {
    let candidates: Vec<&str> = index
        .actor_ids()
        .into_iter()
        .filter(|(_, a)| of_kind(a))
        .map(|(id, _)| id)
        .collect();
    let hint = match closest(r.target, &candidates) {
        Some(best) => format!("did you mean \"{best}\"?"),
        None if candidates.is_empty() => format!("no {noun} id is defined yet"),
        None => format!("the {noun} ids are: {}", quoted(&candidates)),
    };
    Problem {
        message: format!("`{}` names no {noun}", r.written()),
        label: format!("not a defined {noun}"),
        hint,
    }
}

/// A `[[clause:…]]` that names no clause: the nearest anchor is suggested, or the form of one.
fn undefined_clause(r: &Reference<'_>, anchors: &Anchors<'_>) -> Problem {
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
    Problem {
        message: format!("`{}` names no clause", r.written()),
        label: "not a clause anchor".to_owned(),
        hint,
    }
}
