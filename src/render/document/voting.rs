//! The forms of decision beside a plain vote, in plain words: consensus first with a vote if it fails,
//! lazy consensus, and votes recorded by name. Each sentence is written only for a term the charter
//! states.

use super::{Builder, decision_link};
use crate::md;
use crate::model::{Decision, DecisionRule, Lookup};
use crate::render::markdown::Md;

/// How one decision is taken, after its name and a colon; none for a plain vote not recorded by name
/// (the decision table says all there is).
fn form(ids: &Lookup<'_>, d: &Decision) -> Option<Md> {
    let how = match d.rule {
        DecisionRule::Vote(_) => None,
        DecisionRule::ConsensusThen(v) => Some(format!(
            "the members first seek consensus; if a member formally objects, the matter is put to a vote and passes with {}.",
            v.phrase()
        )),
        DecisionRule::LazyConsensus(Some(p)) => Some(format!(
            "a proposal passes unless a member objects within {p}; silence within that time is consent."
        )),
        // E0454 reports lazy consensus with no window, so a valid charter never reaches this.
        DecisionRule::LazyConsensus(None) => {
            Some("a proposal passes unless a member objects.".to_owned())
        }
    };
    let recorded = ids
        .charter()
        .records_own_roll_call(d)
        .then_some("each member's vote is recorded by name in the minutes.");
    let mut sentence = match (how, recorded) {
        (None, None) => String::new(),
        (Some(how), None) => how,
        (None, Some(recorded)) => recorded.to_owned(),
        (Some(how), Some(_)) => {
            format!("{how} Each member's vote is recorded by name in the minutes.")
        }
    };
    if let Some(p) = d.approval_lasts {
        let lapses = format!(
            "each approval lasts {p}, and lapses unless the body renews it before it ends."
        );
        sentence = if sentence.is_empty() {
            lapses
        } else {
            format!("{sentence} E{}", &lapses[1..])
        };
    }
    if sentence.is_empty() {
        return None;
    }
    Some(md!("{}: {sentence}", decision_link(ids, &d.id)))
}

/// The clause after the decision table that says how the decisions taken in another form than a plain
/// vote are taken, and whose votes are recorded by name; no clause where none is.
pub(super) fn decision_forms(ids: &Lookup<'_>, b: &mut Builder) {
    let items: Vec<Md> = ids
        .charter()
        .decisions
        .iter()
        .filter_map(|d| form(ids, d))
        .collect();
    if items.is_empty() {
        return;
    }
    b.clause(
        "decision-forms",
        Md::raw("How these decisions are taken"),
        Md::raw("These decisions are taken as follows:"),
    )
    .items = items;
}

/// The sentence on a body's meetings that records each vote by name, with a leading space; empty unless
/// the charter says so.
pub(super) fn roll_call(recorded: bool) -> &'static str {
    if recorded {
        " Each vote at its meetings is recorded in the minutes with the name of each member and how they voted."
    } else {
        ""
    }
}
