//! Rules on dates and periods: the term, phases, obligations and publication delays.
//!
//! The term is checked first, as the others are measured against its end; then the areas in the order of
//! the document's schedule: phases, obligations, publication. Imports only the model, the rule catalogue,
//! span paths (`path!`) and the validation context (`super`).

use super::{Annotate, Ctx, term_end};
use crate::model::{Charter, Date, Metric, Obligation, Period, Phase, Publication, Renewal, Term};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    if let Some(t) = &c.term {
        term_length(c, t, ctx);
        renewal(t, ctx);
    }
    // Without a date to take effect on (E0473), the term has no end to measure the other dates against.
    let term = c.term_starts().map_or(
        TermDates {
            start: Date {
                year: 0,
                month: 1,
                day: 1,
            },
            end: None,
        },
        |start| TermDates {
            start,
            end: term_end(c).filter(|e| *e >= start),
        },
    );
    phases(&c.phases, term, ctx);
    for (i, o) in c.obligations.iter().enumerate() {
        obligation_timing(i, o, ctx);
        obligation_due(i, o, term, ctx);
    }
    if let Some(p) = &c.publication {
        publication_delay(p, term, ctx);
        publication_cap(p, term.start, ctx);
        publication_veto(p, ctx);
        single_site(p, ctx);
    }
}

/// The charter's term, as the other dates are measured against it: `end` is `None` when the term is not
/// stated consistently.
#[derive(Clone, Copy)]
struct TermDates {
    start: Date,
    end: Option<Date>,
}

impl TermDates {
    /// Words for a span of dates that leaves the term, such as a phase or a due date: `None` when it fits,
    /// or when the term has no end to measure against.
    fn outside(self, from: Date, to: Date) -> Option<String> {
        let (start, end) = (self.start, self.end?);
        (from < start || to > end).then(|| format!("outside the charter's term ({start} to {end})"))
    }
}

/// The term is given exactly once, as a length or an end date, and does not end before it starts.
fn term_length(c: &Charter, t: &Term, ctx: &mut Ctx<'_, '_>) {
    let start = c.term_starts();
    match (&t.length, &t.end_date) {
        (Some(_), Some(_)) => {
            ctx.at(
                &rules::TERM_LENGTH,
                path!["term", "end_date"],
                "the term is given both as a length and as an end date",
            )
            .with(
                "give one of `length` and `end_date`",
                "remove one of them so that the two cannot disagree",
            );
        }
        (None, None) => {
            ctx.at(
                &rules::TERM_LENGTH,
                path!["term"],
                "the term has neither a length nor an end date",
            )
            .with(
                "how long does the charter run?",
                "add `length = \"36 months\"` or `end_date = 2029-12-31`",
            );
        }
        (None, Some(end)) => {
            let Some(start) = start.filter(|start| end < start) else {
                return;
            };
            ctx.at(
                &rules::TERM_LENGTH,
                path!["term", "end_date"],
                format!("the term ends on {end}, before the effective date {start}"),
            )
            .with(
                "before the effective date",
                "write an end date after `charter.effective_date`",
            );
        }
        _ => {}
    }
}

/// A renewal period exactly when the charter renews automatically.
fn renewal(t: &Term, ctx: &mut Ctx<'_, '_>) {
    match (t.renewal, &t.renewal_period) {
        (Renewal::Automatic, None) => {
            ctx.at(
                &rules::RENEWAL_WITHOUT_PERIOD,
                path!["term", "renewal"],
                "the charter renews automatically, but for how long is not said",
            )
            .with(
                "no `renewal_period`",
                "add `renewal_period = \"12 months\"`",
            );
        }
        (Renewal::None | Renewal::ByAgreement, Some(_)) => {
            ctx.at(
                &rules::RENEWAL_WITHOUT_PERIOD,
                path!["term", "renewal_period"],
                "a renewal period is given, but the charter does not renew automatically",
            )
            .with(
                "unused",
                "remove `renewal_period`, or write `renewal = \"automatic\"`",
            );
        }
        _ => {}
    }
}

/// Each phase's metrics and dates, then the phases against each other. A phase whose dates run backwards
/// is left out of the later checks, which would only repeat the finding.
fn phases(phases: &[Phase], term: TermDates, ctx: &mut Ctx<'_, '_>) {
    let mut order: Vec<usize> = Vec::with_capacity(phases.len());
    for (i, p) in phases.iter().enumerate() {
        for (k, m) in p.metrics.iter().enumerate() {
            metric_threshold(i, k, m, ctx);
        }
        metrics_of_gate(i, p, ctx);
        if p.end < p.start {
            ctx.at(
                &rules::PHASE_DATES_REVERSED,
                path!["phases", i, "end"],
                format!("\"{}\" ends on {} but starts on {}", p.name, p.end, p.start),
            )
            .with(
                "before `start`",
                "swap the dates, or correct the one that is wrong",
            );
            continue;
        }
        order.push(i);
        if let Some(outside) = term.outside(p.start, p.end) {
            ctx.at(
                &rules::PHASE_OUTSIDE_TERM,
                path!["phases", i],
                format!(
                    "\"{}\" runs from {} to {}, {outside}",
                    p.name, p.start, p.end
                ),
            )
            .with(
                "outside the term",
                "move the phase inside the term, or lengthen the term",
            );
        }
    }
    listed_order(phases, &order, ctx);
    overlaps(phases, order, ctx);
}

/// A gate judges at least one metric (W0477), and at most one of them is primary (E0478).
fn metrics_of_gate(i: usize, p: &Phase, ctx: &mut Ctx<'_, '_>) {
    if p.metrics.is_empty() {
        ctx.at(
            &rules::GATE_WITHOUT_METRICS,
            path!["phases", i, "gate"],
            format!("the gate of \"{}\" judges no metric", p.name),
        )
        .with(
            "decided with no metric",
            "add a `[[phases.metrics]]` table after this phase, such as `name = \"AUROC at each site\"` \
             with `at_least = 0.80`; or, if no metric decides this gate, accept W0477 in `[[exceptions]]` \
             with `at` the phase's id and the reason",
        );
    }
    let primaries: Vec<usize> = (0..p.metrics.len())
        .filter(|&k| p.metrics[k].primary)
        .collect();
    if let [first, rest @ ..] = primaries.as_slice() {
        for &k in rest {
            ctx.at(
                &rules::SEVERAL_PRIMARY_METRICS,
                path!["phases", i, "metrics", k, "primary"],
                format!(
                    "\"{}\" has a second primary metric, \"{}\"; \"{}\" is already primary",
                    p.name, p.metrics[k].name, p.metrics[*first].name
                ),
            )
            .with(
                "a second primary metric",
                "remove `primary = true` here, or from the first, so that one metric is primary",
            );
        }
    }
}

/// The phases, as listed, start in the order they run (E0476): each phase at `order` (those whose dates run
/// forwards, in the order listed) starts no earlier than the one listed before it.
fn listed_order(phases: &[Phase], order: &[usize], ctx: &mut Ctx<'_, '_>) {
    for pair in order.windows(2) {
        let (a, b) = (&phases[pair[0]], &phases[pair[1]]);
        if b.start < a.start {
            ctx.at(
                &rules::PHASES_OUT_OF_ORDER,
                path!["phases", pair[1], "start"],
                format!(
                    "\"{}\" starts on {}, before \"{}\" (on {}), but is listed after it",
                    b.name, b.start, a.name, a.start
                ),
            )
            .with(
                "listed out of order",
                format!(
                    "move the `[[phases]]` table of \"{}\" above that of \"{}\", or correct this date",
                    b.name, a.name
                ),
            );
        }
    }
}

/// A metric has exactly one threshold: a minimum or a maximum.
fn metric_threshold(i: usize, k: usize, m: &Metric, ctx: &mut Ctx<'_, '_>) {
    match (m.at_least, m.at_most) {
        (None, None) => {
            ctx.at(
                &rules::METRIC_THRESHOLD,
                path!["phases", i, "metrics", k],
                format!("the metric \"{}\" has no threshold", m.name),
            )
            .with("no threshold", "add `at_least = …` or `at_most = …`");
        }
        (Some(_), Some(_)) => {
            ctx.at(
                &rules::METRIC_THRESHOLD,
                path!["phases", i, "metrics", k, "at_most"],
                format!("the metric \"{}\" has both a minimum and a maximum", m.name),
            )
            .with(
                "give one threshold",
                "split it into two metrics, one with `at_least` and one with `at_most`",
            );
        }
        _ => {}
    }
}

/// Phases that overlap, among the phases at `order` (those whose dates run forwards).
fn overlaps(phases: &[Phase], mut order: Vec<usize>, ctx: &mut Ctx<'_, '_>) {
    // Sorted by start date, a phase overlaps an earlier one exactly when it starts before the latest end
    // seen so far: one pass, and no pair is missed.
    order.sort_by_key(|&i| (phases[i].start, phases[i].end, i));
    let mut latest: Option<usize> = None;
    for &i in &order {
        let b = &phases[i];
        if let Some(a) = latest.map(|j| &phases[j])
            && b.start <= a.end
        {
            ctx.at(
                &rules::PHASES_OVERLAP,
                path!["phases", i, "start"],
                format!(
                    "\"{}\" starts on {} before \"{}\" ends on {}",
                    b.name, b.start, a.name, a.end
                ),
            )
            .with(
                "overlaps an earlier phase",
                format!(
                    "start \"{}\" after {}, once the gate of \"{}\" has decided",
                    b.name, a.end, a.name
                ),
            );
        }
        if latest.is_none_or(|j| b.end > phases[j].end) {
            latest = Some(i);
        }
    }
}

/// An obligation says when or how often: a due date, a cadence, or a period after an event (both halves).
fn obligation_timing(i: usize, o: &Obligation, ctx: &mut Ctx<'_, '_>) {
    if o.within.is_some() != o.after.is_some() {
        let (key, other) = if o.within.is_some() {
            ("within", "after")
        } else {
            ("after", "within")
        };
        ctx.at(&rules::OBLIGATION_WITHOUT_TIMING, path!["obligations", i, key], format!("the obligation \"{}\" has `{key}` without `{other}`", o.action))
            .with(format!("`{other}` is missing"), "`within` is a period and `after` the event it runs from: give both, e.g. `within = \"30 days\"`, `after = \"a model change\"`");
    } else if o.due.is_none() && o.cadence.is_none() && o.within.is_none() {
        ctx.at(&rules::OBLIGATION_WITHOUT_TIMING, path!["obligations", i], format!("the obligation \"{}\" says neither when nor how often", o.action))
            .with("no timing", "add `due = 2027-03-31`, `cadence = \"quarterly\"`, or both `within = \"30 days\"` and `after = \"<event>\"`");
    }
}

/// An obligation's due date falls within the term.
fn obligation_due(i: usize, o: &Obligation, term: TermDates, ctx: &mut Ctx<'_, '_>) {
    if let Some(due) = o.due
        && let Some(outside) = term.outside(due, due)
    {
        ctx.at(&rules::DATE_OUTSIDE_TERM, path!["obligations", i, "due"], format!("\"{}\" falls due on {due}, {outside}", o.action))
            .with("outside the term", "move the due date inside the term, or list the obligation under `term.survival` if it outlives the charter");
    }
}

/// Review plus patent delay, counted from the start, ends within the term.
fn publication_delay(p: &Publication, term: TermDates, ctx: &mut Ctx<'_, '_>) {
    let Some(end) = term.end else {
        return;
    };
    // Exact calendar arithmetic: a 12-month delay fits a 12-month term.
    let review_ends = p.review.after(term.start);
    let ready = p.patent_delay.map_or(review_ends, |d| d.after(review_ends));
    if ready > end.add_days(1) {
        let delay = p
            .patent_delay
            .map_or_else(|| "none".to_owned(), |d| d.to_string());
        ctx.at(&rules::PUBLICATION_DELAY_EXCEEDS_TERM, path!["publication", "review"], format!("review ({}) plus patent delay ({delay}) runs to {ready}, past the end of the term on {end}", p.review))
            .with("cannot fit the term", "shorten the review period or the patent delay (typically 30–90 days and 60–120 days)");
    }
}

/// Review plus patent delay short enough not to amount to a veto on publication.
fn publication_veto(p: &Publication, ctx: &mut Ctx<'_, '_>) {
    let delay = p.review.approx_days() + p.patent_delay.map_or(0, Period::approx_days);
    if delay <= PUBLICATION_VETO_DAYS {
        return;
    }
    let (key, words) = match p.patent_delay {
        Some(patent) => (
            "patent_delay",
            format!("{} of review and {patent} of patent delay", p.review),
        ),
        None => ("review", format!("{} of review", p.review)),
    };
    ctx.at(
        &rules::PUBLICATION_VETO,
        path!["publication", key],
        format!("{words} can hold a manuscript back for about {delay} days, more than six months"),
    )
    .with(
        "amounts to a veto",
        "keep review plus patent delay within 180 days (typically 30–90 days of review and 60–120 days of patent delay)",
    );
}

/// Review plus patent delay within the partners' own cap (E0479), measured in calendar days from a
/// manuscript circulated on the effective date, so that months and business days count as they fall.
fn publication_cap(p: &Publication, start: Date, ctx: &mut Ctx<'_, '_>) {
    let Some(cap) = p.max_total_delay else {
        return;
    };
    let review_ends = p.review.after(start);
    let ready = p.patent_delay.map_or(review_ends, |d| d.after(review_ends));
    if ready <= cap.after(start) {
        return;
    }
    let (key, words) = match p.patent_delay {
        Some(patent) => (
            "patent_delay",
            format!("{} of review and {patent} of patent delay", p.review),
        ),
        None => ("review", format!("{} of review", p.review)),
    };
    ctx.at(
        &rules::PUBLICATION_DELAY_EXCEEDS_CAP,
        path!["publication", key],
        format!("{words} hold a manuscript back longer than the partners' cap of {cap} (`max_total_delay`)"),
    )
    .with(
        "beyond the cap",
        format!("shorten `review` or `patent_delay` so that together they fit within {cap}, or raise `max_total_delay`"),
    );
}

/// `single_site_after` only where multi-site results come first.
fn single_site(p: &Publication, ctx: &mut Ctx<'_, '_>) {
    if p.single_site_after.is_some() && !p.multi_site_first {
        ctx.at(
            &rules::SINGLE_SITE_WITHOUT_MULTI_SITE_FIRST,
            path!["publication", "single_site_after"],
            "`single_site_after` only means something when multi-site results come first",
        )
        .with(
            "unused",
            "write `multi_site_first = true`, or remove `single_site_after`",
        );
    }
}

/// Review plus patent delay beyond this many days is a veto in all but name.
const PUBLICATION_VETO_DAYS: u64 = 180;

#[cfg(test)]
mod tests {
    use super::TermDates;
    use crate::model::Date;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn a_span_is_outside_the_term_when_either_end_leaves_it() {
        let term = TermDates {
            start: date(2026, 3, 1),
            end: Some(date(2027, 2, 28)),
        };
        assert_eq!(term.outside(date(2026, 3, 1), date(2027, 2, 28)), None);
        assert_eq!(
            term.outside(date(2026, 2, 28), date(2026, 6, 30))
                .as_deref(),
            Some("outside the charter's term (2026-03-01 to 2027-02-28)")
        );
        assert!(term.outside(date(2027, 3, 1), date(2027, 3, 1)).is_some());
    }

    #[test]
    fn nothing_is_outside_a_term_without_an_end() {
        let term = TermDates {
            start: date(2026, 3, 1),
            end: None,
        };
        assert_eq!(term.outside(date(2020, 1, 1), date(2040, 1, 1)), None);
    }
}
