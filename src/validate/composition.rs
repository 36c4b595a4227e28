//! Rules on the composition a body must keep, against the members it has: at least `min_members` voting
//! seats, no partner over the `affiliation_cap`, and constituencies that select members, hold the seats
//! they promise and fit in the quorum. Imports only the model, the rule catalogue, span paths and the
//! validation context (`super`).

use super::{Annotate, Ctx, and_list, quoted};
use crate::model::{AffiliationCap, Body, Charter, Composition, Constituency, Lookup};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, body) in c.bodies.iter().enumerate() {
        let Some(comp) = &body.composition else {
            continue;
        };
        let seats = index.voting_seats(i);
        min_members(i, body, comp, seats, ctx);
        if let Some(cap) = comp.affiliation_cap {
            affiliation_cap(i, body, cap, seats, index, ctx);
        }
        let groups: Vec<Option<Group>> = comp
            .constituencies
            .iter()
            .enumerate()
            .map(|(k, con)| group(i, k, body, con, index, ctx))
            .collect();
        quorum_parts(i, body, comp, &groups, seats, ctx);
    }
}

/// The members a constituency selects, by index into `members`, and the voting seats they hold.
struct Group {
    members: Vec<usize>,
    seats: u32,
}

/// The body has at least as many voting seats as its composition requires.
fn min_members(i: usize, body: &Body, comp: &Composition, seats: u32, ctx: &mut Ctx<'_, '_>) {
    let Some(min) = comp.min_members else {
        return;
    };
    if seats < min {
        ctx.at(
            &rules::BELOW_MIN_MEMBERS,
            path!["bodies", i, "composition", "min_members"],
            format!(
                "\"{}\" must have at least {min} voting members, but its members hold {seats} voting {}",
                body.name,
                seats_word(seats)
            ),
        )
        .with(
            format!("{seats} < {min} voting seats"),
            format!("add voting members (or `seats`) to `members`, or write `min_members = {}`", seats.max(1)),
        );
    }
}

/// No partner holds more voting seats than the cap allows, counting every member affiliated with it. Each
/// partner over the cap is reported once, at the member entry that takes it over.
fn affiliation_cap(
    i: usize,
    body: &Body,
    cap: AffiliationCap,
    seats: u32,
    index: &Lookup<'_>,
    ctx: &mut Ctx<'_, '_>,
) {
    let most = cap.most(seats);
    let mut held: Vec<(&str, u32)> = Vec::new();
    for (j, m) in body.members.iter().enumerate() {
        if !index.member_votes(m) {
            continue;
        }
        // A class's entry seats each member of the class, each a partner of its own.
        for p in index.entry_partners(m) {
            let count = match held.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => {
                    *n += m.seats;
                    *n
                }
                None => {
                    held.push((p, m.seats));
                    m.seats
                }
            };
            if count > most && count - m.seats <= most {
                over_cap(i, j, body, p, cap, (most, seats), index, ctx);
            }
        }
    }
}

/// Reports partner `p`, which member `j` takes over the cap of `most` of the body's `seats`.
#[allow(
    clippy::too_many_arguments,
    reason = "the finding names the member, the partner and the cap"
)]
fn over_cap(
    i: usize,
    j: usize,
    body: &Body,
    p: &str,
    cap: AffiliationCap,
    (most, seats): (u32, u32),
    index: &Lookup<'_>,
    ctx: &mut Ctx<'_, '_>,
) {
    let c = index.charter();
    let name = index
        .partner(p)
        .map_or(p, |k| c.partners[k].short_name.as_str());
    let held = index.partner_voting_seats(i, p);
    let cap_words = match cap {
        AffiliationCap::Seats(n) => format!("{n}"),
        AffiliationCap::Share(s) => format!("{s} of them ({most} {})", seats_word(most)),
    };
    // A member with several seats is over the cap by its `seats`; one seat, by being from the partner or
    // from the class.
    let member = &body.members[j];
    let field = if member.seats > 1 {
        "seats"
    } else if member.class.is_some() {
        "class"
    } else {
        "partner"
    };
    ctx.at(
        &rules::AFFILIATION_CAP_EXCEEDED,
        path!["bodies", i, "members", j, field],
        format!(
            "{name} holds {held} of the {seats} voting seats on \"{}\", but no partner may hold more than {cap_words}",
            body.name
        ),
    )
    .with(
        format!("{held} > {most} voting seats"),
        format!(
            "give {name} at most {most} voting {} (lower `seats`, or make a member `voting = false`), or raise the cap, such as `affiliation_cap = {{ seats = {held} }}`",
            seats_word(most)
        ),
    );
}

/// The members constituency `k` selects and their voting seats, with its own rules: it selects someone,
/// every role and partner it names is on the body, and it holds the seats it must. `None` where a
/// selector is wrong, so that its seats are not counted against the quorum.
fn group(
    i: usize,
    k: usize,
    body: &Body,
    con: &Constituency,
    index: &Lookup<'_>,
    ctx: &mut Ctx<'_, '_>,
) -> Option<Group> {
    if !selectors(i, k, body, con, index, ctx) {
        return None;
    }
    let members: Vec<usize> = body
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| con.includes(m.role.as_deref(), m.partner.as_deref()))
        .map(|(j, _)| j)
        .collect();
    let seats = members
        .iter()
        .map(|&j| &body.members[j])
        .filter(|m| index.member_votes(m))
        .map(|m| index.entry_seats(m))
        .sum();
    let at = path!["bodies", i, "composition", "constituencies", k];
    if seats < con.min {
        let mut min = at.to_vec();
        min.push("min".into());
        ctx.at(
            &rules::CONSTITUENCY_MIN_EXCEEDS_SEATS,
            &min,
            format!(
                "at least {} voting seats of \"{}\" are held by {}, but the members chosen as {} hold {seats}",
                con.min, body.name, con.name, con.name
            ),
        )
        .with(
            format!("{} > {seats} voting seats", con.min),
            if seats == 0 {
                "seat a voting member of the group, or select voting members with `roles` or `partners`".to_owned()
            } else {
                format!("seat another voting member of the group, or write `min = {seats}`")
            },
        );
    }
    Some(Group { members, seats })
}

/// Constituency `k` names a role or a partner, and each it names is on the body: a role as some member's
/// `role`, a (defined) partner with a member entry. Whether all are.
fn selectors(
    i: usize,
    k: usize,
    body: &Body,
    con: &Constituency,
    index: &Lookup<'_>,
    ctx: &mut Ctx<'_, '_>,
) -> bool {
    let at = path!["bodies", i, "composition", "constituencies", k];
    let mut roles: Vec<&str> = Vec::new();
    for role in body.members.iter().filter_map(|m| m.role.as_deref()) {
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    let example = roles.first().copied().unwrap_or("lay member");
    if con.roles.is_empty() && con.partners.is_empty() {
        ctx.at(
            &rules::CONSTITUENCY_WITHOUT_MEMBERS,
            at,
            format!("\"{}\" names no `roles` or `partners`, so it selects no member of \"{}\"", con.name, body.name),
        )
        .with(
            "selects no one",
            format!("add `roles = [\"{example}\"]` (a member's `role`) or `partners = [\"<partner id>\"]`"),
        );
        return false;
    }
    let mut ok = true;
    for (r, role) in con.roles.iter().enumerate() {
        if !roles.contains(&role.as_str()) {
            ok = false;
            let mut path = at.to_vec();
            path.extend(["roles".into(), r.into()]);
            let hint = if roles.is_empty() {
                format!("give the members of the group `role = \"{role}\"`")
            } else {
                format!("write a role exactly as on a member: {}", quoted(&roles))
            };
            ctx.at(
                &rules::CONSTITUENCY_WITHOUT_MEMBERS,
                &path,
                format!("no member of \"{}\" has the role \"{role}\"", body.name),
            )
            .with("no member has this role", hint);
        }
    }
    for (r, p) in con.partners.iter().enumerate() {
        let seated = body.members.iter().any(|m| m.partner.as_ref() == Some(p));
        // An undefined partner is E0302's to report.
        if !seated && index.partner(p).is_some() {
            ok = false;
            let mut path = at.to_vec();
            path.extend(["partners".into(), r.into()]);
            ctx.at(
                &rules::CONSTITUENCY_WITHOUT_MEMBERS,
                &path,
                format!("\"{p}\" has no seat on \"{}\"", body.name),
            )
            .with(
                "not a member of this body",
                format!("add `{{ partner = \"{p}\" }}` to `members`, or remove it from `partners`"),
            );
        }
    }
    ok
}

/// Each constituency's part of the quorum is within its `min`, and the parts of groups with no member in
/// common fit in the quorum itself.
fn quorum_parts(
    i: usize,
    body: &Body,
    comp: &Composition,
    groups: &[Option<Group>],
    seats: u32,
    ctx: &mut Ctx<'_, '_>,
) {
    let mut parts = Vec::new();
    for (k, (con, group)) in comp.constituencies.iter().zip(groups).enumerate() {
        let (Some(q), Some(group)) = (con.quorum, group) else {
            continue;
        };
        if q > con.min {
            ctx.at(
                &rules::CONSTITUENCY_QUORUM_UNREACHABLE,
                path!["bodies", i, "composition", "constituencies", k, "quorum"],
                format!(
                    "a quorum of \"{}\" must include {q} of the {}, but the body need have only {} of them",
                    body.name, con.name, con.min
                ),
            )
            .with(
                format!("{q} > min {}", con.min),
                format!("write at most `quorum = {}`, or raise `min` to {q}", con.min),
            );
        } else if group.seats >= con.min {
            parts.push((con, group, q));
        }
    }
    let disjoint = parts.iter().enumerate().all(|(a, (_, ga, _))| {
        parts[a + 1..]
            .iter()
            .all(|(_, gb, _)| !ga.members.iter().any(|j| gb.members.contains(j)))
    });
    let sum: u64 = parts.iter().map(|(_, _, q)| u64::from(*q)).sum();
    let quorum = body.quorum.required(seats);
    if !disjoint || seats == 0 || sum <= quorum {
        return;
    }
    let each: Vec<String> = parts
        .iter()
        .map(|(con, _, q)| format!("{q} of the {}", con.name))
        .collect();
    let all = if parts.len() > 1 {
        format!(", {sum} in all")
    } else {
        String::new()
    };
    ctx.at(
        &rules::CONSTITUENCY_QUORUM_UNREACHABLE,
        path!["bodies", i, "quorum"],
        format!(
            "a quorum of \"{}\" is {quorum}, but it must include {}{all}",
            body.name,
            and_list(&each)
        ),
    )
    .with(
        format!("{sum} > quorum of {quorum}"),
        format!(
            "raise the quorum to at least `quorum = {sum}`, or lower a constituency's `quorum`"
        ),
    );
}

fn seats_word(n: u32) -> &'static str {
    if n == 1 { "seat" } else { "seats" }
}
