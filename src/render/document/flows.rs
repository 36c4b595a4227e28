//! The data section: the table of flows, and each flow's clause with its terms (its agreement and
//! basis, uses, safeguards, retention, end of use and breach notice), in the words of the flow's law.

use super::{
    Builder, access, agreements, capitalised, checklist, clauses, during, labels, list, names,
};
use crate::md;
use crate::model::{
    Charter, DataFlow, EndOfUse, Lookup, Period, Regime, RegimeSource, Training, every_words,
};
use crate::render::anchors::{self, Item};
use crate::render::markdown::{Md, join, text};

pub(super) fn data(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    if c.data_flows.is_empty() && c.data_access.is_none() {
        return;
    }
    b.section("data", "Data use and security");
    flows(ids, b);
    access::clause(ids, b);
}

/// The table of data flows, and a clause for each.
fn flows(ids: &Lookup<'_>, b: &mut Builder) {
    let c = ids.charter();
    if c.data_flows.is_empty() {
        return;
    }
    let rows = c
        .data_flows
        .iter()
        .map(|f| {
            let regime = c.regime(f);
            vec![
                text(&f.name),
                labels(ids, &f.provider),
                labels(ids, &f.recipients),
                join(&list(&f.categories), ", "),
                Md::raw(f.identifiability.label_under(regime)),
                Md::raw(c.charter.kind.reword(f.agreement.label_under(regime))),
            ]
        })
        .collect();
    b.table(
        vec![
            "Data flow",
            "Provider",
            "Recipients",
            "Categories",
            "Identifiability",
            "Agreement",
        ],
        rows,
    );
    for f in &c.data_flows {
        let found = c.regime_of(f);
        let regime = found.map(|(r, _)| r);
        // The law is named only where the charter states it, never where it is implied.
        let law = match found {
            Some((r, RegimeSource::Flow | RegimeSource::Charter)) => r
                .law()
                .map(|law| md!(", subject to {law}"))
                .unwrap_or_default(),
            _ => Md::default(),
        };
        let clause = b.clause(
            anchors::item(Item::Flow, &f.id),
            text(&f.name),
            md!(
                "{} {} {} to {} under {}{law}. {} may use it only for the permitted uses below.",
                capitalised(&names(ids, &f.provider)),
                if f.provider.len() == 1 {
                    "provides"
                } else {
                    "each provide"
                },
                f.identifiability.label_under(regime),
                names(ids, &f.recipients),
                c.charter.kind.reword(f.agreement.label_under(regime)),
                if f.recipients.len() == 1 {
                    "The recipient"
                } else {
                    "The recipients"
                }
            ),
        );
        if let Some(provided) = during::provided(c, f) {
            clause.text = md!("{} {provided}", clause.text);
        }
        clause.items = flow_terms(c, f, regime);
    }
}

/// The legal basis of a flow in plain words, citing the HIPAA provision under HIPAA.
fn basis_sentence(basis: crate::model::Basis, regime: Option<Regime>) -> Md {
    match (basis.citation(), regime) {
        (Some(cite), Some(Regime::Hipaa)) => {
            md!(
                "Legal basis: the data is disclosed {} ({cite})",
                Md::raw(basis.label())
            )
        }
        _ => md!(
            "Legal basis: the data is disclosed {}",
            Md::raw(basis.label())
        ),
    }
}

/// The terms of one data flow, as list items: uses, safeguards, retention, end of use and breach notice,
/// the breach notice in the words of the flow's law.
fn flow_terms(c: &Charter, f: &DataFlow, regime: Option<Regime>) -> Vec<Md> {
    let mut items: Vec<Md> = Vec::new();
    if let Some(t) = &f.agreement_term {
        items.push(agreements::term(c, f, t));
    }
    let gdpr = regime.is_some_and(Regime::is_gdpr);
    if let Some(basis) = f.basis {
        // Under a GDPR, a lawful basis is said in the words of Article 6(1), and data that needs none is
        // not personal data; anywhere else a basis of the GDPR still cites its Article.
        let gdpr_words = agreements::lawful_basis(basis, regime);
        items.push(match (gdpr_words, basis) {
            (Some(words), _) => words,
            (None, crate::model::Basis::NotNeeded) if gdpr => agreements::not_personal_data(),
            (None, _) => basis_sentence(basis, regime),
        });
    }
    if let Some(condition) = f.special_category_condition {
        items.push(agreements::condition(condition, regime));
    }
    if !f.elements.is_empty() {
        let elements: Vec<Md> = f.elements.iter().map(|e| Md::raw(e.label())).collect();
        items.push(md!("Data elements: {}", join(&elements, "; ")));
    }
    items.extend(
        f.permitted_uses
            .iter()
            .map(|u| md!("Permitted: {}", text(u))),
    );
    items.extend(
        f.prohibited_uses
            .iter()
            .map(|u| md!("Prohibited: {}", text(u))),
    );
    if let Some(u) = &f.data_use {
        let conditions: Vec<Md> = u
            .conditions(|d| c.charter.date_style.write(d))
            .into_iter()
            .map(|(code, _, words)| md!("{} ({code})", text(&words)))
            .collect();
        items.push(md!(
            "Data use conditions, in the codes of the GA4GH Data Use Ontology: {}",
            join(&conditions, "; ")
        ));
    }
    // Each safeguard the flow states, and nothing for one it leaves out.
    if let Some(s) = &f.storage {
        items.push(md!("Storage: {}", text(s)));
    }
    if let Some(a) = &f.access {
        items.push(md!("Access: {}", text(a)));
    }
    if let Some(r) = f.access_review {
        items.push(md!("Access rights are reviewed {}", r.phrase()));
    }
    if let Some(t) = &f.training {
        items.push(training(t));
    }
    if let Some(r) = f.retention {
        items.push(md!("Retention: {r}"));
    }
    items.push(end_of_use(c, f));
    if let Some(kept) = f.records_retention {
        items.push(records_retention(f, kept));
    }
    match (f.breach_notification, regime) {
        (Some(n), Some(r)) if r.is_gdpr() => items.push(md!(
            "A recipient notifies the provider of any personal data breach without undue delay, and within {n} of becoming aware of it, so that the controller can notify {} within 72 hours where the {} requires it",
            r.supervisory_authority(),
            r.short()
        )),
        (Some(n), _) => items.push(md!(
            "A recipient notifies the provider of any breach within {n} of discovering it"
        )),
        (None, _) => {}
    }
    items
}

/// The training before access to a flow's data, and how often it is completed again when the charter
/// says: "Training before access: HIPAA privacy and security training, completed again every year".
fn training(t: &Training) -> Md {
    match t.every {
        Some(every) => md!(
            "Training before access: {}, completed again {}",
            text(&t.course),
            every_words(every)
        ),
        None => md!("Training before access: {}", text(&t.course)),
    }
}

/// What becomes of a flow's data when its use ends, and what ends it when `use_ends` says.
fn end_of_use(c: &Charter, f: &DataFlow) -> Md {
    let within = f.end_within.map(|w| md!(" within {w}")).unwrap_or_default();
    let certified = if f.certified {
        ", certified in writing"
    } else {
        ""
    };
    let when = match &f.use_ends {
        Some(ends) => md!(
            "When its use ends ({})",
            checklist::use_ends(c, ends, Some(clauses::clause_ref))
        ),
        None => Md::raw("When its use ends"),
    };
    match f.end_of_use {
        EndOfUse::Return => {
            md!("{when}, the data is returned to the provider{within}{certified}")
        }
        EndOfUse::Destroy => md!("{when}, the data is destroyed{within}{certified}"),
        EndOfUse::ReturnOrDestroy => md!(
            "{when}, the data is returned or destroyed at the provider's choice{within}{certified}"
        ),
        EndOfUse::Retain => md!("{when}, the recipients keep the data under the retention terms"),
    }
}

/// How long the records of a flow are kept, apart from the data: "The recipients keep the records of the
/// flow … for 6 years after its use ends".
fn records_retention(f: &DataFlow, kept: Period) -> Md {
    let who = if f.recipients.len() == 1 {
        "The recipient keeps"
    } else {
        "The recipients keep"
    };
    md!(
        "{who} the records of the flow (its agreement, the disclosures made under it and the logs of access to the data) for {kept} after its use ends, whatever becomes of the data"
    )
}
