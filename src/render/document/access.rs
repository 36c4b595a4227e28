//! Data access governance in plain words: who may apply, the decision on each request, the secure
//! environment, the decision on each output, an embargo, and the controllers and processors of the
//! data. Each sentence is written only for a term the charter states.

use super::{Builder, and_list, capitalised, decision_link, name_of};
use crate::md;
use crate::model::{Applicant, DataAccess, Lookup};
use crate::render::markdown::{Md, join, text};

/// The clause "Access to the data", when the charter states `[data_access]`.
pub(super) fn clause(ids: &Lookup<'_>, b: &mut Builder) {
    let Some(a) = &ids.charter().data_access else {
        return;
    };
    b.clause(
        "data-access",
        Md::raw("Access to the data"),
        sentences(ids, a),
    );
}

fn sentences(ids: &Lookup<'_>, a: &DataAccess) -> Md {
    let mut out: Vec<Md> = Vec::new();
    if let Some(who) = applicants(&a.applicants) {
        out.push(md!("{who} may apply for access to the data."));
    }
    if let Some(agreement) = &a.applicant_agreement {
        out.push(md!(
            "An applicant who is not a partner signs {} before access.",
            text(agreement)
        ));
    }
    if let Some(d) = &a.requests {
        out.push(md!("Each request is decided by {}.", by(ids, d)));
    }
    if let Some(env) = &a.environment {
        let operated = env
            .operator
            .as_ref()
            .map(|p| md!(", which {} operates", name_of(ids, p)))
            .unwrap_or_default();
        out.push(md!(
            "Approved researchers use the data only inside {}{operated}.",
            text(&env.name)
        ));
    }
    if let Some(d) = &a.outputs {
        let leaves = if a.environment.is_some() {
            "leaves the environment"
        } else {
            "is released"
        };
        out.push(md!(
            "No output {leaves} until it is approved by {}.",
            by(ids, d)
        ));
    }
    if let Some(embargo) = a.embargo {
        out.push(md!(
            "An output approved for release is not published until {embargo} after its approval."
        ));
    }
    if !a.controllers.is_empty() {
        let (verb, role) = if a.controllers.len() == 1 {
            ("is", "the controller")
        } else {
            ("are", "the controllers")
        };
        out.push(md!(
            "{} {verb} {role} of the data.",
            capitalised(&partners(ids, &a.controllers))
        ));
    }
    if !a.processors.is_empty() {
        let (verb, role) = if a.processors.len() == 1 {
            ("processes", "a processor")
        } else {
            ("process", "processors")
        };
        let behalf = if a.controllers.is_empty() {
            Md::raw("a controller's")
        } else {
            md!("{}'s", partners(ids, &a.controllers))
        };
        out.push(md!(
            "{} {verb} it only on {behalf} documented instructions, as {role}.",
            capitalised(&partners(ids, &a.processors))
        ));
    }
    join(&out, " ")
}

/// "Researchers of the partners, and researchers who are not partners"; none for no applicants.
fn applicants(list: &[Applicant]) -> Option<Md> {
    let words: Vec<Md> = [Applicant::Partners, Applicant::NonPartners]
        .into_iter()
        .filter(|a| list.contains(a))
        .map(|a| {
            Md::raw(match a {
                Applicant::Partners => "researchers of the partners",
                Applicant::NonPartners => "researchers who are not partners",
            })
        })
        .collect();
    (!words.is_empty()).then(|| capitalised(&and_list(&words)))
}

/// The body that takes a decision, and the decision's row in the matrix: "the Data Access Committee
/// (see "Approve the release of an output")".
fn by(ids: &Lookup<'_>, id: &str) -> Md {
    let body = ids
        .decision(id)
        .map(|k| name_of(ids, &ids.charter().decisions[k].body))
        .unwrap_or_default();
    md!("{body} (see \"{}\")", decision_link(ids, id))
}

fn partners(ids: &Lookup<'_>, list: &[String]) -> Md {
    let names: Vec<Md> = list.iter().map(|p| name_of(ids, p)).collect();
    and_list(&names)
}
