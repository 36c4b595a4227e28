//! The drafting clauses counsel expect: definitions, generated from the terms the charter uses, and the
//! general provisions on confidentiality, notices and the order of precedence.

use super::{Builder, and_list};
use crate::md;
use crate::model::{
    Charter, Confidentiality, Lasting, MembershipClass, Notices, Organisation, Partner, Precedence,
    glossary,
};
use crate::render::anchors::{self, Item};
use crate::render::markdown::{Md, mailto, prose, text};
use crate::validate::term_end;
use crate::xref::{CLOSE, OPEN};

/// The definitions section: each partner's and body's name, then every term of art the charter uses and
/// every term the organiser defines, in alphabetical order.
pub(super) fn definitions(c: &Charter, b: &mut Builder) {
    b.section("definitions", "Definitions");
    let mut names: Vec<Md> = c.partners.iter().map(partner_name).collect();
    names.extend(c.bodies.iter().map(|body| {
        md!(
            "{}\"{}\" means the body set up in {}",
            anchor(&format!("definition--body-{}", body.id)),
            text(&body.name),
            clause_ref(&anchors::item(Item::Body, &body.id))
        )
    }));
    names.extend(c.organisations.iter().map(|o| organisation_name(c, o)));
    names.extend(c.membership_classes.iter().map(|k| class_name(c, k)));
    b.clause(
        "definitions-names",
        Md::raw("Names"),
        md!(
            "In {}, these names have these meanings:",
            c.charter.kind.this()
        ),
    )
    .items = names;
    let terms = terms(c);
    if !terms.is_empty() {
        b.clause(
            "definitions-terms",
            Md::raw("Terms"),
            md!(
                "In {}, these terms have these meanings:",
                c.charter.kind.this()
            ),
        )
        .items = terms.into_iter().map(|(_, item)| item).collect();
    }
}

/// "\"Northstar\" means Northstar University Health, Inc. (§2.1)".
fn partner_name(p: &Partner) -> Md {
    md!(
        "{}\"{}\" means {}, the partner described in {}",
        anchor(&format!("definition--partner-{}", p.id)),
        text(&p.short_name),
        text(&p.legal_name),
        clause_ref(&anchors::item(Item::Partner, &p.id))
    )
}

/// The short names of the partners with these ids; an id that names no partner as written.
fn short_names(c: &Charter, ids: &[String]) -> Vec<Md> {
    ids.iter()
        .map(|id| {
            c.partners
                .iter()
                .find(|p| &p.id == id)
                .map_or_else(|| text(id), |p| text(&p.short_name))
        })
        .collect()
}

/// "listed in the roster rosters/sponsors.toml as of 2026-11-01: Northwind Health and Riverbend
/// Labs (the roster read has the SHA-256 fingerprint …)", for a class with a roster.
fn roster_members(c: &Charter, k: &MembershipClass) -> Option<Md> {
    let file = k.roster.as_deref()?;
    let roster = k.listed.as_ref()?;
    let names: Vec<Md> = roster
        .members
        .iter()
        .filter(|m| !k.members.contains(&m.id))
        .map(|m| {
            c.partners
                .iter()
                .find(|p| p.id == m.id)
                .map_or_else(|| text(&m.name), |p| text(&p.short_name))
        })
        .collect();
    let as_of = roster
        .as_of
        .map(|d| md!(" as of {}", Md::raw(c.charter.date_style.write(d))))
        .unwrap_or_default();
    let listed = if names.is_empty() {
        Md::raw(", which lists no members yet")
    } else {
        md!(": {}", and_list(&names))
    };
    Some(md!(
        "listed in the roster {}{as_of}{listed} (the roster read has the SHA-256 fingerprint {})",
        text(file),
        Md::raw(&roster.fingerprint)
    ))
}

/// "\"Northshore Health System\" means the organisation of that name, the parent organisation of
/// Foundation A, which is not a partner".
fn organisation_name(c: &Charter, o: &Organisation) -> Md {
    let children = short_names(c, &o.parent_of);
    let parent = if children.is_empty() {
        Md::default()
    } else {
        md!(", the parent organisation of {}", and_list(&children))
    };
    md!(
        "{}\"{}\" means the organisation of that name{parent}, which is not a partner to {}",
        anchor(&format!("definition--organisation-{}", o.id)),
        text(&o.name),
        c.charter.kind.this()
    )
}

/// "\"Platinum members\" means the class of members made up of Brightwater and Tallgrass; each member of
/// the class receives".
fn class_name(c: &Charter, k: &MembershipClass) -> Md {
    let members = short_names(c, &k.members);
    let made_of = match (members.is_empty(), roster_members(c, k)) {
        (true, None) => Md::raw(", which has no members yet"),
        (false, None) => md!(" made up of {}", and_list(&members)),
        (true, Some(listed)) => md!(" {listed}"),
        (false, Some(listed)) => md!(
            " made up of {}, and the members {listed}",
            and_list(&members)
        ),
    };
    let benefits = k
        .benefits
        .as_ref()
        .map(|t| md!(". {}", text(t.trim())))
        .unwrap_or_default();
    md!(
        "{}\"{}\" means the class of members{made_of}{benefits}",
        anchor(&format!("definition--class-{}", k.id)),
        text(&k.name)
    )
}

/// The built-in terms the charter uses and the organiser's own, each with its sort key.
fn terms(c: &Charter) -> Vec<(String, Md)> {
    let mut terms: Vec<(String, Md)> = glossary::used(c)
        .map(|e| {
            let cited = e
                .citation
                .map(|at| md!(", as defined in {}", text(at)))
                .unwrap_or_default();
            let item = md!(
                "{}\"{}\" means {}{cited}",
                anchor(&format!("definition-{}", glossary::key(e.term))),
                text(e.term),
                text(&c.charter.kind.reword(e.meaning))
            );
            (glossary::key(e.term), item)
        })
        .collect();
    terms.extend(c.definitions.iter().map(|d| {
        let meaning = d.meaning.trim().trim_end_matches('.');
        let item = md!(
            "{}\"{}\" means {}",
            anchor(&format!("definition-{}", glossary::key(&d.term))),
            text(d.term.trim()),
            text(meaning)
        );
        (glossary::key(&d.term), item)
    }));
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    terms
}

/// An inline anchor before a definition, so that each definition can be linked to.
fn anchor(id: &str) -> Md {
    md!("<a id=\"{id}\"></a>")
}

/// A reference to a clause, resolved to "[§3.1](#body-cab)" once the document is laid out.
pub(super) fn clause_ref(anchor: &str) -> Md {
    md!("{OPEN}clause:{anchor}{CLOSE}")
}

/// The general provisions: confidentiality, notices and the order of precedence, each when the charter
/// states it.
pub(super) fn general(c: &Charter, b: &mut Builder) {
    let notices_stated = c.notices.is_some() || c.partners.iter().any(|p| p.notice.is_some());
    if c.confidentiality.is_none() && !notices_stated && c.precedence.is_none() {
        return;
    }
    b.section("general", "General provisions");
    if let Some(conf) = &c.confidentiality {
        confidentiality(c, conf, b);
    }
    if notices_stated {
        notices(c, c.notices.as_ref(), b);
    }
    if let Some(p) = &c.precedence {
        precedence(c, p, b);
    }
}

fn confidentiality(c: &Charter, conf: &Confidentiality, b: &mut Builder) {
    let kind = c.charter.kind;
    let (the, ends) = (kind.the(), kind.verb("ends", "end"));
    let lasts = match (conf.duration, term_end(c)) {
        (Lasting::For(p), Some(end)) => md!(
            " The duty lasts for {p} after {the} {ends} (until {} if {} {ends} on {}) or, for a partner that withdraws, for {p} after its withdrawal.",
            c.charter.date_style.write(p.after(end)),
            kind.verb("it", "they"),
            c.charter.date_style.write(end)
        ),
        (Lasting::For(p), None) => md!(
            " The duty lasts for {p} after {the} {ends} or, for a partner that withdraws, for {p} after its withdrawal."
        ),
        (Lasting::Indefinite, _) => md!(
            " The duty has no end: it continues after {the} {ends} and after a partner withdraws.",
        ),
    };
    let exceptions = if conf.exceptions.is_empty() {
        Md::default()
    } else {
        Md::raw(" The duty does not cover:")
    };
    b.clause(
        "confidentiality",
        Md::raw("Confidentiality"),
        md!(
            "Each partner keeps confidential, and uses only for the partnership, the Confidential Information another partner discloses to it: {}{lasts}{exceptions}",
            prose(&lowercase_first(conf.covers.trim()))
        ),
    )
    .items = conf
        .exceptions
        .iter()
        .map(|e| Md::raw(kind.reword(e.label())))
        .collect();
}

/// The organiser's phrase with its first letter lowercased, to continue a sentence, unless the first
/// word looks like a name or an acronym (its second letter is not lowercase).
fn lowercase_first(value: &str) -> String {
    let mut chars = value.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            format!("{}{}", first.to_lowercase(), &value[first.len_utf8()..])
        }
        _ => value.to_owned(),
    }
}

/// How notice is given, when it counts as received, and where each partner receives it.
fn notices(c: &Charter, n: Option<&Notices>, b: &mut Builder) {
    let this = c.charter.kind.this();
    let how = n.map_or_else(
        || md!("Formal notice under {this} is given in writing to the addresses below."),
        |n| {
            let methods: Vec<Md> = n.methods.iter().map(|m| Md::raw(m.label())).collect();
            let received = n
                .received_after_business_days
                .map(|d| match d {
                    0 => Md::raw(" A notice counts as received on the business day it is sent."),
                    1 => Md::raw(" A notice counts as received 1 business day after it is sent."),
                    d => md!(" A notice counts as received {d} business days after it is sent."),
                })
                .unwrap_or_default();
            md!(
                "Formal notice under {this} is given in writing, by {}, to the addresses below.{received}",
                or_list(&methods)
            )
        },
    );
    let fallback = if c
        .partners
        .iter()
        .any(|p| p.notice.is_none() && p.signatory.is_some())
    {
        Md::raw(" A partner that names no notice address receives notices at its signatory.")
    } else {
        Md::default()
    };
    b.clause("notices", Md::raw("Notices"), md!("{how}{fallback}"))
        .items = c.partners.iter().map(notice_address).collect();
}

/// Where one partner receives notices: its notice address, or else its signatory.
fn notice_address(p: &Partner) -> Md {
    let contact = |who: Md, email: Option<&String>, address: Option<&String>| {
        let mut parts = vec![who];
        parts.extend(email.map(|e| mailto(e)));
        parts.extend(address.map(|a| text(a)));
        super::join(&parts, ", ")
    };
    match &p.notice {
        Some(n) => md!(
            "To {}: {}",
            text(&p.short_name),
            contact(text(&n.attention), n.email.as_ref(), n.address.as_ref())
        ),
        None => match &p.signatory {
            Some(s) => md!(
                "To {}: its signatory, {}",
                text(&p.short_name),
                contact(
                    md!("{}, {}", text(&s.name), text(&s.title)),
                    s.email.as_ref(),
                    None
                )
            ),
            None => md!("To {}: no notice address", text(&p.short_name)),
        },
    }
}

/// "A", "A or B", "A, B or C".
fn or_list(items: &[Md]) -> Md {
    match items {
        [] => Md::default(),
        [one] => one.clone(),
        [init @ .., last] => md!("{} or {last}", super::join(init, ", ")),
    }
}

/// The order of precedence, as one numbered sentence.
fn precedence(c: &Charter, p: &Precedence, b: &mut Builder) {
    let kind = c.charter.kind;
    let ranked: Vec<Md> = p
        .order
        .iter()
        .enumerate()
        .map(|(i, doc)| md!("({}) {}", i + 1, kind.reword(doc.label())))
        .collect();
    b.clause(
        "precedence",
        Md::raw("Order of precedence"),
        md!(
            "If {} and an agreement {} {} conflict, they prevail in this order: {}.",
            kind.this(),
            kind.verb("it", "they"),
            kind.verb("names", "name"),
            and_list(&ranked)
        ),
    );
}
