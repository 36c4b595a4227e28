//! Accepted exceptions: warnings the partners reviewed and accept, each with a reason. An exception must
//! name a warning (never an error) and, when scoped with `at`, an item that exists; it silences the
//! matching findings, which are kept for the annex of the rendered charter; one that matches nothing is
//! reported, so that stale exceptions do not mislead a reviewer.

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Accepted, Annotate, Ctx};
use crate::load::Seg;
use crate::model::Charter;
use crate::path;
use crate::rules::{self, Rule, Severity};

/// Every item an exception may be scoped to: its section path and id.
fn items(c: &Charter) -> Vec<(Vec<Seg>, &str)> {
    fn add<'c>(
        out: &mut Vec<(Vec<Seg>, &'c str)>,
        prefix: &[&'static str],
        ids: impl Iterator<Item = &'c str>,
    ) {
        for (i, id) in ids.enumerate() {
            let mut path: Vec<Seg> = prefix.iter().map(|k| Seg::from(*k)).collect();
            path.push(Seg::from(i));
            out.push((path, id));
        }
    }
    let mut out = Vec::new();
    add(
        &mut out,
        &["partners"],
        c.partners.iter().map(|x| x.id.as_str()),
    );
    add(
        &mut out,
        &["bodies"],
        c.bodies.iter().map(|x| x.id.as_str()),
    );
    add(
        &mut out,
        &["decisions"],
        c.decisions.iter().map(|x| x.id.as_str()),
    );
    add(
        &mut out,
        &["data_flows"],
        c.data_flows.iter().map(|x| x.id.as_str()),
    );
    add(
        &mut out,
        &["phases"],
        c.phases.iter().map(|x| x.id.as_str()),
    );
    add(
        &mut out,
        &["obligations"],
        c.obligations.iter().map(|x| x.id.as_str()),
    );
    if let Some(ip) = &c.ip {
        add(
            &mut out,
            &["ip", "foreground"],
            ip.foreground.iter().map(|x| x.id.as_str()),
        );
        add(
            &mut out,
            &["ip", "licences"],
            ip.licences.iter().map(|x| x.id.as_str()),
        );
    }
    if let Some(coi) = &c.conflicts {
        add(
            &mut out,
            &["conflicts", "declared"],
            coi.declared.iter().map(|x| x.id.as_str()),
        );
    }
    out
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
    let items = items(c);
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
                let spans: Vec<Range<usize>> = items
                    .iter()
                    .filter(|(_, id)| id == at)
                    .map(|(path, _)| ctx.spans.extent_of(path))
                    .collect();
                if spans.is_empty() {
                    let ids: Vec<&str> = items.iter().map(|(_, id)| *id).collect();
                    let hint = match crate::load::closest(at, &ids) {
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
    let mut accepted = Vec::new();
    let mut used = BTreeSet::new();
    ctx.out.retain(|d| {
        if d.is_error() {
            return true;
        }
        let by = usable.iter().find(|u| {
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
