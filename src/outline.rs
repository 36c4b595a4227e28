//! The outline of a charter's rendered document: every anchor it has, worked out from the charter alone,
//! so that `check` accepts as a `[[clause:…]]` target exactly the anchors `render` writes. Each anchor is
//! a section, a numbered clause (a decision row and a signature block count as one), or a place inside
//! one (a definition, an owner's part of the checklist), which a reference cites by the number of what it
//! is in.
//!
//! The renderer lays the document out on its own; tests render the examples and every valid fixture and
//! compare the anchors they contain with this outline, so that the two cannot drift apart.
//!
//! Imports the model and the rule catalogue.

use crate::model::{Charter, glossary};
use crate::rules;

/// One anchor of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// As the document writes it, e.g. `flow-ehr-extract`, `definition-business-day`.
    pub id: String,
    /// For a place inside a clause or section, the anchor whose number it is cited by; `None` for a
    /// section or clause, cited by its own number.
    pub within: Option<&'static str>,
}

/// Every anchor of the document, sections and clauses in document order, each followed by the places
/// inside it.
#[must_use]
pub fn anchors(c: &Charter) -> Vec<Anchor> {
    let mut o = Outline::default();
    purpose(c, &mut o);
    o.section("partners");
    for p in &c.partners {
        o.clause(format!("partner-{}", p.id));
    }
    definitions(c, &mut o);
    if !c.bodies.is_empty() {
        o.section("governance");
    }
    for b in &c.bodies {
        o.clause(format!("body-{}", b.id));
        if b.composition.is_some() {
            o.clause(format!("body-{}--composition", b.id));
        }
        if b.chair.is_some() {
            o.clause(format!("body-{}--chair", b.id));
        }
        if !b.officers.is_empty() {
            o.clause(format!("body-{}--officers", b.id));
        }
        if b.member_term.is_some() {
            o.clause(format!("body-{}--terms", b.id));
        }
        if b.states_membership() {
            o.clause(format!("body-{}--membership", b.id));
        }
        o.clause(format!("body-{}--quorum", b.id));
        o.clause(format!("body-{}--meetings", b.id));
    }
    if !c.decisions.is_empty() || c.amendment.is_some() {
        o.section("decisions");
    }
    for d in &c.decisions {
        o.clause(format!("decision-{}", d.id));
    }
    o.fixed_if(
        c.decisions.iter().any(|d| c.has_decision_form(d)),
        "decision-forms",
    );
    o.fixed_if(c.amendment.is_some(), "amendment");
    if !c.data_flows.is_empty() || c.data_access.is_some() {
        o.section("data");
    }
    for f in &c.data_flows {
        o.clause(format!("flow-{}", f.id));
    }
    o.fixed_if(c.data_access.is_some(), "data-access");
    if let Some(ip) = &c.ip {
        o.section("ip");
        o.clause("ip-background".to_owned());
        for item in &ip.background_items {
            o.place(format!("background-{}", item.id), "ip-background");
        }
        o.fixed_if(ip.lambert.is_some(), "ip-lambert");
        o.fixed_if(ip.foreground_expected == Some(false), "ip-no-foreground");
        for f in c.stated_foreground().iter() {
            o.clause(format!("foreground-{}", f.id));
        }
        for l in c.stated_licences().iter() {
            o.clause(format!("licence-{}", l.id));
        }
        for out in &ip.outbound {
            o.clause(format!("outbound-{}", out.id));
        }
        o.fixed_if(ip.contributions.is_some(), "ip-contributions");
        for t in &ip.transfers {
            o.clause(format!("transfer-{}", t.id));
        }
    }
    publication(c, &mut o);
    if let Some(coi) = &c.conflicts {
        o.section("conflicts");
        for fixed in ["coi-who", "coi-disclosure", "coi-management"] {
            o.clause(fixed.to_owned());
        }
        o.fixed_if(!coi.recusal_from.is_empty(), "coi-recusal");
        for d in &coi.declared {
            o.clause(format!("conflict-{}", d.id));
        }
    }
    if !c.phases.is_empty() {
        o.section("phases");
    }
    for p in &c.phases {
        o.clause(format!("phase-{}", p.id));
    }
    if !c.obligations.is_empty() {
        o.section("obligations");
    }
    for ob in &c.obligations {
        o.clause(format!("obligation-{}", ob.id));
    }
    // A standing document may state no term: its disputes clause, if any, stands alone.
    if let Some(t) = &c.term {
        o.section("term");
        o.clause("term-length".to_owned());
        o.clause("term-renewal".to_owned());
        o.fixed_if(t.states_termination(), "term-termination");
        o.fixed_if(t.states_withdrawal(), "term-withdrawal");
        o.fixed_if(!t.survival.is_empty(), "term-survival");
    } else if c.disputes.is_some() {
        o.section("term");
    }
    o.fixed_if(c.disputes.is_some(), "disputes");
    if let Some(r) = &c.review {
        o.section("review");
        o.clause("review-assessment".to_owned());
        o.clause("review-feedback".to_owned());
        o.fixed_if(r.recognition.is_some(), "review-recognition");
    }
    general(c, &mut o);
    if !c.versions.is_empty() {
        o.section("versions");
        o.clause("version-history".to_owned());
    }
    checklist(c, &mut o);
    // Only the partners with a signatory sign: a standing document adopted by a body may have none.
    let signing: Vec<_> = c
        .partners
        .iter()
        .filter(|p| p.withdrawn.is_none() && p.signatory.is_some())
        .collect();
    if !signing.is_empty() {
        o.section("signatures");
    }
    for p in signing {
        o.clause(format!("sign-{}", p.id));
    }
    if c.adoption.is_some() {
        o.section("adoption");
        o.clause("adoption-record".to_owned());
    }
    if !c.exceptions.is_empty() {
        o.section("annex-exceptions");
    }
    for e in &c.exceptions {
        let code = rules::find(&e.rule).map_or(e.rule.as_str(), |r| r.code);
        let code = code.to_lowercase();
        o.clause(match &e.at {
            Some(at) => format!("exception-{code}-{at}"),
            None => format!("exception-{code}"),
        });
    }
    o.out
}

#[derive(Default)]
struct Outline {
    out: Vec<Anchor>,
}

impl Outline {
    fn section(&mut self, id: &'static str) {
        self.clause(id.to_owned());
    }

    fn clause(&mut self, id: String) {
        self.out.push(Anchor { id, within: None });
    }

    fn fixed_if(&mut self, stated: bool, id: &'static str) {
        if stated {
            self.clause(id.to_owned());
        }
    }

    fn place(&mut self, id: String, within: &'static str) {
        self.out.push(Anchor {
            id,
            within: Some(within),
        });
    }
}

fn purpose(c: &Charter, o: &mut Outline) {
    o.section("purpose");
    for fixed in ["purpose-statement", "purpose-goals", "purpose-scope"] {
        o.clause(fixed.to_owned());
    }
    o.fixed_if(!c.charter.non_goals.is_empty(), "purpose-non-goals");
    o.fixed_if(c.charter.binding.is_some(), "purpose-legal-effect");
}

/// The two definition clauses and the definitions inside them.
fn definitions(c: &Charter, o: &mut Outline) {
    o.section("definitions");
    o.clause("definitions-names".to_owned());
    let names = "definitions-names";
    for p in &c.partners {
        o.place(format!("definition--partner-{}", p.id), names);
    }
    for b in &c.bodies {
        o.place(format!("definition--body-{}", b.id), names);
    }
    for org in &c.organisations {
        o.place(format!("definition--organisation-{}", org.id), names);
    }
    for k in &c.membership_classes {
        o.place(format!("definition--class-{}", k.id), names);
    }
    let mut terms: Vec<String> = glossary::used(c).map(|e| glossary::key(e.term)).collect();
    terms.extend(c.definitions.iter().map(|d| glossary::key(&d.term)));
    if terms.is_empty() {
        return;
    }
    o.clause("definitions-terms".to_owned());
    terms.sort();
    terms.dedup();
    for key in terms {
        o.place(format!("definition-{key}"), "definitions-terms");
    }
}

fn publication(c: &Charter, o: &mut Outline) {
    let Some(p) = &c.publication else { return };
    o.section("publication");
    o.clause("publication-review".to_owned());
    o.fixed_if(
        p.confidential_removal == Some(true),
        "publication-confidential",
    );
    o.fixed_if(p.patent_delay.is_some(), "publication-patent-delay");
    o.fixed_if(p.max_total_delay.is_some(), "publication-total-delay");
    o.fixed_if(p.multi_site_first, "publication-multi-site");
    o.clause("publication-authorship".to_owned());
    o.fixed_if(p.trial_registration, "publication-registration");
    o.fixed_if(p.negative_results, "publication-negative-results");
    o.fixed_if(p.acknowledgement.is_some(), "publication-acknowledgement");
}

/// The general provisions, each when the charter states it.
fn general(c: &Charter, o: &mut Outline) {
    let notices = c.notices.is_some() || c.partners.iter().any(|p| p.notice.is_some());
    if c.confidentiality.is_none() && !notices && c.precedence.is_none() {
        return;
    }
    o.section("general");
    o.fixed_if(c.confidentiality.is_some(), "confidentiality");
    o.fixed_if(notices, "notices");
    o.fixed_if(c.precedence.is_some(), "precedence");
}

/// The checklist, and the part of it of every partner, every body and every partner together. A part
/// with no item is not written, and a reference to it cites, and links to, the checklist itself.
fn checklist(c: &Charter, o: &mut Outline) {
    o.section("checklist");
    for p in &c.partners {
        o.place(format!("checklist-partner-{}", p.id), "checklist");
    }
    for b in &c.bodies {
        o.place(format!("checklist-body-{}", b.id), "checklist");
    }
    o.place("checklist-all".to_owned(), "checklist");
}
