//! Rules on the version history: its entries run oldest first, each version is listed once, the history
//! includes the document's own version, and the first version took effect before this one. The decision
//! each entry names is checked with the other references, in `references`. Imports the model, the rule
//! catalogue, span paths (`path!`) and the validation context (`super`).

use rustc_hash::FxHashMap;

use super::{Annotate, Ctx};
use crate::model::Charter;
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    order(c, ctx);
    listed_once(c, ctx);
    if !c.versions.is_empty() && !c.versions.iter().any(|v| v.version == c.charter.version) {
        let last = &c.versions[c.versions.len() - 1];
        ctx.at(
            &rules::VERSION_NOT_IN_HISTORY,
            path!["charter", "version"],
            format!(
                "the version history ends with version \"{}\" and does not list this version, \"{}\"",
                last.version, c.charter.version
            ),
        )
        .with(
            "not in `[[versions]]`",
            format!(
                "add a `[[versions]]` entry with `version = \"{}\"`, its `adopted` date and a `summary`",
                c.charter.version
            ),
        );
    }
    original(c, ctx);
}

/// Each entry is adopted on or after the one listed before it.
fn order(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for (i, pair) in c.versions.windows(2).enumerate() {
        let (before, after) = (&pair[0], &pair[1]);
        if after.adopted < before.adopted {
            ctx.at(
                &rules::VERSIONS_OUT_OF_ORDER,
                path!["versions", i + 1, "adopted"],
                format!(
                    "version \"{}\" was adopted on {}, before version \"{}\" listed ahead of it ({})",
                    after.version, after.adopted, before.version, before.adopted
                ),
            )
            .with(
                "earlier than the entry above",
                "list the versions oldest first, or correct this date",
            );
        }
    }
}

/// No version number appears twice.
fn listed_once(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, v) in c.versions.iter().enumerate() {
        if let Some(&earlier) = first.get(v.version.as_str()) {
            ctx.at(
                &rules::VERSION_LISTED_TWICE,
                path!["versions", i, "version"],
                format!(
                    "version \"{}\" is listed twice in the version history (entries {} and {})",
                    v.version,
                    earlier + 1,
                    i + 1
                ),
            )
            .with(
                "listed before",
                "give this entry its own version number, or merge the two entries",
            );
        } else {
            first.insert(&v.version, i);
        }
    }
}

/// The first version took effect on or before this one, and on or before any version's adoption but the
/// first's.
fn original(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(original) = c.charter.original_effective_date else {
        return;
    };
    let later_than = c
        .takes_effect()
        .filter(|e| original > *e)
        .map(|e| format!("this version takes effect on {e}"))
        .or_else(|| {
            c.versions
                .iter()
                .skip(1)
                .find(|v| original > v.adopted)
                .map(|v| format!("version \"{}\" was adopted on {}", v.version, v.adopted))
        });
    if let Some(later_than) = later_than {
        ctx.at(
            &rules::ORIGINAL_AFTER_EFFECTIVE,
            path!["charter", "original_effective_date"],
            format!("the first version took effect on {original}, but {later_than}"),
        )
        .with(
            "later than this version",
            "write the day the first version took effect, or remove `original_effective_date`",
        );
    }
}
