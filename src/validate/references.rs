//! Ids are unique in their namespace, and every reference between sections names something that exists.

use std::collections::BTreeSet;

use super::{Annotate, Ctx, Index, Target};
use crate::load::{Seg, closest};
use crate::model::Charter;
use crate::path;
use crate::rules;

/// What a reference must point at.
#[derive(Clone, Copy)]
enum Kind {
    Partner,
    Body,
    PartnerOrBody,
    Decision,
    Foreground,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Partner => "partner",
            Kind::Body => "body",
            Kind::PartnerOrBody => "partner or body",
            Kind::Decision => "decision",
            Kind::Foreground => "foreground IP category",
        }
    }

    fn defined_in(self) -> &'static str {
        match self {
            Kind::Partner => "[[partners]]",
            Kind::Body => "[[bodies]]",
            Kind::PartnerOrBody => "[[partners]] or [[bodies]]",
            Kind::Decision => "[[decisions]]",
            Kind::Foreground => "[[ip.foreground]]",
        }
    }
}

pub(super) fn check(c: &Charter, index: &Index<'_>, ctx: &mut Ctx<'_, '_>) {
    duplicates(c, ctx);
    let mut r = Refs { index, ctx };
    for (i, body) in c.bodies.iter().enumerate() {
        for (j, member) in body.members.iter().enumerate() {
            if let Some(p) = &member.partner {
                r.check(
                    Kind::Partner,
                    p,
                    path!["bodies", i, "members", j, "partner"],
                );
            }
        }
        if let Some(p) = &body.chair.partner {
            r.check(Kind::Partner, p, path!["bodies", i, "chair", "partner"]);
        }
    }
    for (i, d) in c.decisions.iter().enumerate() {
        r.check(Kind::Body, &d.body, path!["decisions", i, "body"]);
        for (k, who) in d.consult.iter().enumerate() {
            r.check(
                Kind::PartnerOrBody,
                who,
                path!["decisions", i, "consult", k],
            );
        }
        if let Some(e) = &d.escalation {
            r.check(Kind::Body, e, path!["decisions", i, "escalation"]);
        }
    }
    if let Some(a) = &c.amendment {
        r.check(Kind::Body, &a.body, path!["amendment", "body"]);
    }
    for (i, f) in c.data_flows.iter().enumerate() {
        r.check(
            Kind::Partner,
            &f.provider,
            path!["data_flows", i, "provider"],
        );
        for (k, p) in f.recipients.iter().enumerate() {
            r.check(Kind::Partner, p, path!["data_flows", i, "recipients", k]);
        }
    }
    if let Some(ip) = &c.ip {
        for (i, f) in ip.foreground.iter().enumerate() {
            if let Some(o) = &f.owner {
                r.check(Kind::Partner, o, path!["ip", "foreground", i, "owner"]);
            }
            for (k, s) in f.shares.iter().enumerate() {
                r.check(
                    Kind::Partner,
                    &s.partner,
                    path!["ip", "foreground", i, "shares", k, "partner"],
                );
            }
            for (k, s) in f.fields.iter().enumerate() {
                r.check(
                    Kind::Partner,
                    &s.owner,
                    path!["ip", "foreground", i, "fields", k, "owner"],
                );
            }
        }
        for (i, l) in ip.licences.iter().enumerate() {
            for (k, f) in l.covers.iter().enumerate() {
                r.check(Kind::Foreground, f, path!["ip", "licences", i, "covers", k]);
            }
            for (k, p) in l.to.iter().enumerate() {
                r.check(Kind::Partner, p, path!["ip", "licences", i, "to", k]);
            }
        }
    }
    if let Some(coi) = &c.conflicts {
        if let Some(b) = &coi.managed_by {
            r.check(Kind::Body, b, path!["conflicts", "managed_by"]);
        }
        for (k, d) in coi.recusal_from.iter().enumerate() {
            r.check(Kind::Decision, d, path!["conflicts", "recusal_from", k]);
        }
        for (i, dc) in coi.declared.iter().enumerate() {
            r.check(
                Kind::Partner,
                &dc.partner,
                path!["conflicts", "declared", i, "partner"],
            );
            for (k, d) in dc.affects.iter().enumerate() {
                r.check(
                    Kind::Decision,
                    d,
                    path!["conflicts", "declared", i, "affects", k],
                );
            }
        }
    }
    for (i, p) in c.phases.iter().enumerate() {
        r.check(
            Kind::PartnerOrBody,
            &p.gate_owner,
            path!["phases", i, "gate_owner"],
        );
    }
    for (i, o) in c.obligations.iter().enumerate() {
        r.check(
            Kind::PartnerOrBody,
            &o.owner,
            path!["obligations", i, "owner"],
        );
    }
    if let Some(review) = &c.review {
        r.check(Kind::Body, &review.by, path!["review", "by"]);
    }
}

struct Refs<'a, 'c, 'x, 's> {
    index: &'a Index<'c>,
    ctx: &'a mut Ctx<'x, 's>,
}

impl Refs<'_, '_, '_, '_> {
    fn check(&mut self, kind: Kind, id: &str, path: &[Seg]) {
        let found = match kind {
            Kind::Partner => self.index.partner(id).is_some(),
            Kind::Body => self.index.body(id).is_some(),
            Kind::PartnerOrBody => self.index.actors.contains_key(id),
            Kind::Decision => self.index.decisions.contains_key(id),
            Kind::Foreground => self.index.foreground.contains_key(id),
        };
        if found {
            return;
        }
        let candidates: Vec<&str> = match kind {
            Kind::Partner | Kind::Body | Kind::PartnerOrBody => self
                .index
                .actors
                .iter()
                .filter(|(_, t)| match kind {
                    Kind::Partner => matches!(t, Target::Partner(_)),
                    Kind::Body => matches!(t, Target::Body(_)),
                    _ => true,
                })
                .map(|(id, _)| *id)
                .collect(),
            Kind::Decision => self.index.decisions.keys().copied().collect(),
            Kind::Foreground => self.index.foreground.keys().copied().collect(),
        };
        let wrong_kind = match (kind, self.index.actors.get(id)) {
            (Kind::Partner, Some(Target::Body(_))) => Some("a body, not a partner"),
            (Kind::Body, Some(Target::Partner(_))) => Some("a partner, not a body"),
            _ => None,
        };
        let message = match wrong_kind {
            Some(what) => format!("\"{id}\" is {what}"),
            None => format!("no {} has the id \"{id}\"", kind.noun()),
        };
        let hint = match (closest(id, &candidates), candidates.is_empty()) {
            (Some(best), _) => format!("did you mean \"{best}\"?"),
            (None, true) => format!("define the {} in {} first", kind.noun(), kind.defined_in()),
            (None, false) => format!(
                "write the id of a {} defined in {}: {}",
                kind.noun(),
                kind.defined_in(),
                candidates
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.ctx
            .at(&rules::UNDEFINED_REFERENCE, path, message)
            .with(format!("not a defined {}", kind.noun()), hint);
    }
}

fn duplicates(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    // Partners and bodies share a namespace because owners and gate owners may be either.
    let mut actors = located(&["partners"], c.partners.iter().map(|p| p.id.as_str()));
    actors.extend(located(&["bodies"], c.bodies.iter().map(|b| b.id.as_str())));
    unique(actors, "partner or body", ctx);
    unique(
        located(&["decisions"], c.decisions.iter().map(|d| d.id.as_str())),
        "decision",
        ctx,
    );
    unique(
        located(&["data_flows"], c.data_flows.iter().map(|d| d.id.as_str())),
        "data flow",
        ctx,
    );
    unique(
        located(&["phases"], c.phases.iter().map(|d| d.id.as_str())),
        "phase",
        ctx,
    );
    unique(
        located(
            &["obligations"],
            c.obligations.iter().map(|d| d.id.as_str()),
        ),
        "obligation",
        ctx,
    );
    if let Some(ip) = &c.ip {
        let foreground = located(
            &["ip", "foreground"],
            ip.foreground.iter().map(|f| f.id.as_str()),
        );
        unique(foreground, "foreground IP category", ctx);
        unique(
            located(
                &["ip", "licences"],
                ip.licences.iter().map(|f| f.id.as_str()),
            ),
            "licence",
            ctx,
        );
    }
    if let Some(coi) = &c.conflicts {
        let declared = located(
            &["conflicts", "declared"],
            coi.declared.iter().map(|f| f.id.as_str()),
        );
        unique(declared, "declared conflict", ctx);
    }
}

/// Pairs each id with the path of its `id` key: `prefix[i].id`.
fn located<'c>(
    prefix: &[&'static str],
    ids: impl Iterator<Item = &'c str>,
) -> Vec<(&'c str, Vec<Seg>)> {
    ids.enumerate()
        .map(|(i, id)| {
            let mut path: Vec<Seg> = prefix.iter().map(|k| Seg::from(*k)).collect();
            path.extend([Seg::from(i), Seg::from("id")]);
            (id, path)
        })
        .collect()
}

fn unique<'c>(
    items: impl IntoIterator<Item = (&'c str, Vec<Seg>)>,
    noun: &str,
    ctx: &mut Ctx<'_, '_>,
) {
    let mut seen = BTreeSet::new();
    for (id, path) in items {
        if !seen.insert(id) {
            ctx.at(&rules::DUPLICATE_ID, &path, format!("the id \"{id}\" is used by another {noun}"))
                .with(
                    "duplicate id",
                    format!("give this {noun} an id of its own; every reference to \"{id}\" would otherwise be ambiguous"),
                );
        }
    }
}
