//! Rules on a Lambert model: it names the partners its kind needs (E0590), and the charter's own
//! foreground ownership and licences are reported where they depart from it (W0591).
//!
//! Imports the model, whose `lambert_deviations` the renderer states in words too.

use super::{Annotate, Ctx};
use crate::model::{
    Charter, Deviation, Foreground, Lambert, LambertModel, Licence, Ownership, ResultsOwner,
};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(l) = c.ip.as_ref().and_then(|ip| ip.lambert.as_ref()) else {
        return;
    };
    parties(l, ctx);
    for d in c.lambert_deviations() {
        deviation(c, l.model, &d, ctx);
    }
}

/// A one-to-one model names an institution and a collaborator, two different partners; model B names a
/// lead; no model names a party it has no part for, and only models 1 to 3 take a field.
fn parties(l: &Lambert, ctx: &mut Ctx<'_, '_>) {
    missing_parties(l, ctx);
    unused_keys(l, ctx);
}

/// One finding of E0590, at a key of `[ip.lambert]`.
fn mismatch(ctx: &mut Ctx<'_, '_>, key: &'static str, message: String, hint: String) {
    ctx.at(
        &rules::LAMBERT_PARTIES_MISMATCH,
        path!["ip", "lambert", key],
        message,
    )
    .with("not a party of this model", hint);
}

/// The parties a model needs and does not name, or names as one.
fn missing_parties(l: &Lambert, ctx: &mut Ctx<'_, '_>) {
    let name = l.model.name();
    let missing = match (&l.institution, &l.collaborator) {
        (None, None) => Some("`institution` and no `collaborator`"),
        (None, Some(_)) => Some("`institution`"),
        (Some(_), None) => Some("`collaborator`"),
        (Some(_), Some(_)) => None,
    };
    if let Some(missing) = missing.filter(|_| l.model.is_one_to_one()) {
        mismatch(
            ctx,
            "model",
            format!("{name} is between an institution and a collaborator, and `[ip.lambert]` names no {missing}"),
            "write both, such as `lambert = { model = \"4\", institution = \"riverside-university\", collaborator = \"cardinal-bay\" }`".to_owned(),
        );
    }
    if l.model.is_one_to_one() && l.institution.is_some() && l.institution == l.collaborator {
        mismatch(
            ctx,
            "collaborator",
            format!("{name} is between two partners, and the institution is also the collaborator"),
            "write in `collaborator` the company that works with the institution".to_owned(),
        );
    }
    if l.model == LambertModel::B && l.lead.is_none() {
        mismatch(
            ctx,
            "model",
            format!(
                "{name} assigns the results to a lead exploitation party, and `[ip.lambert]` names no `lead`"
            ),
            "write the lead, such as `lambert = { model = \"B\", lead = \"cardinal-bay\" }`"
                .to_owned(),
        );
    }
}

/// The keys the model has no use for.
fn unused_keys(l: &Lambert, ctx: &mut Ctx<'_, '_>) {
    let one_to_one = l.model.is_one_to_one();
    let unused = [
        ("institution", !one_to_one && l.institution.is_some()),
        ("collaborator", !one_to_one && l.collaborator.is_some()),
        ("lead", l.model != LambertModel::B && l.lead.is_some()),
        ("field", !l.model.licenses_a_field() && l.field.is_some()),
    ];
    for (key, _) in unused.into_iter().filter(|(_, set)| *set) {
        mismatch(
            ctx,
            key,
            format!("{} has no use for `{key}`", l.model.name()),
            format!("remove `{key}`; {}", uses(key)),
        );
    }
}

/// How a written category is owned, in the words of a message: "owned by \"riverside\"".
fn written_owner(f: &Foreground) -> String {
    match (f.ownership, &f.owner) {
        (Ownership::Partner, Some(p)) => format!("owned by \"{p}\""),
        (Ownership::Partner, None) => "owned by one partner".to_owned(),
        (Ownership::Creator, _) => "owned by the partner whose staff create it".to_owned(),
        (Ownership::Joint, _) => "owned jointly".to_owned(),
        (Ownership::ByField, _) => "owned by field of use".to_owned(),
    }
}

/// Which models a key of `[ip.lambert]` is for.
fn uses(key: &str) -> &'static str {
    match key {
        "institution" | "collaborator" => {
            "only models 1 to 5 name an institution and a collaborator"
        }
        "lead" => "only consortium model B names a lead exploitation party",
        _ => "only models 1 to 3 license the results in a field",
    }
}

/// One departure of the charter's terms from its model, located at the term that departs.
fn deviation(c: &Charter, model: LambertModel, d: &Deviation<'_>, ctx: &mut Ctx<'_, '_>) {
    let Some(ip) = &c.ip else { return };
    match d {
        Deviation::Owner { index, implied } => {
            owner_departs(model, *index, &ip.foreground[*index], *implied, ctx);
        }
        Deviation::NoLicence(m) => licence_missing(model, m, ctx),
        Deviation::LicenceToInstitution { index, institution } => {
            licence_to_institution(model, *index, &ip.licences[*index], institution, ctx);
        }
    }
}

/// A written category owned otherwise than the model has the results owned.
fn owner_departs(
    model: LambertModel,
    index: usize,
    f: &Foreground,
    implied: ResultsOwner<'_>,
    ctx: &mut Ctx<'_, '_>,
) {
    let name = model.name();
    let (has, write) = match implied {
        ResultsOwner::Partner(p) => (
            format!("owned by \"{p}\""),
            format!("`ownership = \"partner\"` with `owner = \"{p}\"`"),
        ),
        ResultsOwner::Creator => (
            "owned by the partner whose staff create them".to_owned(),
            "`ownership = \"creator\"`".to_owned(),
        ),
    };
    ctx.at(
        &rules::LAMBERT_DEVIATION,
        path!["ip", "foreground", index, "ownership"],
        format!(
            "\"{}\" is {}, and under {name} the results are {has}",
            f.category,
            written_owner(f)
        ),
    )
    .with(
        format!("departs from {name}"),
        format!("write {write}, or accept the departure with an `[[exceptions]]` entry with `rule = \"W0591\"`, `at = \"{}\"` and the partners' reason", f.id),
    );
}

/// The model's licence, which no written licence grants.
fn licence_missing(model: LambertModel, m: &Licence, ctx: &mut Ctx<'_, '_>) {
    let name = model.name();
    let to: Vec<String> = m.to.iter().map(|p| format!("\"{p}\"")).collect();
    ctx.at(
        &rules::LAMBERT_DEVIATION,
        path!["ip", "licences"],
        format!(
            "{name} grants {} a {} for {}, and no `[[ip.licences]]` entry grants it",
            to.join(", "),
            m.kind.label(),
            m.purposes.join(" and ")
        ),
    )
    .with(
        format!("departs from {name}"),
        format!(
            "add an `[[ip.licences]]` entry with `to = [{}]` and `kind = \"non_exclusive\"`, or accept the departure with an `[[exceptions]]` entry with `rule = \"W0591\"` and the partners' reason",
            to.join(", ")
        ),
    );
}

/// A licence to the institution, to which model 5 reserves no right.
fn licence_to_institution(
    model: LambertModel,
    index: usize,
    l: &Licence,
    institution: &str,
    ctx: &mut Ctx<'_, '_>,
) {
    let name = model.name();
    ctx.at(
        &rules::LAMBERT_DEVIATION,
        path!["ip", "licences", index, "to"],
        format!("{name} reserves to \"{institution}\" no right to use the results, and the licence \"{}\" grants it one", l.id),
    )
    .with(
        format!("departs from {name}"),
        format!("follow model 4, under which the institution may use the results for academic purposes, or accept the departure with an `[[exceptions]]` entry with `rule = \"W0591\"`, `at = \"{}\"` and the partners' reason", l.id),
    );
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::findings;

    const VALID: &str = include_str!("../../tests/fixtures/valid/lambert-deviation.toml");

    #[test]
    fn the_model_filled_in_is_no_deviation() {
        assert!(findings(VALID).is_empty(), "{:?}", findings(VALID));
    }

    #[test]
    fn a_consortium_model_names_no_institution() {
        let text = VALID.replace("model = \"4\"", "model = \"A\"");
        let found = findings(&text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(code, _)| *code == "E0590"), "{found:?}");
        assert_eq!(
            found[0].1,
            "Lambert consortium model A has no use for `institution`"
        );
    }

    #[test]
    fn model_5_reserves_no_licence_to_the_institution() {
        let text = VALID.replace("model = \"4\"", "model = \"5\"").replace(
            "\n[term]",
            "\n[[ip.licences]]\nid = \"teaching\"\ncovers = [\"lambert-results\"]\nto = [\"riverside\"]\nkind = \"non_exclusive\"\npurposes = [\"teaching\"]\n\n[term]",
        );
        assert_eq!(
            findings(&text),
            [(
                "W0591",
                "Lambert model 5 reserves to \"riverside\" no right to use the results, and the licence \"teaching\" grants it one".to_owned()
            )]
        );
    }
}
