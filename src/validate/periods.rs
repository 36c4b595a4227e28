//! A period of zero where a term needs time to mean anything: notice, terms of office, the charter's own
//! term, cure and withdrawal periods, deadlines for disclosure and breach notification.

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{Charter, Period};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    // Only a zero period is reported, so its description is written only then: a large charter has tens
    // of thousands of periods and hardly ever a zero one.
    let mut add = |path: &[Seg], period: Option<Period>, what: &dyn Fn() -> String| {
        if let Some(p) = period.filter(|p| p.count == 0) {
            ctx.at(
                &rules::ZERO_PERIOD,
                path,
                format!("{} is {p}, which gives no time at all", what()),
            )
            .with(
                "zero",
                "write the period the partners mean, such as \"14 days\", or remove an optional term",
            );
        }
    };
    for (i, b) in c.bodies.iter().enumerate() {
        let m = &b.meetings;
        let of = |what: &'static str| move || format!("the {what} of \"{}\"", b.name);
        add(
            path!["bodies", i, "meetings", "notice"],
            Some(m.notice),
            &of("notice of a meeting"),
        );
        add(
            path!["bodies", i, "meetings", "papers"],
            m.papers,
            &of("circulation of papers"),
        );
        add(
            path!["bodies", i, "meetings", "minutes"],
            Some(m.minutes),
            &of("deadline for minutes"),
        );
        add(
            path!["bodies", i, "chair", "term"],
            Some(b.chair.term),
            &of("chair's term"),
        );
        add(
            path!["bodies", i, "member_term"],
            b.member_term,
            &of("members' term"),
        );
    }
    if let Some(a) = &c.amendment {
        add(path!["amendment", "notice"], Some(a.notice), &|| {
            "the notice of an amendment".into()
        });
    }
    let t = &c.term;
    add(path!["term", "length"], t.length, &|| {
        "the charter's term".into()
    });
    add(path!["term", "renewal_period"], t.renewal_period, &|| {
        "the renewal period".into()
    });
    add(
        path!["term", "termination_notice"],
        Some(t.termination_notice),
        &|| "the notice of termination".into(),
    );
    add(path!["term", "cure_period"], Some(t.cure_period), &|| {
        "the cure period".into()
    });
    add(
        path!["term", "withdrawal_notice"],
        Some(t.withdrawal_notice),
        &|| "the notice of withdrawal".into(),
    );
    if let Some(coi) = &c.conflicts {
        add(
            path!["conflicts", "new_interest_within"],
            coi.new_interest_within,
            &|| "the deadline for disclosing a new interest".into(),
        );
    }
    if let Some(d) = &c.disputes {
        for (i, step) in d.steps.iter().enumerate() {
            add(
                path!["disputes", "steps", i, "within"],
                Some(step.within),
                &|| format!("the time {} have to resolve a dispute", step.by),
            );
        }
    }
    for (i, f) in c.data_flows.iter().enumerate() {
        let of = |what: &'static str| move || format!("the {what} of \"{}\"", f.name);
        add(
            path!["data_flows", i, "breach_notification"],
            f.breach_notification,
            &of("breach notification window"),
        );
        add(
            path!["data_flows", i, "retention"],
            f.retention,
            &of("retention"),
        );
    }
    for (i, o) in c.obligations.iter().enumerate() {
        add(path!["obligations", i, "within"], o.within, &|| {
            format!("the deadline of \"{}\"", o.action)
        });
    }
}
