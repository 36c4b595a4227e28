//! Rules on conflicts of interest.

use super::{Annotate, Ctx};
use crate::model::{Charter, DisclosureTime, Lookup, Management};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, _index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    let Some(coi) = &c.conflicts else { return };
    if coi.management.is_empty() {
        ctx.at(&rules::CONFLICTS_WITHOUT_MANAGEMENT, path!["conflicts"], "interests must be disclosed, but nothing says how conflicts are managed")
            .with("no `management`", "add `management = [\"disclosure\", \"recusal\"]` and list the decisions that need recusal in `recusal_from`");
    } else if coi.management.contains(&Management::Recusal) && coi.recusal_from.is_empty() {
        ctx.at(&rules::CONFLICTS_WITHOUT_MANAGEMENT, path!["conflicts", "management"], "conflicts are managed by recusal, but no decision is named for it")
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
    for (i, d) in coi.declared.iter().enumerate() {
        if !d.management.contains(&Management::Recusal) && !d.affects.is_empty() {
            ctx.at(&rules::DECLARED_CONFLICT_WITHOUT_RECUSAL, path!["conflicts", "declared", i, "management"], format!("the declared conflict \"{}\" affects decisions, but the conflicted party does not recuse", d.id))
                .with("no recusal", "add \"recusal\" to `management`, or explain in `interest` why the conflict does not require it");
        }
    }
}
