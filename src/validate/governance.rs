//! Rules on governance bodies and the decision matrix.

use std::collections::BTreeSet;

use super::{Annotate, Ctx, Index};
use crate::model::{Authority, Body, Charter};
use crate::path;
use crate::rules;

/// The number of voting seats on a body. A member's seats vote unless the member or its partner says not.
#[must_use]
pub fn voting_seats(body: &Body, charter: &Charter) -> u32 {
    body.members
        .iter()
        .filter(|m| charter.member_votes(m))
        .map(|m| m.seats)
        .sum()
}

pub(super) fn check(c: &Charter, index: &Index<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, body) in c.bodies.iter().enumerate() {
        let seats = voting_seats(body, c);
        if seats == 0 {
            ctx.at(&rules::BODY_WITHOUT_VOTING_SEATS, path!["bodies", i, "members"], format!("no member of \"{}\" has a vote", body.name))
                .with("no voting seats", "give at least one member `voting = true`; a body without votes cannot decide anything");
        } else {
            let needed = body.quorum.required(seats);
            if needed > u64::from(seats) {
                ctx.at(
                    &rules::QUORUM_EXCEEDS_MEMBERS,
                    path!["bodies", i, "quorum"],
                    format!("the quorum of \"{}\" is {needed}, but the body has only {seats} voting seats", body.name),
                )
                .with(
                    format!("{needed} > {seats} voting seats"),
                    format!("lower the quorum to at most {seats}, or write a fraction such as \"2/3\" or \"majority\" that grows with the body"),
                );
            }
        }
        let mut seen = BTreeSet::new();
        for (j, m) in body.members.iter().enumerate() {
            match (&m.partner, &m.person) {
                (None, None) => {
                    ctx.at(
                        &rules::MEMBER_WITHOUT_IDENTITY,
                        path!["bodies", i, "members", j],
                        "this member has neither a partner nor a person",
                    )
                    .with(
                        "who holds this seat?",
                        "add `partner = \"<partner id>\"`, `person = \"<full name>\"`, or both",
                    );
                }
                (Some(p), None) if !seen.insert(p.as_str()) => {
                    ctx.at(
                        &rules::DUPLICATE_MEMBERSHIP,
                        path!["bodies", i, "members", j, "partner"],
                        format!("\"{p}\" is listed twice on \"{}\"", body.name),
                    )
                    .with(
                        "second entry for this partner",
                        "merge the entries into one with `seats = 2` (or more)",
                    );
                }
                _ => {}
            }
        }
        match (&body.chair.partner, &body.chair.person) {
            (None, None) => {
                ctx.at(
                    &rules::MEMBER_WITHOUT_IDENTITY,
                    path!["bodies", i, "chair"],
                    format!(
                        "the chair of \"{}\" names neither a partner nor a person",
                        body.name
                    ),
                )
                .with(
                    "who chairs?",
                    "add `partner = \"<partner id>\"` or `person = \"<full name>\"` to the chair",
                );
            }
            (Some(p), _)
                if index.partner(p).is_some()
                    && !body.members.iter().any(|m| m.partner.as_ref() == Some(p)) =>
            {
                ctx.at(&rules::CHAIR_NOT_MEMBER, path!["bodies", i, "chair", "partner"], format!("\"{p}\" chairs \"{}\" but holds no seat on it", body.name))
                    .with("not a member of this body", format!("add `{{ partner = \"{p}\" }}` to `members`, or choose a chair from the members"));
            }
            _ => {}
        }
    }
    for (i, d) in c.decisions.iter().enumerate() {
        if d.escalation.as_deref() == Some(d.body.as_str()) {
            ctx.at(&rules::ESCALATION_LOOP, path!["decisions", i, "escalation"], format!("a deadlock on \"{}\" escalates to the body that deadlocked", d.matter))
                .with("same body as `body`", "escalate to a different body (for example the partners' executives), or remove `escalation`");
        }
        if let Some(b) = index.body(&d.body)
            && c.bodies[b].authority == Authority::Advisory
        {
            ctx.at(&rules::ADVISORY_BODY_DECIDES, path!["decisions", i, "body"], format!("\"{}\" is an advisory body, but it is given the decision \"{}\"", c.bodies[b].name, d.matter))
                    .with("advisory body", "give the decision to a binding body and list the advisory body under `consult`, or make the body `authority = \"binding\"`");
        }
    }
    if let Some(a) = &c.amendment
        && let Some(b) = index.body(&a.body)
        && c.bodies[b].authority == Authority::Advisory
    {
        ctx.at(
            &rules::ADVISORY_BODY_DECIDES,
            path!["amendment", "body"],
            format!(
                "\"{}\" is an advisory body, but it approves amendments to the charter",
                c.bodies[b].name
            ),
        )
        .with("advisory body", "give amendments to a binding body");
    }
}
