//! When a flow's data is provided, and a partner's ceilings by phase, in plain words: each written only
//! where the charter limits a flow with `during` or gives a partner `phase_ceilings`.

use super::and_list;
use super::clauses::clause_ref;
use crate::md;
use crate::model::{Charter, DataFlow, Date, During, Partner, Phase};
use crate::render::anchors::{self, Item};
use crate::render::markdown::{Md, join, text};

/// A phase by name, with a reference to its clause: `the phase "Alert pilot" (§8.2)`.
fn phase_words(p: &Phase) -> Md {
    md!(
        "\"{}\" ({})",
        text(&p.name),
        clause_ref(&anchors::item(Item::Phase, &p.id))
    )
}

/// When a flow's data is provided, as a sentence, for a flow limited with `during`: "The data is
/// provided only during the phase "Alert pilot" (§8.2), from 1 July 2026 to 31 December 2026."
pub(super) fn provided(c: &Charter, f: &DataFlow) -> Option<Md> {
    let style = c.charter.date_style;
    let words = match f.during.as_ref()? {
        During::Phases(_) => {
            let phases = c.phases_of(f);
            let named: Vec<Md> = phases.iter().map(|p| phase_words(p)).collect();
            let noun = if named.len() == 1 {
                "the phase"
            } else {
                "the phases"
            };
            // One span of days when the phases follow one another with no gap: one phase, or phases
            // each beginning the day after the one before ends.
            let mut days: Vec<(Date, Date)> = phases.iter().map(|p| (p.start, p.end)).collect();
            days.sort();
            let joined = days.windows(2).all(|w| w[1].0 == w[0].1.add_days(1));
            let span = match (days.first(), days.last()) {
                (Some(first), Some(last)) if joined => {
                    md!(", from {} to {}", style.write(first.0), style.write(last.1))
                }
                _ => Md::default(),
            };
            md!("during {noun} {}{span}", and_list(&named))
        }
        During::Dates(w) => match (w.from, w.until) {
            (Some(from), Some(until)) => {
                md!("from {} to {}", style.write(from), style.write(until))
            }
            (Some(from), None) => md!("from {}", style.write(from)),
            (None, Some(until)) => md!("until {}", style.write(until)),
            (None, None) => return None,
        },
    };
    Some(md!("The data is provided only {words}."))
}

/// A partner's ceilings by phase, a sentence each after its data ceiling: "In the phase "Alert pilot"
/// (§8.2), it may receive no data more identifiable than identified data."
pub(super) fn phase_ceilings(c: &Charter, p: &Partner) -> Option<Md> {
    let each: Vec<Md> = p
        .phase_ceilings
        .iter()
        .filter_map(|pc| {
            let phase = c.phases.iter().find(|ph| ph.id == pc.phase)?;
            let methods = pc.data_ceiling.methods().map(|m| {
                let named: Vec<Md> = m.iter().map(|m| Md::raw(m.label())).collect();
                md!(
                    " Any de-identified data it receives in that phase must be de-identified by {}.",
                    join(&named, " or ")
                )
            });
            Some(md!(
                "In the phase {}, it may receive no data more identifiable than {}.{}",
                phase_words(phase),
                pc.data_ceiling.label(),
                methods.unwrap_or_default()
            ))
        })
        .collect();
    (!each.is_empty()).then(|| join(&each, " "))
}
