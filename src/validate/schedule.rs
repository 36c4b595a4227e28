//! Rules on dates and periods: the term, phases, obligations and publication delays.

use super::{Annotate, Ctx, term_end};
use crate::model::{Charter, Period, Renewal};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let start = c.charter.effective_date;
    let t = &c.term;
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
        (None, Some(end)) if *end < start => {
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
    let end = term_end(c).filter(|e| *e >= start);

    let mut order: Vec<usize> = Vec::with_capacity(c.phases.len());
    for (i, p) in c.phases.iter().enumerate() {
        for (k, m) in p.metrics.iter().enumerate() {
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
        if let Some(end) = end
            && (p.start < start || p.end > end)
        {
            ctx.at(
                &rules::PHASE_OUTSIDE_TERM,
                path!["phases", i],
                format!(
                    "\"{}\" runs from {} to {}, outside the charter's term ({start} to {end})",
                    p.name, p.start, p.end
                ),
            )
            .with(
                "outside the term",
                "move the phase inside the term, or lengthen the term",
            );
        }
    }
    // Sorted by start date, a phase overlaps an earlier one exactly when it starts before the latest end
    // seen so far: one pass, and no pair is missed.
    order.sort_by_key(|&i| (c.phases[i].start, c.phases[i].end, i));
    let mut latest: Option<usize> = None;
    for &i in &order {
        let b = &c.phases[i];
        if let Some(a) = latest.map(|j| &c.phases[j])
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
        if latest.is_none_or(|j| b.end > c.phases[j].end) {
            latest = Some(i);
        }
    }

    for (i, o) in c.obligations.iter().enumerate() {
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
        if let (Some(due), Some(end)) = (o.due, end)
            && (due < start || due > end)
        {
            ctx.at(&rules::DATE_OUTSIDE_TERM, path!["obligations", i, "due"], format!("\"{}\" falls due on {due}, outside the charter's term ({start} to {end})", o.action))
                    .with("outside the term", "move the due date inside the term, or list the obligation under `term.survival` if it outlives the charter");
        }
    }

    if let Some(p) = &c.publication {
        if let Some(end) = end {
            // Exact calendar arithmetic: a 12-month delay fits a 12-month term.
            let ready = p
                .patent_delay
                .map_or(p.review.after(start), |d| d.after(p.review.after(start)));
            if ready > end.add_days(1) {
                let delay = p
                    .patent_delay
                    .map_or_else(|| "none".to_owned(), |d| d.to_string());
                ctx.at(&rules::PUBLICATION_DELAY_EXCEEDS_TERM, path!["publication", "review"], format!("review ({}) plus patent delay ({delay}) runs to {ready}, past the end of the term on {end}", p.review))
                    .with("cannot fit the term", "shorten the review period or the patent delay (typically 30–90 days and 60–120 days)");
            }
        }
        let delay = p.review.approx_days() + p.patent_delay.map_or(0, Period::approx_days);
        if delay > PUBLICATION_VETO_DAYS {
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
}

/// Review plus patent delay beyond this many days is a veto in all but name.
const PUBLICATION_VETO_DAYS: u64 = 180;
