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
            if defined.members.is_empty() && !warned[k] {
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
                    "list its partners: `members = [\"brightwater\"]`",
                );
            }
        }
    }
}

/// Each partner is in at most one class, once.
fn one_class_each(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let mut seen: FxHashMap<&str, &str> = FxHashMap::default();
    for (i, class) in c.membership_classes.iter().enumerate() {
        for (k, p) in class.members.iter().enumerate() {
            if let Some(first) = seen.insert(p.as_str(), class.name.as_str()) {
                let message = if first == class.name {
                    format!("\"{p}\" is listed twice in \"{}\"", class.name)
                } else {
                    format!("\"{p}\" is in \"{first}\" and in \"{}\"", class.name)
                };
                ctx.at(
                    &rules::PARTNER_IN_TWO_CLASSES,
                    path!["membership_classes", i, "members", k],
                    message,
                )
                .with(
                    "a member of another class already",
                    format!("remove \"{p}\" from the `members` of \"{}\"", class.name),
                );
            }
        }
    }
}
