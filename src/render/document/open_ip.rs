//! The open-source terms of the IP section: the public (outbound) licences foreground IP is released
//! under, the agreements contributors sign, and existing IP a partner assigns or transfers. Each clause is
//! written only when the charter states its term.

use super::{Builder, and_list, capitalised, day, name_of};
use crate::md;
use crate::model::spdx_terms::{self, Meaning};
use crate::model::{ContributorAgreement, IpTerms, Lookup, Outbound, Transfer, TransferTime};
use crate::render::anchors::{self, Item};
use crate::render::markdown::{Md, text};

/// The outbound licences, the contributor agreements and the transfers, in that order.
pub(super) fn clauses(ids: &Lookup<'_>, ip: &IpTerms, b: &mut Builder) {
    for o in &ip.outbound {
        b.clause(
            anchors::item(Item::Outbound, &o.id),
            Md::raw("Outbound licence"),
            outbound(ids, o),
        );
    }
    if let Some(c) = &ip.contributions {
        let mut body = contributions(&c.agreements);
        if let Some(holder) = &c.held_by {
            body = md!(
                "{body} {} holds the signed agreements.",
                capitalised(&name_of(ids, holder))
            );
        }
        b.clause("ip-contributions", Md::raw("Contributions"), body);
    }
    for t in &ip.transfers {
        b.clause(
            anchors::item(Item::Transfer, &t.id),
            Md::raw(t.what.heading()),
            transfer(ids, t),
        );
    }
}

/// "Source code contributed to the project is released under the Apache License 2.0 (SPDX identifier
/// Apache-2.0)": the categories it covers, by their own words.
fn outbound(ids: &Lookup<'_>, o: &Outbound) -> Md {
    let foreground = ids.charter().stated_foreground();
    let covers: Vec<Md> = o
        .covers
        .iter()
        .map(|id| {
            foreground
                .iter()
                .find(|f| &f.id == id)
                .map_or_else(|| text(id), |f| text(&f.category))
        })
        .collect();
    let verb = if covers.len() == 1 { "is" } else { "are" };
    md!(
        "{} {verb} released under {}.",
        capitalised(&and_list(&covers)),
        licence_words(&o.licence)
    )
}

/// An SPDX licence expression in words, with the expression as written.
fn licence_words(expression: &str) -> Md {
    let names = |licences: &[&'static str]| -> Md {
        let names: Vec<Md> = licences.iter().map(|n| md!("the {}", text(n))).collect();
        and_list(&names)
    };
    let written = text(expression);
    match spdx_terms::meaning(expression) {
        Some(Meaning::One(name)) => md!("the {} (SPDX identifier {written})", text(name)),
        Some(Meaning::AnyOf(licences)) => {
            let names: Vec<Md> = licences.iter().map(|n| md!("the {}", text(n))).collect();
            md!(
                "{}, at the recipient's choice (SPDX expression {written})",
                join_or(&names)
            )
        }
        Some(Meaning::AllOf(licences)) => {
            md!("both {} (SPDX expression {written})", names(&licences))
        }
        Some(Meaning::Other(licences)) => md!(
            "the SPDX licence expression {written}, which names {}",
            names(&licences)
        ),
        None => md!("the SPDX licence expression {written}"),
    }
}

/// "A or B", "A, B or C".
fn join_or(items: &[Md]) -> Md {
    match items {
        [] => Md::default(),
        [one] => one.clone(),
        [init @ .., last] => md!("{} or {last}", crate::render::markdown::join(init, ", ")),
    }
}

/// What contributors sign, as one sentence.
fn contributions(agreements: &[ContributorAgreement]) -> Md {
    let mut parts = Vec::new();
    if agreements.contains(&ContributorAgreement::Dco) {
        parts.push(Md::raw(
            "each contributor signs off every contribution under the Developer Certificate of Origin",
        ));
    }
    if agreements.contains(&ContributorAgreement::IndividualCla) {
        parts.push(Md::raw(
            "each individual contributor signs an individual contributor licence agreement",
        ));
    }
    if agreements.contains(&ContributorAgreement::CorporateCla) {
        parts.push(Md::raw(
            "each organisation whose employees contribute signs a corporate contributor licence agreement",
        ));
    }
    md!("{}.", capitalised(&and_list(&parts)))
}

/// "Acme assigns the trademark KESTREL to the Kestrel Foundation on signing this charter."
fn transfer(ids: &Lookup<'_>, t: &Transfer) -> Md {
    let when = match t.when {
        Some(TransferTime::OnSigning) => md!(" on signing {}", ids.charter().charter.kind.this()),
        Some(TransferTime::By(date)) => md!(" by {}", day(ids.charter(), date)),
        None => Md::default(),
    };
    md!(
        "{} {} {} to {}{when}.",
        capitalised(&name_of(ids, &t.from)),
        Md::raw(t.what.verb_phrase()),
        text(&t.description),
        name_of(ids, &t.to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreements_read_as_one_sentence() {
        assert_eq!(
            contributions(&[ContributorAgreement::Dco]).as_str(),
            "Each contributor signs off every contribution under the Developer Certificate of Origin."
        );
        assert_eq!(
            contributions(&[
                ContributorAgreement::CorporateCla,
                ContributorAgreement::IndividualCla
            ])
            .as_str(),
            "Each individual contributor signs an individual contributor licence agreement and each organisation whose employees contribute signs a corporate contributor licence agreement."
        );
    }

    #[test]
    fn a_licence_reads_by_its_name() {
        assert_eq!(
            licence_words("Apache-2.0").as_str(),
            "the Apache License 2.0 (SPDX identifier Apache-2.0)"
        );
        assert_eq!(
            licence_words("MIT OR Apache-2.0").as_str(),
            "the MIT License or the Apache License 2.0, at the recipient's choice (SPDX expression MIT OR Apache-2.0)"
        );
        assert_eq!(
            licence_words("MIT AND CC-BY-4.0").as_str(),
            "both the MIT License and the Creative Commons Attribution 4.0 International (SPDX expression MIT AND CC-BY-4.0)"
        );
    }
}
