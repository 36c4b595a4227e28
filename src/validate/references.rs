//! Ids are unique in their namespace, and every reference between sections names something that exists.
//! The references are checked area by area in the document's order: bodies, decisions, data flows (with
//! the phases that end their use), IP, conflicts, phases, obligations, review. Imports the model, the
//! rule catalogue, suggestion by edit distance, the table of items with ids (`items`) and the validation
//! context (`super`).

use rustc_hash::FxHashSet;

use super::{Annotate, Ctx, items, quoted};
use crate::load::Seg;
use crate::model::{Actor, Charter, ConflictTerms, IpTerms, Lookup, UseEnd};
use crate::path;
use crate::rules;
use crate::suggest::closest;

/// What a reference must point at.
#[derive(Clone, Copy)]
enum Kind {
    Partner,
    Body,
    PartnerOrBody,
    /// Where a deadlock or a dispute may go: a body, a partner, or an organisation outside the partnership.
    Recipient,
    Decision,
    Foreground,
    /// Who may hold IP or agreements: a partner, or an organisation outside the partnership.
    PartnerOrOrganisation,
    Flow,
    Obligation,
    Phase,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Partner => "partner",
            Kind::Body => "body",
            Kind::PartnerOrBody => "partner or body",
            Kind::Recipient => "body, partner or organisation",
            Kind::Decision => "decision",
            Kind::Foreground => "foreground IP category",
            Kind::PartnerOrOrganisation => "partner or organisation",
            Kind::Flow => "data flow",
            Kind::Obligation => "obligation",
            Kind::Phase => "phase",
        }
    }

    fn defined_in(self) -> &'static str {
        match self {
            Kind::Partner => "[[partners]]",
            Kind::Body => "[[bodies]]",
            Kind::PartnerOrBody => "[[partners]] or [[bodies]]",
            Kind::Recipient => "[[bodies]], [[partners]] or [[organisations]]",
            Kind::Decision => "[[decisions]]",
            Kind::Foreground => "[[ip.foreground]]",
            Kind::PartnerOrOrganisation => "[[partners]] or [[organisations]]",
            Kind::Flow => "[[data_flows]]",
            Kind::Obligation => "[[obligations]]",
            Kind::Phase => "[[phases]]",
        }
    }
}

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    duplicates(c, ctx);
    let mut r = Refs { index, ctx };
    bodies(c, &mut r);
    decisions(c, &mut r);
    data_flows(c, &mut r);
    if let Some(ip) = &c.ip {
        ip_terms(ip, &mut r);
    }
    if let Some(coi) = &c.conflicts {
        conflicts(coi, &mut r);
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
    if let Some(to) = c.disputes.as_ref().and_then(|d| d.to.as_ref()) {
        r.check(Kind::Recipient, to, path!["disputes", "to"]);
    }
    if let Some(a) = &c.adoption {
        r.check(Kind::Body, &a.body, path!["adoption", "body"]);
        if let Some(d) = &a.decision {
            r.check(Kind::Decision, d, path!["adoption", "decision"]);
        }
    }
    for (i, v) in c.versions.iter().enumerate() {
        if let Some(d) = &v.decision {
            r.check(Kind::Decision, d, path!["versions", i, "decision"]);
        }
    }
    for (i, class) in c.membership_classes.iter().enumerate() {
        for (k, p) in class.members.iter().enumerate() {
            r.check(
                Kind::Partner,
                p,
                path!["membership_classes", i, "members", k],
            );
        }
    }
    for (i, p) in c.partners.iter().enumerate() {
        for (k, pc) in p.phase_ceilings.iter().enumerate() {
            r.check(
                Kind::Phase,
                &pc.phase,
                path!["partners", i, "phase_ceilings", k, "phase"],
            );
        }
    }
    for (i, o) in c.organisations.iter().enumerate() {
        for (k, p) in o.parent_of.iter().enumerate() {
            r.check(Kind::Partner, p, path!["organisations", i, "parent_of", k]);
        }
    }
    surviving(c, &mut r);
    data_access(c, &mut r);
}

/// Data access names the decisions on requests and outputs, and partners as operator, controllers and
/// processors.
fn data_access(c: &Charter, r: &mut Refs<'_, '_, '_, '_>) {
    let Some(a) = &c.data_access else { return };
    if let Some(d) = &a.requests {
        r.check(Kind::Decision, d, path!["data_access", "requests"]);
    }
    if let Some(d) = &a.outputs {
        r.check(Kind::Decision, d, path!["data_access", "outputs"]);
    }
    if let Some(p) = a.environment.as_ref().and_then(|e| e.operator.as_ref()) {
        r.check(
            Kind::Partner,
            p,
            path!["data_access", "environment", "operator"],
        );
    }
    for (k, p) in a.controllers.iter().enumerate() {
        r.check(Kind::Partner, p, path!["data_access", "controllers", k]);
    }
    for (k, p) in a.processors.iter().enumerate() {
        r.check(Kind::Partner, p, path!["data_access", "processors", k]);
    }
}

/// What survives a partner's withdrawal names its flows and obligations.
fn surviving(c: &Charter, r: &mut Refs<'_, '_, '_, '_>) {
    for (i, p) in c.partners.iter().enumerate() {
        let Some(s) = &p.surviving else { continue };
        for (k, f) in s.flows.iter().enumerate() {
            r.check(Kind::Flow, f, path!["partners", i, "surviving", "flows", k]);
        }
        for (k, o) in s.obligations.iter().enumerate() {
            r.check(
                Kind::Obligation,
                o,
                path!["partners", i, "surviving", "obligations", k],
            );
        }
    }
}

/// Members, chairs, officers and the partners of a constituency are partners.
fn bodies(c: &Charter, r: &mut Refs<'_, '_, '_, '_>) {
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
        if let Some(p) = body.chair.as_ref().and_then(|c| c.partner.as_ref()) {
            r.check(Kind::Partner, p, path!["bodies", i, "chair", "partner"]);
        }
        for (k, o) in body.officers.iter().enumerate() {
            if let Some(p) = &o.partner {
                r.check(
                    Kind::Partner,
                    p,
                    path!["bodies", i, "officers", k, "partner"],
                );
            }
        }
        let constituencies = body.composition.iter().flat_map(|c| &c.constituencies);
        for (k, con) in constituencies.enumerate() {
            for (n, p) in con.partners.iter().enumerate() {
                r.check(
                    Kind::Partner,
                    p,
                    path![
                        "bodies",
                        i,
                        "composition",
                        "constituencies",
                        k,
                        "partners",
                        n
                    ],
                );
            }
        }
    }
}

/// Each decision, and the amendment of the charter, goes to a body; those consulted are partners or bodies.
fn decisions(c: &Charter, r: &mut Refs<'_, '_, '_, '_>) {
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
            r.check(Kind::Recipient, e, path!["decisions", i, "escalation"]);
        }
        for (k, p) in d.concerns.iter().enumerate() {
            r.check(Kind::Partner, p, path!["decisions", i, "concerns", k]);
        }
        for (k, p) in d.consent_of.iter().flat_map(|c| &c.partners).enumerate() {
            r.check(
                Kind::Partner,
                p,
                path!["decisions", i, "consent_of", "partners", k],
            );
        }
    }
    if let Some(a) = &c.amendment {
        r.check(Kind::Body, &a.body, path!["amendment", "body"]);
    }
}

/// Data flows run between partners.
fn data_flows(c: &Charter, r: &mut Refs<'_, '_, '_, '_>) {
    for (i, f) in c.data_flows.iter().enumerate() {
        for (k, p) in f.provider.iter().enumerate() {
            let at = if f.provider.listed() {
                path!["data_flows", i, "provider", k]
            } else {
                path!["data_flows", i, "provider"]
            };
            r.check(Kind::Partner, p, at);
        }
        for (k, p) in f.recipients.iter().enumerate() {
            r.check(Kind::Partner, p, path!["data_flows", i, "recipients", k]);
        }
        for (k, p) in f.during_phases().iter().enumerate() {
            r.check(Kind::Phase, p, path!["data_flows", i, "during", k]);
        }
        for (k, end) in f.use_ends.iter().flatten().enumerate() {
            if let UseEnd::Phase(p) = end {
                r.check(
                    Kind::Phase,
                    p,
                    path!["data_flows", i, "use_ends", k, "phase"],
                );
            }
        }
    }
}

/// Background items and foreground IP are owned by partners; a Lambert model names partners; licences
/// cover foreground categories and go to partners.
fn ip_terms(ip: &IpTerms, r: &mut Refs<'_, '_, '_, '_>) {
    for (i, item) in ip.background_items.iter().enumerate() {
        r.check(
            Kind::Partner,
            &item.owner,
            path!["ip", "background_items", i, "owner"],
        );
    }
    if let Some(l) = &ip.lambert {
        let named = [
            ("institution", &l.institution),
            ("collaborator", &l.collaborator),
            ("lead", &l.lead),
        ];
        for (key, id) in named {
            if let Some(id) = id {
                r.check(Kind::Partner, id, path!["ip", "lambert", key]);
            }
        }
    }
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
    open_ip_terms(ip, r);
}

/// Outbound licences cover foreground categories; contributor agreements are held, and existing IP
/// transferred, by a partner or an organisation; a transfer comes from a partner.
fn open_ip_terms(ip: &IpTerms, r: &mut Refs<'_, '_, '_, '_>) {
    for (i, o) in ip.outbound.iter().enumerate() {
        for (k, f) in o.covers.iter().enumerate() {
            r.check(Kind::Foreground, f, path!["ip", "outbound", i, "covers", k]);
        }
    }
    if let Some(holder) = ip.contributions.as_ref().and_then(|c| c.held_by.as_ref()) {
        r.check(
            Kind::PartnerOrOrganisation,
            holder,
            path!["ip", "contributions", "held_by"],
        );
    }
    for (i, t) in ip.transfers.iter().enumerate() {
        r.check(Kind::Partner, &t.from, path!["ip", "transfers", i, "from"]);
        r.check(
            Kind::PartnerOrOrganisation,
            &t.to,
            path!["ip", "transfers", i, "to"],
        );
    }
}

/// Conflicts are managed by a body, recusal is from decisions, and declared conflicts are a partner's and
/// affect decisions.
fn conflicts(coi: &ConflictTerms, r: &mut Refs<'_, '_, '_, '_>) {
    if let Some(b) = &coi.managed_by {
        r.check(Kind::Body, b, path!["conflicts", "managed_by"]);
    }
    for (k, d) in coi.recusal_from.iter().enumerate() {
        r.check(Kind::Decision, d, path!["conflicts", "recusal_from", k]);
    }
    for (i, dc) in coi.declared.iter().enumerate() {
        if let Some(p) = &dc.partner {
            r.check(
                Kind::Partner,
                p,
                path!["conflicts", "declared", i, "partner"],
            );
        }
        for (k, d) in dc.affects.iter().enumerate() {
            r.check(
                Kind::Decision,
                d,
                path!["conflicts", "declared", i, "affects", k],
            );
        }
    }
}

struct Refs<'a, 'c, 'x, 's> {
    index: &'a Lookup<'c>,
    ctx: &'a mut Ctx<'x, 's>,
}

impl Refs<'_, '_, '_, '_> {
    fn check(&mut self, kind: Kind, id: &str, path: &[Seg]) {
        let found = match kind {
            Kind::Partner => self.index.partner(id).is_some(),
            Kind::Body => self.index.body(id).is_some(),
            Kind::PartnerOrBody => self.index.actor(id).is_some(),
            Kind::Recipient => {
                self.index.actor(id).is_some() || self.index.organisation(id).is_some()
            }
            Kind::Decision => self.index.decision(id).is_some(),
            Kind::Foreground => self.index.foreground(id).is_some(),
            Kind::PartnerOrOrganisation => {
                self.index.partner(id).is_some() || self.index.organisation(id).is_some()
            }
            // Few ids are named this way (what survives a withdrawal): a search of the list will do.
            Kind::Flow => self.index.charter().data_flows.iter().any(|f| f.id == id),
            Kind::Obligation => self.index.charter().obligations.iter().any(|o| o.id == id),
            Kind::Phase => self.index.phase(id).is_some(),
        };
        if found {
            return;
        }
        let candidates: Vec<&str> = match kind {
            Kind::Partner | Kind::Body | Kind::PartnerOrBody => self
                .index
                .actor_ids()
                .into_iter()
                .filter(|(_, t)| match kind {
                    Kind::Partner => matches!(t, Actor::Partner(_)),
                    Kind::Body => matches!(t, Actor::Body(_)),
                    _ => true,
                })
                .map(|(id, _)| id)
                .collect(),
            Kind::Recipient => {
                let mut ids: Vec<&str> = self
                    .index
                    .actor_ids()
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect();
                ids.extend(self.index.organisation_ids());
                ids.sort_unstable();
                ids
            }
            Kind::Decision => self.index.decision_ids(),
            Kind::Foreground => self.index.foreground_ids(),
            Kind::Flow => {
                let c = self.index.charter();
                c.data_flows.iter().map(|f| f.id.as_str()).collect()
            }
            Kind::Obligation => {
                let c = self.index.charter();
                c.obligations.iter().map(|o| o.id.as_str()).collect()
            }
            Kind::Phase => self.index.phase_ids(),
            Kind::PartnerOrOrganisation => {
                let mut ids: Vec<&str> = self
                    .index
                    .actor_ids()
                    .into_iter()
                    .filter(|(_, t)| matches!(t, Actor::Partner(_)))
                    .map(|(id, _)| id)
                    .collect();
                ids.extend(self.index.organisation_ids());
                ids.sort_unstable();
                ids
            }
        };
        let wrong_kind = match (kind, self.index.actor(id)) {
            (Kind::Partner, Some(Actor::Body(_))) => Some("a body, not a partner"),
            (Kind::Body, Some(Actor::Partner(_))) => Some("a partner, not a body"),
            (Kind::PartnerOrOrganisation, Some(Actor::Body(_))) => {
                Some("a body, not a partner or an organisation")
            }
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
                quoted(&candidates)
            ),
        };
        self.ctx
            .at(&rules::UNDEFINED_REFERENCE, path, message)
            .with(format!("not a defined {}", kind.noun()), hint);
    }
}

/// Ids are unique within each kind of item; partners and bodies share one namespace.
fn duplicates(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let mut actors = FxHashSet::default();
    for kind in items::kinds(c) {
        if kind.actor {
            unique(&mut actors, kind.path, kind.ids, "partner or body", ctx);
        } else {
            unique(
                &mut FxHashSet::default(),
                kind.path,
                kind.ids,
                kind.noun,
                ctx,
            );
        }
    }
    // A deadlock or a dispute may go to a body, a partner or an organisation: one id names one of them.
    let organisations = c.organisations.iter().map(|o| o.id.as_str()).collect();
    unique(
        &mut actors,
        &["organisations"],
        organisations,
        "partner, body or organisation",
        ctx,
    );
}

/// Reports each id already in `seen`, at the `id` key of its item (`prefix[i].id`); the path is built only
/// for a duplicate.
fn unique<'c>(
    seen: &mut FxHashSet<&'c str>,
    prefix: &[&'static str],
    ids: Vec<&'c str>,
    noun: &str,
    ctx: &mut Ctx<'_, '_>,
) {
    for (i, id) in ids.into_iter().enumerate() {
        if !seen.insert(id) {
            let mut path: Vec<Seg> = prefix.iter().map(|k| Seg::from(*k)).collect();
            path.extend([Seg::from(i), Seg::from("id")]);
            ctx.at(&rules::DUPLICATE_ID, &path, format!("the id \"{id}\" is used by another {noun}"))
                .with(
                    "duplicate id",
                    format!("give this {noun} an id of its own; every reference to \"{id}\" would otherwise be ambiguous"),
                );
        }
    }
}
