//! A period of zero where a term needs time to mean anything: notice, terms of office, the charter's own
//! term, cure and withdrawal periods, deadlines for disclosure and breach notification.
//!
//! Checked area by area: bodies, amendment, term, conflicts, disputes, data flows, obligations. Imports
//! only the model, the rule catalogue, span paths (`path!`, `Seg`) and the validation context (`super`).

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{Body, Charter, DataFlow, DecisionRule, Period, Tenure, Term};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let mut zero = Zero { ctx };
    for (i, b) in c.bodies.iter().enumerate() {
        zero.body(i, b);
    }
    for (i, d) in c.decisions.iter().enumerate() {
        zero.check(
            path!["decisions", i, "approval_lasts"],
            d.approval_lasts,
            &|| format!("how long an approval of \"{}\" lasts", d.matter),
        );
        if let DecisionRule::LazyConsensus(window) = d.rule {
            zero.check(
                path!["decisions", i, "rule", "lazy_consensus"],
                window,
                &|| format!("the time members have to object to \"{}\"", d.matter),
            );
        }
    }
    if let Some(a) = &c.amendment {
        zero.check(path!["amendment", "notice"], Some(a.notice), &|| {
            "the notice of an amendment".into()
        });
        if let DecisionRule::LazyConsensus(window) = a.rule {
            zero.check(
                path!["amendment", "rule", "lazy_consensus"],
                window,
                &|| "the time members have to object to an amendment".into(),
            );
        }
    }
    if let Some(term) = &c.term {
        zero.term(term);
    }
    if let Some(coi) = &c.conflicts {
        zero.check(
            path!["conflicts", "new_interest_within"],
            coi.new_interest_within,
            &|| "the deadline for disclosing a new interest".into(),
        );
    }
    if let Some(d) = &c.disputes {
        for (i, step) in d.steps.iter().enumerate() {
            zero.check(
                path!["disputes", "steps", i, "within"],
                Some(step.within),
                &|| format!("the time {} have to resolve a dispute", step.by),
            );
        }
    }
    for (i, f) in c.data_flows.iter().enumerate() {
        zero.data_flow(i, f);
    }
    for (i, o) in c.obligations.iter().enumerate() {
        zero.check(path!["obligations", i, "within"], o.within, &|| {
            format!("the deadline of \"{}\"", o.action)
        });
    }
}

/// Reports zero periods.
struct Zero<'a, 'x, 's> {
    ctx: &'a mut Ctx<'x, 's>,
}

impl Zero<'_, '_, '_> {
    /// Reports `period` at `path` when it is zero. Only a zero period is reported, so its description
    /// (`what`) is written only then: a large charter has tens of thousands of periods and hardly ever a
    /// zero one.
    fn check(&mut self, path: &[Seg], period: Option<Period>, what: &dyn Fn() -> String) {
        if let Some(p) = period.filter(|p| p.count == 0) {
            self.ctx
                .at(
                    &rules::ZERO_PERIOD,
                    path,
                    format!("{} is {p}, which gives no time at all", what()),
                )
                .with(
                    "zero",
                    "write the period the partners mean, such as \"14 days\", or remove an optional term",
                );
        }
    }

    /// A body's meetings and terms of office.
    fn body(&mut self, i: usize, b: &Body) {
        let m = &b.meetings;
        let of = |what| of(what, &b.name);
        self.check(
            path!["bodies", i, "meetings", "notice"],
            Some(m.notice),
            &of("notice of a meeting"),
        );
        self.check(
            path!["bodies", i, "meetings", "papers"],
            m.papers,
            &of("circulation of papers"),
        );
        self.check(
            path!["bodies", i, "meetings", "minutes"],
            Some(m.minutes),
            &of("deadline for minutes"),
        );
        if let Some(e) = &m.extraordinary {
            self.check(
                path!["bodies", i, "meetings", "extraordinary", "notice"],
                Some(e.notice),
                &of("notice of an extraordinary meeting"),
            );
        }
        if let Some(Tenure::For(term)) = b.chair.as_ref().and_then(|c| c.term) {
            self.check(
                path!["bodies", i, "chair", "term"],
                Some(term),
                &of("chair's term"),
            );
        }
        self.check(
            path!["bodies", i, "member_term"],
            b.member_term,
            &of("members' term"),
        );
        for (k, o) in b.officers.iter().enumerate() {
            if let Some(Tenure::For(term)) = o.term {
                self.check(
                    path!["bodies", i, "officers", k, "term"],
                    Some(term),
                    &of("officer's term"),
                );
            }
        }
        if let Some(v) = &b.vacancies {
            self.check(
                path!["bodies", i, "vacancies", "within"],
                v.within,
                &of("time to fill a vacancy"),
            );
        }
    }

    /// The charter's term, renewal, termination and withdrawal.
    fn term(&mut self, t: &Term) {
        self.check(path!["term", "length"], t.length, &|| {
            "the charter's term".into()
        });
        self.check(path!["term", "renewal_period"], t.renewal_period, &|| {
            "the renewal period".into()
        });
        self.check(
            path!["term", "termination_notice"],
            t.termination_notice,
            &|| "the notice of termination".into(),
        );
        self.check(path!["term", "cure_period"], t.cure_period, &|| {
            "the cure period".into()
        });
        self.check(
            path!["term", "withdrawal_notice"],
            t.withdrawal_notice,
            &|| "the notice of withdrawal".into(),
        );
    }

    /// A data flow's breach notification window, retention, retention of records, training refresher
    /// and the term of its agreement.
    fn data_flow(&mut self, i: usize, f: &DataFlow) {
        let of = |what| of(what, &f.name);
        self.check(
            path!["data_flows", i, "breach_notification"],
            f.breach_notification,
            &of("breach notification window"),
        );
        self.check(
            path!["data_flows", i, "retention"],
            f.retention,
            &of("retention"),
        );
        self.check(
            path!["data_flows", i, "records_retention"],
            f.records_retention,
            &of("retention of records"),
        );
        self.check(
            path!["data_flows", i, "training", "every"],
            f.training.as_ref().and_then(|t| t.every),
            &of("training refresher"),
        );
        if let Some(t) = &f.agreement_term {
            self.check(
                path!["data_flows", i, "agreement_term", "length"],
                Some(t.length),
                &of("term of the agreement"),
            );
            self.check(
                path!["data_flows", i, "agreement_term", "renewal_period"],
                t.renewal_period,
                &of("renewal period of the agreement"),
            );
            self.check(
                path!["data_flows", i, "agreement_term", "notice"],
                t.notice,
                &of("notice to stop the renewal of the agreement"),
            );
        }
    }
}

/// The description of a period of a named item, such as `the retention of "Extract"`, written when called.
fn of<'a>(what: &'static str, name: &'a str) -> impl Fn() -> String + 'a {
    move || format!("the {what} of \"{name}\"")
}
