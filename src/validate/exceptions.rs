//! Accepted exceptions: warnings the partners reviewed and accept, each with a reason. An exception must
//! name a warning (never an error) and, when scoped with `at`, an item that exists; it silences the
//! matching findings, which are kept for the annex of the rendered charter; one that matches nothing is
//! reported, so that stale exceptions do not mislead a reviewer.
//!
//! Runs after every other rule, on their findings. Imports the model, the rule catalogue, the table of
//! items with ids (`items`) and the validation context (`super`).

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

use super::{Accepted, Annotate, Ctx, items};
use crate::load::Seg;
use crate::model::{Charter, Exception};
use crate::path;
use crate::rules::{self, Rule, Severity};

/// An exception that passed its own checks: the rule it accepts and where.
struct Usable {
    index: usize,
    rule: &'static Rule,
    /// Byte spans of the items it is scoped to; `None` accepts the rule anywhere.
    scope: Option<Vec<Range<usize>>>,
}

/// Checks the exceptions, then moves every warning they accept out of the diagnostics. Returns the
/// accepted findings, in the order of the diagnostics.
pub(super) fn apply(c: &Charter, ctx: &mut Ctx<'_, '_>) -> Vec<Accepted> {
    let scopes = Scopes::new(c);
    let mut seen = BTreeSet::new();
    let usable: Vec<Usable> = c
        .exceptions
        .iter()
        .enumerate()
        .filter_map(|(i, e)| usable(i, e, &scopes, &mut seen, ctx))
        .collect();
    let (accepted, used) = silence(&usable, ctx);
    for u in usable.iter().filter(|u| !used.contains(&u.index)) {
        unused(u, &c.exceptions[u.index], ctx);
    }
    accepted
}

/// The items exceptions are scoped to, by id.
struct Scopes<'c> {
    /// Every item with an id: the path of its array, its index there, and its id.
    items: Vec<(&'static [&'static str], usize, &'c str)>,
    /// The items some exception is scoped to, by id.
    by_id: FxHashMap<&'c str, Vec<(&'static [&'static str], usize)>>,
}

impl<'c> Scopes<'c> {
    /// Built once and only when an exception is scoped, so that scoping many exceptions in a large
    /// charter stays linear.
    fn new(c: &'c Charter) -> Self {
        let scoped: FxHashSet<&str> = c
            .exceptions
            .iter()
            .filter_map(|e| e.at.as_deref())
            .collect();
        let items: Vec<_> = if scoped.is_empty() {
            Vec::new()
        } else {
            items::kinds(c)
                .into_iter()
                .flat_map(|k| {
                    k.ids
                        .into_iter()
                        .enumerate()
                        .map(move |(i, id)| (k.path, i, id))
                })
                .collect()
        };
        let mut by_id: FxHashMap<&str, Vec<_>> = FxHashMap::default();
        for (prefix, i, id) in items.iter().filter(|(_, _, id)| scoped.contains(id)) {
            by_id.entry(*id).or_default().push((*prefix, *i));
        }
        Scopes { items, by_id }
    }

    /// The byte spans of the items with the id `at`; when there are none, reports the `at` of exception `i`
    /// and returns `None`.
    fn spans(&self, i: usize, at: &str, ctx: &mut Ctx<'_, '_>) -> Option<Vec<Range<usize>>> {
        let spans: Vec<Range<usize>> = self
            .by_id
            .get(at)
            .into_iter()
            .flatten()
            .map(|(prefix, i)| ctx.spans.extent_of(&path_of(prefix, *i)))
            .collect();
        if !spans.is_empty() {
            return Some(spans);
        }
        let ids: Vec<&str> = self.items.iter().map(|(_, _, id)| *id).collect();
        let hint = match crate::suggest::closest(at, &ids) {
            Some(best) => format!("did you mean \"{best}\"?"),
            None => "write the id of a partner, body, decision, data flow, phase, obligation, IP category, licence or declared conflict, or remove `at`".to_owned(),
        };
        ctx.at(
            &rules::INVALID_EXCEPTION,
            path!["exceptions", i, "at"],
            format!("no item has the id \"{at}\""),
        )
        .with("not a defined item", hint);
        None
    }
}

/// The path of an item: `prefix[i]`.
fn path_of(prefix: &[&'static str], i: usize) -> Vec<Seg> {
    let mut path: Vec<Seg> = prefix.iter().map(|k| Seg::from(*k)).collect();
    path.push(Seg::from(i));
    path
}

/// Exception `i`, when it names a warning, an item that exists, and a scope no earlier exception took;
/// otherwise reports why it cannot be used.
fn usable<'c>(
    i: usize,
    e: &'c Exception,
    scopes: &Scopes<'_>,
    seen: &mut BTreeSet<(&'static str, Option<&'c str>)>,
    ctx: &mut Ctx<'_, '_>,
) -> Option<Usable> {
    let rule = warning(i, e, ctx)?;
    let scope = match &e.at {
        None => None,
        Some(at) => Some(scopes.spans(i, at, ctx)?),
    };
    if !seen.insert((rule.code, e.at.as_deref())) {
        ctx.at(
            &rules::INVALID_EXCEPTION,
            path!["exceptions", i, "rule"],
            format!("{} is excepted twice for the same scope", rule.code),
        )
        .with(
            "duplicate exception",
            "merge the reasons into one exception",
        );
        return None;
    }
    Some(Usable {
        index: i,
        rule,
        scope,
    })
}

/// The rule exception `i` accepts, when it is a warning other than unused exceptions; otherwise reports
/// why not.
fn warning(i: usize, e: &Exception, ctx: &mut Ctx<'_, '_>) -> Option<&'static Rule> {
    let Some(rule) = rules::find(&e.rule) else {
        let hint = match rules::suggest(&e.rule) {
            Some(r) => format!("did you mean \"{}\" ({})?", r.code, r.name),
            None => "write the code of a warning, such as \"W0409\"; `charter explain` lists them"
                .to_owned(),
        };
        ctx.at(
            &rules::INVALID_EXCEPTION,
            path!["exceptions", i, "rule"],
            format!("no rule has the code \"{}\"", e.rule),
        )
        .with("unknown rule", hint);
        return None;
    };
    if rule.severity == Severity::Error {
        ctx.at(
            &rules::INVALID_EXCEPTION,
            path!["exceptions", i, "rule"],
            format!(
                "{} ({}) is an error, and errors cannot be excepted",
                rule.code, rule.name
            ),
        )
        .with(
            "an error",
            format!(
                "fix what {} finds; `charter explain {}` says how",
                rule.code, rule.code
            ),
        );
        return None;
    }
    if std::ptr::eq(rule, &rules::UNUSED_EXCEPTION) {
        ctx.at(
            &rules::INVALID_EXCEPTION,
            path!["exceptions", i, "rule"],
            "an exception cannot accept unused exceptions",
        )
        .with("circular", "remove the unused exception instead");
        return None;
    }
    Some(rule)
}

/// Moves every warning a usable exception accepts out of the diagnostics: the first exception of its rule
/// whose scope holds it takes it. Returns the accepted findings and the indices of the exceptions used.
fn silence(usable: &[Usable], ctx: &mut Ctx<'_, '_>) -> (Vec<Accepted>, BTreeSet<usize>) {
    // The usable exceptions of each rule, in order, so that each warning looks only at its own rule's.
    let mut by_rule: FxHashMap<&str, Vec<&Usable>> = FxHashMap::default();
    for u in usable {
        by_rule.entry(u.rule.code).or_default().push(u);
    }
    let mut accepted = Vec::new();
    let mut used = BTreeSet::new();
    ctx.out.retain(|d| {
        if d.is_error() {
            return true;
        }
        let candidates = by_rule.get(d.rule.code).map_or(&[][..], Vec::as_slice);
        let by = candidates.iter().find(|u| {
            std::ptr::eq(u.rule, d.rule)
                && u.scope.as_ref().is_none_or(|spans| {
                    spans
                        .iter()
                        .any(|s| s.start <= d.span.start && d.span.end <= s.end)
                })
        });
        match by {
            Some(u) => {
                used.insert(u.index);
                accepted.push(Accepted {
                    exception: u.index,
                    rule: d.rule,
                    message: d.message.clone(),
                });
                false
            }
            None => true,
        }
    });
    (accepted, used)
}

/// Reports an exception that accepted nothing.
fn unused(u: &Usable, e: &Exception, ctx: &mut Ctx<'_, '_>) {
    let scope =
        e.at.as_ref()
            .map(|at| format!(" at \"{at}\""))
            .unwrap_or_default();
    ctx.at(
        &rules::UNUSED_EXCEPTION,
        path!["exceptions", u.index],
        format!(
            "the exception for {}{scope} accepts nothing: the charter has no such finding",
            u.rule.code
        ),
    )
    .with(
        "accepts nothing",
        "remove the exception, or correct its `rule` or `at`",
    );
}
