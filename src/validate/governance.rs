//! Rules on governance bodies and the decision matrix, in the document's order: each body (its meetings,
//! votes, members and chair), each decision, then how the charter itself is amended. Imports only the
//! model, the rule catalogue, span paths (`path!`, `Seg`) and the validation context (`super`).

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{
    Amendment, Authority, Base, Body, Cadence, Chair, Charter, Comparison, Decision, DecisionRule,
    Disputes, Lookup, MeetingCadence, Requesters, Tenure, Threshold, VoteShare, VotingRule,
};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, body) in c.bodies.iter().enumerate() {
        circular_cadence(i, body, ctx);
        voting_seats(i, body, index, ctx);
        members(i, body, ctx);
        if let Some(chair) = &body.chair {
            self::chair(i, body, chair, index, ctx);
            chair_term(i, body, chair, ctx);
        }
        extraordinary(i, body, index, ctx);
    }
    for (i, d) in c.decisions.iter().enumerate() {
        decision(c, index, i, d, ctx);
    }
    if let Some(a) = &c.amendment {
        rule_form(a.rule, path!["amendment", "rule"], ctx);
        amendment_strength(c, a, ctx);
        if let Some(b) = index.body(&a.body) {
            advisory_decides(
                &c.bodies[b],
                path!["amendment", "body"],
                format_args!("it approves amendments to the charter"),
                "give amendments to a binding body",
                ctx,
            );
        }
    }
    if let Some(d) = &c.disputes {
        dispute_recipient(d, ctx);
    }
}

/// The last step of the dispute ladder names who receives the dispute exactly when it needs one.
fn dispute_recipient(d: &Disputes, ctx: &mut Ctx<'_, '_>) {
    match (d.resolution.needs_recipient(), &d.to) {
        (true, None) => {
            ctx.at(
                &rules::RESOLUTION_WITHOUT_RECIPIENT,
                path!["disputes", "resolution"],
                "the dispute ladder ends in an investigation or a referral, but not who receives it",
            )
            .with(
                "no `to`",
                "add `to = \"<body, partner or organisation id>\"` to `[disputes]`, e.g. `to = \"board\"`",
            );
        }
        (false, Some(_)) => {
            ctx.at(
                &rules::RESOLUTION_WITHOUT_RECIPIENT,
                path!["disputes", "to"],
                "`to` names who receives a dispute, but this resolution sends it to no one named",
            )
            .with(
                "not rendered",
                "remove `to`, or write `resolution = \"referral\"` or `\"internal_investigation\"`",
            );
        }
        _ => {}
    }
}

/// A body's meetings set a schedule of their own.
fn circular_cadence(i: usize, body: &Body, ctx: &mut Ctx<'_, '_>) {
    if body.meetings.cadence == MeetingCadence::Regular(Cadence::EachMeeting) {
        ctx.at(
            &rules::CIRCULAR_CADENCE,
            path!["bodies", i, "meetings", "cadence"],
            format!(
                "\"{}\" meets \"at each meeting\", which sets no schedule",
                body.name
            ),
        )
        .with(
            "circular",
            "give the meetings a cadence such as \"monthly\" or \"quarterly\"",
        );
    }
}

/// A body has voting seats, and no more are needed for a quorum than it has.
fn voting_seats(i: usize, body: &Body, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    let seats = index.voting_seats(i);
    if seats == 0 {
        ctx.at(
            &rules::BODY_WITHOUT_VOTING_SEATS,
            path!["bodies", i, "members"],
            format!("no member of \"{}\" has a vote", body.name),
        )
        .with(
            "no voting seats",
            "give at least one member `voting = true`; a body without votes cannot decide anything",
        );
        return;
    }
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

/// Every member is someone, and a partner holding one seat is listed once.
fn members(i: usize, body: &Body, ctx: &mut Ctx<'_, '_>) {
    let mut seen = BTreeSet::new();
    for (j, m) in body.members.iter().enumerate() {
        match (&m.partner, &m.person) {
            (None, None) if m.class.is_none() => {
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
}

/// The chair is someone, and a partner in the chair holds a seat on the body.
fn chair(i: usize, body: &Body, chair: &Chair, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    match (&chair.partner, &chair.person) {
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
        (Some(p), _) if index.partner(p).is_some() && !index.seated(body, p) => {
            ctx.at(
                &rules::CHAIR_NOT_MEMBER,
                path!["bodies", i, "chair", "partner"],
                format!("\"{p}\" chairs \"{}\" but holds no seat on it", body.name),
            )
            .with(
                "not a member of this body",
                format!(
                    "add `{{ partner = \"{p}\" }}` to `members`, or choose a chair from the members"
                ),
            );
        }
        _ => {}
    }
}

/// A chair may serve again only after a fixed term: "renewable" says nothing of a chair with no term, or
/// one who serves until replaced.
fn chair_term(i: usize, body: &Body, chair: &Chair, ctx: &mut Ctx<'_, '_>) {
    let Some(renewable) = chair.renewable else {
        return;
    };
    let why = match chair.term {
        Some(Tenure::For(_)) => return,
        Some(Tenure::UntilReplaced) => "serves until replaced",
        None => "has no term",
    };
    ctx.at(
        &rules::RENEWABLE_WITHOUT_TERM,
        path!["bodies", i, "chair", "renewable"],
        format!(
            "the chair of \"{}\" {why}, so `renewable = {renewable}` renews nothing",
            body.name
        ),
    )
    .with(
        "no term to renew",
        "give the chair a fixed term, such as `term = \"2 years\"`, or remove `renewable`",
    );
}

/// An extraordinary meeting can be requested by those the charter names: no more members than the body
/// has seats, and a chair only where the body has one.
fn extraordinary(i: usize, body: &Body, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    let Some(e) = &body.meetings.extraordinary else {
        return;
    };
    // Every seat counts, voting or not, and a class's entry once for each member of the class.
    let seats: u32 = body
        .members
        .iter()
        .map(|m| index.entry_seats(m))
        .fold(0, u32::saturating_add);
    let at = path!["bodies", i, "meetings", "extraordinary", "requested_by"];
    match e.requested_by {
        Requesters::Members(n) if n > seats => {
            ctx.at(
                &rules::EXTRAORDINARY_REQUEST_IMPOSSIBLE,
                at,
                format!(
                    "an extraordinary meeting of \"{}\" needs a request of {n} members, but the body has {seats} seats",
                    body.name
                ),
            )
            .with(
                format!("{n} > {seats} seats"),
                format!("write at most `requested_by = {seats}`, or `requested_by = \"any_member\"`"),
            );
        }
        Requesters::Chair if body.chair.is_none() => {
            ctx.at(
                &rules::EXTRAORDINARY_REQUEST_IMPOSSIBLE,
                at,
                format!(
                    "an extraordinary meeting of \"{}\" is requested by its chair, but the body has no chair",
                    body.name
                ),
            )
            .with(
                "no chair",
                "add a `[bodies.chair]`, or write `requested_by = 2` (a number of members) or `\"any_member\"`",
            );
        }
        _ => {}
    }
}

/// One row of the decision matrix: its escalation leads elsewhere, its votes can conclude, and its body
/// may bind.
fn decision(c: &Charter, index: &Lookup<'_>, i: usize, d: &Decision, ctx: &mut Ctx<'_, '_>) {
    if d.escalation.as_deref() == Some(d.body.as_str()) {
        ctx.at(&rules::ESCALATION_LOOP, path!["decisions", i, "escalation"], format!("a deadlock on \"{}\" escalates to the body that deadlocked", d.matter))
            .with("same body as `body`", "escalate to a different body (for example the partners' executives), or remove `escalation`");
    }
    rule_form(d.rule, path!["decisions", i, "rule"], ctx);
    roll_call(i, d, ctx);
    let Some(b) = index.body(&d.body) else {
        return;
    };
    let body = &c.bodies[b];
    let seats = index.voting_seats(b);
    if seats > 0 {
        let quorum = body.quorum.required(seats).clamp(1, u64::from(seats));
        tie(i, d, body, seats, quorum, ctx);
        electronic_vote(i, d, body, quorum, ctx);
    }
    advisory_decides(
        body,
        path!["decisions", i, "body"],
        format_args!("it is given the decision \"{}\"", d.matter),
        "give the decision to a binding body and list the advisory body under `consult`, or make the body `authority = \"binding\"`",
        ctx,
    );
}

/// A matter that binds the partners given to an advisory body: a decision, or the amendment of the
/// charter. `what` says which, after "but".
fn advisory_decides(
    body: &Body,
    path: &[Seg],
    what: fmt::Arguments<'_>,
    hint: &str,
    ctx: &mut Ctx<'_, '_>,
) {
    if body.authority == Authority::Advisory {
        ctx.at(
            &rules::ADVISORY_BODY_DECIDES,
            path,
            format!("\"{}\" is an advisory body, but {what}", body.name),
        )
        .with("advisory body", hint);
    }
}

/// A tie under a majority rule with no way out: no casting vote and no escalation. `quorum` is the
/// quorum as it applies, between one and all `seats`.
fn tie(i: usize, d: &Decision, body: &Body, seats: u32, quorum: u64, ctx: &mut Ctx<'_, '_>) {
    // Consensus and lazy consensus count no votes, so cannot tie; the vote after a failed consensus can.
    let tie = d
        .rule
        .vote()
        .and_then(VotingRule::threshold)
        .is_some_and(|t| match t.of {
            Base::AllSeats => t.ties_on(u64::from(seats)),
            // Any even attendance from the quorum up to the whole body can split evenly.
            Base::Present => (quorum..=u64::from(seats)).any(|n| t.ties_on(n)),
            // Those present may abstain until the votes cast split evenly.
            Base::VotesCast => (2..=u64::from(seats)).any(|n| t.ties_on(n)),
        });
    let casting_vote = body.chair.as_ref().is_some_and(|c| c.casting_vote);
    if tie && d.escalation.is_none() && !casting_vote {
        ctx.at(
            &rules::TIE_WITHOUT_RESOLUTION,
            path!["decisions", i, "rule"],
            format!(
                "\"{}\" can end in a tie on \"{}\", and neither a casting vote nor an escalation resolves it",
                d.matter, body.name
            ),
        )
        .with(
            "a tie is possible",
            "give the chair `casting_vote = true`, or add `escalation = \"<another body>\"` to this decision",
        );
    }
}

/// An electronic vote that fewer votes than the quorum can pass: under the meeting's rule when that rule
/// counts those present, or under a rule counted on the votes cast when no electronic quorum is set.
fn electronic_vote(i: usize, d: &Decision, body: &Body, quorum: u64, ctx: &mut Ctx<'_, '_>) {
    let Some(e) = &body.meetings.electronic else {
        return;
    };
    // Lazy consensus passes on silence, with no vote to take electronically; a consensus that fails goes
    // to its fallback vote, which may be taken electronically.
    let Some(vote) = d.rule.vote() else {
        return;
    };
    // The fewest votes for that can pass it: counted on those present, on no more than the quorum; counted
    // on the votes cast with no electronic quorum, on a single vote. A rule counted on every seat needs a
    // share of the whole body, which the quorum does not lower.
    let threshold = e.rule.threshold().or_else(|| vote.threshold());
    let fewest = match (threshold, e.quorum) {
        (Some(t), _) if t.of == Base::Present => t.needed(quorum),
        (Some(t), None) if t.of == Base::VotesCast => t.needed(1),
        _ => quorum,
    };
    if fewest < quorum {
        let present = threshold.is_some_and(|t| t.of == Base::Present);
        let (label, hint) = if present {
            (
                "counted on those present",
                "use \"majority_body\" or \"two_thirds_body\" for matters decided between meetings, or give `electronic` a rule counted on the whole body",
            )
        } else {
            (
                "counted on the votes cast",
                "add a `quorum` to `electronic`, or give it a rule counted on the whole body (\"majority_body\", \"two_thirds_body\")",
            )
        };
        ctx.at(
            &rules::ELECTRONIC_VOTE_BELOW_QUORUM,
            path!["decisions", i, "rule"],
            format!(
                "\"{}\" may be decided by an electronic vote of \"{}\" with {fewest} {}, fewer than its quorum of {quorum}",
                d.matter,
                body.name,
                if fewest == 1 { "vote" } else { "votes" }
            ),
        )
        .with(label, hint);
    }
}

/// How strict a voting rule is: its threshold, the share of votes it needs and what it counts them on.
/// One rule is weaker than another when it is no stricter on either count. A rule of consensus first is as
/// strict as its fallback vote, which any one member can force; consensus, and lazy consensus, which any
/// one member can stop, as strict as every vote of those present.
fn strictness(rule: DecisionRule) -> Threshold {
    rule.vote()
        .and_then(VotingRule::threshold)
        .unwrap_or(Threshold::at_least(VoteShare::ALL, Base::Present))
}

fn weaker(a: DecisionRule, b: DecisionRule) -> bool {
    let (a, b) = (strictness(a), strictness(b));
    a.no_stricter_than(b) && !b.no_stricter_than(a)
}

fn amendment_strength(c: &Charter, a: &Amendment, ctx: &mut Ctx<'_, '_>) {
    if a.signed_by_all {
        return;
    }
    if let Some(d) = c.decisions.iter().find(|d| weaker(a.rule, d.rule)) {
        ctx.at(
            &rules::AMENDMENT_WEAKER_THAN_DECISIONS,
            path!["amendment", "rule"],
            format!(
                "the charter can be amended by {}, a weaker rule than \"{}\" needs ({})",
                a.rule.phrase(),
                d.matter,
                d.rule.phrase()
            ),
        )
        .with(
            "weaker than an ordinary decision",
            format!(
                "write `rule = {}` or stricter, or `signed_by_all = true`",
                toml_value(d.rule)
            ),
        );
    }
}

/// A rule as it is written after `rule = `.
fn toml_value(rule: DecisionRule) -> String {
    match rule {
        DecisionRule::Vote(v) => v.toml(),
        DecisionRule::ConsensusThen(v) => format!("{{ consensus_then = {} }}", v.toml()),
        DecisionRule::LazyConsensus(Some(p)) => format!("{{ lazy_consensus = \"{p}\" }}"),
        DecisionRule::LazyConsensus(None) => "{ lazy_consensus = \"7 days\" }".to_owned(),
    }
}

/// A rule's form can be applied: lazy consensus says how long members have to object, and the vote after
/// a failed consensus is a vote. `at` is the path of the rule.
fn rule_form(rule: DecisionRule, at: &[Seg], ctx: &mut Ctx<'_, '_>) {
    match rule {
        DecisionRule::LazyConsensus(None) => {
            ctx.at(
                &rules::LAZY_CONSENSUS_WITHOUT_WINDOW,
                at,
                "lazy consensus passes a proposal unless a member objects, but no period says how long members have to object",
            )
            .with(
                "objections within when?",
                "write the window in the rule, for example `rule = { lazy_consensus = \"7 days\" }`",
            );
        }
        DecisionRule::ConsensusThen(VotingRule::Consensus) => {
            let mut at = at.to_vec();
            at.push(Seg::from("consensus_then"));
            ctx.at(
                &rules::CONSENSUS_FALLBACK_IS_CONSENSUS,
                &at,
                "if consensus fails the matter goes to a vote, but the vote named is consensus again, so a failed consensus decides nothing",
            )
            .with(
                "consensus again",
                "name a voting rule, for example `{ consensus_then = \"two_thirds_present\" }`, or write `rule = \"consensus\"`",
            );
        }
        _ => {}
    }
    share(rule, at, ctx);
}

/// A threshold written out asks for more than a minority, and does not pass both a motion and its
/// opposite on an even split.
fn share(rule: DecisionRule, at: &[Seg], ctx: &mut Ctx<'_, '_>) {
    let mut at = at.to_vec();
    let t = match rule {
        DecisionRule::Vote(VotingRule::Share(t)) => t,
        DecisionRule::ConsensusThen(VotingRule::Share(t)) => {
            at.push(Seg::from("consensus_then"));
            t
        }
        _ => return,
    };
    at.push(Seg::from(t.comparison.key()));
    let half = t.share.cmp_value(VoteShare::HALF);
    if half == Ordering::Less {
        ctx.at(
            &rules::THRESHOLD_BELOW_HALF,
            &at,
            format!(
                "the rule passes with {}, less than half, so a minority decides",
                t.phrase()
            ),
        )
        .with(
            "a minority decides",
            "give the threshold a share of one half or more, such as `more_than = \"1/2\"`; for how many must be present, set the body's `quorum`",
        );
    } else if half == Ordering::Equal && t.comparison == Comparison::AtLeast {
        ctx.at(
            &rules::EVEN_SPLIT_PASSES,
            &at,
            format!(
                "the rule passes with {}, so an evenly split vote passes the motion, and would pass its opposite too",
                t.phrase()
            ),
        )
        .with(
            "an even split passes",
            "write `more_than = \"1/2\"` for a majority",
        );
    }
}

/// Votes recorded by name need a vote to record.
fn roll_call(i: usize, d: &Decision, ctx: &mut Ctx<'_, '_>) {
    if d.roll_call && !d.rule.counts_votes() {
        ctx.at(
            &rules::ROLL_CALL_WITHOUT_VOTE,
            path!["decisions", i, "roll_call"],
            format!(
                "votes on \"{}\" are to be recorded by name, but it is decided by {}, where no vote is counted",
                d.matter,
                if matches!(d.rule, DecisionRule::LazyConsensus(_)) { "lazy consensus" } else { "consensus" }
            ),
        )
        .with(
            "no vote to record",
            "remove `roll_call`, or give the decision a vote, for example `rule = { consensus_then = \"majority_body\" }`",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weaker(a: VotingRule, b: VotingRule) -> bool {
        super::weaker(a.into(), b.into())
    }

    #[test]
    fn a_form_is_as_strict_as_the_vote_that_decides() {
        use DecisionRule::{ConsensusThen, LazyConsensus, Vote};
        use VotingRule::*;
        assert!(super::weaker(
            ConsensusThen(MajorityPresent),
            Vote(Unanimity)
        ));
        assert!(!super::weaker(
            ConsensusThen(TwoThirdsBody),
            Vote(TwoThirdsBody)
        ));
        assert!(super::weaker(LazyConsensus(None), Vote(Unanimity)));
        assert!(!super::weaker(LazyConsensus(None), Vote(Consensus)));
        assert_eq!(
            toml_value(ConsensusThen(MajorityBody)),
            "{ consensus_then = \"majority_body\" }"
        );
    }

    /// The codes `check` reports for a two-seat body, with no casting vote or escalation, that decides
    /// one matter by `rule` and votes electronically by more than half of the votes cast.
    fn codes_for(rule: &str) -> Vec<&'static str> {
        let text = format!(
            r#"schema_version = 2
[charter]
id = "audit"
title = "Audit"
version = "1.0"
effective_date = 2026-01-01
jurisdiction = "Oregon"
purpose = "Audit."
goals = ["Audit"]
scope = "Audit."
[[partners]]
id = "a"
legal_name = "A, Inc."
short_name = "A"
kind = "community_hospital"
roles = ["lead"]
contributions = ["Staff"]
benefits = ["Results"]
signatory = {{ name = "Ana Ruiz", title = "Chief Executive Officer" }}
[[partners]]
id = "b"
legal_name = "B, Inc."
short_name = "B"
kind = "community_hospital"
roles = ["participant"]
contributions = ["Staff"]
benefits = ["Results"]
signatory = {{ name = "Ben Okoye", title = "Administrator" }}
[[bodies]]
id = "group"
name = "Group"
mandate = "Audits."
authority = "binding"
quorum = 2
members = [{{ partner = "a" }}, {{ partner = "b" }}]
meetings = {{ cadence = "as_needed", notice = "14 days", minutes = "14 days", electronic = {{ rule = "majority_cast" }} }}
[[decisions]]
id = "protocol"
matter = "Approve the protocol"
body = "group"
rule = {rule}
[term]
length = "12 months"
renewal = "none"
termination_notice = "30 days"
cure_period = "30 days"
withdrawal_notice = "30 days"
on_withdrawal = "Nothing."
"#
        );
        let source = crate::source::Source::new("audit.toml", text.into_bytes());
        let (_, found) = crate::pipeline::check(&source);
        let mut codes: Vec<&'static str> = found.iter().map(|d| d.rule.code).collect();
        codes.sort_unstable();
        codes
    }

    #[test]
    fn only_a_vote_can_tie_or_be_weak_between_meetings() {
        // A majority of two can split, and one vote cast can carry it electronically.
        assert_eq!(codes_for("\"majority_body\""), ["W0430", "W0437"]);
        // The vote after a failed consensus is such a vote.
        assert_eq!(
            codes_for("{ consensus_then = \"majority_body\" }"),
            ["W0430", "W0437"]
        );
        // Consensus cannot tie; an electronic vote on it is still a vote of the votes cast.
        assert_eq!(codes_for("\"consensus\""), ["W0437"]);
        // Lazy consensus takes no vote at all.
        assert!(codes_for("{ lazy_consensus = \"7 days\" }").is_empty());
        assert_eq!(codes_for("\"lazy_consensus\""), ["E0454"]);
        assert_eq!(codes_for("{ lazy_consensus = \"0 days\" }"), ["E0439"]);
        assert_eq!(
            codes_for("{ consensus_then = \"consensus\" }"),
            ["E0455", "W0437"]
        );
    }

    #[test]
    fn rules_are_ordered_by_share_and_base() {
        use VotingRule::*;
        assert!(weaker(MajorityPresent, Unanimity));
        assert!(weaker(MajorityBody, TwoThirdsBody));
        assert!(weaker(TwoThirdsPresent, TwoThirdsBody));
        assert!(weaker(Consensus, Unanimity));
        // Neither is stricter on both counts: two thirds of those present may be fewer votes than a
        // majority of the body.
        assert!(!weaker(MajorityBody, TwoThirdsPresent));
        assert!(!weaker(TwoThirdsPresent, MajorityBody));
        assert!(!weaker(Unanimity, Unanimity));
    }
}
