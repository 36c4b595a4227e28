//! The accountability checklist, derived from the terms: who must do what, by when, with what evidence,
//! and which clause says so. Items come from every area, not only from the explicit obligations.
//!
//! Each item carries its timing twice: in words for the document (`when`), and typed for calendars and
//! trackers (`timing`). Each also has a `key` built from the ids of the terms it comes from, never from its
//! position, so that the same obligation keeps the same key when other terms are added or removed.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};

use super::anchors::{self, ClauseRef, Item as Anchor};
use super::markdown::{Md, text};
use crate::md;
use crate::model::{
    Actor, Cadence, Charter, DataFlow, Date, DateStyle, DisclosureTime, EndOfUse, Lasting, Lookup,
    MeetingCadence, Obligation, Partner, Period, PeriodUnit, Renewal, Training, TransferKind,
    TransferTime, UseEnd, every_words,
};

/// The items one owner is accountable for.
#[derive(Debug, Serialize)]
pub struct Group {
    /// Who: a partner's short name, a body's name, or every partner.
    pub owner: Md,
    /// The owner's id, or `all` for items that fall on every partner.
    pub owner_id: String,
    /// Anchor of the group.
    pub anchor: String,
    /// The owner's items, in the order of the clauses they come from.
    pub items: Vec<Item>,
}

/// One thing to do.
#[derive(Debug, Serialize)]
pub struct Item {
    /// A stable identity, from the ids of the terms the item comes from (`obligation.irb-approval`,
    /// `flow.ehr-extract.vitalis.breach`): the same term gives the same key in every version of a charter.
    pub key: String,
    /// What to do.
    pub action: Md,
    /// When, in words: a date, a cadence or a deadline after an event.
    pub when: Md,
    /// When, for calendars and trackers.
    pub timing: Timing,
    /// What shows it was done.
    pub evidence: Md,
    /// The clause it comes from.
    pub clause: ClauseRef,
}

/// When an item falls due, in a form a calendar can use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Timing {
    /// Due by a fixed date.
    Date {
        /// The date.
        #[serde(serialize_with = "as_text")]
        date: Date,
    },
    /// Recurs at a fixed frequency from a first date (the effective date, or an obligation's due date)
    /// until the end of the term.
    Recurring {
        /// How often.
        every: Frequency,
        /// The first occurrence.
        #[serde(serialize_with = "as_text")]
        from: Date,
    },
    /// Due on or relative to an event that cannot be dated in advance ("within 30 days of a model change",
    /// "14 days before each meeting"): it has no date, and calendars leave it out.
    Event {
        /// The event, in words (plain text).
        event: String,
    },
}

impl Timing {
    /// The first (or only) date, if the item can be dated.
    #[must_use]
    pub fn date(&self) -> Option<Date> {
        match self {
            Timing::Date { date } => Some(*date),
            Timing::Recurring { from, .. } => Some(*from),
            Timing::Event { .. } => None,
        }
    }
}

/// A cadence that can be put in a calendar: every [`Cadence`] except "at each meeting", which is resolved
/// to the meeting cadence of the body concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every three months.
    Quarterly,
    /// Every six months.
    Semiannually,
    /// Every year.
    Annually,
    /// Every other period of calendar days, weeks, months or years: "2 years", "18 months", "90 days".
    Every(Period),
}

// The five cadences by their names, as the charter writes them ("annually"); any other period in words
// ("every 2 years"), so that the JSON export keeps one text per frequency.
impl Serialize for Frequency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

impl Frequency {
    /// The name of a frequency as written in the charter and in the exports: "annually", or for any
    /// other period its words, "every 2 years".
    #[must_use]
    pub fn name(self) -> std::borrow::Cow<'static, str> {
        match self {
            Frequency::Weekly => "weekly".into(),
            Frequency::Monthly => "monthly".into(),
            Frequency::Quarterly => "quarterly".into(),
            Frequency::Semiannually => "semiannually".into(),
            Frequency::Annually => "annually".into(),
            Frequency::Every(p) => every_words(p).into(),
        }
    }

    /// The frequency of a cadence; `None` for "at each meeting".
    #[must_use]
    pub fn of(cadence: Cadence) -> Option<Frequency> {
        match cadence {
            Cadence::Weekly => Some(Frequency::Weekly),
            Cadence::Monthly => Some(Frequency::Monthly),
            Cadence::Quarterly => Some(Frequency::Quarterly),
            Cadence::Semiannually => Some(Frequency::Semiannually),
            Cadence::Annually => Some(Frequency::Annually),
            Cadence::EachMeeting => None,
        }
    }

    /// The frequency of a period: one of the five cadences when it is exactly one of them ("1 week" or "7
    /// days", "1 month", "3 months", "6 months", "1 year" or "12 months"), else every such period of
    /// calendar days, weeks, months or years ("2 years", "90 days"); none for hours, business days (which
    /// a calendar cannot count) or a period of zero.
    #[must_use]
    pub fn of_period(p: Period) -> Option<Frequency> {
        match (p.count, p.unit) {
            (0, _) | (_, PeriodUnit::Hours | PeriodUnit::BusinessDays) => None,
            (1, PeriodUnit::Weeks) | (7, PeriodUnit::Days) => Some(Frequency::Weekly),
            (1, PeriodUnit::Months) => Some(Frequency::Monthly),
            (3, PeriodUnit::Months) => Some(Frequency::Quarterly),
            (6, PeriodUnit::Months) => Some(Frequency::Semiannually),
            (1, PeriodUnit::Years) | (12, PeriodUnit::Months) => Some(Frequency::Annually),
            _ => Some(Frequency::Every(p)),
        }
    }

    /// The frequency of a body's meetings: a fixed cadence's, or that of a lower limit that comes to one
    /// of the frequencies ("at least twice a year" is six-monthly); none for "as needed".
    #[must_use]
    pub fn of_meetings(cadence: MeetingCadence) -> Option<Frequency> {
        if let Some(regular) = cadence.regular() {
            return Frequency::of(regular);
        }
        match cadence.per_year()? {
            1 => Some(Frequency::Annually),
            2 => Some(Frequency::Semiannually),
            4 => Some(Frequency::Quarterly),
            12 => Some(Frequency::Monthly),
            52 => Some(Frequency::Weekly),
            _ => None,
        }
    }
}

fn as_text<T: std::fmt::Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// Who an item belongs to; the order of the variants is the order of the groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Partner(usize),
    Body(usize),
    Everyone,
}

/// A period as the measure of a notice: "21 days' notice", "1 month's notice".
#[must_use]
pub fn notice(p: Period) -> Md {
    Md::raw(p.as_notice())
}

/// When an obligation falls due, in words.
#[must_use]
pub fn timing(o: &Obligation, style: DateStyle) -> Md {
    let mut parts = Vec::new();
    if let Some(due) = o.due {
        parts.push(md!("by {}", style.write(due)));
    }
    if let Some(cadence) = o.cadence {
        parts.push(Md::raw(cadence.phrase()));
    }
    if let (Some(within), Some(after)) = (o.within, &o.after) {
        parts.push(md!("within {within} of {}", text(after)));
    }
    super::markdown::join(&parts, "; ")
}

/// When an obligation falls due, for calendars: a cadence recurs from the due date if there is one (else
/// from the effective date); "at each meeting" follows the meetings of the body that owns the obligation; a
/// due date alone is a date; anything else is an event, described by `when` (the obligation's [`timing`],
/// which keeps every part in words).
#[must_use]
pub fn obligation_timing(ids: &Lookup<'_>, o: &Obligation, when: &Md) -> Timing {
    let c = ids.charter();
    let from = o.due.unwrap_or_else(|| start(c));
    let every = o.cadence.and_then(|cadence| {
        Frequency::of(cadence).or_else(|| {
            ids.body(&o.owner)
                .and_then(|b| Frequency::of_meetings(c.bodies[b].meetings.cadence))
        })
    });
    match (every, o.due) {
        (Some(every), _) => Timing::Recurring { every, from },
        (None, Some(date)) => Timing::Date { date },
        (None, None) => Timing::Event {
            event: when.plain(),
        },
    }
}

/// The timing of something that recurs on `cadence` from the effective date, or happens at each meeting.
fn every(c: &Charter, cadence: Cadence, when: &Md) -> Timing {
    Frequency::of(cadence).map_or_else(
        || Timing::Event {
            event: when.plain(),
        },
        |every| Timing::Recurring {
            every,
            from: start(c),
        },
    )
}

/// The date the document takes effect ([`Charter::takes_effect`]), from which recurring duties count. A
/// valid charter always has one (E0473 effective-date-required); the Unix epoch stands in otherwise, so
/// that laying out never fails.
#[must_use]
pub fn start(c: &Charter) -> Date {
    c.takes_effect().unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

fn event(when: &Md) -> Timing {
    Timing::Event {
        event: when.plain(),
    }
}

/// One item before grouping: what [`Item`] holds, with its owner and the anchor of its clause.
struct Draft {
    owner: Owner,
    key: String,
    action: Md,
    when: Md,
    timing: Timing,
    evidence: Md,
    anchor: String,
}

/// When a drafted item falls due: the words, and what a calendar makes of them.
#[derive(Clone)]
enum When {
    /// On or relative to an event ("within 30 days of discovery").
    Event(Md),
    /// On a cadence from the effective date, or at each meeting.
    Every(Cadence, Md),
    /// By a fixed date.
    By(Date),
    /// Words and timing worked out by the caller (an obligation's).
    Given(Md, Timing),
}

/// The items of one charter as they are drafted, area by area, before they are grouped by owner.
struct Drafts<'c> {
    ids: &'c Lookup<'c>,
    c: &'c Charter,
    out: Vec<Draft>,
}

impl<'c> Drafts<'c> {
    fn new(ids: &'c Lookup<'c>) -> Self {
        Drafts {
            ids,
            c: ids.charter(),
            out: Vec::new(),
        }
    }

    fn add(
        &mut self,
        owner: Owner,
        key: String,
        action: Md,
        when: When,
        evidence: Md,
        anchor: String,
    ) {
        let (when, timing) = match when {
            When::Event(when) => {
                let timing = event(&when);
                (when, timing)
            }
            When::Every(cadence, when) => {
                let timing = every(self.c, cadence, &when);
                (when, timing)
            }
            When::By(date) => (
                md!("by {}", self.c.charter.date_style.write(date)),
                Timing::Date { date },
            ),
            When::Given(when, timing) => (when, timing),
        };
        self.out.push(Draft {
            owner,
            key,
            action,
            when,
            timing,
            evidence,
            anchor,
        });
    }

    /// The owner of an item that falls on the partner `id` (every partner, if it names none).
    fn partner(&self, id: &str) -> Owner {
        self.ids.partner(id).map_or(Owner::Everyone, Owner::Partner)
    }

    /// The owner of an item that falls on the partner or body `id`.
    fn actor(&self, id: &str) -> Owner {
        match self.ids.actor(id) {
            Some(Actor::Partner(i)) => Owner::Partner(i),
            Some(Actor::Body(i)) => Owner::Body(i),
            None => Owner::Everyone,
        }
    }

    /// Every partner that has not withdrawn, and has a signatory, signs by the effective date.
    fn signatures(&mut self) {
        let c = self.c;
        for p in c.partners.iter().filter(|p| p.withdrawn.is_none()) {
            let Some(signatory) = &p.signatory else {
                continue;
            };
            let action = md!(
                "Sign {} ({} for {})",
                c.charter.kind.the(),
                text(&signatory.name),
                text(&p.legal_name)
            );
            self.add(
                self.partner(&p.id),
                format!("sign.{}", p.id),
                action,
                When::By(start(c)),
                Md::raw("Signed signature page"),
                anchors::item(Anchor::Signature, &p.id),
            );
        }
    }

    /// Each body calls its meetings, circulates papers (when the charter sets a lead time) and minutes.
    fn bodies(&mut self) {
        for (i, body) in self.c.bodies.iter().enumerate() {
            let m = &body.meetings;
            let name = text(&body.name);
            let key = |part: &str| format!("body.{}.{part}", body.id);
            let anchor = anchors::body_part(&body.id, "meetings");
            let when = md!("{}, with {}", m.cadence.phrase(), notice(m.notice));
            let action = match m.cadence {
                MeetingCadence::Regular(cadence) => md!(
                    "Call and hold the {} meeting of {name}",
                    cadence.adjective()
                ),
                MeetingCadence::AsNeeded => md!("Call each meeting of {name} when one is needed"),
                MeetingCadence::AtLeast { .. } => md!("Call and hold the meetings of {name}"),
            };
            let evidence = Md::raw("Meeting notice and attendance record");
            let cadence = match m.cadence {
                MeetingCadence::Regular(cadence) => When::Every(cadence, when),
                other => {
                    let timing = Frequency::of_meetings(other).map_or_else(
                        || event(&when),
                        |every| Timing::Recurring {
                            every,
                            from: start(self.c),
                        },
                    );
                    When::Given(when, timing)
                }
            };
            self.add(
                Owner::Body(i),
                key("meetings"),
                action,
                cadence,
                evidence,
                anchor.clone(),
            );
            if let Some(e) = &m.extraordinary {
                let action = md!(
                    "Call an extraordinary meeting of {name} at the request of {}",
                    e.requested_by.phrase()
                );
                let when = When::Event(md!("on request, with {}", notice(e.notice)));
                let evidence = Md::raw("The request and the meeting notice");
                self.add(
                    Owner::Body(i),
                    key("extraordinary"),
                    action,
                    when,
                    evidence,
                    anchor.clone(),
                );
            }
            if let Some(papers) = m.papers {
                let action = md!("Circulate papers for each meeting of the {name}");
                let when = When::Event(md!("{papers} before each meeting"));
                let evidence = Md::raw("Dated circulation of papers");
                self.add(
                    Owner::Body(i),
                    key("papers"),
                    action,
                    when,
                    evidence,
                    anchor.clone(),
                );
            }
            let action = md!("Circulate draft minutes of the {name}");
            let when = When::Event(md!("within {} of each meeting", m.minutes));
            let evidence = Md::raw("Draft minutes sent to all members");
            self.add(
                Owner::Body(i),
                key("minutes"),
                action,
                when,
                evidence,
                anchor,
            );
        }
    }

    /// The body that grants approvals which lapse renews each one before it ends. The item links to the
    /// clause on how decisions are taken, which states the period.
    fn renewals(&mut self) {
        let c = self.c;
        for d in &c.decisions {
            let Some(lasts) = d.approval_lasts else {
                continue;
            };
            self.add(
                self.actor(&d.body),
                format!("decision.{}.renewal", d.id),
                md!(
                    "Renew or let lapse each approval of \"{}\"",
                    text(&d.matter)
                ),
                When::Event(md!("before it ends, {lasts} after it was granted")),
                Md::raw("Renewal decision recorded in the minutes"),
                "decision-forms".to_owned(),
            );
        }
    }

    /// The body that approves outputs decides on each one before it leaves the secure environment (or before
    /// it is released, where the charter names no environment).
    fn outputs(&mut self) {
        let c = self.c;
        let Some(a) = &c.data_access else { return };
        let Some(d) = a
            .outputs
            .as_ref()
            .and_then(|id| c.decisions.iter().find(|d| d.id == *id))
        else {
            return;
        };
        let (action, when) = match &a.environment {
            Some(env) => (
                md!(
                    "Approve or refuse the release of each output from {}",
                    text(&env.name)
                ),
                "before the output leaves the environment",
            ),
            None => (
                Md::raw("Approve or refuse the release of each output"),
                "before the output is released",
            ),
        };
        self.add(
            self.actor(&d.body),
            "data_access.outputs".to_owned(),
            action,
            When::Event(Md::raw(when)),
            Md::raw("The approval of each output, recorded in the minutes"),
            "data-access".to_owned(),
        );
    }

    /// Each partner whose consent a decision needs gives or withholds it, in writing, before the
    /// decision is taken.
    fn consents(&mut self) {
        let c = self.c;
        for d in &c.decisions {
            for p in c.consenting(d) {
                self.add(
                    self.partner(&p.id),
                    format!("decision.{}.consent.{}", d.id, p.id),
                    md!(
                        "Give or withhold written consent to each decision to \"{}\"",
                        text(&d.matter)
                    ),
                    When::Event(Md::raw("before the decision is taken")),
                    Md::raw("Written consent or refusal, kept with the decision"),
                    anchors::item(Anchor::Decision, &d.id),
                );
            }
        }
    }

    /// Every partner discloses its interests when the terms say; each declared conflict is managed.
    fn conflicts(&mut self) {
        let c = self.c;
        let Some(coi) = &c.conflicts else { return };
        let to = coi
            .managed_by
            .as_ref()
            .and_then(|b| c.bodies.iter().find(|x| &x.id == b))
            .map_or_else(
                || Md::raw("the partnership"),
                |b| md!("the {}", text(&b.name)),
            );
        for w in &coi.when {
            let (name, when) = disclosure(w, coi.new_interest_within);
            self.add(
                Owner::Everyone,
                format!("coi.disclosure.{name}"),
                Md::raw("Disclose interests covered by the conflict-of-interest terms"),
                when,
                md!("Disclosure filed with {to}"),
                "coi-disclosure".to_owned(),
            );
        }
        for d in &coi.declared {
            let action = md!(
                "Apply the agreed management of the declared conflict ({})",
                text(&d.interest)
            );
            // An independent member's conflict is managed by the body that manages conflicts.
            let owner = match (&d.partner, &coi.managed_by) {
                (Some(p), _) => self.partner(p),
                (None, Some(body)) => self.actor(body),
                (None, None) => Owner::Everyone,
            };
            self.add(
                owner,
                format!("coi.declared.{}", d.id),
                action,
                When::Event(Md::raw("whenever an affected decision is taken")),
                Md::raw("Recusal or other measure recorded in the minutes"),
                anchors::item(Anchor::Conflict, &d.id),
            );
        }
    }

    /// Each recipient of each data flow: breach notice, return or destruction, access review, training
    /// refresher; and the duties that survive the withdrawal of a partner that received it.
    fn data(&mut self) {
        let c = self.c;
        // Few partners withdraw: found once, not searched for with every flow.
        let former: Vec<(&Partner, Date)> = c
            .partners
            .iter()
            .filter_map(|p| Some((p, p.withdrawn?)))
            .collect();
        for f in &c.data_flows {
            self.agreement_renewal(f);
            for r in &f.recipients {
                self.recipient(f, r, None);
            }
            for (p, withdrawn) in &former {
                if p.flow_survives(&f.id) {
                    self.recipient(f, &p.id, Some(*withdrawn));
                }
            }
        }
    }

    /// The provider of a flow whose agreement has a term of its own sees to the agreement before it
    /// ends: it decides whether an automatic renewal goes ahead (by the last day for notice, when the
    /// term gives one), agrees a renewal with the recipients, or agrees a new agreement for one that does
    /// not renew. Dated by the agreement's last day when the day it begins is known.
    fn agreement_renewal(&mut self, f: &DataFlow) {
        let c = self.c;
        let Some(t) = f
            .agreement_term
            .as_ref()
            .filter(|_| f.agreement.is_agreement())
        else {
            return;
        };
        let label = f.agreement.label();
        let agreement = label.strip_prefix("a ").unwrap_or(label);
        let name = text(&f.name);
        let action = match t.renewal {
            Renewal::Automatic => md!(
                "Decide whether the {agreement} for \"{name}\" renews, or give notice to end it"
            ),
            Renewal::ByAgreement => {
                md!("Agree with the recipients whether to renew the {agreement} for \"{name}\"")
            }
            Renewal::None => md!(
                "Agree a new {agreement} for \"{name}\" before the current one ends, or end the flow"
            ),
        };
        let style = c.charter.date_style;
        let when = match c.agreement_ends(f) {
            Some(end) => match (t.renewal, t.notice) {
                (Renewal::Automatic, Some(n)) => {
                    // The last day notice can be given: rounded up, so never later than the notice allows.
                    let by = end.add_days(1 - i64::try_from(n.approx_days()).unwrap_or(0));
                    When::Given(
                        md!(
                            "by {}, to give {} before the {agreement} renews on {}, at the end of its {}",
                            style.write(by),
                            n.as_notice(),
                            style.write(end.add_days(1)),
                            t.length
                        ),
                        Timing::Date { date: by },
                    )
                }
                _ => When::Given(
                    md!(
                        "by {}, when the {agreement} ends, {} after it began",
                        style.write(end),
                        t.length
                    ),
                    Timing::Date { date: end },
                ),
            },
            None => When::Event(md!(
                "before the {agreement} ends, {} after it was signed",
                t.length
            )),
        };
        let evidence = Md::raw(match t.renewal {
            Renewal::Automatic => "The decision to let it renew, or the written notice to end it",
            Renewal::ByAgreement => "The signed renewal, or the written decision to let it end",
            Renewal::None => "The signed new agreement, or the written end of the flow",
        });
        // Each provider is party to the agreement and sees to it; a flow with one keeps the key it had.
        for p in f.provider.iter() {
            let key = if f.provider.len() == 1 {
                format!("flow.{}.agreement-renewal", f.id)
            } else {
                format!("flow.{}.{p}.agreement-renewal", f.id)
            };
            self.add(
                self.partner(p),
                key,
                action.clone(),
                when.clone(),
                evidence.clone(),
                anchors::item(Anchor::Flow, &f.id),
            );
        }
    }

    /// The duties of one recipient of a flow. For a partner that withdrew (`withdrawn`), only those that
    /// survive: it still reports breaches of the data it holds, and returns or destroys it, counted from
    /// the day it withdrew, when its use ended; each is marked as surviving and keeps its key, so that a
    /// tracker follows it across the withdrawal.
    fn recipient(&mut self, f: &DataFlow, r: &str, withdrawn: Option<Date>) {
        let owner = self.partner(r);
        let key = |part: &str| format!("flow.{}.{r}.{part}", f.id);
        let anchor = anchors::item(Anchor::Flow, &f.id);
        let name = text(&f.name);
        let survives = if withdrawn.is_some() {
            " (survives its withdrawal)"
        } else {
            ""
        };
        if let Some(n) = f.breach_notification {
            let provider = provider_names(self.ids, &f.provider);
            let gdpr = self.c.regime(f).is_some_and(crate::model::Regime::is_gdpr);
            let (action, when) = if gdpr {
                (
                    md!("Notify {provider} of any personal data breach of \"{name}\"{survives}"),
                    md!("without undue delay, and within {n} of becoming aware of it"),
                )
            } else {
                (
                    md!("Notify {provider} of any breach of \"{name}\"{survives}"),
                    md!("within {n} of discovery"),
                )
            };
            let evidence = Md::raw("Written breach notice");
            self.add(
                owner,
                key("breach"),
                action,
                When::Event(when),
                evidence,
                anchor.clone(),
            );
        }
        if let Some(verb) = end_of_use_verb(f.end_of_use) {
            let when = match withdrawn {
                Some(day) => self.end_on_withdrawal(f, day),
                None => self.end_of_use_when(f),
            };
            let evidence = Md::raw(if f.certified {
                "Written certificate of return or destruction"
            } else {
                "Written confirmation"
            });
            let action = md!("{verb} the data received under \"{name}\"{survives}");
            self.add(
                owner,
                key("end-of-use"),
                action,
                when,
                evidence,
                anchor.clone(),
            );
        }
        // A partner that withdrew has no access left to review.
        if let (Some(review), None) = (f.access_review, withdrawn) {
            let action = md!("Review who has access to \"{name}\"");
            let when = When::Every(review, Md::raw(review.phrase()));
            let evidence = Md::raw("Access review record");
            self.add(
                owner,
                key("access-review"),
                action,
                when,
                evidence,
                anchor.clone(),
            );
        }
        // Nor anyone to train again.
        if let (
            Some(Training {
                course,
                every: Some(every),
            }),
            None,
        ) = (&f.training, withdrawn)
        {
            let action = md!(
                "Have everyone with access to \"{name}\" complete {} again",
                text(course)
            );
            let evidence = Md::raw("Training completion records");
            let when = self.refresher(*every);
            self.add(owner, key("training"), action, when, evidence, anchor);
        }
    }

    /// When a training refresher falls due: `every` after the document takes effect, and each `every`
    /// after that in a calendar when the period is one of its frequencies; otherwise the first refresher
    /// is dated and the words say how often it comes again.
    fn refresher(&self, every: Period) -> When {
        let first = every.after(start(self.c));
        let words = md!(
            "{}, first by {}",
            every_words(every),
            self.c.charter.date_style.write(first)
        );
        let timing = match Frequency::of_period(every) {
            Some(frequency) => Timing::Recurring {
                every: frequency,
                from: first,
            },
            None => Timing::Date { date: first },
        };
        When::Given(words, timing)
    }

    /// When a partner that withdrew on `withdrawn` returns or destroys a flow's data: its use ended that
    /// day, so `end_within` counts from it.
    fn end_on_withdrawal(&self, f: &DataFlow, withdrawn: Date) -> When {
        let style = self.c.charter.date_style;
        let (when, date) = match f.end_within {
            Some(w) => {
                let by = w.after(withdrawn);
                (md!("by {}, {w} after its withdrawal", style.write(by)), by)
            }
            None => (
                md!("on its withdrawal, {}", style.write(withdrawn)),
                withdrawn,
            ),
        };
        When::Given(when, Timing::Date { date })
    }

    /// When a recipient returns or destroys a flow's data: after the end of use, named by its events when
    /// `use_ends` gives them, and by a date at the latest when one of them falls on a known day.
    fn end_of_use_when(&self, f: &DataFlow) -> When {
        let c = self.c;
        let mut words = f.end_within.map_or_else(
            || Md::raw("when the permitted use ends"),
            |w| md!("within {w} of the end of use"),
        );
        let Some(ends) = &f.use_ends else {
            return When::Event(words);
        };
        words = md!("{words} ({})", use_ends(c, ends, None));
        // A term that renews may not end on the day its first period does.
        let term_end = c
            .term
            .as_ref()
            .filter(|t| t.renewal == Renewal::None)
            .and_then(|_| crate::validate::term_end(c));
        match c.dated_use_end(f, term_end) {
            Some((day, _)) => {
                let date = f.end_within.map_or(day, |w| w.after(day));
                let by = c.charter.date_style.write(date);
                When::Given(md!("{words}, by {by} at the latest"), Timing::Date { date })
            }
            None => When::Event(words),
        }
    }

    /// Manuscripts are circulated before submission; trials are registered before enrolment.
    fn publication(&mut self) {
        let Some(p) = &self.c.publication else { return };
        self.add(
            Owner::Everyone,
            "publication.review".to_owned(),
            Md::raw("Circulate each manuscript or presentation to every partner before submission"),
            When::Event(md!("at least {} before submission", p.review)),
            Md::raw("Dated circulation record"),
            "publication-review".to_owned(),
        );
        if p.trial_registration {
            self.add(
                Owner::Everyone,
                "publication.registration".to_owned(),
                Md::raw("Register each trial in a public registry"),
                When::Event(Md::raw("before the first participant is enrolled")),
                Md::raw("Registry identifier"),
                "publication-registration".to_owned(),
            );
        }
    }

    /// A duty of confidentiality for a fixed period is a dated duty: it binds every partner until that
    /// period after the end of the term. A duty without end has no date, and no item.
    fn confidentiality(&mut self) {
        let Some(conf) = &self.c.confidentiality else {
            return;
        };
        let (Lasting::For(period), Some(end)) = (conf.duration, crate::validate::term_end(self.c))
        else {
            return;
        };
        let until = period.after(end);
        // A partner that withdrew is no longer among "every partner": where its confidentiality survives,
        // the duty is its own item.
        for p in &self.c.partners {
            if p.withdrawn.is_some() && p.surviving.as_ref().is_some_and(|s| s.confidentiality) {
                self.add(
                    self.partner(&p.id),
                    format!("confidentiality.{}", p.id),
                    Md::raw("Keep the other partners' Confidential Information confidential (survives its withdrawal)"),
                    When::Given(
                        md!("until {until}, {period} after the end of the term"),
                        Timing::Date { date: until },
                    ),
                    Md::raw("No disclosure outside the exceptions of the confidentiality clause"),
                    "confidentiality".to_owned(),
                );
            }
        }
        self.add(
            Owner::Everyone,
            "confidentiality".to_owned(),
            Md::raw("Keep the other partners' Confidential Information confidential, and use it only for the partnership"),
            When::Given(
                md!("until {until}, {period} after the end of the term"),
                Timing::Date { date: until },
            ),
            Md::raw("No disclosure outside the exceptions of the confidentiality clause"),
            "confidentiality".to_owned(),
        );
    }

    /// Each phase's gate is decided by its owner by the phase's end.
    fn phases(&mut self) {
        for ph in &self.c.phases {
            let evidence = Md::raw(if ph.metrics.is_empty() {
                "Recorded go/no-go decision"
            } else {
                "Recorded go/no-go decision with the measured success metrics"
            });
            self.add(
                self.actor(&ph.gate_owner),
                format!("phase.{}.gate", ph.id),
                md!("Decide {} (gate of \"{}\")", text(&ph.gate), text(&ph.name)),
                When::By(ph.end),
                evidence,
                anchors::item(Anchor::Phase, &ph.id),
            );
        }
    }

    /// Each transfer of existing IP that is due on signing or by a date is a duty of the partner that
    /// transfers it. A transfer with no `when` states no time, and makes no item.
    fn transfers(&mut self) {
        let Some(ip) = &self.c.ip else { return };
        for t in &ip.transfers {
            let when = match t.when {
                // Partners sign by the effective date (their signature items say so), and so transfer by it.
                Some(TransferTime::OnSigning) => {
                    // E0473 gives every valid document a date it takes effect on.
                    let Some(date) = self.c.takes_effect() else {
                        continue;
                    };
                    When::Given(
                        md!(
                            "on signing the {}, by {}",
                            self.c.charter.kind.noun(),
                            self.c.charter.date_style.write(date)
                        ),
                        Timing::Date { date },
                    )
                }
                Some(TransferTime::By(date)) => When::By(date),
                None => continue,
            };
            let to = self.ids.partner(&t.to).map_or_else(
                || {
                    self.ids
                        .organisation(&t.to)
                        .map_or_else(|| text(&t.to), |i| text(&self.c.organisations[i].name))
                },
                |i| text(&self.c.partners[i].short_name),
            );
            let evidence = Md::raw(match t.what {
                TransferKind::Trademark => "Signed trademark assignment",
                TransferKind::DomainName => "The registrar's record of the new registrant",
                TransferKind::CodeRepository => "The hosting service's record of the new owner",
                TransferKind::Other => "Signed instrument of assignment",
            });
            self.add(
                self.partner(&t.from),
                format!("transfer.{}", t.id),
                md!("{} {} to {to}", t.what.command(), text(&t.description)),
                when,
                evidence,
                anchors::item(Anchor::Transfer, &t.id),
            );
        }
    }

    /// The explicit obligations, as written.
    fn obligations(&mut self) {
        for o in &self.c.obligations {
            let words = timing(o, self.c.charter.date_style);
            let when = obligation_timing(self.ids, o, &words);
            let survives = self.ids.partner(&o.owner).is_some_and(|i| {
                let p = &self.c.partners[i];
                p.withdrawn.is_some() && p.obligation_survives(&o.id)
            });
            let action = if survives {
                md!("{} (survives its withdrawal)", text(&o.action))
            } else {
                text(&o.action)
            };
            self.add(
                self.actor(&o.owner),
                format!("obligation.{}", o.id),
                action,
                When::Given(words, when),
                text(&o.evidence),
                anchors::item(Anchor::Obligation, &o.id),
            );
        }
    }

    /// The periodic assessment of the partnership.
    fn review(&mut self) {
        let Some(r) = &self.c.review else { return };
        self.add(
            self.actor(&r.by),
            "review.assessment".to_owned(),
            Md::raw("Assess the partnership and report the findings to the partners"),
            When::Every(r.cadence, Md::raw(r.cadence.phrase())),
            Md::raw("Assessment report"),
            "review-assessment".to_owned(),
        );
    }
}

/// The name of a disclosure time, for its key, and when it falls due.
fn disclosure(w: &DisclosureTime, new_interest_within: Option<Period>) -> (&'static str, When) {
    match w {
        DisclosureTime::OnJoining => (
            "on-joining",
            When::Event(Md::raw("on joining the partnership or a body")),
        ),
        DisclosureTime::NewInterest => (
            "new-interest",
            When::Event(new_interest_within.map_or_else(
                || Md::raw("when a new interest arises"),
                |p| md!("within {p} of a new interest"),
            )),
        ),
        DisclosureTime::Annually => (
            "annually",
            When::Every(Cadence::Annually, Md::raw("every year")),
        ),
        DisclosureTime::EachMeeting => (
            "each-meeting",
            When::Event(Md::raw("at the start of each meeting")),
        ),
        DisclosureTime::AsAndWhen => (
            "as-and-when",
            When::Event(Md::raw("as and when a conflict arises")),
        ),
    }
}

/// The events that end a flow's use, any one of them, in words: "at the end of the term, on termination,
/// or for a recipient on its withdrawal". A phase is named, and followed by a reference to its clause
/// when `link` makes one.
#[must_use]
pub fn use_ends(c: &Charter, ends: &[UseEnd], link: Option<fn(&str) -> Md>) -> Md {
    let words: Vec<Md> = ends.iter().map(|end| use_end(c, end, link)).collect();
    match words.as_slice() {
        [] => Md::default(),
        [one] => one.clone(),
        [a, b] => md!("{a} or {b}"),
        [init @ .., last] => md!("{}, or {last}", super::markdown::join(init, ", ")),
    }
}

/// One event that ends a flow's use, in words.
fn use_end(c: &Charter, end: &UseEnd, link: Option<fn(&str) -> Md>) -> Md {
    match end {
        UseEnd::TermEnd => Md::raw("at the end of the term"),
        UseEnd::Termination => Md::raw("on termination"),
        UseEnd::Withdrawal => Md::raw("for a recipient on its withdrawal"),
        UseEnd::Phase(id) => {
            let name = c
                .phases
                .iter()
                .find(|p| p.id == *id)
                .map_or_else(|| text(id), |p| text(&p.name));
            let clause = link
                .map(|link| md!(" ({})", link(&anchors::item(Anchor::Phase, id))))
                .unwrap_or_default();
            md!("at the end of the phase \"{name}\"{clause}")
        }
        UseEnd::Date(date) => md!("on {}", c.charter.date_style.write(*date)),
    }
}

/// What a recipient does with the data when its use ends, if anything.
fn end_of_use_verb(end: EndOfUse) -> Option<&'static str> {
    match end {
        EndOfUse::Return => Some("Return"),
        EndOfUse::Destroy => Some("Destroy"),
        EndOfUse::ReturnOrDestroy => Some("Return or destroy"),
        EndOfUse::Retain => None,
    }
}

/// Derives the checklist, grouped by owner: partners first in charter order, then bodies, then items that
/// fall on every partner. Within a group, items follow the order of the document's sections.
#[must_use]
pub fn derive(ids: &Lookup<'_>, refs: &FxHashMap<String, ClauseRef>) -> Vec<Group> {
    let mut drafts = Drafts::new(ids);
    drafts.signatures();
    drafts.bodies();
    drafts.renewals();
    drafts.consents();
    drafts.conflicts();
    drafts.data();
    drafts.outputs();
    drafts.transfers();
    drafts.publication();
    drafts.phases();
    drafts.obligations();
    drafts.review();
    drafts.confidentiality();
    group(ids.charter(), drafts.out, refs)
}

/// Groups drafted items by owner, giving each a unique key and the clause it comes from.
fn group(c: &Charter, drafts: Vec<Draft>, refs: &FxHashMap<String, ClauseRef>) -> Vec<Group> {
    // Keys are unique by construction, since ids are; a term listed twice (`when = ["annually",
    // "annually"]`) still gets two distinct keys.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut groups: BTreeMap<Owner, Vec<Item>> = BTreeMap::new();
    for d in drafts {
        let count = seen.entry(d.key.clone()).or_default();
        *count += 1;
        let key = if *count == 1 {
            d.key
        } else {
            format!("{}.{count}", d.key)
        };
        let clause = refs.get(&d.anchor).cloned().unwrap_or_else(|| ClauseRef {
            number: String::new(),
            anchor: d.anchor.clone(),
        });
        groups.entry(d.owner).or_default().push(Item {
            key,
            action: d.action,
            when: d.when,
            timing: d.timing,
            evidence: d.evidence,
            clause,
        });
    }
    groups
        .into_iter()
        .map(|(owner, items)| owner_group(c, owner, items))
        .collect()
}

/// The group of one owner: its name, id and anchor. Partner and body ids share a namespace, but "all"
/// could be either: the anchor says which.
fn owner_group(c: &Charter, owner: Owner, items: Vec<Item>) -> Group {
    let (owner, owner_id, anchor) = match owner {
        Owner::Partner(i) => {
            let id = &c.partners[i].id;
            (
                text(&c.partners[i].short_name),
                id.clone(),
                format!("checklist-partner-{id}"),
            )
        }
        Owner::Body(i) => {
            let id = &c.bodies[i].id;
            (
                text(&c.bodies[i].name),
                id.clone(),
                format!("checklist-body-{id}"),
            )
        }
        Owner::Everyone => (
            Md::raw("Every partner"),
            "all".to_owned(),
            "checklist-all".to_owned(),
        ),
    };
    Group {
        owner,
        anchor,
        owner_id,
        items,
    }
}

/// The provider to notify: its name, or for a flow with several, the one whose data it is.
fn provider_names(ids: &Lookup<'_>, providers: &[String]) -> Md {
    let name = |id: &String| {
        ids.partner(id)
            .map_or_else(|| text(id), |i| text(&ids.charter().partners[i].short_name))
    };
    match providers {
        [one] => name(one),
        several => {
            let names: Vec<Md> = several.iter().map(name).collect();
            let (last, init) = names.split_last().expect("at least one provider");
            md!(
                "the provider whose data it is ({} or {last})",
                super::markdown::join(init, ", ")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::use_ends;
    use crate::model::{Charter, Date, UseEnd};
    use crate::render::markdown::Md;

    const CHARTER: &str = include_str!("../../tests/fixtures/valid/use-end-outside-term.toml");

    fn words(ends: &[UseEnd], link: Option<fn(&str) -> Md>) -> String {
        let c: Charter = toml::from_str(CHARTER).expect("a charter");
        use_ends(&c, ends, link).as_str().to_owned()
    }

    #[test]
    fn the_events_that_end_a_use_read_as_one_phrase() {
        assert_eq!(words(&[UseEnd::TermEnd], None), "at the end of the term");
        assert_eq!(
            words(&[UseEnd::Termination, UseEnd::Withdrawal], None),
            "on termination or for a recipient on its withdrawal"
        );
        let date = UseEnd::Date(Date {
            year: 2026,
            month: 9,
            day: 30,
        });
        assert_eq!(
            words(&[UseEnd::TermEnd, UseEnd::Termination, date], None),
            "at the end of the term, on termination, or on 2026-09-30"
        );
    }

    #[test]
    fn a_phase_is_named_and_referred_to_by_its_clause() {
        let phase = [UseEnd::Phase("pilot".to_owned())];
        // The fixture has no phase of that id, so the id stands in for its name.
        assert_eq!(words(&phase, None), "at the end of the phase \"pilot\"");
        let linked = words(&phase, Some(|anchor| Md::raw(format!("<{anchor}>"))));
        assert_eq!(linked, "at the end of the phase \"pilot\" (<phase-pilot>)");
    }

    #[test]
    fn a_period_is_a_cadence_when_it_is_exactly_one_and_else_every_such_period() {
        use super::Frequency;
        let of = |p: &str| Frequency::of_period(p.parse().expect("a period"));
        assert_eq!(of("1 week"), Some(Frequency::Weekly));
        assert_eq!(of("7 days"), Some(Frequency::Weekly));
        assert_eq!(of("1 month"), Some(Frequency::Monthly));
        assert_eq!(of("3 months"), Some(Frequency::Quarterly));
        assert_eq!(of("6 months"), Some(Frequency::Semiannually));
        assert_eq!(of("1 year"), Some(Frequency::Annually));
        assert_eq!(of("12 months"), Some(Frequency::Annually));
        let every = |p: &str| Some(Frequency::Every(p.parse().expect("a period")));
        assert_eq!(of("2 years"), every("2 years"));
        assert_eq!(of("90 days"), every("90 days"));
        assert_eq!(of("10 business days"), None);
        assert_eq!(of("72 hours"), None);
        for other in ["2 weeks", "18 months", "30 days"] {
            assert_eq!(of(other), every(other), "{other}");
        }
    }
}
