//! Rules on who may judge what: decisions that members who must recuse leave impossible to pass, and
//! sponsors on the bodies that judge their own product. Imports only the model, the rule catalogue,
//! span paths (`path!`) and the validation context (`super`).

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Annotate, Ctx, quoted};
use crate::model::{
    Base, Charter, DecisionRule, DeclaredConflict, Lookup, Partner, Phase, Role, VotingRule,
};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    recusals(c, index, ctx);
    sponsors(c, index, ctx);
    own_matters(c, index, ctx);
}

/// Whether `held` of `seats` voting seats pass a decision under its rule against every other member: a
/// vote (or the vote after consensus fails) that those seats carry alone with the whole body present and
/// voting. Unanimity and consensus need the others' consent; lazy consensus fails on one objection.
fn decides_alone(rule: DecisionRule, held: u32, seats: u32) -> bool {
    rule.vote()
        .filter(|v| !matches!(v, VotingRule::Unanimity | VotingRule::Consensus))
        .and_then(VotingRule::threshold)
        .is_some_and(|t| t.passes(u64::from(held), u64::from(seats)))
}

/// No partner a decision concerns decides it alone, by a majority of the voting seats or by the chair's
/// casting vote, unless a declared conflict recuses the whole partner from it.
fn own_matters(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    let recusing = recusing_conflicts(c);
    for (k, d) in c.decisions.iter().enumerate() {
        let Some(b) = index.body(&d.body) else {
            continue;
        };
        let body = &c.bodies[b];
        for (j, p) in d.concerns.iter().enumerate() {
            let recused = recusing.get(d.id.as_str()).is_some_and(|cs| {
                cs.iter()
                    .any(|dc| dc.partner.as_deref() == Some(p) && dc.person.is_none())
            });
            let Some(partner) = index.partner(p).map(|i| &c.partners[i]) else {
                continue;
            };
            if recused {
                continue;
            }
            let (held, seats) = (index.partner_voting_seats(b, p), index.voting_seats(b));
            if decides_alone(d.rule, held, seats) {
                ctx.at(
                    &rules::MAJORITY_ON_OWN_MATTER,
                    path!["decisions", k, "concerns", j],
                    format!(
                        "\"{}\" concerns {}, which holds {held} of the {seats} voting seats on \"{}\"",
                        d.matter, partner.short_name, body.name
                    ),
                )
                .with(
                    "decides its own matter",
                    "reduce its voting seats below half, move the decision to another body, or declare its conflict with recusal",
                );
            }
            let casting = body
                .chair
                .as_ref()
                .is_some_and(|ch| ch.casting_vote && ch.partner.as_deref() == Some(p.as_str()));
            if casting && d.rule.counts_votes() {
                ctx.at(
                    &rules::CASTING_VOTE_ON_OWN_MATTER,
                    path!["decisions", k, "concerns", j],
                    format!(
                        "\"{}\" concerns {}, whose representative chairs \"{}\" with a casting vote",
                        d.matter, partner.short_name, body.name
                    ),
                )
                .with(
                    "breaks a tie on its own matter",
                    "give the decision to a body with an independent chair, remove `casting_vote`, or declare the conflict with recusal",
                );
            }
        }
    }
}

/// The declared conflicts that take seats away from each decision: those whose party recuses (by its own
/// management, or by the general rule for the decisions in `recusal_from`), grouped by the decision they
/// affect, in the order they are declared. Built once, so that each decision looks only at its own.
fn recusing_conflicts(c: &Charter) -> FxHashMap<&str, Vec<&DeclaredConflict>> {
    let mut by_decision: FxHashMap<&str, Vec<&DeclaredConflict>> = FxHashMap::default();
    let Some(coi) = &c.conflicts else {
        return by_decision;
    };
    let general: FxHashSet<&str> = if coi.management.iter().any(|m| m.recuses()) {
        coi.recusal_from.iter().map(String::as_str).collect()
    } else {
        FxHashSet::default()
    };
    for dc in &coi.declared {
        let own = dc.management.iter().any(|m| m.recuses());
        // A conflict that names a decision twice still counts once for it.
        let mut affected = FxHashSet::default();
        for d in &dc.affects {
            if (own || general.contains(d.as_str())) && affected.insert(d.as_str()) {
                by_decision.entry(d.as_str()).or_default().push(dc);
            }
        }
    }
    by_decision
}

/// The voting seats a decision loses to recusal: per partner, all its seats when the partner itself is
/// conflicted, or one seat per conflicted person. Returns the seats and the ids of the conflicts.
fn recused_seats<'c>(
    index: &Lookup<'_>,
    conflicts: &[&'c DeclaredConflict],
    body: usize,
) -> (u32, Vec<&'c str>) {
    // partner -> (whole partner conflicted, conflicted persons, conflict ids)
    let mut by_partner: BTreeMap<&str, (bool, BTreeSet<&str>, Vec<&str>)> = BTreeMap::new();
    let mut total = 0;
    let mut ids = Vec::new();
    for dc in conflicts {
        // An independent member loses the seats it holds on this body in its own name.
        let Some(partner) = dc.partner.as_deref() else {
            let lost = independent_seats(index, body, dc.person.as_deref());
            if lost > 0 {
                total += lost;
                ids.push(dc.id.as_str());
            }
            continue;
        };
        let entry = by_partner.entry(partner).or_default();
        match &dc.person {
            Some(person) => {
                entry.1.insert(person.as_str());
            }
            None => entry.0 = true,
        }
        entry.2.push(dc.id.as_str());
    }
    for (partner, (whole, persons, conflict_ids)) in by_partner {
        let held = index.partner_voting_seats(body, partner);
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

/// The voting seats the independent member `person` (a member of no partner) holds on the body at
/// `body`.
fn independent_seats(index: &Lookup<'_>, body: usize, person: Option<&str>) -> u32 {
    let Some(person) = person else { return 0 };
    index.charter().bodies[body]
        .members
        .iter()
        .filter(|m| m.partner.is_none() && m.person.as_deref() == Some(person))
        .filter(|m| index.member_votes(m))
        .map(|m| m.seats)
        .sum()
}

fn recusals(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    let conflicts = recusing_conflicts(c);
    for (i, d) in c.decisions.iter().enumerate() {
        // Lazy consensus passes on the silence of those who may object, at no meeting: neither its rule
        // nor a quorum can be blocked by members who leave it.
        if matches!(d.rule, DecisionRule::LazyConsensus(_)) {
            continue;
        }
        let Some(b) = index.body(&d.body) else {
            continue;
        };
        let Some(affecting) = conflicts.get(d.id.as_str()) else {
            continue;
        };
        let body = &c.bodies[b];
        let seats = u64::from(index.voting_seats(b));
        let (recused, ids) = recused_seats(index, affecting, b);
        if seats == 0 || recused == 0 {
            continue;
        }
        let eligible = seats.saturating_sub(u64::from(recused));
        // Only a vote alone can be blocked by its rule: where consensus is sought first, the members left
        // may still agree, and lazy consensus passes on their silence.
        let needed = match d.rule {
            DecisionRule::Vote(v) => v
                .threshold()
                .filter(|t| t.of == Base::AllSeats)
                .map_or(0, |t| t.needed(seats)),
            _ => 0,
        };
        let quorum = body.quorum.required(index.voting_seats(b));
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
        let conflicts = quoted(&ids);
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

/// Sponsors on the bodies that judge their own product: a sponsor majority on a body that decides a gate or
/// a decision its conflicts affect, or a sponsor's vote on a gate.
fn sponsors(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    let sponsors: Vec<&Partner> = c
        .partners
        .iter()
        .filter(|p| p.roles.contains(&Role::Sponsor))
        .collect();
    if sponsors.is_empty() {
        return;
    }
    let judging = Judging::new(c, index, &sponsors);
    for sponsor in sponsors {
        let Some(seats_held) = judging.seated.get(sponsor.id.as_str()) else {
            continue;
        };
        let affected = judging.affected(sponsor);
        for &seat in seats_held {
            judging.seat(index, sponsor, &affected, seat, ctx);
        }
    }
}

/// Where sponsors sit and what each body judges, built once for every sponsor.
struct Judging<'c> {
    c: &'c Charter,
    /// Where each sponsor holds a voting seat: its first voting entry on each body, as (body, member).
    seated: FxHashMap<&'c str, Vec<(usize, usize)>>,
    /// The first phase whose gate each body owns.
    gates: FxHashMap<&'c str, &'c Phase>,
    /// The decisions by id.
    decisions: FxHashMap<&'c str, Vec<usize>>,
}

impl<'c> Judging<'c> {
    fn new(c: &'c Charter, index: &Lookup<'_>, sponsors: &[&'c Partner]) -> Self {
        let ids: FxHashSet<&str> = sponsors.iter().map(|p| p.id.as_str()).collect();
        let mut seated: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
        for (i, body) in c.bodies.iter().enumerate() {
            let mut seen = FxHashSet::default();
            for (j, m) in body.members.iter().enumerate() {
                if let Some(p) = m.partner.as_deref()
                    && ids.contains(p)
                    && index.member_votes(m)
                    && seen.insert(p)
                {
                    seated.entry(p).or_default().push((i, j));
                }
            }
        }
        let mut gates: FxHashMap<&str, &Phase> = FxHashMap::default();
        for phase in &c.phases {
            gates.entry(phase.gate_owner.as_str()).or_insert(phase);
        }
        let mut decisions: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (k, d) in c.decisions.iter().enumerate() {
            decisions.entry(d.id.as_str()).or_default().push(k);
        }
        Judging {
            c,
            seated,
            gates,
            decisions,
        }
    }

    /// The first decision of each body that the sponsor's declared conflicts affect.
    fn affected(&self, sponsor: &Partner) -> FxHashMap<&'c str, usize> {
        let c = self.c;
        let mut affected: FxHashMap<&str, usize> = FxHashMap::default();
        let conflicted = c
            .conflicts
            .iter()
            .flat_map(|coi| &coi.declared)
            .filter(|dc| dc.partner.as_deref() == Some(sponsor.id.as_str()))
            .flat_map(|dc| &dc.affects);
        for k in conflicted.flat_map(|id| self.decisions.get(id.as_str()).into_iter().flatten()) {
            let first = affected.entry(c.decisions[*k].body.as_str()).or_insert(*k);
            *first = (*first).min(*k);
        }
        affected
    }

    /// The sponsor's voting seat at member `j` of body `i`, when that body judges its product: a gate, or a
    /// decision its conflicts affect.
    fn seat(
        &self,
        index: &Lookup<'_>,
        sponsor: &Partner,
        affected: &FxHashMap<&str, usize>,
        (i, j): (usize, usize),
        ctx: &mut Ctx<'_, '_>,
    ) {
        let c = self.c;
        let body = &c.bodies[i];
        let held = index.partner_voting_seats(i, &sponsor.id);
        let seats = index.voting_seats(i);
        let gate = self.gates.get(body.id.as_str()).copied();
        let decision = affected.get(body.id.as_str()).map(|&k| &c.decisions[k]);
        let judges = match (gate, decision) {
            (Some(phase), _) => format!("the gate of \"{}\"", phase.name),
            (None, Some(d)) => format!("\"{}\", which its declared conflicts affect", d.matter),
            (None, None) => return,
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
