//! Rules on ending the charter early: every termination term the charter states is used by a ground
//! it lists, and the grounds it lists give a partner the time and notice a reviewer expects. Imports the
//! model, the rule catalogue, span paths (`path!`) and the validation context (`super`).

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{Charter, Renewal, Term, Termination};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(t) = &c.term else { return };
    if let Some(grounds) = &t.termination {
        unused(t, grounds, ctx);
    }
    let grounds = t.termination_grounds();
    if grounds.contains(&Termination::ForConvenience) {
        convenience(c, t, &at(t, Termination::ForConvenience), ctx);
    }
    if grounds.contains(&Termination::ForBreach) && t.cure_period.is_none() {
        ctx.at(
            &rules::BREACH_TERMINATION_WITHOUT_CURE,
            &at(t, Termination::ForBreach),
            "a partner in breach may be put out at once: `for_breach` has no `cure_period`",
        )
        .with(
            "no time to cure",
            "add `cure_period = \"30 days\"` to `[term]`, the time a partner has to cure a breach after written notice",
        );
    }
}

/// Where a ground is stated: its entry in `termination`, or, where the ground is implied, the key that
/// implies it.
fn at(t: &Term, ground: Termination) -> Vec<Seg> {
    let key = |k: &'static str| Seg::from(k);
    match t
        .termination
        .as_ref()
        .and_then(|listed| listed.iter().position(|l| *l == ground))
    {
        Some(i) => vec![key("term"), key("termination"), Seg::Index(i)],
        None if ground == Termination::ForBreach => vec![key("term"), key("cure_period")],
        None => vec![key("term"), key("termination_notice")],
    }
}

/// A `cure_period` or `termination_notice` that no listed ground, nor an automatic renewal, uses.
fn unused(t: &Term, grounds: &[Termination], ctx: &mut Ctx<'_, '_>) {
    if t.cure_period.is_some() && !grounds.contains(&Termination::ForBreach) {
        ctx.at(
            &rules::TERMINATION_TERM_UNUSED,
            path!["term", "cure_period"],
            "the cure period applies to termination for breach, which `termination` does not list",
        )
        .with(
            "not used by any ground",
            "add \"for_breach\" to `termination`, or remove `cure_period`",
        );
    }
    let notice_used = grounds
        .iter()
        .any(|g| matches!(g, Termination::ByAgreement | Termination::ForConvenience))
        || t.renewal == Renewal::Automatic;
    if t.termination_notice.is_some() && !notice_used {
        ctx.at(
            &rules::TERMINATION_TERM_UNUSED,
            path!["term", "termination_notice"],
            "the notice of termination applies to termination by agreement or for convenience, or to stopping an automatic renewal, and the charter has none of these",
        )
        .with(
            "not used by any ground",
            "add \"by_agreement\" to `termination`, or remove `termination_notice`",
        );
    }
}

/// Termination for convenience: with no notice, any partner ends the charter at once; among more than
/// two partners, any one of them ends it for all.
fn convenience(c: &Charter, t: &Term, at: &[Seg], ctx: &mut Ctx<'_, '_>) {
    if t.termination_notice.is_none() {
        ctx.at(
            &rules::CONVENIENCE_TERMINATION_WITHOUT_NOTICE,
            at,
            format!(
                "any partner may end {} at once: `for_convenience` has no `termination_notice`",
                c.charter.kind.the()
            ),
        )
        .with(
            "no notice",
            format!(
                "add `termination_notice = \"90 days\"` to `[term]`, the notice a partner gives before {} ends",
                c.charter.kind.the()
            ),
        );
    }
    let active = c.partners.iter().filter(|p| p.withdrawn.is_none()).count();
    if active > 2 {
        ctx.at(
            &rules::ONE_PARTNER_ENDS_ALL,
            at,
            format!(
                "any one of the {active} partners may end {} for all of them, for any reason",
                c.charter.kind.the()
            ),
        )
        .with(
            "ends it for everyone",
            "remove \"for_convenience\" and let a partner leave by withdrawal (`withdrawal_notice`), or keep it and accept this warning in `[[exceptions]]`",
        );
    }
}
