//! The items of a charter that have ids, kind by kind in one fixed order: where each kind's array is, what
//! one item is called, the prefix of its clause anchor, and the ids. One table serves every rule that needs
//! all the ids: unique ids, exceptions scoped to an item, and clause anchors, and `rename-id`. Imports only
//! the model.

use crate::model::Charter;

/// One kind of item with an id, and the ids of the charter's items of that kind, in order.
pub(crate) struct Kind<'c> {
    /// The path of the kind's array, e.g. `["ip", "foreground"]`.
    pub(crate) path: &'static [&'static str],
    /// What one item is called, e.g. "foreground IP category".
    pub(crate) noun: &'static str,
    /// The prefix of its clause anchor, as the renderer writes it, e.g. `foreground` in `foreground-model`.
    pub(crate) anchor: &'static str,
    /// Whether it is a partner or a body, whose ids share one namespace as owners and gate owners may be
    /// either.
    pub(crate) actor: bool,
    /// The ids, in the order of the array.
    pub(crate) ids: Vec<&'c str>,
}

/// The ids of a list of items, each of which has an `id` field, whatever its type.
macro_rules! ids {
    ($items:expr) => {
        $items.iter().map(|x| x.id.as_str()).collect()
    };
}

/// Every kind of item with an id, in a fixed order (the order suggestions are drawn from).
pub(crate) fn kinds(c: &Charter) -> Vec<Kind<'_>> {
    let mut out = vec![
        kind(&["partners"], "partner", "partner", ids!(c.partners)),
        kind(&["bodies"], "body", "body", ids!(c.bodies)),
        kind(&["decisions"], "decision", "decision", ids!(c.decisions)),
        kind(&["data_flows"], "data flow", "flow", ids!(c.data_flows)),
        kind(&["phases"], "phase", "phase", ids!(c.phases)),
        kind(
            &["obligations"],
            "obligation",
            "obligation",
            ids!(c.obligations),
        ),
    ];
    // A class is defined among the definitions, where its anchor is; its id is named by body members.
    out.push(kind(
        &["membership_classes"],
        "membership class",
        "definition--class",
        ids!(c.membership_classes),
    ));
    if let Some(ip) = &c.ip {
        out.push(kind(
            &["ip", "background_items"],
            "background IP item",
            "background",
            ids!(ip.background_items),
        ));
        let foreground = "foreground IP category";
        out.push(kind(
            &["ip", "foreground"],
            foreground,
            "foreground",
            ids!(ip.foreground),
        ));
        out.push(kind(
            &["ip", "licences"],
            "licence",
            "licence",
            ids!(ip.licences),
        ));
        out.push(kind(
            &["ip", "outbound"],
            "outbound licence",
            "outbound",
            ids!(ip.outbound),
        ));
        out.push(kind(
            &["ip", "transfers"],
            "transfer",
            "transfer",
            ids!(ip.transfers),
        ));
    }
    if let Some(coi) = &c.conflicts {
        let declared = ids!(coi.declared);
        out.push(kind(
            &["conflicts", "declared"],
            "declared conflict",
            "conflict",
            declared,
        ));
    }
    out
}

fn kind<'c>(
    path: &'static [&'static str],
    noun: &'static str,
    anchor: &'static str,
    ids: Vec<&'c str>,
) -> Kind<'c> {
    Kind {
        path,
        noun,
        anchor,
        actor: matches!(anchor, "partner" | "body"),
        ids,
    }
}

#[cfg(test)]
mod tests {
    use super::kinds;
    use crate::model::Charter;
    use crate::xref::CLAUSE_PREFIXES;

    /// An example with every kind of item.
    fn example() -> Charter {
        let text = include_str!("../../charters/sepsis-advisory-board.toml");
        toml::from_str(text).expect("the example is a charter")
    }

    #[test]
    fn every_clause_prefix_is_the_anchor_of_one_kind() {
        let charter = example();
        let mut anchors: Vec<&str> = kinds(&charter).iter().map(|k| k.anchor).collect();
        let mut prefixes = CLAUSE_PREFIXES.to_vec();
        anchors.sort_unstable();
        prefixes.sort_unstable();
        assert_eq!(anchors, prefixes);
    }

    #[test]
    fn partners_and_bodies_share_a_namespace_and_nothing_else_does() {
        let charter = example();
        let actors: Vec<&str> = kinds(&charter)
            .into_iter()
            .filter(|k| k.actor)
            .map(|k| k.noun)
            .collect();
        assert_eq!(actors, ["partner", "body"]);
    }
}
