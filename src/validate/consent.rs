//! Rules on the consent a decision needs besides its body's rule: the group is not empty, each kind it
//! names is a kind some partner has, and it does not hand every partner a veto. The partners it names
//! are checked with the other references, in `references`, and against withdrawal, in `partners`.
//! Imports the model, the rule catalogue, span paths (`path!`) and the validation context (`super`).

use super::{Annotate, Ctx};
use crate::model::{Charter, Decision, VotingRule};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for (i, d) in c.decisions.iter().enumerate() {
        let Some(consent) = &d.consent_of else {
            continue;
        };
        if consent.partners.is_empty() && consent.kinds.is_empty() {
            ctx.at(
                &rules::CONSENT_OF_NO_PARTNER,
                path!["decisions", i, "consent_of"],
                format!("\"{}\" needs the consent of no one: `consent_of` names no partner and no kind", d.matter),
            )
            .with(
                "empty",
                "name the partners, as in `consent_of = { partners = [\"cedar-valley\"] }`, or their kinds, as in `consent_of = { kinds = [\"community_hospital\"] }`, or remove `consent_of`",
            );
            continue;
        }
        for (k, kind) in consent.kinds.iter().enumerate() {
            if !c
                .partners
                .iter()
                .any(|p| p.withdrawn.is_none() && p.kind == *kind)
            {
                ctx.at(
                    &rules::CONSENT_OF_NO_PARTNER,
                    path!["decisions", i, "consent_of", "kinds", k],
                    format!(
                        "no partner that takes part is a {}, so this kind adds no one whose consent \"{}\" needs",
                        kind.label().to_lowercase(),
                        d.matter
                    ),
                )
                .with(
                    "matches no partner",
                    "name a kind of a partner in `[[partners]]`, or name the partners in `consent_of.partners`",
                );
            }
        }
        every_partner(c, i, d, ctx);
    }
}

/// A consent of every partner that takes part is a veto for each of them: the body's rule no longer
/// decides.
fn every_partner(c: &Charter, i: usize, d: &Decision, ctx: &mut Ctx<'_, '_>) {
    let active = c.partners.iter().filter(|p| p.withdrawn.is_none()).count();
    if active < 2 || c.consenting(d).len() < active {
        return;
    }
    if d.rule.vote() == Some(VotingRule::Unanimity) {
        return;
    }
    ctx.at(
        &rules::CONSENT_OF_EVERY_PARTNER,
        path!["decisions", i, "consent_of"],
        format!(
            "every one of the {active} partners must consent to \"{}\", so each holds a veto and the rule \"{}\" decides nothing on its own",
            d.matter,
            d.rule.label()
        ),
    )
    .with(
        "a veto for every partner",
        "narrow `consent_of` to the partners that must agree (for example `kinds = [\"community_hospital\"]`), or say so plainly with `rule = \"unanimity\"`",
    );
}
