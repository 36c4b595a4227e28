//! The accountability checklist, derived from the terms: who must do what, by when, with what evidence,
//! and which clause says so. Items come from every area, not only from the explicit obligations.

use std::collections::BTreeMap;

use serde::Serialize;

use super::document::ClauseRef;
use super::markdown::{Md, text};
use crate::md;
use crate::model::{Charter, DisclosureTime, EndOfUse, Obligation, Period};

/// The items one owner is accountable for.
#[derive(Debug, Serialize)]
pub struct Group {
    /// Who: a partner's short name, a body's name, or every partner.
    pub owner: Md,
    /// Anchor of the group.
    pub anchor: String,
    /// The owner's items, in the order of the clauses they come from.
    pub items: Vec<Item>,
}

/// One thing to do.
#[derive(Debug, Serialize)]
pub struct Item {
    /// What to do.
    pub action: Md,
    /// When: a date, a cadence or a deadline after an event.
    pub when: Md,
    /// What shows it was done.
    pub evidence: Md,
    /// The clause it comes from.
    pub clause: ClauseRef,
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

/// Derives the checklist, grouped by owner: partners first in charter order, then bodies, then items that
/// fall on every partner.
#[must_use]
pub fn derive(c: &Charter, refs: &BTreeMap<String, ClauseRef>) -> Vec<Group> {
    let mut items: Vec<(Owner, Item)> = Vec::new();
    let partner = |id: &str| {
        c.partners
            .iter()
            .position(|p| p.id == id)
            .map(Owner::Partner)
    };
    let actor = |id: &str| {
        partner(id)
            .or_else(|| c.bodies.iter().position(|b| b.id == id).map(Owner::Body))
            .unwrap_or(Owner::Everyone)
    };
    let clause = |anchor: &str| {
        refs.get(anchor).cloned().unwrap_or_else(|| ClauseRef {
            number: String::new(),
            anchor: anchor.to_owned(),
        })
    };
    let mut push = |owner: Owner, action: Md, when: Md, evidence: Md, anchor: &str| {
        items.push((
            owner,
            Item {
                action,
                when,
                evidence,
                clause: clause(anchor),
            },
        ));
    };

    for p in &c.partners {
        push(
            partner(&p.id).unwrap_or(Owner::Everyone),
            md!(
                "Sign the charter ({} for {})",
                text(&p.signatory.name),
                text(&p.legal_name)
            ),
            md!("by {}", c.charter.effective_date),
            Md::raw("Signed signature page"),
            &format!("sign-{}", p.id),
        );
    }
    for (i, body) in c.bodies.iter().enumerate() {
        let owner = Owner::Body(i);
        let m = &body.meetings;
        let anchor = format!("body-{}-meetings", body.id);
        push(
            owner.clone(),
            md!(
                "Call and hold the {} meeting of {}",
                m.cadence.adjective(),
                text(&body.name)
            ),
            md!("{}, with {}", m.cadence.phrase(), notice(m.notice)),
            Md::raw("Meeting notice and attendance record"),
            &anchor,
        );
        if let Some(papers) = m.papers {
            push(
                owner.clone(),
                md!(
                    "Circulate papers for each meeting of the {}",
                    text(&body.name)
                ),
                md!("{papers} before each meeting"),
                Md::raw("Dated circulation of papers"),
                &anchor,
            );
        }
        push(
            owner,
            md!("Circulate draft minutes of the {}", text(&body.name)),
            md!("within {} of each meeting", m.minutes),
            Md::raw("Draft minutes sent to all members"),
            &anchor,
        );
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
            let when = match w {
                DisclosureTime::OnJoining => Md::raw("on joining the partnership or a body"),
                DisclosureTime::NewInterest => coi.new_interest_within.map_or_else(
                    || Md::raw("when a new interest arises"),
                    |p| md!("within {p} of a new interest"),
                ),
                DisclosureTime::Annually => Md::raw("every year"),
                DisclosureTime::EachMeeting => Md::raw("at the start of each meeting"),
            };
            push(
                Owner::Everyone,
                Md::raw("Disclose interests covered by the conflict-of-interest terms"),
                when,
                md!("Disclosure filed with {to}"),
                "coi-disclosure",
            );
        }
        for d in &coi.declared {
            push(
                partner(&d.partner).unwrap_or(Owner::Everyone),
                md!(
                    "Apply the agreed management of the declared conflict ({})",
                    text(&d.interest)
                ),
                Md::raw("whenever an affected decision is taken"),
                Md::raw("Recusal or other measure recorded in the minutes"),
                &format!("coi-{}", d.id),
            );
        }
    }
    for f in &c.data_flows {
        let anchor = format!("flow-{}", f.id);
        for r in &f.recipients {
            let owner = partner(r).unwrap_or(Owner::Everyone);
            if let Some(n) = f.breach_notification {
                push(
                    owner.clone(),
                    md!(
                        "Notify {} of any breach of \"{}\"",
                        provider_name(c, &f.provider),
                        text(&f.name)
                    ),
                    md!("within {n} of discovery"),
                    Md::raw("Written breach notice"),
                    &anchor,
                );
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
                push(
                    owner.clone(),
                    md!("{verb} the data received under \"{}\"", text(&f.name)),
                    when,
                    evidence,
                    &anchor,
                );
            }
            if let Some(review) = f.access_review {
                push(
                    owner,
                    md!("Review who has access to \"{}\"", text(&f.name)),
                    Md::raw(review.phrase()),
                    Md::raw("Access review record"),
                    &anchor,
                );
            }
        }
    }
    if let Some(p) = &c.publication {
        push(
            Owner::Everyone,
            Md::raw("Circulate each manuscript or presentation to every partner before submission"),
            md!("at least {} before submission", p.review),
            Md::raw("Dated circulation record"),
            "publication-review",
        );
        if p.trial_registration {
            push(
                Owner::Everyone,
                Md::raw("Register each trial in a public registry"),
                Md::raw("before the first participant is enrolled"),
                Md::raw("Registry identifier"),
                "publication-registration",
            );
        }
    }
    for ph in &c.phases {
        let evidence = if ph.metrics.is_empty() {
            Md::raw("Recorded go/no-go decision")
        } else {
            Md::raw("Recorded go/no-go decision with the measured success metrics")
        };
        push(
            actor(&ph.gate_owner),
            md!("Decide {} (gate of \"{}\")", text(&ph.gate), text(&ph.name)),
            md!("by {}", ph.end),
            evidence,
            &format!("phase-{}", ph.id),
        );
    }
    for o in &c.obligations {
        push(
            actor(&o.owner),
            text(&o.action),
            timing(o),
            text(&o.evidence),
            &format!("obligation-{}", o.id),
        );
    }
    if let Some(r) = &c.review {
        push(
            actor(&r.by),
            Md::raw("Assess the partnership and report the findings to the partners"),
            Md::raw(r.cadence.phrase()),
            Md::raw("Assessment report"),
            "review-assessment",
        );
    }

    let mut groups: BTreeMap<Owner, Vec<Item>> = BTreeMap::new();
    for (owner, item) in items {
        groups.entry(owner).or_default().push(item);
    }
    groups
        .into_iter()
        .map(|(owner, items)| {
            let (owner, anchor) = match owner {
                Owner::Partner(i) => (
                    text(&c.partners[i].short_name),
                    format!("checklist-{}", c.partners[i].id),
                ),
                Owner::Body(i) => (
                    text(&c.bodies[i].name),
                    format!("checklist-{}", c.bodies[i].id),
                ),
                Owner::Everyone => (Md::raw("Every partner"), "checklist-all".to_owned()),
            };
            Group {
                owner,
                anchor,
                items,
            }
        })
        .collect()
}

fn provider_name(c: &Charter, id: &str) -> Md {
    c.partners
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| text(id), |p| text(&p.short_name))
}
