//! Rules on when a flow's data is provided and on a partner's ceilings by phase: one ceiling per phase
//! (E0581), a window of dates that holds a day and lies in the term (E0582, W0583), a use that does not
//! end before the flow begins (W0584), and an agreement signed by the flow's first day (W0585). The
//! ceilings themselves are checked with the flow's recipients, in `data` (E0404, E0580) and `elements`.
//! Imports only the model, the rule catalogue, span paths (`path!`) and the validation context (`super`).

use super::{Annotate, Ctx, term_end};
use crate::model::{Charter, DataFlow, DateWindow, During, UseEnd};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    phase_ceilings(c, ctx);
    for (i, f) in c.data_flows.iter().enumerate() {
        if let Some(During::Dates(w)) = &f.during {
            window(c, i, f, w, ctx);
        }
        use_before_flow(c, i, f, ctx);
        before_agreement(c, i, f, ctx);
    }
}

/// A partner names each phase once in its `phase_ceilings`.
fn phase_ceilings(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for (i, p) in c.partners.iter().enumerate() {
        for (k, pc) in p.phase_ceilings.iter().enumerate() {
            if p.phase_ceilings[..k].iter().any(|e| e.phase == pc.phase) {
                ctx.at(
                    &rules::DUPLICATE_PHASE_CEILING,
                    path!["partners", i, "phase_ceilings", k, "phase"],
                    format!(
                        "{} gives a second ceiling for the phase \"{}\"",
                        p.short_name, pc.phase
                    ),
                )
                .with(
                    "one ceiling per phase",
                    "keep one entry for the phase and remove this one",
                );
            }
        }
    }
}

/// A window of dates holds a day, and lies within the term.
fn window(c: &Charter, i: usize, f: &DataFlow, w: &DateWindow, ctx: &mut Ctx<'_, '_>) {
    if let (Some(from), Some(until)) = (w.from, w.until)
        && until < from
    {
        ctx.at(
            &rules::FLOW_WINDOW_REVERSED,
            path!["data_flows", i, "during", "until"],
            format!(
                "\"{}\" is provided until {until}, before it is first provided on {from}",
                f.name
            ),
        )
        .with(
            "the window holds no day",
            format!("swap the dates: `during = {{ from = {until}, until = {from} }}`"),
        );
        return;
    }
    if let (Some(from), Some(start)) = (w.from, c.term_starts())
        && from < start
    {
        ctx.at(
            &rules::FLOW_WINDOW_OUTSIDE_TERM,
            path!["data_flows", i, "during", "from"],
            format!(
                "\"{}\" is first provided on {from}, before the term begins on {start}",
                f.name
            ),
        )
        .with(
            "before the term",
            format!("write `from = {start}` or later, or leave `from` out"),
        );
    }
    if let (Some(until), Some(end)) = (w.until, term_end(c))
        && until > end
    {
        ctx.at(
            &rules::FLOW_WINDOW_OUTSIDE_TERM,
            path!["data_flows", i, "during", "until"],
            format!(
                "\"{}\" is provided until {until}, after the term ends on {end}",
                f.name
            ),
        )
        .with(
            "after the term",
            format!("write `until = {end}` or earlier, or leave `until` out"),
        );
    }
}

/// The use of a flow's data does not end, by a phase or a date of `use_ends`, before the flow's first
/// day.
fn use_before_flow(c: &Charter, i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    let Some(first) = c.flow_starts(f) else {
        return;
    };
    for (k, event) in f.use_ends.iter().flatten().enumerate() {
        // Only phases and dates are asked: the end of the term does not come before a first day in it.
        let Some(day) = c.use_end_day(event, None) else {
            continue;
        };
        let words = match event {
            UseEnd::Phase(id) => {
                let name = c
                    .phases
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or("", |p| &p.name);
                format!("at the end of the phase \"{name}\"")
            }
            _ => format!("on {day}"),
        };
        if day < first {
            ctx.at(
                &rules::USE_ENDS_BEFORE_FLOW,
                path!["data_flows", i, "use_ends", k],
                format!(
                    "the use of \"{}\" ends {words}, before the flow is first provided on {first}",
                    f.name
                ),
            )
            .with(
                "the use ends before any data is provided",
                match f.during_phases().last() {
                    Some(last) => format!(
                        "end the use with a phase of the flow, e.g. `{{ phase = \"{last}\" }}`, or correct `during`"
                    ),
                    None => format!(
                        "end the use on or after {first}, or correct the `from` of `during`"
                    ),
                },
            );
        }
    }
}

/// A flow limited by `during` begins no earlier than its agreement is signed.
fn before_agreement(c: &Charter, i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    let (Some(first), Some(signed)) = (
        c.flow_starts(f),
        f.agreement_term.as_ref().and_then(|t| t.signed),
    ) else {
        return;
    };
    if first < signed {
        ctx.at(
            &rules::FLOW_BEFORE_AGREEMENT,
            path!["data_flows", i, "during"],
            format!(
                "\"{}\" is first provided on {first}, but its agreement is signed on {signed}",
                f.name
            ),
        )
        .with(
            "data before its agreement",
            format!("begin the flow once the agreement is signed, e.g. `during = {{ from = {signed} }}`, or correct `signed`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::findings;

    /// A limited data set from Hillcrest to Bayview in the retrospective phase, identified data in the
    /// pilot, with Bayview's ceiling by phase.
    const PHASED: &str =
        include_str!("../../tests/fixtures/valid/recipient-above-phase-ceiling.toml");

    /// The same, with Hillcrest limited to aggregate statistics in the retrospective audit.
    const LOWERED: &str =
        include_str!("../../tests/fixtures/invalid/recipient-above-phase-ceiling.toml");

    fn codes(text: &str) -> Vec<&'static str> {
        findings(text).into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn each_phase_holds_its_own_ceiling() {
        assert!(codes(PHASED).is_empty(), "{:?}", findings(PHASED));
        assert_eq!(codes(LOWERED), ["E0580"], "{:?}", findings(LOWERED));
        // The pilot's identified data sent in the retrospective audit too, where the data ceiling
        // holds: the hint limits the flow to the phase that allows it.
        let both = PHASED.replace(
            "during = [\"pilot\"]",
            "during = [\"retrospective\", \"pilot\"]",
        );
        let found = findings(&both);
        assert_eq!(codes(&both), ["E0404"], "{found:?}");
        assert!(
            found[0]
                .1
                .contains("a limited data set outside \"Alert pilot\""),
            "{found:?}"
        );
        // Not limited at all, it runs outside the pilot too.
        let always = PHASED.replace("during = [\"pilot\"]\n", "");
        assert_eq!(codes(&always), ["E0404"], "{:?}", findings(&always));
    }

    #[test]
    fn a_window_inside_the_pilot_is_held_to_the_pilot_ceiling_alone() {
        let inside = PHASED.replace(
            "during = [\"pilot\"]",
            "during = { from = 2026-08-01, until = 2026-09-30 }",
        );
        assert!(codes(&inside).is_empty(), "{:?}", findings(&inside));
        let across = PHASED.replace(
            "during = [\"pilot\"]",
            "during = { from = 2026-05-01, until = 2026-09-30 }",
        );
        assert_eq!(codes(&across), ["E0404"], "{:?}", findings(&across));
        // An open end closes with the term, which ends with the pilot.
        let open = PHASED.replace("during = [\"pilot\"]", "during = { from = 2026-07-01 }");
        assert!(codes(&open).is_empty(), "{:?}", findings(&open));
        let early = PHASED.replace("during = [\"pilot\"]", "during = { until = 2026-09-30 }");
        assert_eq!(codes(&early), ["E0404"], "{:?}", findings(&early));
    }

    #[test]
    fn a_window_holds_a_day_within_the_term() {
        let reversed = PHASED.replace(
            "during = [\"pilot\"]",
            "during = { from = 2026-09-30, until = 2026-08-01 }",
        );
        assert_eq!(codes(&reversed), ["E0582"]);
        let early = PHASED.replace(
            "during = [\"pilot\"]",
            "during = { from = 2025-08-01, until = 2026-09-30 }",
        );
        assert!(codes(&early).contains(&"W0583"), "{:?}", findings(&early));
    }

    #[test]
    fn the_use_ends_after_the_flow_begins_and_the_agreement_comes_first() {
        let ended = PHASED.replace(
            "end_of_use = \"destroy\"\n",
            "end_of_use = \"destroy\"\nuse_ends = [{ phase = \"retrospective\" }]\n",
        );
        let found = findings(&ended);
        assert!(codes(&ended).contains(&"W0584"), "{found:?}");
        let late = PHASED.replace(
            "agreement = \"business_associate_agreement\"\n",
            "agreement = \"business_associate_agreement\"\nagreement_term = { length = \"2 years\", renewal = \"by_agreement\", signed = 2026-08-01 }\n",
        );
        assert_eq!(codes(&late), ["W0585"], "{:?}", findings(&late));
    }
}
