//! The composition a body must keep, in plain words: at least so many voting members, a cap on any one
//! partner's seats, and the seats and part in the quorum of each named group of members. Each sentence is
//! written only for a term the charter states.

use super::{Builder, and_list, label_of};
use crate::md;
use crate::model::{Body, Composition, Constituency, Lookup, number_words};
use crate::render::anchors;
use crate::render::markdown::{Md, join, text};

/// The body's composition clause, when its charter states a composition.
pub(super) fn clause(ids: &Lookup<'_>, body: &Body, b: &mut Builder) {
    let Some(comp) = &body.composition else {
        return;
    };
    b.clause(
        anchors::body_part(&body.id, "composition"),
        Md::raw("Composition"),
        sentences(ids, comp),
    );
}

/// "The body has at least five voting members. No partner holds more than two of its voting seats. At
/// least one of its voting seats is held by lay members (…)."
fn sentences(ids: &Lookup<'_>, comp: &Composition) -> Md {
    let mut out: Vec<Md> = Vec::new();
    if let Some(n) = comp.min_members {
        let members = if n == 1 { "member" } else { "members" };
        out.push(md!(
            "The body has at least {} voting {members}.",
            number_words(n)
        ));
    }
    if let Some(cap) = comp.affiliation_cap {
        out.push(md!("No partner holds more than {}.", cap.phrase()));
    }
    for con in &comp.constituencies {
        let held = if con.min == 1 {
            "of its voting seats is"
        } else {
            "of its voting seats are"
        };
        out.push(md!(
            "At least {} {held} held by {} ({}).",
            number_words(con.min),
            text(&con.name),
            selection(ids, con)
        ));
    }
    join(&out, " ")
}

/// Who belongs to a group: "members with the role "lay member"", "members from Northfield", or both.
fn selection(ids: &Lookup<'_>, con: &Constituency) -> Md {
    let roles: Vec<Md> = con.roles.iter().map(|r| md!("\"{}\"", text(r))).collect();
    let partners: Vec<Md> = con.partners.iter().map(|p| label_of(ids, p)).collect();
    match (roles.is_empty(), partners.is_empty()) {
        (false, true) => md!("members with the role {}", or_list(&roles)),
        (true, false) => md!("members from {}", or_list(&partners)),
        _ => md!(
            "members with the role {}, or from {}",
            or_list(&roles),
            or_list(&partners)
        ),
    }
}

/// What a quorum must include, after "A quorum is …": ", including at least one of the lay members";
/// nothing where no group has a part in the quorum.
pub(super) fn quorum_part(body: &Body) -> Md {
    let parts: Vec<Md> = body
        .composition
        .iter()
        .flat_map(|c| &c.constituencies)
        .filter_map(|con| {
            con.quorum
                .map(|q| md!("at least {} of the {}", number_words(q), text(&con.name)))
        })
        .collect();
    if parts.is_empty() {
        Md::default()
    } else {
        md!(", including {}", and_list(&parts))
    }
}

fn or_list(items: &[Md]) -> Md {
    match items {
        [] => Md::default(),
        [one] => one.clone(),
        [init @ .., last] => md!("{} or {last}", join(init, ", ")),
    }
}
