//! The accountability checklist, derived from the terms: who must do what, by when, with what evidence,
//! and which clause says so. Items come from every area, not only from the explicit obligations.
//!
//! Each item carries its timing twice: in words for the document (`when`), and typed for calendars and
//! trackers (`timing`). Each also has a `key` built from the ids of the terms it comes from, never from its
//! position, so that the same obligation keeps the same key when other terms are added or removed.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};

use super::anchors::{self, Item as Anchor};
use super::document::ClauseRef;
use super::markdown::{Md, text};
use crate::md;
use crate::model::{
    Actor, Cadence, Charter, Date, DisclosureTime, EndOfUse, Lookup, Obligation, Period,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
}

impl Frequency {
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
}

fn as_text<T: std::fmt::Display, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// Who an item belongs to; the order of the variants is the order of the groups.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Partner(usize),
    Body(usize),
    Everyone,
}

/// A period as the measure of a notice: "21 days' notice", "1 month's notice".
#[must_use]
pub fn notice(p: Period) -> Md {
    let words = p.to_string();
    if words.ends_with('s') {
        md!("{words}' notice")
    } else {
        md!("{words}'s notice")
    }
}

/// When an obligation falls due, in words.
#[must_use]
pub fn timing(o: &Obligation) -> Md {
    let mut parts = Vec::new();
    if let Some(due) = o.due {
        parts.push(md!("by {due}"));
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
    let from = o.due.unwrap_or(c.charter.effective_date);
    let every = o.cadence.and_then(|cadence| {
        Frequency::of(cadence).or_else(|| {
            ids.body(&o.owner)
                .and_then(|b| Frequency::of(c.bodies[b].meetings.cadence))
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
            from: c.charter.effective_date,
        },
    )
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

/// Derives the checklist, grouped by owner: partners first in charter order, then bodies, then items that
/// fall on every partner.
#[must_use]
pub fn derive(ids: &Lookup<'_>, refs: &FxHashMap<String, ClauseRef>) -> Vec<Group> {
    let c = ids.charter();
    let mut drafts: Vec<Draft> = Vec::new();
    let partner = |id: &str| ids.partner(id).map(Owner::Partner);
    let actor = |id: &str| match ids.actor(id) {
        Some(Actor::Partner(i)) => Owner::Partner(i),
        Some(Actor::Body(i)) => Owner::Body(i),
        None => Owner::Everyone,
    };
    let start = c.charter.effective_date;

    // A partner that has withdrawn no longer signs.
    for p in c.partners.iter().filter(|p| p.withdrawn.is_none()) {
        drafts.push(Draft {
            owner: partner(&p.id).unwrap_or(Owner::Everyone),
            key: format!("sign.{}", p.id),
            action: md!(
                "Sign the charter ({} for {})",
                text(&p.signatory.name),
                text(&p.legal_name)
            ),
            when: md!("by {start}"),
            timing: Timing::Date { date: start },
            evidence: Md::raw("Signed signature page"),
            anchor: anchors::item(Anchor::Signature, &p.id),
        });
    }
    for (i, body) in c.bodies.iter().enumerate() {
        let owner = Owner::Body(i);
        let m = &body.meetings;
        let anchor = anchors::body_part(&body.id, "meetings");
        let when = md!("{}, with {}", m.cadence.phrase(), notice(m.notice));
        drafts.push(Draft {
            owner: owner.clone(),
            key: format!("body.{}.meetings", body.id),
            action: md!(
                "Call and hold the {} meeting of {}",
                m.cadence.adjective(),
                text(&body.name)
            ),
            timing: every(c, m.cadence, &when),
            when,
            evidence: Md::raw("Meeting notice and attendance record"),
            anchor: anchor.clone(),
        });
        if let Some(papers) = m.papers {
            let when = md!("{papers} before each meeting");
            drafts.push(Draft {
                owner: owner.clone(),
                key: format!("body.{}.papers", body.id),
                action: md!(
                    "Circulate papers for each meeting of the {}",
                    text(&body.name)
                ),
                timing: event(&when),
                when,
                evidence: Md::raw("Dated circulation of papers"),
                anchor: anchor.clone(),
            });
        }
        let when = md!("within {} of each meeting", m.minutes);
        drafts.push(Draft {
            owner,
            key: format!("body.{}.minutes", body.id),
            action: md!("Circulate draft minutes of the {}", text(&body.name)),
            timing: event(&when),
            when,
            evidence: Md::raw("Draft minutes sent to all members"),
            anchor,
        });
    }
    if let Some(coi) = &c.conflicts {
        let to = coi
            .managed_by
            .as_ref()
            .and_then(|b| c.bodies.iter().find(|x| &x.id == b))
            .map_or_else(
                || Md::raw("the partnership"),
                |b| md!("the {}", text(&b.name)),
            );
        for w in &coi.when {
            let (name, when) = match w {
                DisclosureTime::OnJoining => (
                    "on-joining",
                    Md::raw("on joining the partnership or a body"),
                ),
                DisclosureTime::NewInterest => (
                    "new-interest",
                    coi.new_interest_within.map_or_else(
                        || Md::raw("when a new interest arises"),
                        |p| md!("within {p} of a new interest"),
                    ),
                ),
                DisclosureTime::Annually => ("annually", Md::raw("every year")),
                DisclosureTime::EachMeeting => {
                    ("each-meeting", Md::raw("at the start of each meeting"))
                }
            };
            let timing = match w {
                DisclosureTime::Annually => every(c, Cadence::Annually, &when),
                _ => event(&when),
            };
            drafts.push(Draft {
                owner: Owner::Everyone,
                key: format!("coi.disclosure.{name}"),
                action: Md::raw("Disclose interests covered by the conflict-of-interest terms"),
                when,
                timing,
                evidence: md!("Disclosure filed with {to}"),
                anchor: "coi-disclosure".to_owned(),
            });
        }
        for d in &coi.declared {
            let when = Md::raw("whenever an affected decision is taken");
            drafts.push(Draft {
                owner: partner(&d.partner).unwrap_or(Owner::Everyone),
                key: format!("coi.declared.{}", d.id),
                action: md!(
                    "Apply the agreed management of the declared conflict ({})",
                    text(&d.interest)
                ),
                timing: event(&when),
                when,
                evidence: Md::raw("Recusal or other measure recorded in the minutes"),
                anchor: anchors::item(Anchor::Conflict, &d.id),
            });
        }
    }
    for f in &c.data_flows {
        let anchor = anchors::item(Anchor::Flow, &f.id);
        for r in &f.recipients {
            let owner = partner(r).unwrap_or(Owner::Everyone);
            if let Some(n) = f.breach_notification {
                let when = md!("within {n} of discovery");
                drafts.push(Draft {
                    owner: owner.clone(),
                    key: format!("flow.{}.{r}.breach", f.id),
                    action: md!(
                        "Notify {} of any breach of \"{}\"",
                        provider_name(ids, &f.provider),
                        text(&f.name)
                    ),
                    timing: event(&when),
                    when,
                    evidence: Md::raw("Written breach notice"),
                    anchor: anchor.clone(),
                });
            }
            let end = match f.end_of_use {
                EndOfUse::Return => Some("Return"),
                EndOfUse::Destroy => Some("Destroy"),
                EndOfUse::ReturnOrDestroy => Some("Return or destroy"),
                EndOfUse::Retain => None,
            };
            if let Some(verb) = end {
                let when = f.end_within.map_or_else(
                    || Md::raw("when the permitted use ends"),
                    |w| md!("within {w} of the end of use"),
                );
                let evidence = if f.certified {
                    Md::raw("Written certificate of return or destruction")
                } else {
                    Md::raw("Written confirmation")
                };
                drafts.push(Draft {
                    owner: owner.clone(),
                    key: format!("flow.{}.{r}.end-of-use", f.id),
                    action: md!("{verb} the data received under \"{}\"", text(&f.name)),
                    timing: event(&when),
                    when,
                    evidence,
                    anchor: anchor.clone(),
                });
            }
            if let Some(review) = f.access_review {
                let when = Md::raw(review.phrase());
                drafts.push(Draft {
                    owner,
                    key: format!("flow.{}.{r}.access-review", f.id),
                    action: md!("Review who has access to \"{}\"", text(&f.name)),
                    timing: every(c, review, &when),
                    when,
                    evidence: Md::raw("Access review record"),
                    anchor: anchor.clone(),
                });
            }
        }
    }
    if let Some(p) = &c.publication {
        let when = md!("at least {} before submission", p.review);
        drafts.push(Draft {
            owner: Owner::Everyone,
            key: "publication.review".to_owned(),
            action: Md::raw(
                "Circulate each manuscript or presentation to every partner before submission",
            ),
            timing: event(&when),
            when,
            evidence: Md::raw("Dated circulation record"),
            anchor: "publication-review".to_owned(),
        });
        if p.trial_registration {
            let when = Md::raw("before the first participant is enrolled");
            drafts.push(Draft {
                owner: Owner::Everyone,
                key: "publication.registration".to_owned(),
                action: Md::raw("Register each trial in a public registry"),
                timing: event(&when),
                when,
                evidence: Md::raw("Registry identifier"),
                anchor: "publication-registration".to_owned(),
            });
        }
    }
    for ph in &c.phases {
        let evidence = if ph.metrics.is_empty() {
            Md::raw("Recorded go/no-go decision")
        } else {
            Md::raw("Recorded go/no-go decision with the measured success metrics")
        };
        drafts.push(Draft {
            owner: actor(&ph.gate_owner),
            key: format!("phase.{}.gate", ph.id),
            action: md!("Decide {} (gate of \"{}\")", text(&ph.gate), text(&ph.name)),
            when: md!("by {}", ph.end),
            timing: Timing::Date { date: ph.end },
            evidence,
            anchor: anchors::item(Anchor::Phase, &ph.id),
        });
    }
    for o in &c.obligations {
        let when = timing(o);
        drafts.push(Draft {
            owner: actor(&o.owner),
            key: format!("obligation.{}", o.id),
            action: text(&o.action),
            timing: obligation_timing(ids, o, &when),
            when,
            evidence: text(&o.evidence),
            anchor: anchors::item(Anchor::Obligation, &o.id),
        });
    }
    if let Some(r) = &c.review {
        let when = Md::raw(r.cadence.phrase());
        drafts.push(Draft {
            owner: actor(&r.by),
            key: "review.assessment".to_owned(),
            action: Md::raw("Assess the partnership and report the findings to the partners"),
            timing: every(c, r.cadence, &when),
            when,
            evidence: Md::raw("Assessment report"),
            anchor: "review-assessment".to_owned(),
        });
    }

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
        .map(|(owner, items)| {
            // Partner and body ids share a namespace, but "all" could be either: the anchor says which.
            let (owner, owner_id, anchor) = match owner {
                Owner::Partner(i) => {
                    let id = c.partners[i].id.clone();
                    (
                        text(&c.partners[i].short_name),
                        id.clone(),
                        format!("checklist-partner-{id}"),
                    )
                }
                Owner::Body(i) => {
                    let id = c.bodies[i].id.clone();
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
        })
        .collect()
}

fn provider_name(ids: &Lookup<'_>, id: &str) -> Md {
    ids.partner(id)
        .map_or_else(|| text(id), |i| text(&ids.charter().partners[i].short_name))
}
