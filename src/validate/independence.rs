//! Rules on who may judge what: decisions that members who must recuse leave impossible to pass, and
//! sponsors on the bodies that judge their own product.

use std::collections::{BTreeMap, BTreeSet};

use super::governance::{partner_voting_seats, voting_seats};
use super::{Annotate, Ctx, Index};
use crate::model::{Charter, Management, Role, VotingRule};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Index<'_>, ctx: &mut Ctx<'_, '_>) {
    recusals(c, index, ctx);
    sponsors(c, ctx);
}

/// The voting seats a decision loses to recusal: per partner, all its seats when the partner itself is
/// conflicted, or one seat per conflicted person. Returns the seats and the ids of the conflicts.
fn recused_seats<'c>(c: &'c Charter, decision: &str, body: usize) -> (u32, Vec<&'c str>) {
    let Some(coi) = &c.conflicts else {
        return (0, Vec::new());
    };
    let general = coi.management.contains(&Management::Recusal)
        && coi.recusal_from.iter().any(|d| d == decision);
    // partner -> (whole partner conflicted, conflicted persons, conflict ids)
    let mut by_partner: BTreeMap<&str, (bool, BTreeSet<&str>, Vec<&str>)> = BTreeMap::new();
    for dc in &coi.declared {
        let recuses = dc.management.contains(&Management::Recusal) || general;
        if !recuses || !dc.affects.iter().any(|d| d == decision) {
            continue;
        }
        let entry = by_partner.entry(dc.partner.as_str()).or_default();
        match &dc.person {
            Some(person) => {
                entry.1.insert(person.as_str());
            }
            None => entry.0 = true,
        }
        entry.2.push(dc.id.as_str());
    }
    let mut total = 0;
    let mut ids = Vec::new();
    for (partner, (whole, persons, conflict_ids)) in by_partner {
        let held = partner_voting_seats(&c.bodies[body], c, partner);
        let lost = if whole {
            held
        } else {
            u32::try_from(persons.len()).unwrap_or(u32::MAX).min(held)
        };
        if lost > 0 {
            total += lost;
            ids.extend(conflict_ids);
        }
    }
    (total, ids)
}

fn recusals(c: &Charter, index: &Index<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, d) in c.decisions.iter().enumerate() {
        let Some(b) = index.body(&d.body) else {
            continue;
        };
        let body = &c.bodies[b];
        let seats = u64::from(voting_seats(body, c));
        let (recused, ids) = recused_seats(c, &d.id, b);
        if seats == 0 || recused == 0 {
            continue;
        }
        let eligible = seats.saturating_sub(u64::from(recused));
        let needed = match d.rule {
            VotingRule::Unanimity => seats,
            VotingRule::MajorityBody => seats / 2 + 1,
            VotingRule::TwoThirdsBody => (2 * seats).div_ceil(3),
            _ => 0,
        };
        let quorum = body.quorum.required(voting_seats(body, c));
        let (what, need) = if needed > eligible {
            (
                format!("{} needs {needed}", d.rule.label().to_lowercase()),
                needed,
            )
        } else if quorum > eligible {
            (format!("the quorum is {quorum}"), quorum)
        } else {
            continue;
        };
        let conflicts = ids
            .iter()
            .map(|id| format!("\"{id}\""))
            .collect::<Vec<_>>()
            .join(", ");
        ctx.at(
            &rules::VOTE_CANNOT_PASS,
            path!["decisions", i, "rule"],
            format!(
                "\"{}\" can never pass: {what} of the {seats} voting seats on \"{}\", but {recused} must recuse (declared conflict {conflicts}), leaving {eligible}",
                d.matter, body.name
            ),
        )
        .with(
            format!("needs {need}, at most {eligible} can vote"),
            "choose a rule the remaining members can meet (for example \"two_thirds_body\" instead of \"unanimity\"), lower the quorum, or give the decision to another body",
        );
    }
}

fn sponsors(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for sponsor in c
        .partners
        .iter()
        .filter(|p| p.roles.contains(&Role::Sponsor))
    {
        let conflicted: BTreeSet<&str> = c
            .conflicts
            .iter()
            .flat_map(|coi| &coi.declared)
            .filter(|dc| dc.partner == sponsor.id)
            .flat_map(|dc| dc.affects.iter().map(String::as_str))
            .collect();
        for (i, body) in c.bodies.iter().enumerate() {
            let held = partner_voting_seats(body, c, &sponsor.id);
            let Some(j) = body
                .members
                .iter()
                .position(|m| m.partner.as_deref() == Some(&sponsor.id) && c.member_votes(m))
            else {
                continue;
            };
            let seats = voting_seats(body, c);
            let gate = c.phases.iter().find(|p| p.gate_owner == body.id);
            let decision = c
                .decisions
                .iter()
                .find(|d| d.body == body.id && conflicted.contains(d.id.as_str()));
            let judges = match (gate, decision) {
                (Some(phase), _) => format!("the gate of \"{}\"", phase.name),
                (None, Some(d)) => format!("\"{}\", which its declared conflicts affect", d.matter),
                (None, None) => continue,
            };
            if 2 * held > seats {
                ctx.at(
                    &rules::SPONSOR_MAJORITY,
                    path!["bodies", i, "members", j],
                    format!(
                        "{} (sponsor) holds {held} of the {seats} voting seats on \"{}\", which decides {judges}",
                        sponsor.short_name, body.name
                    ),
                )
                .with(
                    "sponsor majority",
                    "reduce the sponsor's voting seats below half or make them non-voting (`voting = false`), or move the gate and the affected decisions to a body the sponsor does not control",
                );
            } else if gate.is_some() {
                ctx.at(
                    &rules::SPONSOR_VOTES_ON_OWN_EVALUATION,
                    path!["bodies", i, "members", j],
                    format!(
                        "{} (sponsor) votes on \"{}\", which decides {judges}",
                        sponsor.short_name, body.name
                    ),
                )
                .with(
                    "sponsor's voting seat",
                    "add `voting = false` to this member entry, or record an accepted exception with the reason",
                );
            }
        }
    }
}
