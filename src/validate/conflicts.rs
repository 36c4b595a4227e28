//! Rules on conflicts of interest.

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{
    Charter, ConflictTerms, DeclaredConflict, DisclosureTime, Lookup, Management, recusal,
};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    let Some(coi) = &c.conflicts else { return };
    if coi.management.is_empty() {
        ctx.at(&rules::CONFLICTS_WITHOUT_MANAGEMENT, path!["conflicts"], "interests must be disclosed, but nothing says how conflicts are managed")
            .with("no `management`", "add `management = [\"disclosure\", \"recusal\"]` and list the decisions that need recusal in `recusal_from`");
    } else if let Some(form) = recusal(&coi.management).filter(|_| coi.recusal_from.is_empty()) {
        let what = if form == Management::RecusalFromVote {
            "recusal from the vote"
        } else {
            "recusal"
        };
        ctx.at(&rules::CONFLICTS_WITHOUT_MANAGEMENT, path!["conflicts", "management"], format!("conflicts are managed by {what}, but no decision is named for it"))
            .with("recusal from what?", "add `recusal_from = [\"<decision id>\", …]` naming the decisions a conflicted member must leave");
    }
    if coi.when.contains(&DisclosureTime::NewInterest) && coi.new_interest_within.is_none() {
        ctx.at(
            &rules::NEW_INTEREST_WITHOUT_DEADLINE,
            path!["conflicts", "when"],
            "new interests must be disclosed, but no period says how soon",
        )
        .with("how soon?", "add `new_interest_within = \"30 days\"`");
    }
    both_recusals(&coi.management, path!["conflicts", "management"], ctx);
    chair_decides(coi, index, c, ctx);
    for (i, d) in coi.declared.iter().enumerate() {
        let at = path!["conflicts", "declared", i, "management"];
        if !d.management.iter().any(|m| m.recuses()) && !d.affects.is_empty() {
            ctx.at(&rules::DECLARED_CONFLICT_WITHOUT_RECUSAL, at, format!("the declared conflict \"{}\" affects decisions, but the conflicted party does not recuse", d.id))
                .with("no recusal", "add \"recusal\" (or \"recusal_from_vote\") to `management`, or explain in `interest` why the conflict does not require it");
        }
        both_recusals(&d.management, at, ctx);
        if d.partner.is_none() {
            independent(c, i, d, ctx);
        }
    }
}

/// A declared conflict that names no partner is an independent member's: its `person` sits on a body
/// for no partner.
fn independent(c: &Charter, i: usize, d: &DeclaredConflict, ctx: &mut Ctx<'_, '_>) {
    let members: Vec<&str> = c
        .bodies
        .iter()
        .flat_map(|b| &b.members)
        .filter(|m| m.partner.is_none())
        .filter_map(|m| m.person.as_deref())
        .collect();
    let (at, message) = match d.person.as_deref() {
        Some(p) if members.contains(&p) => return,
        Some(p) => (
            path!["conflicts", "declared", i, "person"],
            format!(
                "\"{p}\" is not an independent member of any body, and the declared conflict \"{}\" names no partner",
                d.id
            ),
        ),
        None => (
            path!["conflicts", "declared", i],
            format!(
                "the declared conflict \"{}\" names neither a partner nor a person",
                d.id
            ),
        ),
    };
    let hint = match crate::suggest::closest(d.person.as_deref().unwrap_or_default(), &members) {
        Some(best) if d.person.is_some() => format!("did you mean \"{best}\"?"),
        _ => "add `partner = \"…\"` for a partner's conflict, or `person` naming an independent member (a `members` entry with `person` and no `partner`)".to_owned(),
    };
    ctx.at(&rules::INDEPENDENT_CONFLICT_NOT_A_MEMBER, at, message)
        .with("whose conflict?", hint);
}

/// Recusal from discussion and vote, and from the vote only, named together.
fn both_recusals(measures: &[Management], at: &[Seg], ctx: &mut Ctx<'_, '_>) {
    if measures.contains(&Management::Recusal) && measures.contains(&Management::RecusalFromVote) {
        ctx.at(
            &rules::RECUSAL_FORMS_CONFLICT,
            at,
            "a conflicted member is to leave both the discussion and the vote, and the vote only",
        )
        .with(
            "\"recusal\" and \"recusal_from_vote\"",
            "keep one, e.g. `management = [\"disclosure\", \"recusal_from_vote\"]`",
        );
    }
}

/// "The chair decides" needs a body with a chair to manage conflicts: reported once, where the measure is
/// first named.
fn chair_decides(coi: &ConflictTerms, index: &Lookup<'_>, c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let named = |m: &[Management]| m.contains(&Management::ChairDecides);
    let at = if named(&coi.management) {
        path!["conflicts", "management"].to_vec()
    } else if let Some(i) = coi.declared.iter().position(|d| named(&d.management)) {
        path!["conflicts", "declared", i, "management"].to_vec()
    } else {
        return;
    };
    let (message, label) = match &coi.managed_by {
        None => (
            "conflicts are managed as the chair decides, but no `managed_by` says which body's chair".to_owned(),
            "which chair?",
        ),
        Some(id) => match index.body(id).map(|b| &c.bodies[b]) {
            Some(body) if body.chair.is_none() => (
                format!("conflicts are managed as the chair of \"{}\" decides, but that body has no chair", body.name),
                "no chair",
            ),
            // A body that does not exist is reported where it is named.
            _ => return,
        },
    };
    ctx.at(&rules::CHAIR_DECIDES_WITHOUT_CHAIR, &at, message).with(
        label,
        "add `managed_by = \"<body id>\"` naming a body with a `[bodies.chair]`, e.g. `managed_by = \"board\"`",
    );
}
