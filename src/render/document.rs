//! The document model: a valid charter laid out as numbered sections and clauses, with every string from
//! the TOML already escaped for Markdown. Numbers follow position; anchors follow ids, so adding a partner
//! renumbers clauses but moves no anchor.

use std::collections::BTreeMap;

use rustc_hash::{FxBuildHasher, FxHashMap};

use serde::Serialize;

use super::anchors::{self, ClauseRef, Item};
use super::checklist::{self, Group, notice};
use super::markdown::{Md, join, prose, text};
use crate::md;
use crate::model::{
    Access, Actor, Adoption, Authority, Authorship, BackgroundTerm, Body, Bound, Chair, Charter,
    ConflictTerms, Consent, Date, Decision, DeclaredConflict, DisclosureTime, Disputes,
    DocumentKind, ElectronicVotes, FinalResolution, Foreground, Licence, LicenceKind, Lookup,
    Management, Member, Ownership, Partner, Quorum, Renewal, ReviewKind, Status, Surviving, Term,
    Termination, Typography, recusal,
};
use crate::rules;
use crate::validate::{Valid, term_end};

mod access;
mod agreements;
mod clauses;
mod composition;
mod during;
mod flows;
mod lambert;
mod officers;
mod open_ip;
mod voting;

/// The whole document, ready for a template.
#[derive(Debug, Serialize)]
pub struct Document {
    /// The title, escaped.
    pub title: Md,
    /// The title as plain text, for the HTML `<title>` (escaped there by the template engine).
    pub title_text: String,
    /// The word that marks the title, the header and every page of a draft or superseded charter
    /// ("DRAFT"), from the charter's status: only this program's words, safe in CSS.
    pub banner: Option<&'static str>,
    /// Lines under the title: version, effective date, jurisdiction.
    pub details: Vec<Detail>,
    /// The date the document takes effect in ISO form (2026-03-01), whatever the charter's date style,
    /// for the properties of a file.
    pub effective_date: String,
    /// What the document is called after "the": "charter", "terms of reference".
    pub noun: &'static str,
    /// The kind of document, for the properties of a file.
    #[serde(skip)]
    pub kind: DocumentKind,
    /// Numbered sections, in order.
    pub sections: Vec<Section>,
    /// The SHA-256 of the input bytes, in lowercase hex.
    pub fingerprint: String,
    /// The program and version that rendered the document.
    pub generator: String,
    /// Every clause's number by anchor, for tools that point into the document (diff, checklist).
    #[serde(skip)]
    pub clauses: BTreeMap<String, String>,
    /// Whether quotes and apostrophes become typographic where the document is written out.
    #[serde(skip)]
    pub typography: Typography,
    /// What each cross-reference (`partner:vitalis`, `clause:flow-x`) becomes in Markdown.
    #[serde(skip)]
    pub references: FxHashMap<String, Md>,
    /// What each cross-reference becomes in plain text (the HTML title).
    #[serde(skip)]
    pub plain_references: FxHashMap<String, String>,
}

impl Document {
    /// Resolves the reference markers in Markdown rendered from this document.
    #[must_use]
    pub fn resolve(&self, markdown: &str) -> String {
        let resolved = super::markdown::resolve(markdown, &self.references);
        match self.typography {
            Typography::Plain => resolved,
            Typography::Typographic => super::typography::curl_markdown(&resolved),
        }
    }

    /// Resolves the cross-references in a text from the charter for a plain-text context: the partner's
    /// short name, the body's name, or the clause number.
    #[must_use]
    pub fn plain(&self, value: &str) -> String {
        let mut out = String::with_capacity(value.len());
        let mut last = 0;
        for r in crate::xref::find(value) {
            let key = format!("{}:{}", r.kind_word, r.target);
            if let Some(resolved) = self.plain_references.get(&key) {
                out.push_str(&value[last..r.range.start]);
                out.push_str(resolved);
                last = r.range.end;
            }
        }
        out.push_str(&value[last..]);
        match self.typography {
            Typography::Plain => out,
            Typography::Typographic => super::typography::curl(&out, None),
        }
    }
}

/// A label and value under the title.
#[derive(Debug, Serialize)]
pub struct Detail {
    /// E.g. "Version".
    pub label: &'static str,
    /// The value, escaped.
    pub value: Md,
}

/// A numbered section.
#[derive(Debug, Serialize)]
pub struct Section {
    /// Section number, from 1.
    pub number: usize,
    /// Stable anchor.
    pub anchor: &'static str,
    /// Section title.
    pub title: &'static str,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// One block of a section.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A numbered clause.
    Clause(Clause),
    /// A table.
    Table(Table),
    /// The accountability checklist items of one owner.
    Checklist(Group),
    /// A signature block.
    Signature(Signature),
    /// The approval record on the signature page: who approved which version of the input.
    Approvals(ApprovalRecord),
}

/// A numbered clause: a heading, a sentence or more, optional list items and further paragraphs.
#[derive(Debug, Serialize)]
pub struct Clause {
    /// E.g. "3.2".
    pub number: String,
    /// Stable anchor, from ids.
    pub anchor: String,
    /// Short heading, e.g. "Quorum".
    pub heading: Md,
    /// The clause text.
    pub text: Md,
    /// A bulleted list after the text.
    pub items: Vec<Md>,
    /// Further paragraphs (the organiser's own Markdown).
    pub paragraphs: Vec<Md>,
}

/// A table with a header row.
#[derive(Debug, Serialize)]
pub struct Table {
    /// Column headings.
    pub headers: Vec<&'static str>,
    /// Rows of escaped cells.
    pub rows: Vec<Vec<Md>>,
}

/// A signature block for one partner.
#[derive(Debug, Serialize)]
pub struct Signature {
    /// Anchor of the block.
    pub anchor: String,
    /// Legal name of the partner.
    pub partner: Md,
    /// Name of the signatory.
    pub name: Md,
    /// Title of the signatory.
    pub title: Md,
    /// What the charter's status says of the signature page ("Not for signature"); none for a final
    /// charter or one without a status.
    pub note: Option<&'static str>,
}

/// The approval record that ends the signature page when the charter has approvals: one row for each
/// approval in the approvals file and one for each partner that has none, each with its signature's
/// standing. Built by the approvals from what they verified; the document only lays it out.
#[derive(Debug, Serialize)]
pub struct ApprovalRecord {
    /// Anchor of the record.
    pub anchor: &'static str,
    /// What the record shows, and the fingerprint of this version, escaped.
    pub intro: Md,
    /// The rows: partner, approved by, date, version approved, signature.
    pub table: Table,
}

impl Document {
    /// Ends the signature page with the approval record.
    pub fn add_approvals(&mut self, record: ApprovalRecord) {
        if let Some(section) = self.sections.iter_mut().find(|s| s.anchor == "signatures") {
            section.blocks.push(Block::Approvals(record));
        }
    }
}

/// Lays out a valid charter. `fingerprint` is the SHA-256 of the input.
#[must_use]
pub fn build(charter: &Valid<Charter>, fingerprint: String) -> Document {
    let c: &Charter = charter;
    // Every id a clause names is looked up here, once per charter: a search of the partner list for
    // each of them would make a large charter quadratic to render.
    let ids = Lookup::new(c);
    let b = lay_out(charter, &ids, true);
    // Looked up by the reference markers only, never listed: hash maps, sized for every name and clause.
    let size = c.partners.len() + c.bodies.len() + b.refs.len();
    let mut references = FxHashMap::with_capacity_and_hasher(size, FxBuildHasher);
    let mut plain_references = FxHashMap::with_capacity_and_hasher(size, FxBuildHasher);
    for p in &c.partners {
        references.insert(format!("partner:{}", p.id), text(&p.short_name));
        plain_references.insert(format!("partner:{}", p.id), p.short_name.clone());
    }
    for body in &c.bodies {
        references.insert(format!("body:{}", body.id), text(&body.name));
        plain_references.insert(format!("body:{}", body.id), body.name.clone());
    }
    let clauses = numbers(&b);
    for (anchor, number, link) in cited(c, &b, &clauses) {
        references.insert(format!("clause:{anchor}"), md!("[§{number}](#{link})"));
        plain_references.insert(format!("clause:{anchor}"), format!("§{number}"));
    }
    // An older spelling of an anchor (`ip-…` for `foreground-…`) names the same clause, unless the
    // document has an anchor of that spelling itself (`ip-background`).
    for (alias, prefix) in crate::xref::CLAUSE_ALIASES {
        let older: Vec<(String, String)> = clauses
            .keys()
            .filter_map(|anchor| {
                let id = anchor.strip_prefix(prefix)?.strip_prefix('-')?;
                Some((format!("clause:{alias}-{id}"), format!("clause:{anchor}")))
            })
            .collect();
        for (old, current) in older {
            if references.contains_key(&old) {
                continue;
            }
            if let (Some(md), Some(plain)) = (
                references.get(&current).cloned(),
                plain_references.get(&current).cloned(),
            ) {
                references.insert(old.clone(), md);
                plain_references.insert(old, plain);
            }
        }
    }
    let o = &c.charter;
    let banner = o.status.and_then(Status::banner);
    let mut doc = Document {
        title: marked(banner, text(&o.title)),
        title_text: String::new(),
        banner,
        details: details(c),
        effective_date: c.takes_effect().map(|d| d.to_string()).unwrap_or_default(),
        noun: o.kind.noun(),
        kind: o.kind,
        sections: b.sections,
        fingerprint,
        generator: format!("charter {}", env!("CARGO_PKG_VERSION")),
        clauses,
        typography: o.typography,
        references,
        plain_references,
    };
    doc.title_text = doc.plain(&o.title);
    if let Some(banner) = banner {
        doc.title_text = format!("{banner}: {}", doc.title_text);
    }
    doc
}

/// The lines under the title: charter id, version, effective date, governing law, and the status when
/// the charter gives one.
fn details(c: &Charter) -> Vec<Detail> {
    let o = &c.charter;
    let mut details = vec![
        Detail {
            label: "Charter",
            value: text(&o.id),
        },
        Detail {
            label: "Version",
            value: text(&o.version),
        },
    ];
    details.extend(c.takes_effect().map(|date| Detail {
        label: "Effective date",
        value: day(c, date),
    }));
    details.extend(o.original_effective_date.map(|date| Detail {
        label: "Original effective date",
        value: day(c, date),
    }));
    details.extend(o.jurisdiction.as_ref().map(|law| Detail {
        label: "Governing law",
        value: text(law),
    }));
    details.extend(o.status.map(|s| Detail {
        label: "Status",
        value: Md::raw(s.label()),
    }));
    details
}

/// The title with the status's banner before it: "DRAFT: Eastside Screening Partnership Charter".
fn marked(banner: Option<&'static str>, title: Md) -> Md {
    match banner {
        Some(banner) => md!("{banner}: {title}"),
        None => title,
    }
}

/// The number of every clause and section by anchor, as [`build`] numbers them in
/// [`Document::clauses`], without writing the document: for `diff`, which names the clause of each change
/// but shows neither the clauses nor the checklist.
#[must_use]
pub fn clause_numbers(charter: &Valid<Charter>) -> BTreeMap<String, String> {
    numbers(&lay_out(charter, &Lookup::new(charter), false))
}

/// Lays out every section in order, with the checklist's items only when `checklist` (they take no
/// clause number).
fn lay_out(charter: &Valid<Charter>, ids: &Lookup<'_>, checklist: bool) -> Builder {
    let c: &Charter = charter;
    let mut b = Builder::default();
    purpose(c, &mut b);
    partners(c, &mut b);
    clauses::definitions(c, &mut b);
    governance(ids, &mut b);
    decisions(ids, &mut b);
    flows::data(ids, &mut b);
    ip(ids, &mut b);
    publication(c, &mut b);
    conflicts(ids, &mut b);
    phases(ids, &mut b);
    obligations(ids, &mut b);
    term(ids, &mut b);
    review(ids, &mut b);
    clauses::general(c, &mut b);
    versions(ids, &mut b);
    // The checklist links each signature item to its block in the section after the checklist. Only the
    // partners with a signatory sign: a standing document adopted by a body may have none.
    let signing = || {
        c.partners
            .iter()
            .filter(|p| p.withdrawn.is_none())
            .filter_map(|p| p.signatory.as_ref().map(|s| (p, s)))
    };
    let signatures = (b.sections.len() + 2).to_string();
    for (p, _) in signing() {
        let anchor = anchors::item(Item::Signature, &p.id);
        b.refs.insert(
            anchor.clone(),
            ClauseRef {
                number: signatures.clone(),
                anchor,
            },
        );
    }
    let groups = if checklist {
        checklist::derive(ids, &b.refs)
    } else {
        Vec::new()
    };
    b.section("checklist", "Accountability checklist");
    b.blocks().extend(groups.into_iter().map(Block::Checklist));
    if signing().next().is_some() {
        b.section("signatures", "Signatures");
    }
    for (p, s) in signing() {
        b.blocks().push(Block::Signature(Signature {
            anchor: anchors::item(Item::Signature, &p.id),
            partner: text(&p.legal_name),
            name: text(&s.name),
            title: text(&s.title),
            note: c.charter.status.and_then(Status::signature_note),
        }));
    }
    adoption(ids, &mut b);
    annex(charter, &mut b);
    b
}

/// What each anchor a `[[clause:…]]` may name is cited as: the anchor, its number, and the anchor its
/// link goes to. A section or clause is cited by its own number; a place inside one (a definition, an
/// owner's part of the checklist) by the number of what it is in, and a part of the checklist that has no
/// item, and so is not written, links to the checklist.
fn cited(
    c: &Charter,
    b: &Builder,
    clauses: &BTreeMap<String, String>,
) -> Vec<(String, String, String)> {
    let groups: Vec<&str> = b
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|block| match block {
            Block::Checklist(g) => Some(g.anchor.as_str()),
            _ => None,
        })
        .collect();
    let mut out: Vec<(String, String, String)> = clauses
        .iter()
        .map(|(anchor, number)| (anchor.clone(), number.clone(), anchor.clone()))
        .collect();
    for place in crate::outline::anchors(c) {
        let Some(within) = place.within else { continue };
        let Some(number) = clauses.get(within) else {
            continue;
        };
        let written = !place.id.starts_with("checklist-") || groups.contains(&place.id.as_str());
        let link = if written {
            place.id.clone()
        } else {
            within.to_owned()
        };
        out.push((place.id, number.clone(), link));
    }
    out
}

/// The adoption clause of a document a body adopted: who adopted it, when, by which decision, and when it
/// takes effect where no term says so.
fn adoption(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    let Some(a) = &c.adoption else { return };
    let kind = c.charter.kind;
    b.section("adoption", "Adoption");
    let decision = a
        .decision
        .as_deref()
        .and_then(|d| ids.decision(d))
        .map(|k| &c.decisions[k])
        .map(|d| {
            let anchor = anchors::item(Item::Decision, &d.id);
            let number = b.refs.get(&anchor).map(|r| r.number.clone());
            match number {
                Some(n) => md!(
                    ", by its decision \"{}\" ([§{n}](#{anchor}))",
                    text(&d.matter)
                ),
                None => md!(", by its decision \"{}\"", text(&d.matter)),
            }
        })
        .unwrap_or_default();
    let effect = adoption_effect(c, a, kind);
    b.clause(
        "adoption-record",
        Md::raw("Adoption"),
        md!(
            "{} {} adopted by {} on {}{decision}.{effect}",
            kind.this_capitalised(),
            kind.verb("was", "were"),
            name_of(ids, &a.body),
            day(c, a.date)
        ),
    );
}

/// When an adopted document takes effect, said where no term clause says it.
fn adoption_effect(c: &Charter, a: &Adoption, kind: DocumentKind) -> Md {
    if c.term.is_some() {
        return Md::default();
    }
    let takes = kind.verb("takes", "take");
    match c.charter.effective_date {
        Some(date) if date != a.date => md!(
            " {} {takes} effect on {}.",
            kind.this_capitalised(),
            day(c, date)
        ),
        _ => md!(" {} {takes} effect on that date.", kind.this_capitalised()),
    }
}

/// Every clause's and section's number by anchor.
fn numbers(b: &Builder) -> BTreeMap<String, String> {
    let mut clauses: BTreeMap<String, String> = b
        .refs
        .iter()
        .map(|(anchor, r)| (anchor.clone(), r.number.clone()))
        .collect();
    for section in &b.sections {
        clauses.insert(section.anchor.to_owned(), section.number.to_string());
    }
    clauses
}

/// Accumulates sections and remembers where each term was stated.
#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
    clauses_in_section: usize,
    refs: FxHashMap<String, ClauseRef>,
}

impl Builder {
    fn section(&mut self, anchor: &'static str, title: &'static str) {
        self.sections.push(Section {
            number: self.sections.len() + 1,
            anchor,
            title,
            blocks: Vec::new(),
        });
        self.clauses_in_section = 0;
    }

    fn blocks(&mut self) -> &mut Vec<Block> {
        &mut self.sections.last_mut().expect("a section is open").blocks
    }

    /// Adds a clause and records it under `anchor` for links.
    fn clause(&mut self, anchor: impl Into<String>, heading: Md, body: Md) -> &mut Clause {
        self.clauses_in_section += 1;
        let section = self.sections.len();
        let number = format!("{section}.{}", self.clauses_in_section);
        let anchor = anchor.into();
        self.refs.insert(
            anchor.clone(),
            ClauseRef {
                number: number.clone(),
                anchor: anchor.clone(),
            },
        );
        self.blocks().push(Block::Clause(Clause {
            number,
            anchor,
            heading,
            text: body,
            items: Vec::new(),
            paragraphs: Vec::new(),
        }));
        match self.blocks().last_mut() {
            Some(Block::Clause(clause)) => clause,
            _ => unreachable!("a clause was just pushed"),
        }
    }

    fn table(&mut self, headers: Vec<&'static str>, rows: Vec<Vec<Md>>) {
        self.blocks().push(Block::Table(Table { headers, rows }));
    }
}

fn list(items: &[String]) -> Vec<Md> {
    items.iter().map(|i| text(i)).collect()
}

/// The name of a partner, body or organisation as it reads in a table cell.
fn label_of(ids: &Lookup<'_>, id: &str) -> Md {
    let c = ids.charter();
    match (ids.actor(id), ids.organisation(id)) {
        (Some(Actor::Partner(i)), _) => text(&c.partners[i].short_name),
        (Some(Actor::Body(i)), _) => text(&c.bodies[i].name),
        (None, Some(i)) => text(&c.organisations[i].name),
        (None, None) => text(id),
    }
}

/// The name of a partner, body or organisation as it reads in a sentence: "Northstar", "the Steering
/// Committee", "Northshore Health System".
fn name_of(ids: &Lookup<'_>, id: &str) -> Md {
    match ids.actor(id) {
        Some(Actor::Body(i)) => md!("the {}", text(&ids.charter().bodies[i].name)),
        _ => label_of(ids, id),
    }
}

/// The fragment with its first letter capitalised, to open a sentence.
fn capitalised(fragment: &Md) -> Md {
    let s = fragment.as_str();
    let mut chars = s.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => md!("{}{}", first.to_uppercase(), chars.as_str()),
        _ => fragment.clone(),
    }
}

/// Lowercases the first letter of an organiser's phrase so that it can follow "must", unless the first
/// word looks like a name or an acronym (its second letter is not lowercase).
fn verb_phrase(value: &str) -> Md {
    let mut chars = value.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => text(
            &format!("{}{}", first.to_lowercase(), &value[first.len_utf8()..]),
        ),
        _ => text(value),
    }
}

fn names(ids: &Lookup<'_>, list: &[String]) -> Md {
    let names: Vec<Md> = list.iter().map(|id| name_of(ids, id)).collect();
    and_list(&names)
}

fn labels(ids: &Lookup<'_>, list: &[String]) -> Md {
    let labels: Vec<Md> = list.iter().map(|id| label_of(ids, id)).collect();
    join(&labels, ", ")
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[Md]) -> Md {
    match items {
        [] => Md::default(),
        [one] => one.clone(),
        [init @ .., last] => md!("{} and {last}", join(init, ", ")),
    }
}

/// A date as the charter's `date_style` writes it: every date the document prints goes through here.
fn day(c: &Charter, date: Date) -> Md {
    Md::raw(c.charter.date_style.write(date))
}

fn purpose(c: &Charter, b: &mut Builder) {
    let o = &c.charter;
    b.section("purpose", "Purpose and scope");
    b.clause("purpose-statement", Md::raw("Purpose"), prose(&o.purpose));
    b.clause(
        "purpose-goals",
        Md::raw("Common goals"),
        Md::raw("The partners share these goals:"),
    )
    .items = list(&o.goals);
    b.clause("purpose-scope", Md::raw("Scope"), prose(&o.scope));
    if !o.non_goals.is_empty() {
        b.clause(
            "purpose-non-goals",
            Md::raw("Outside the scope"),
            Md::raw("The partnership does not cover:"),
        )
        .items = list(&o.non_goals);
    }
    if let Some(binding) = o.binding {
        let kind = o.kind;
        b.clause(
            "purpose-legal-effect",
            Md::raw("Legal effect"),
            md!(
                "{} {} {}legally binding.",
                kind.this_capitalised(),
                kind.verb("is", "are"),
                if binding { "" } else { "not " }
            ),
        );
    }
}

fn partners(c: &Charter, b: &mut Builder) {
    b.section("partners", "Partners");
    let rows = c
        .partners
        .iter()
        .map(|p| {
            let roles: Vec<Md> = p.roles.iter().map(|r| Md::raw(r.label())).collect();
            vec![
                text(&p.short_name),
                text(&p.legal_name),
                Md::raw(p.kind.label()),
                join(&roles, ", "),
                match p.withdrawn {
                    Some(date) => md!("Withdrew on {}", day(c, date)),
                    None if p.voting => Md::raw("Voting"),
                    None => Md::raw("Non-voting"),
                },
            ]
        })
        .collect();
    b.table(
        vec!["Partner", "Legal name", "Kind", "Roles", "Seats"],
        rows,
    );
    for p in &c.partners {
        partner(c, p, b);
    }
}

/// A partner's withdrawal, in words: the day of its notice and the day it took (or takes) effect, and
/// what still binds it; nothing for a partner that is not withdrawing.
fn withdrawal_of(c: &Charter, p: &Partner) -> Md {
    let style = c.charter.date_style;
    let survives = p.surviving.as_ref().map(|s| surviving_terms(c, s));
    match (p.withdrawal_notified, p.withdrawn) {
        (notified, Some(date)) => {
            let notice = notified
                .map(|n| md!("gave notice of its withdrawal on {} and ", style.write(n)))
                .unwrap_or_default();
            let binds = match survives {
                Some(terms) if !terms.is_empty() => {
                    md!("only these terms still bind it: {}", and_list(&terms))
                }
                Some(_) => Md::raw("none of its terms still binds it"),
                None => Md::raw("only the terms that survive withdrawal still bind it"),
            };
            md!(
                "It {notice}withdrew from the partnership on {}; it holds no seat and receives no data, and {binds}.",
                style.write(date)
            )
        }
        (Some(notified), None) => {
            let effect = c
                .term
                .as_ref()
                .and_then(|t| t.withdrawal_notice)
                .map(|n| {
                    md!(
                        "; its withdrawal takes effect on {}, {n} after its notice",
                        style.write(n.after(notified))
                    )
                })
                .unwrap_or_default();
            let binds = match survives {
                Some(terms) if !terms.is_empty() => {
                    md!(
                        ", and then only these terms still bind it: {}",
                        and_list(&terms)
                    )
                }
                _ => Md::default(),
            };
            md!(
                "It gave notice of its withdrawal on {}{effect}{binds}.",
                style.write(notified)
            )
        }
        (None, None) => Md::default(),
    }
}

/// The terms that survive a partner's withdrawal, each in words.
fn surviving_terms(c: &Charter, s: &Surviving) -> Vec<Md> {
    let mut terms: Vec<Md> = s
        .flows
        .iter()
        .filter_map(|id| c.data_flows.iter().find(|f| &f.id == id))
        .map(|f| {
            md!(
                "its duties as a recipient of \"{}\" to report breaches and to return or destroy the data",
                text(&f.name)
            )
        })
        .collect();
    terms.extend(
        s.obligations
            .iter()
            .filter_map(|id| c.obligations.iter().find(|o| &o.id == id))
            .map(|o| md!("its obligation \"{}\"", text(&o.action))),
    );
    if s.confidentiality {
        terms.push(Md::raw("confidentiality"));
    }
    terms
}

/// One partner's clause: who it is, how it takes part, what it contributes and receives, and who
/// represents it.
fn partner(c: &Charter, p: &Partner, b: &mut Builder) {
    let roles: Vec<Md> = p.roles.iter().map(|r| Md::raw(r.label())).collect();
    let mut body = md!(
        "{} (\"{}\") {} as {}.",
        text(&p.legal_name),
        text(&p.short_name),
        if p.withdrawn.is_some() {
            "took part"
        } else {
            "takes part"
        },
        and_list(&roles)
    );
    if !p.voting {
        body = md!(
            "{body} Its seats on governance bodies do not carry a vote unless a body states otherwise."
        );
    }
    let withdrawal = withdrawal_of(c, p);
    if !withdrawal.is_empty() {
        body = md!("{body} {withdrawal}");
    }
    if let Some(ceiling) = &p.data_ceiling {
        body = md!(
            "{body} It may receive no data more identifiable than {}.",
            ceiling.label()
        );
        if let Some(methods) = ceiling.methods() {
            let methods: Vec<Md> = methods.iter().map(|m| Md::raw(m.label())).collect();
            body = md!(
                "{body} Any de-identified data it receives must be de-identified by {}.",
                or_list(&methods)
            );
        }
    }
    if let Some(phased) = during::phase_ceilings(c, p) {
        body = md!("{body} {phased}");
    }
    let clause = b.clause(
        anchors::item(Item::Partner, &p.id),
        text(&p.short_name),
        body,
    );
    clause.items = p
        .contributions
        .iter()
        .map(|x| md!("Contributes: {}", text(x)))
        .collect();
    clause
        .items
        .extend(p.benefits.iter().map(|x| md!("Receives: {}", text(x))));
    clause
        .items
        .extend(p.representatives.iter().map(|r| match &r.email {
            Some(email) => md!(
                "Representative: {}, {} ({})",
                text(&r.name),
                text(&r.title),
                super::markdown::mailto(email)
            ),
            None => md!("Representative: {}, {}", text(&r.name), text(&r.title)),
        }));
}

fn governance(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    if c.bodies.is_empty() {
        return;
    }
    b.section("governance", "Governance bodies");
    for (i, body) in c.bodies.iter().enumerate() {
        let authority = match body.authority {
            Authority::Binding => "Its decisions bind the partners.",
            Authority::Advisory => "It advises; its recommendations do not bind the partners.",
        };
        let clause = b.clause(
            anchors::item(Item::Body, &body.id),
            text(&body.name),
            md!("{} {authority}", prose(&body.mandate)),
        );
        clause.items = body.members.iter().map(|m| member(ids, m)).collect();
        composition::clause(ids, body, b);
        if let Some(c) = &body.chair {
            chair(ids, body, c, b);
        }
        officers::clause(ids, body, b);
        if let Some(term) = body.member_term {
            let staggered = if body.staggered_terms {
                ", staggered so that not all seats turn over at once"
            } else {
                ""
            };
            b.clause(
                anchors::body_part(&body.id, "terms"),
                Md::raw("Terms of members"),
                md!("Members serve for {term}{staggered}."),
            );
        }
        officers::membership(body, b);
        let seats = ids.voting_seats(i);
        b.clause(
            anchors::body_part(&body.id, "quorum"),
            Md::raw("Quorum"),
            md!(
                "A quorum is {} ({} of {seats} voting seats){}.",
                body.quorum,
                body.quorum.required(seats),
                composition::quorum_part(body)
            ),
        );
        meetings(body, seats, b);
    }
}

/// One member of a body, as a list item: who, their role, their seats and whether they vote.
fn member(ids: &Lookup<'_>, m: &Member) -> Md {
    if let Some(class) = &m.class {
        return class_member(ids, m, class);
    }
    let who = match (&m.person, &m.partner) {
        (Some(person), Some(partner)) => md!("{} ({})", text(person), name_of(ids, partner)),
        (Some(person), None) => md!("{}", text(person)),
        (None, Some(partner)) => name_of(ids, partner),
        (None, None) => Md::default(),
    };
    let role = m
        .role
        .as_ref()
        .map(|r| md!(", {}", text(r)))
        .unwrap_or_default();
    let seats = if m.seats == 1 {
        Md::raw("1 seat")
    } else {
        md!("{} seats", m.seats)
    };
    let voting = if ids.member_votes(m) {
        "voting"
    } else {
        "non-voting"
    };
    let selection = officers::selection(ids, m.selection, m.partner.as_deref());
    md!("Member: {who}{role}: {seats}, {voting}{selection}")
}

/// A class of members on a body, as a list item: "Each Platinum member (Brightwater and Tallgrass)
/// appoints 1 voting member".
fn class_member(ids: &Lookup<'_>, m: &Member, class: &str) -> Md {
    let c = ids.charter();
    let (name, members) = match ids.class(class) {
        Some(k) => {
            let k = &c.membership_classes[k];
            let names: Vec<Md> = ids
                .class_members(class)
                .iter()
                .map(|p| match k.listed_name(p) {
                    Some(name) if ids.partner(p).is_none() => text(name),
                    _ => name_of(ids, p),
                })
                .collect();
            (text(&k.name), names)
        }
        None => (text(class), Vec::new()),
    };
    let of = if members.is_empty() {
        Md::raw(", of which there are none yet")
    } else {
        md!(" ({})", and_list(&members))
    };
    let role = m
        .role
        .as_ref()
        .map(|r| md!(" as {}", text(r)))
        .unwrap_or_default();
    let voting = if ids.member_votes(m) {
        "voting"
    } else {
        "non-voting"
    };
    let seats = if m.seats == 1 {
        md!("1 {voting} member")
    } else {
        md!("{} {voting} members", m.seats)
    };
    md!("Each member of the class {name}{of} appoints {seats}{role}")
}

/// Who chairs a body, for how long (when the charter says), and whether the chair breaks ties.
fn chair(ids: &Lookup<'_>, body: &Body, c: &Chair, b: &mut Builder) {
    let chair = match (&c.person, &c.partner) {
        (Some(person), Some(partner)) => md!("{} ({})", text(person), name_of(ids, partner)),
        (Some(person), None) => text(person),
        (None, Some(partner)) => md!("the representative of {}", name_of(ids, partner)),
        (None, None) => Md::raw("a member elected by the body"),
    };
    let casting = if c.casting_vote {
        " The chair has a casting vote on a tie."
    } else {
        ""
    };
    let term = officers::term(c.term, c.renewable, c.term_limit);
    b.clause(
        anchors::body_part(&body.id, "chair"),
        Md::raw("Chair"),
        md!("The body is chaired by {chair}{term}.{casting}"),
    );
}

/// How often a body meets, on what notice, with which papers and minutes, and how members attend and vote.
fn meetings(body: &Body, seats: u32, b: &mut Builder) {
    let m = &body.meetings;
    let papers = m
        .papers
        .map(|p| md!(" Papers are circulated {p} before the meeting."))
        .unwrap_or_default();
    let remote = match m.remote_attendance {
        Some(true) => " Members may attend remotely.",
        Some(false) => " Members attend in person.",
        None => "",
    };
    let access = match m.access {
        Some(Access::Open) => " Its meetings are open to the public.",
        Some(Access::Closed) => " Its meetings are closed to the public.",
        None => "",
    };
    let extraordinary = m
        .extraordinary
        .as_ref()
        .map(|e| {
            md!(
                " An extraordinary meeting is called at the request of {}, on {}.",
                e.requested_by.phrase(),
                notice(e.notice)
            )
        })
        .unwrap_or_default();
    let electronic = m
        .electronic
        .as_ref()
        .map(|e| electronic(e, seats))
        .unwrap_or_default();
    let cadence = Md::raw(m.cadence.phrase());
    let roll_call = voting::roll_call(m.roll_call);
    b.clause(
        anchors::body_part(&body.id, "meetings"),
        Md::raw("Meetings"),
        md!("The body meets {cadence}, on {}.{papers} Draft minutes are circulated within {} of each meeting.{roll_call}{remote}{access}{extraordinary}{electronic}", notice(m.notice), m.minutes),
    );
}

/// The sentences on votes between meetings, each from a term of `electronic`: the rule, how many must
/// vote, and how long a vote stays open. `seats` are the body's voting seats.
fn electronic(e: &ElectronicVotes, seats: u32) -> Md {
    let rule = match e.rule.phrase() {
        None => Md::raw(
            " Votes may be taken electronically between meetings, with the same rules as at a meeting.",
        ),
        Some(threshold) => md!(
            " Votes may be taken electronically between meetings; a matter put to an electronic vote passes with {threshold}."
        ),
    };
    let quorum = e
        .quorum
        .map(|q| match q {
            Quorum::All => {
                Md::raw(" Every voting member must vote for an electronic vote to count.")
            }
            q => md!(
                " At least {q} ({} of {seats} voting seats) must vote for an electronic vote to count.",
                q.required(seats)
            ),
        })
        .unwrap_or_default();
    let deadline = e
        .deadline
        .map(|d| md!(" An electronic vote closes {d} after it is opened."))
        .unwrap_or_default();
    md!("{rule}{quorum}{deadline}")
}

fn decisions(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    if c.decisions.is_empty() && c.amendment.is_none() {
        return;
    }
    b.section("decisions", "Decision authority");
    if !c.decisions.is_empty() {
        decision_table(ids, b);
        voting::decision_forms(ids, b);
    }
    if let Some(a) = &c.amendment {
        let kind = c.charter.kind;
        let signed = if a.signed_by_all {
            md!(
                " The amended {} {} effect when every partner has signed {}.",
                kind.noun(),
                kind.verb("takes", "take"),
                kind.it()
            )
        } else {
            Md::default()
        };
        b.clause(
            "amendment",
            Md::raw("Amendment"),
            md!("{} {} amended by {} by {}, on at least {} in writing of the proposed change.{signed}", kind.this_capitalised(), kind.verb("is", "are"), name_of(ids, &a.body), a.rule.phrase(), notice(a.notice)),
        );
    }
}

/// The decision matrix: one row per decision, each numbered like a clause of the section ("4.2") and
/// anchored by its id, so that a cross-reference cites the row itself.
fn decision_table(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    let numbers: Vec<String> = c
        .decisions
        .iter()
        .map(|d| decision_number(b, &d.id))
        .collect();
    let rows = c
        .decisions
        .iter()
        .zip(numbers)
        .map(|(d, number)| {
            vec![
                md!(
                    "<a id=\"{}\"></a>{number}",
                    anchors::item(Item::Decision, &d.id)
                ),
                text(&d.matter),
                name_of(ids, &d.body),
                match &d.consent_of {
                    Some(consent) => md!(
                        "{}, with the written consent of {}",
                        d.rule.label(),
                        consent_words(ids, d, consent)
                    ),
                    None => Md::raw(d.rule.label()),
                },
                // An absent term is said in words, never as "None", which would read as a term.
                if d.consult.is_empty() {
                    Md::raw("No one")
                } else {
                    names(ids, &d.consult)
                },
                d.escalation
                    .as_ref()
                    .map_or_else(|| Md::raw("No escalation agreed"), |e| name_of(ids, e)),
            ]
        })
        .collect::<Vec<_>>();
    let mut headers = vec![
        "No.",
        "Decision",
        "Decided by",
        "Rule",
        "Consulted first",
        "Deadlock goes to",
    ];
    // The partners a decision concerns, in a column only when a decision names any.
    let rows = if c.decisions.iter().any(|d| !d.concerns.is_empty()) {
        headers.push("Concerns");
        rows.into_iter()
            .zip(&c.decisions)
            .map(|(mut row, d)| {
                row.push(if d.concerns.is_empty() {
                    Md::raw("No partner named")
                } else {
                    names(ids, &d.concerns)
                });
                row
            })
            .collect()
    } else {
        rows
    };
    b.table(headers, rows);
}

/// Whose consent a decision needs, in words: the partners named, and every partner of the kinds named
/// with those it is now.
fn consent_words(ids: &Lookup<'_>, d: &Decision, consent: &Consent) -> Md {
    let c = ids.charter();
    let mut parts: Vec<Md> = consent.partners.iter().map(|p| name_of(ids, p)).collect();
    if !consent.kinds.is_empty() {
        let kinds: Vec<Md> = consent
            .kinds
            .iter()
            .map(|k| Md::raw(k.label().to_lowercase()))
            .collect();
        let now: Vec<Md> = c
            .consenting(d)
            .into_iter()
            .filter(|p| consent.kinds.contains(&p.kind))
            .map(|p| text(&p.short_name))
            .collect();
        let kind = if kinds.len() == 1 { "kind" } else { "kinds" };
        parts.push(md!(
            "every partner of the {kind} {} (now {})",
            or_list(&kinds),
            and_list(&now)
        ));
    }
    and_list(&parts)
}

/// "A", "A or B", "A, B or C".
fn or_list(items: &[Md]) -> Md {
    match items {
        [] => Md::default(),
        [one] => one.clone(),
        [init @ .., last] => md!("{} or {last}", join(init, ", ")),
    }
}

/// Numbers the decision `id` as the next clause of the section and records it for cross-references.
fn decision_number(b: &mut Builder, id: &str) -> String {
    b.clauses_in_section += 1;
    let number = format!("{}.{}", b.sections.len(), b.clauses_in_section);
    let anchor = anchors::item(Item::Decision, id);
    b.refs.insert(
        anchor.clone(),
        ClauseRef {
            number: number.clone(),
            anchor,
        },
    );
    number
}

fn ip(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    let Some(ip) = &c.ip else { return };
    b.section("ip", "Intellectual property");
    let items = lambert::background_items(ids, ip);
    let lead_in = if items.is_empty() {
        Md::default()
    } else {
        Md::raw(" Background IP brought to the partnership includes:")
    };
    b.clause(
        "ip-background",
        Md::raw("Background IP"),
        md!(
            "{}{}{lead_in}",
            prose(&ip.background),
            background_terms(&ip.background_terms, c.charter.kind)
        ),
    )
    .items = items;
    lambert::clause(ids, b);
    if ip.foreground_expected == Some(false) {
        b.clause(
            "ip-no-foreground",
            Md::raw("New intellectual property"),
            Md::raw(
                "The partners do not expect the partnership to create new intellectual property.",
            ),
        );
    }
    let foreground = c.stated_foreground();
    for f in foreground.iter() {
        b.clause(
            anchors::item(Item::Foreground, &f.id),
            text(&f.category),
            md!(
                "New intellectual property in this category {}.",
                foreground_owner(ids, f)
            ),
        );
    }
    for l in c.stated_licences().iter() {
        licence(ids, &foreground, l, b);
    }
    open_ip::clauses(ids, ip, b);
}

/// The sentence of the standard background terms the charter states, after its own words on background IP.
fn background_terms(terms: &[BackgroundTerm], kind: DocumentKind) -> Md {
    let stays = terms.contains(&BackgroundTerm::StaysWithOwner);
    let no_licence = terms.contains(&BackgroundTerm::NoImpliedLicence);
    let this = kind.this();
    match (stays, no_licence) {
        (true, true) => {
            md!(" Background IP stays with its owner, and no licence to it is implied by {this}.")
        }
        (true, false) => Md::raw(" Background IP stays with its owner."),
        (false, true) => md!(" No licence to background IP is implied by {this}."),
        (false, false) => Md::default(),
    }
}

/// Who owns new IP of one category, in words that follow "is owned by".
fn foreground_owner(ids: &Lookup<'_>, f: &Foreground) -> Md {
    match f.ownership {
        Ownership::Creator => Md::raw("is owned by the partner whose staff create it"),
        Ownership::Partner => md!(
            "is owned by {}",
            f.owner
                .as_deref()
                .map_or_else(Md::default, |o| name_of(ids, o))
        ),
        Ownership::Joint => {
            let shares: Vec<Md> = f
                .shares
                .iter()
                .map(|s| md!("{} ({}%)", name_of(ids, &s.partner), s.percent))
                .collect();
            md!("is owned jointly by {}", and_list(&shares))
        }
        Ownership::ByField => {
            let fields: Vec<Md> = f
                .fields
                .iter()
                .map(|x| md!("{} in {}", name_of(ids, &x.owner), text(&x.field)))
                .collect();
            md!("is owned by field of use: {}", and_list(&fields))
        }
    }
}

/// One licence: who grants what kind of licence to whom, over which IP, for which purposes.
fn licence(ids: &Lookup<'_>, foreground: &[Foreground], l: &Licence, b: &mut Builder) {
    let covers: Vec<Md> = l
        .covers
        .iter()
        .map(|id| {
            foreground
                .iter()
                .find(|f| &f.id == id)
                .map_or_else(|| text(id), |f| text(&f.category))
        })
        .collect();
    let kind = match (l.royalty_free, l.kind) {
        (true, k) => format!("a royalty-free {}", k.label()),
        (false, LicenceKind::NonExclusive) => format!("a {}", l.kind.label()),
        (false, k) => format!("an {}", k.label()),
    };
    b.clause(
        anchors::item(Item::Licence, &l.id),
        Md::raw("Licence"),
        md!(
            "The owners grant {} {} to: {}; for {}.",
            names(ids, &l.to),
            Md::raw(kind),
            and_list(&covers),
            and_list(&list(&l.purposes))
        ),
    );
}

fn publication(c: &Charter, b: &mut Builder) {
    let Some(p) = &c.publication else { return };
    b.section("publication", "Publication");
    b.clause(
        "publication-review",
        Md::raw("Review before submission"),
        md!("Each manuscript or presentation of results is sent to every partner at least {} before submission.{}", p.review, review_kind(p.review_kind)),
    );
    if p.confidential_removal == Some(true) {
        b.clause("publication-confidential", Md::raw("Confidential information"), Md::raw("A partner may require the removal of its own confidential information, but not of results."));
    }
    if let Some(delay) = p.patent_delay {
        b.clause(
            "publication-patent-delay",
            Md::raw("Patent filing"),
            md!(
                "A partner may delay submission by up to {delay} more to file a patent application."
            ),
        );
    }
    if let Some(cap) = p.max_total_delay {
        b.clause(
            "publication-total-delay",
            Md::raw("Longest delay"),
            md!("Review and any patent delay together hold a manuscript back for at most {cap}."),
        );
    }
    if p.multi_site_first {
        let alone = p.single_site_after.map(|after| md!(" A site may publish its own results alone {after} after the end of data collection if the multi-site results have not been submitted by then.")).unwrap_or_default();
        b.clause(
            "publication-multi-site",
            Md::raw("Multi-site results first"),
            md!("Multi-site results are published before results from any single site.{alone}"),
        );
    }
    let authorship = match p.authorship {
        Authorship::Icmje => "Authorship follows the ICMJE recommendations.",
        Authorship::Credit => "Contributions are recorded with the CRediT contributor roles.",
    };
    b.clause(
        "publication-authorship",
        Md::raw("Authorship"),
        Md::raw(authorship),
    );
    if p.trial_registration {
        b.clause("publication-registration", Md::raw("Registration"), Md::raw("Every trial is registered in a public registry before the first participant is enrolled."));
    }
    if p.negative_results {
        b.clause(
            "publication-negative-results",
            Md::raw("Negative results"),
            Md::raw("Negative and inconclusive results are published as fully as positive ones."),
        );
    }
    if let Some(a) = &p.acknowledgement {
        b.clause(
            "publication-acknowledgement",
            Md::raw("Acknowledgement"),
            prose(a),
        );
    }
}

/// What the partners' review of a manuscript is, when the charter says.
fn review_kind(kind: Option<ReviewKind>) -> &'static str {
    match kind {
        Some(ReviewKind::Comment) => {
            " Partners review it but do not approve its content, and may not require results to be suppressed."
        }
        Some(ReviewKind::Approval) => " It is submitted only once every partner has approved it.",
        None => "",
    }
}

fn conflicts(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    let Some(coi) = &c.conflicts else { return };
    b.section("conflicts", "Conflicts of interest");
    b.clause(
        "coi-who",
        Md::raw("Who discloses"),
        Md::raw("These people must disclose their interests:"),
    )
    .items = list(&coi.who);
    disclosure(coi, b);
    let chair_decides = coi.management.contains(&Management::ChairDecides);
    let by = match (&coi.managed_by, chair_decides) {
        (Some(body), false) => md!(
            " {} receives disclosures and decides how each conflict is managed.",
            capitalised(&name_of(ids, body))
        ),
        (Some(body), true) => md!(
            " {} receives disclosures, and its chair decides case by case how each conflict is managed.",
            capitalised(&name_of(ids, body))
        ),
        // E0457 reports the chair deciding with no body named, so a valid charter never reaches this.
        (None, true) => Md::raw(" The chair decides case by case how each conflict is managed."),
        (None, false) => Md::default(),
    };
    let measures: Vec<Md> = coi
        .management
        .iter()
        .filter(|m| **m != Management::ChairDecides)
        .map(|m| Md::raw(m.label()))
        .collect();
    let management = if measures.is_empty() {
        Md::raw(by.as_str().trim_start())
    } else {
        md!("Conflicts are managed by {}.{by}", and_list(&measures))
    };
    b.clause("coi-management", Md::raw("Management"), management);
    if !coi.recusal_from.is_empty() {
        let decisions: Vec<Md> = coi
            .recusal_from
            .iter()
            .map(|d| decision_link(ids, d))
            .collect();
        let leaves = if recusal(&coi.management) == Some(Management::RecusalFromVote) {
            "takes part in the discussion but does not vote on"
        } else {
            "leaves the discussion and the vote on"
        };
        b.clause(
            "coi-recusal",
            Md::raw("Recusal"),
            md!(
                "A member with a conflict {leaves}: {}.",
                and_list(&decisions)
            ),
        );
    }
    for d in &coi.declared {
        declared(ids, d, b);
    }
}

/// What must be disclosed, above which amount, and when.
fn disclosure(coi: &ConflictTerms, b: &mut Builder) {
    let threshold = coi
        .threshold_usd
        .map(|t| {
            md!(
                " Financial interests of USD {} or more must be disclosed.",
                thousands(t)
            )
        })
        .unwrap_or_default();
    let family = if coi.includes_family {
        " Interests of immediate family members count as the person's own."
    } else {
        ""
    };
    let clause = b.clause(
        "coi-disclosure",
        Md::raw("What and when"),
        md!(
            "{}{threshold}{family} Disclosures are made:",
            prose(&coi.what)
        ),
    );
    clause.items = coi
        .when
        .iter()
        .map(|w| match w {
            DisclosureTime::OnJoining => Md::raw("on joining the partnership or a body"),
            DisclosureTime::NewInterest => coi.new_interest_within.map_or_else(
                || Md::raw("when a new interest arises"),
                |p| md!("within {p} of a new interest arising"),
            ),
            DisclosureTime::Annually => Md::raw("every year"),
            DisclosureTime::EachMeeting => {
                Md::raw("at the start of each meeting, for the items on its agenda")
            }
            DisclosureTime::AsAndWhen => Md::raw("as and when a conflict arises"),
        })
        .collect();
}

/// One declared conflict: who holds it, what it affects, how it is managed.
fn declared(ids: &Lookup<'_>, d: &DeclaredConflict, b: &mut Builder) {
    let who = match (&d.person, &d.partner) {
        (Some(person), Some(partner)) => md!("{} ({})", text(person), name_of(ids, partner)),
        (Some(person), None) => md!("{} (independent member)", text(person)),
        (None, Some(partner)) => name_of(ids, partner),
        (None, None) => Md::raw("A member"),
    };
    let affects: Vec<Md> = d.affects.iter().map(|x| decision_link(ids, x)).collect();
    let measures: Vec<Md> = d.management.iter().map(|m| Md::raw(m.label())).collect();
    b.clause(
        anchors::item(Item::Conflict, &d.id),
        Md::raw("Declared conflict"),
        md!(
            "{who}: {}. It affects {} and is managed by {}.",
            text(&d.interest),
            and_list(&affects),
            and_list(&measures)
        ),
    );
}

fn decision_link(ids: &Lookup<'_>, id: &str) -> Md {
    ids.decision(id)
        .map(|k| &ids.charter().decisions[k])
        .map_or_else(
            || text(id),
            |d| {
                md!(
                    "[{}](#{})",
                    text(&d.matter),
                    anchors::item(Item::Decision, &d.id)
                )
            },
        )
}

fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn phases(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    if c.phases.is_empty() {
        return;
    }
    b.section("phases", "Phases and success metrics");
    for p in &c.phases {
        let clause = b.clause(
            anchors::item(Item::Phase, &p.id),
            text(&p.name),
            md!(
                "From {} to {}. {} At the end of the phase, {} decides {}.",
                day(c, p.start),
                day(c, p.end),
                prose(&p.description),
                name_of(ids, &p.gate_owner),
                text(&p.gate)
            ),
        );
        clause.items = p
            .metrics
            .iter()
            .map(|m| {
                let unit = match m.unit.as_deref() {
                    Some(u) if u.starts_with(char::is_alphabetic) => md!(" {}", text(u)),
                    Some(u) => text(u),
                    None => Md::default(),
                };
                let primary = if m.primary {
                    Md::raw(" (the primary metric)")
                } else {
                    Md::default()
                };
                match m.threshold() {
                    Some((Bound::AtLeast, v)) => {
                        md!("{}{primary}: at least {}{unit}", text(&m.name), text(&v))
                    }
                    Some((Bound::AtMost, v)) => {
                        md!("{}{primary}: at most {}{unit}", text(&m.name), text(&v))
                    }
                    None => md!("{}{primary}", text(&m.name)),
                }
            })
            .collect();
    }
}

fn obligations(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    if c.obligations.is_empty() {
        return;
    }
    b.section("obligations", "Obligations");
    for o in &c.obligations {
        b.clause(
            anchors::item(Item::Obligation, &o.id),
            label_of(ids, &o.owner),
            md!(
                "{} must {} ({}). Evidence: {}.",
                capitalised(&name_of(ids, &o.owner)),
                verb_phrase(&o.action),
                checklist::timing(o, c.charter.date_style),
                text(&o.evidence)
            ),
        );
    }
}

fn term(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    let Some(t) = &c.term else {
        // A standing document may state no term: its disputes clause, if any, stands alone.
        if let Some(d) = &c.disputes {
            b.section("term", "Disputes");
            disputes(ids, d, b);
        }
        return;
    };
    let kind = c.charter.kind;
    let this = kind.this_capitalised();
    b.section("term", "Term, termination and withdrawal");
    // An amendment's term runs from the day the first version took effect.
    let amended = c.charter.original_effective_date.is_some();
    let takes = if amended {
        "first took"
    } else {
        kind.verb("takes", "take")
    };
    let runs = kind.verb("runs", "run");
    let length = match (
        c.term_starts().map(|d| day(c, d)),
        t.length,
        term_end(c).map(|end| day(c, end)),
    ) {
        (Some(start), Some(length), Some(end)) => {
            md!("{this} {takes} effect on {start} and {runs} for {length}, until {end}.")
        }
        (Some(start), _, Some(end)) => {
            md!("{this} {takes} effect on {start} and {runs} until {end}.")
        }
        (Some(start), _, None) => md!("{this} {takes} effect on {start}."),
        (None, _, _) => Md::default(),
    };
    let length = match c.takes_effect().filter(|_| amended) {
        Some(now) => md!("{length} This version takes effect on {}.", day(c, now)),
        None => length,
    };
    b.clause("term-length", Md::raw("Term"), length);
    b.clause("term-renewal", Md::raw("Renewal"), renewal(t, kind));
    if t.states_termination() {
        b.clause(
            "term-termination",
            Md::raw("Termination"),
            termination(t, kind),
        );
    }
    if t.states_withdrawal() {
        b.clause("term-withdrawal", Md::raw("Withdrawal"), withdrawal(t));
    }
    if !t.survival.is_empty() {
        b.clause(
            "term-survival",
            Md::raw("Survival"),
            md!(
                "These terms survive the end of {} and a partner's withdrawal:",
                kind.the()
            ),
        )
        .items = list(&t.survival);
    }
    if let Some(d) = &c.disputes {
        disputes(ids, d, b);
    }
}

/// The grounds on which the charter, or a partner's participation, may be ended early, one sentence
/// each, in the order the charter states them; where it states none, that in words.
fn termination(t: &Term, kind: DocumentKind) -> Md {
    let grounds = t.termination_grounds();
    if grounds.is_empty() {
        return md!(
            "The partners have agreed no ground for ending {} before its term ends.",
            kind.the()
        );
    }
    let sentences: Vec<Md> = grounds
        .iter()
        .map(|g| termination_ground(t, kind, *g))
        .collect();
    join(&sentences, " ")
}

/// One ground for ending the charter early, as a sentence.
fn termination_ground(t: &Term, kind: DocumentKind, ground: Termination) -> Md {
    let (this, it) = (kind.this(), kind.it());
    match (ground, t.termination_notice, t.cure_period) {
        (Termination::ByAgreement, Some(n), _) => md!(
            "The partners may end {this} by agreement on {} in writing.",
            notice(n)
        ),
        (Termination::ByAgreement, None, _) => {
            md!("The partners may end {this} at any time by written agreement.")
        }
        (Termination::ForBreach, _, Some(cure)) => md!(
            "If a partner breaches {it} and does not cure the breach within {cure} of written notice, the other partners may end its participation."
        ),
        (Termination::ForBreach, _, None) => md!(
            "If a partner breaches {it}, the other partners may end its participation by written notice."
        ),
        (Termination::ForConvenience, Some(n), _) => md!(
            "Any partner may end {this}, for any reason, on {} in writing.",
            notice(n)
        ),
        (Termination::ForConvenience, None, _) => {
            md!("Any partner may end {this}, for any reason, by written notice.")
        }
        (Termination::ForInsolvency, _, _) => md!(
            "If a partner becomes insolvent, the other partners may end its participation by written notice."
        ),
    }
}

/// What a partner's withdrawal takes: its notice, and what follows it in the charter's own words.
fn withdrawal(t: &Term) -> Md {
    let how = t.withdrawal_notice.map_or_else(
        || Md::raw("A partner may withdraw by written notice."),
        |n| {
            md!(
                "A partner may withdraw on {} written notice.",
                n.possessive()
            )
        },
    );
    match &t.on_withdrawal {
        Some(on) => md!("{how} {}", prose(on)),
        None => how,
    }
}

/// Whether and how the charter renews at the end of its term.
fn renewal(t: &Term, kind: DocumentKind) -> Md {
    let the = capitalised(&Md::raw(kind.the()));
    match (t.renewal, t.renewal_period) {
        (Renewal::Automatic, Some(p)) => md!(
            "{the} {} automatically for periods of {p} unless a partner gives {} before the end of the current period.",
            kind.verb("renews", "renew"),
            t.termination_notice
                .map_or_else(|| Md::raw("notice"), notice)
        ),
        (Renewal::Automatic, None) => md!(
            "{the} {} automatically unless a partner gives notice.",
            kind.verb("renews", "renew")
        ),
        (Renewal::ByAgreement, _) => {
            md!("{the} may be renewed only by the written agreement of every partner.")
        }
        (Renewal::None, _) => md!("{the} {} not renew.", kind.verb("does", "do")),
    }
}

/// The steps a dispute goes through, and where it ends.
fn disputes(ids: &Lookup<'_>, d: &Disputes, b: &mut Builder) {
    // A valid charter names `to` for the resolutions that need it; the fallback keeps the document
    // whole regardless, and says nothing it was not told.
    let to = d.to.as_deref().map(|to| name_of(ids, to));
    let last = match (d.resolution, to) {
        (FinalResolution::Mediation, _) => Md::raw("goes to non-binding mediation"),
        (FinalResolution::MediationThenCourts, _) => Md::raw(
            "goes to non-binding mediation, and then the courts of the governing jurisdiction",
        ),
        (FinalResolution::Arbitration, _) => Md::raw("goes to binding arbitration"),
        (FinalResolution::Courts, _) => Md::raw("goes to the courts of the governing jurisdiction"),
        (FinalResolution::InternalInvestigation, Some(to)) => {
            md!("goes to an internal investigation by {to}")
        }
        (FinalResolution::InternalInvestigation, None) => {
            Md::raw("goes to an internal investigation")
        }
        (FinalResolution::Referral, Some(to)) => md!("is referred to {to}"),
        (FinalResolution::Referral, None) => Md::raw("is referred on"),
    };
    let clause = b.clause("disputes", Md::raw("Disputes"), md!("A dispute between partners is escalated in these steps, each for at most the time shown, before it {last}:"));
    clause.items = d
        .steps
        .iter()
        .map(|s| md!("{}, within {}", text(&s.by), s.within))
        .collect();
}

fn review(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    let Some(r) = &c.review else { return };
    b.section("review", "Review of the partnership");
    b.clause(
        "review-assessment",
        Md::raw("Assessment"),
        md!(
            "{} assesses the partnership {}. {}",
            capitalised(&name_of(ids, &r.by)),
            r.cadence.phrase(),
            prose(&r.assessment)
        ),
    );
    b.clause("review-feedback", Md::raw("Feedback"), prose(&r.feedback));
    if let Some(rec) = &r.recognition {
        b.clause("review-recognition", Md::raw("Recognition"), prose(rec));
    }
}

/// The version history: one row per version, oldest first, with the date it was adopted, the decision it
/// was adopted by (a column only when an entry names one) and its summary.
fn versions(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    if c.versions.is_empty() {
        return;
    }
    let kind = c.charter.kind;
    b.section("versions", "Version history");
    b.clause(
        "version-history",
        Md::raw("Versions"),
        md!(
            "{} {} been adopted in these versions, oldest first:",
            kind.this_capitalised(),
            kind.verb("has", "have")
        ),
    );
    let decided = c.versions.iter().any(|v| v.decision.is_some());
    let rows = c
        .versions
        .iter()
        .map(|v| {
            let mut row = vec![text(&v.version), day(c, v.adopted)];
            if decided {
                // An entry without a decision says so in words, never as "None".
                row.push(
                    v.decision
                        .as_ref()
                        .map_or_else(|| Md::raw("Not named"), |d| decision_link(ids, d)),
                );
            }
            row.push(text(&v.summary));
            row
        })
        .collect();
    let headers = if decided {
        vec!["Version", "Adopted", "By decision", "Summary"]
    } else {
        vec!["Version", "Adopted", "Summary"]
    };
    b.table(headers, rows);
}

/// The annex of accepted exceptions: each warning the partners reviewed and accept, its reason, its scope
/// and the findings it silenced, so that a reviewer sees every one of them.
fn annex(charter: &Valid<Charter>, b: &mut Builder) {
    let c: &Charter = charter;
    if c.exceptions.is_empty() {
        return;
    }
    b.section("annex-exceptions", "Annex: accepted exceptions");
    // The findings of each exception, grouped in one pass (in the order they were found).
    let mut findings: BTreeMap<usize, Vec<Md>> = BTreeMap::new();
    for a in charter.accepted() {
        findings
            .entry(a.exception)
            .or_default()
            .push(md!("Finding: {}", text(&a.message)));
    }
    for (i, e) in c.exceptions.iter().enumerate() {
        // A valid charter's exceptions all name a rule; the fallback keeps the document whole regardless.
        let (code, name, summary) = rules::find(&e.rule).map_or_else(
            || (text(&e.rule), Md::default(), Md::default()),
            |r| (Md::raw(r.code), Md::raw(r.name), Md::raw(r.summary)),
        );
        let scope =
            e.at.as_ref()
                .map(|at| {
                    let target = crate::xref::CLAUSE_PREFIXES
                        .iter()
                        .find_map(|kind| b.refs.get(&format!("{kind}-{at}")));
                    match target {
                        Some(r) => md!(" for [§{}](#{})", r.number, r.anchor),
                        None => md!(" for {}", text(at)),
                    }
                })
                .unwrap_or_default();
        let anchor = match &e.at {
            Some(at) => format!("exception-{}-{at}", code.as_str().to_lowercase()),
            None => format!("exception-{}", code.as_str().to_lowercase()),
        };
        let clause = b.clause(
            anchor,
            md!("{code} {name}"),
            md!(
                "The partners reviewed this finding of the charter check{scope} and accept it. {summary} Reason: {}",
                text(&e.reason)
            ),
        );
        clause.items = match findings.remove(&i) {
            Some(findings) => findings,
            None => vec![Md::raw("No finding of this rule remains.")],
        };
    }
}
