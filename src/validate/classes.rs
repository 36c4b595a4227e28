//! Rules on membership classes: a body's member names a class that exists, on an entry of its own; a
//! partner belongs to one class; and a class given seats has members. Imports only the model, the rule
//! catalogue, suggestion by edit distance, span paths and the validation context (`super`).

use rustc_hash::FxHashMap;

use super::{Annotate, Ctx, quoted};
use crate::model::{Charter, Lookup};
use crate::path;
use crate::rules;
use crate::suggest::closest;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    one_class_each(c, ctx);
    let mut warned = vec![false; c.membership_classes.len()];
    for (i, body) in c.bodies.iter().enumerate() {
        for (j, m) in body.members.iter().enumerate() {
            let Some(class) = m.class.as_deref() else {
                continue;
            };
            if m.partner.is_some() || m.person.is_some() {
                let key = if m.partner.is_some() {
                    "partner"
                } else {
                    "person"
                };
                ctx.at(
                    &rules::CLASS_MEMBER_WITH_PARTNER,
                    path!["bodies", i, "members", j, key],
                    format!(
                        "this member of \"{}\" names the class \"{class}\" and a {key}",
                        body.name
                    ),
                )
                .with(
                    format!("a {key} on the entry of a class"),
                    format!("write the class on an entry of its own, `{{ class = \"{class}\", seats = 1 }}`, and the {key} on another"),
                );
            }
            let Some(k) = index.class(class) else {
                let ids = index.class_ids();
                let hint = match (closest(class, &ids), ids.is_empty()) {
                    (Some(best), _) => format!("did you mean \"{best}\"?"),
                    (None, true) => format!(
                        "define the class first: `[[membership_classes]]` with `id = \"{class}\"`, a `name` and its `members`"
                    ),
                    (None, false) => format!("write the id of a class: {}", quoted(&ids)),
                };
                ctx.at(
                    &rules::UNKNOWN_MEMBERSHIP_CLASS,
                    path!["bodies", i, "members", j, "class"],
                    format!("no membership class has the id \"{class}\""),
                )
                .with("not a defined membership class", hint);
                continue;
            };
            let defined = &c.membership_classes[k];
            // A roster that cannot be read, or has problems, is reported where it is named, not as an
            // empty class.
            let unread =
                defined.roster.is_some() && defined.listed.as_ref().is_none_or(|r| r.flawed);
            if defined.member_ids().next().is_none() && !unread && !warned[k] {
                warned[k] = true;
                ctx.at(
                    &rules::EMPTY_MEMBERSHIP_CLASS,
                    path!["membership_classes", k, "id"],
                    format!(
                        "\"{}\" has no members, so its seats on \"{}\" count nothing",
                        defined.name, body.name
                    ),
                )
                .with(
                    "a class with seats and no members",
                    "list its partners, `members = [\"brightwater\"]`, or its members in the `roster` the class names",
                );
            }
        }
    }
}

/// Each partner, and each member a roster lists, is in at most one class, once.
fn one_class_each(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let mut seen: FxHashMap<&str, &str> = FxHashMap::default();
    for (i, class) in c.membership_classes.iter().enumerate() {
        let listed = class.listed.iter().flat_map(|r| r.members.iter());
        let in_members = class.members.iter().enumerate().map(|(k, p)| {
            let at = path!["membership_classes", i, "members", k].to_vec();
            (p.as_str(), at, "the `members`")
        });
        // A roster's member that is also in `members` is that partner, named once.
        let in_roster = listed.filter(|m| !class.members.contains(&m.id)).map(|m| {
            let at = path!["membership_classes", i, "roster"].to_vec();
            (m.id.as_str(), at, "the roster")
        });
        for (p, at, list) in in_members.chain(in_roster) {
            let Some(first) = seen.insert(p, class.name.as_str()) else {
                continue;
            };
            let message = if first == class.name {
                format!("\"{p}\" is listed twice in \"{}\"", class.name)
            } else {
                format!("\"{p}\" is in \"{first}\" and in \"{}\"", class.name)
            };
            ctx.at(&rules::PARTNER_IN_TWO_CLASSES, &at, message).with(
                "a member of another class already",
                format!("remove \"{p}\" from {list} of \"{}\"", class.name),
            );
        }
    }
}
