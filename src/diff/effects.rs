//! What an amendment does, beyond the words it changes: worked out from the two validated charters, not
//! from their text. The quorum of each body in voting members, the signature blocks, the accountability
//! checklist (items added, removed or re-timed), the warnings of `charter check` (new or resolved) and the
//! coverage of the governance areas.

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::coverage;
use crate::diagnostic::Diagnostic;
use crate::model::{Charter, Lookup};
use crate::render::anchors::ClauseRef;
use crate::render::checklist::Group;
use crate::render::markdown::Md;
use crate::validate::Valid;

/// What one version implies, for comparison with another.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    /// Each body's quorum: id, name, members required, voting seats.
    quorums: Vec<(String, String, u64, u32)>,
    /// The partners who sign: id and legal name.
    signatures: Vec<(String, String)>,
    /// The checklist items: key, owner, action, when, anchor, clause number.
    checklist: Vec<Task>,
    /// The warnings of the check: code and message.
    warnings: Vec<(String, String)>,
    /// Each governance area's coverage: title and status.
    coverage: Vec<(&'static str, coverage::Status)>,
}

/// A checklist item as its document writes it: its words stay Markdown until an effect reports them,
/// since a large charter has thousands of items and an amendment touches a few.
#[derive(Debug, Clone)]
struct Task {
    key: String,
    owner: Md,
    action: Md,
    when: Md,
    anchor: String,
    number: String,
}

impl Task {
    /// Whether the item falls due at another time in words: Markdown that is the same reads the same,
    /// so only different Markdown is made plain to compare.
    fn retimed(&self, other: &Task) -> bool {
        self.when != other.when && self.when.plain() != other.when.plain()
    }

    /// "Owner: action (when)", in plain words.
    fn line(&self) -> String {
        format!(
            "{}: {} ({})",
            self.owner.plain(),
            self.action.plain(),
            self.when.plain()
        )
    }
}

impl Derived {
    /// A charter's accountability checklist derived from its clause numbers by anchor (as
    /// [`crate::render::document::clause_numbers`] gives them), without laying out the document.
    #[must_use]
    pub fn checklist(
        charter: &Valid<Charter>,
        clauses: &std::collections::BTreeMap<String, String>,
    ) -> Vec<Group> {
        let refs: FxHashMap<String, ClauseRef> = clauses
            .iter()
            .map(|(anchor, number)| {
                let r = ClauseRef {
                    number: number.clone(),
                    anchor: anchor.clone(),
                };
                (anchor.clone(), r)
            })
            .collect();
        crate::render::checklist::derive(&Lookup::new(charter), &refs)
    }

    /// What a valid charter implies; `checklist` is its accountability checklist and `diagnostics` what
    /// its check found (the warnings are kept).
    #[must_use]
    pub fn of<'g>(
        charter: &Valid<Charter>,
        checklist: impl IntoIterator<Item = &'g Group>,
        diagnostics: &[Diagnostic],
    ) -> Self {
        let c: &Charter = charter;
        let ids = Lookup::new(c);
        let quorums = c
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let seats = ids.voting_seats(i);
                (
                    b.id.clone(),
                    b.name.clone(),
                    b.quorum.required(seats),
                    seats,
                )
            })
            .collect();
        let signatures = c
            .partners
            .iter()
            .filter(|p| p.withdrawn.is_none() && p.signatory.is_some())
            .map(|p| (p.id.clone(), p.legal_name.clone()))
            .collect();
        let checklist = checklist
            .into_iter()
            .flat_map(|g| {
                g.items.iter().map(|i| Task {
                    key: format!("{}/{}", g.owner_id, i.key),
                    owner: g.owner.clone(),
                    action: i.action.clone(),
                    when: i.when.clone(),
                    anchor: i.clause.anchor.clone(),
                    number: i.clause.number.clone(),
                })
            })
            .collect();
        let warnings = diagnostics
            .iter()
            .filter(|d| d.rule.code.starts_with('W'))
            .map(|d| (d.rule.code.to_owned(), d.message.clone()))
            .collect();
        let coverage = coverage::coverage(c)
            .areas
            .into_iter()
            .map(|a| (a.title, a.status))
            .collect();
        Derived {
            quorums,
            signatures,
            checklist,
            warnings,
            coverage,
        }
    }
}

/// One effect of the amendment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Effect {
    /// What it is about: "Quorum", "Signatures", "Checklist", "Warnings", "Coverage".
    pub area: &'static str,
    /// What it does, in words.
    pub text: String,
    /// The anchor of the clause it concerns, when there is one.
    pub anchor: Option<String>,
    /// That clause's number.
    pub clause: Option<String>,
}

impl Effect {
    /// The clause it concerns, as the text and Word reports cite it after the effect: ` (§5.1)`, or nothing.
    #[must_use]
    pub fn cited(&self) -> String {
        self.clause
            .as_ref()
            .map(|c| format!(" (§{c})"))
            .unwrap_or_default()
    }
}

fn effect(area: &'static str, text: String, at: Option<(&str, &str)>) -> Effect {
    Effect {
        area,
        text,
        anchor: at.map(|(a, _)| a.to_owned()),
        clause: at.map(|(_, n)| n.to_owned()),
    }
}

/// The effects of going from `old` to `new`; `clauses` are the new document's clause numbers by anchor.
#[must_use]
pub fn compare(
    old: &Derived,
    new: &Derived,
    clauses: &std::collections::BTreeMap<String, String>,
) -> Vec<Effect> {
    let mut out = Vec::new();
    quorums(old, new, clauses, &mut out);
    signatures(old, new, clauses, &mut out);
    checklist(old, new, &mut out);
    warnings(old, new, &mut out);
    for ((title, before), (_, after)) in old.coverage.iter().zip(&new.coverage) {
        if before != after {
            let text = format!("{title}: {} → {}", before.as_str(), after.as_str());
            out.push(effect("Coverage", text, None));
        }
    }
    out
}

fn quorums(
    old: &Derived,
    new: &Derived,
    clauses: &std::collections::BTreeMap<String, String>,
    out: &mut Vec<Effect>,
) {
    let before: FxHashMap<&str, (u64, u32)> = old
        .quorums
        .iter()
        .map(|(id, _, q, s)| (id.as_str(), (*q, *s)))
        .collect();
    for (id, name, q, s) in &new.quorums {
        let Some(&(oq, os)) = before.get(id.as_str()) else {
            continue;
        };
        if (oq, os) != (*q, *s) {
            let anchor = format!("body-{id}--quorum");
            let at = clauses.get(&anchor).map(|n| (anchor.as_str(), n.as_str()));
            let text = format!("{name}: {oq} of {os} → {q} of {s} voting seats");
            out.push(effect("Quorum", text, at));
        }
    }
}

fn signatures(
    old: &Derived,
    new: &Derived,
    clauses: &std::collections::BTreeMap<String, String>,
    out: &mut Vec<Effect>,
) {
    let has = |list: &[(String, String)], id: &str| list.iter().any(|(i, _)| i == id);
    for (id, name) in &old.signatures {
        if !has(&new.signatures, id) {
            out.push(effect(
                "Signatures",
                format!("no longer signed for {name}"),
                None,
            ));
        }
    }
    for (id, name) in &new.signatures {
        if !has(&old.signatures, id) {
            let anchor = format!("sign-{id}");
            let at = clauses
                .get("signatures")
                .map(|n| (anchor.as_str(), n.as_str()));
            out.push(effect(
                "Signatures",
                format!("also to be signed for {name}"),
                at,
            ));
        }
    }
}

fn checklist(old: &Derived, new: &Derived, out: &mut Vec<Effect>) {
    let before: FxHashMap<&str, &Task> =
        old.checklist.iter().map(|t| (t.key.as_str(), t)).collect();
    let after: FxHashMap<&str, &Task> = new.checklist.iter().map(|t| (t.key.as_str(), t)).collect();
    let at = |t: &Task| (t.anchor.clone(), t.number.clone());
    let mut push = |text: String, t: &Task, anchored: bool| {
        let (a, n) = at(t);
        out.push(Effect {
            area: "Checklist",
            text,
            anchor: anchored.then_some(a),
            clause: anchored.then_some(n),
        });
    };
    for t in &old.checklist {
        if !after.contains_key(t.key.as_str()) {
            push(format!("{}: removed", t.line()), t, false);
        }
    }
    for t in &new.checklist {
        match before.get(t.key.as_str()) {
            None => push(format!("{}: added", t.line()), t, true),
            Some(o) if o.retimed(t) => push(
                format!(
                    "{}: {}: re-timed, {} → {}",
                    t.owner.plain(),
                    t.action.plain(),
                    o.when.plain(),
                    t.when.plain()
                ),
                t,
                true,
            ),
            Some(_) => {}
        }
    }
}

fn warnings(old: &Derived, new: &Derived, out: &mut Vec<Effect>) {
    for w in &new.warnings {
        if !old.warnings.contains(w) {
            out.push(effect(
                "Warnings",
                format!("new warning {}: {}", w.0, w.1),
                None,
            ));
        }
    }
    for w in &old.warnings {
        if !new.warnings.contains(w) {
            out.push(effect(
                "Warnings",
                format!("resolved warning {}: {}", w.0, w.1),
                None,
            ));
        }
    }
}
