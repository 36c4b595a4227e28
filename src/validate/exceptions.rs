//! Accepted exceptions: warnings the partners reviewed and accept, each with a reason. An exception must
//! name a warning (never an error) and, when scoped with `at`, an item that exists; it silences the
//! matching findings, which are kept for the annex of the rendered charter; one that matches nothing is
//! reported, so that stale exceptions do not mislead a reviewer.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

use super::{Accepted, Annotate, Ctx};
use crate::load::Seg;
use crate::model::Charter;
use crate::path;
use crate::rules::{self, Rule, Severity};

/// An item an exception may be scoped to: the path of its array, its index there, and its id.
type Item<'c> = (&'static [&'static str], usize, &'c str);

/// Every item an exception may be scoped to.
fn items(c: &Charter) -> Vec<Item<'_>> {
    fn add<'c, T>(
        out: &mut Vec<Item<'c>>,
        prefix: &'static [&'static str],
        items: &'c [T],
        id: impl Fn(&T) -> &String,
    ) {
        out.extend(
            items
                .iter()
                .enumerate()
                .map(|(i, x)| (prefix, i, id(x).as_str())),
        );
    }
    let mut out = Vec::new();
    add(&mut out, &["partners"], &c.partners, |x| &x.id);
    add(&mut out, &["bodies"], &c.bodies, |x| &x.id);
    add(&mut out, &["decisions"], &c.decisions, |x| &x.id);
    add(&mut out, &["data_flows"], &c.data_flows, |x| &x.id);
    add(&mut out, &["phases"], &c.phases, |x| &x.id);
    add(&mut out, &["obligations"], &c.obligations, |x| &x.id);
    if let Some(ip) = &c.ip {
        add(&mut out, &["ip", "foreground"], &ip.foreground, |x| &x.id);
        add(&mut out, &["ip", "licences"], &ip.licences, |x| &x.id);
    }
    if let Some(coi) = &c.conflicts {
        add(&mut out, &["conflicts", "declared"], &coi.declared, |x| {
            &x.id
        });
    }
    out
}

/// The path of an item: `prefix[i]`.
fn path_of(prefix: &[&'static str], i: usize) -> Vec<Seg> {
    let mut path: Vec<Seg> = prefix.iter().map(|k| Seg::from(*k)).collect();
    path.push(Seg::from(i));
    path
}

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
    // Items by id, built once and only when an exception is scoped, so that scoping many exceptions
    // in a large charter stays linear.
    let scoped: FxHashSet<&str> = c
        .exceptions
        .iter()
        .filter_map(|e| e.at.as_deref())
        .collect();
    let items = if scoped.is_empty() {
        Vec::new()
    } else {
        items(c)
    };
    let mut by_id: FxHashMap<&str, Vec<(&[&'static str], usize)>> = FxHashMap::default();
    for (prefix, i, id) in items.iter().filter(|(_, _, id)| scoped.contains(id)) {
        by_id.entry(*id).or_default().push((prefix, *i));
    }
    let mut usable = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, e) in c.exceptions.iter().enumerate() {
        let Some(rule) = rules::find(&e.rule) else {
            let hint = match rules::suggest(&e.rule) {
                Some(r) => format!("did you mean \"{}\" ({})?", r.code, r.name),
                None => {
                    "write the code of a warning, such as \"W0409\"; `charter explain` lists them"
                        .to_owned()
                }
            };
            ctx.at(
                &rules::INVALID_EXCEPTION,
                path!["exceptions", i, "rule"],
                format!("no rule has the code \"{}\"", e.rule),
            )
            .with("unknown rule", hint);
            continue;
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
            continue;
        }
        if std::ptr::eq(rule, &rules::UNUSED_EXCEPTION) {
            ctx.at(
                &rules::INVALID_EXCEPTION,
                path!["exceptions", i, "rule"],
                "an exception cannot accept unused exceptions",
            )
            .with("circular", "remove the unused exception instead");
            continue;
        }
        let scope = match &e.at {
            None => None,
            Some(at) => {
                let spans: Vec<Range<usize>> = by_id
                    .get(at.as_str())
                    .into_iter()
                    .flatten()
                    .map(|(prefix, i)| ctx.spans.extent_of(&path_of(prefix, *i)))
                    .collect();
                if spans.is_empty() {
                    let ids: Vec<&str> = items.iter().map(|(_, _, id)| *id).collect();
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
                    continue;
                }
                Some(spans)
            }
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
            continue;
        }
        usable.push(Usable {
            index: i,
            rule,
            scope,
        });
    }
    // The usable exceptions of each rule, in order, so that each warning looks only at its own rule's.
    let mut by_rule: FxHashMap<&str, Vec<&Usable>> = FxHashMap::default();
    for u in &usable {
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
    for u in usable.iter().filter(|u| !used.contains(&u.index)) {
        let e = &c.exceptions[u.index];
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
    accepted
}
