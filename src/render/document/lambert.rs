//! The background IP items, and the Lambert clause: the model the partners adopt, with the partners it
//! names, and each place where the charter's own terms depart from it. The terms the model fills in are
//! written by the foreground and licence clauses, as if the charter stated them.

use super::{Builder, and_list, name_of, names};
use crate::md;
use crate::model::{Deviation, IpTerms, Lambert, Lookup, ResultsOwner};
use crate::render::anchors::{self, Item};
use crate::render::markdown::{Md, join, text};

/// "Patents, know-how and data on CBT-417 and its analogues, owned by Cardinal Bay", each item after its
/// own anchor, for the list of the background-IP clause.
pub(super) fn background_items(ids: &Lookup<'_>, ip: &IpTerms) -> Vec<Md> {
    ip.background_items
        .iter()
        .map(|item| {
            md!(
                "<a id=\"{}\"></a>{}, owned by {}",
                anchors::item(Item::Background, &item.id),
                text(&item.description),
                name_of(ids, &item.owner)
            )
        })
        .collect()
}

/// The Lambert clause, when the charter names a model.
pub(super) fn clause(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    let Some(l) = c.ip.as_ref().and_then(|ip| ip.lambert.as_ref()) else {
        return;
    };
    let departures: Vec<Md> = c
        .lambert_deviations()
        .iter()
        .map(|d| {
            md!(
                " This departs from {} in that {}.",
                l.model.name(),
                departure(ids, d)
            )
        })
        .collect();
    b.clause(
        "ip-lambert",
        Md::raw("Lambert model"),
        md!("{}{}", adoption(ids, l), join(&departures, "")),
    );
}

/// "The partners adopt Lambert model 4 of the Lambert Toolkit, with Riverside University as the
/// institution and Cardinal Bay as the collaborator."
fn adoption(ids: &Lookup<'_>, l: &Lambert) -> Md {
    let parts: Vec<Md> = [
        (&l.institution, "the institution"),
        (&l.collaborator, "the collaborator"),
        (&l.lead, "the lead exploitation party"),
    ]
    .into_iter()
    .filter_map(|(id, part)| id.as_ref().map(|id| md!("{} as {part}", name_of(ids, id))))
    .collect();
    // A valid charter names only the parties its model has (E0590).
    let with = if parts.is_empty() {
        Md::default()
    } else {
        md!(", with {}", and_list(&parts))
    };
    md!(
        "The partners adopt {} of the Lambert Toolkit{with}.",
        l.model.name()
    )
}

/// One departure in words, after "in that".
fn departure(ids: &Lookup<'_>, d: &Deviation<'_>) -> Md {
    let Some(ip) = &ids.charter().ip else {
        return Md::default();
    };
    match d {
        Deviation::Owner { index, implied } => {
            let f = &ip.foreground[*index];
            md!(
                "new intellectual property in the category \"{}\" {}, where under the model the results are {}",
                text(&f.category),
                super::foreground_owner(ids, f),
                implied_owner(ids, *implied)
            )
        }
        Deviation::NoLicence(m) => md!(
            "the partners grant {} no {} for {}",
            names(ids, &m.to),
            Md::raw(m.kind.label()),
            and_list(&super::list(&m.purposes))
        ),
        Deviation::LicenceToInstitution { index, institution } => md!(
            "{} is granted a licence ({}), where the model reserves to it no right to use the results",
            name_of(ids, institution),
            super::clauses::clause_ref(&anchors::item(Item::Licence, &ip.licences[*index].id))
        ),
    }
}

/// "owned by Cardinal Bay", "owned by the partner whose staff create them".
fn implied_owner(ids: &Lookup<'_>, owner: ResultsOwner<'_>) -> Md {
    match owner {
        ResultsOwner::Partner(p) => md!("owned by {}", name_of(ids, p)),
        ResultsOwner::Creator => Md::raw("owned by the partner whose staff create them"),
    }
}
