//! Rules on a flow's data use conditions (GA4GH Data Use Ontology codes): each code that needs a detail
//! has it, each detail has its code, the codes do not contradict each other, and data for not-for-profit
//! use only does not flow to a company. The codes themselves are a closed vocabulary, which loading
//! enforces. Imports the model, the rule catalogue, span paths (`path!`) and the validation context
//! (`super`).

use super::{Annotate, Ctx};
use crate::model::{
    Charter, DATA_USE_DETAILS, DataFlow, DataUse, DuoModifier, DuoPermission, Lookup, PartnerKind,
};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, f) in c.data_flows.iter().enumerate() {
        let Some(u) = &f.data_use else { continue };
        details(i, f, u, ctx);
        contradictions(i, f, u, ctx);
        if u.modifiers.contains(&DuoModifier::Npu) {
            companies(c, index, i, f, ctx);
        }
    }
}

/// Whether the conditions include the code `code`, as a permission or as a modifier.
fn has_code(u: &DataUse, code: &str) -> bool {
    u.permission.code() == code || u.modifiers.iter().any(|m| m.code() == code)
}

/// Every code that needs a detail has it, and every detail has its code.
fn details(i: usize, f: &DataFlow, u: &DataUse, ctx: &mut Ctx<'_, '_>) {
    for &(key, code) in DATA_USE_DETAILS {
        match (has_code(u, code), u.has_detail(key)) {
            (true, false) => {
                let at = if code == u.permission.code() {
                    path!["data_flows", i, "data_use", "permission"]
                } else {
                    path!["data_flows", i, "data_use", "modifiers"]
                };
                ctx.at(
                    &rules::DATA_USE_DETAIL_MISSING,
                    at,
                    format!(
                        "\"{}\" is limited by {code}, but its `{key}` is not given",
                        f.name
                    ),
                )
                .with(
                    format!("{code} needs `{key}`"),
                    format!("add `{key} = {}` to `data_use`", example(key)),
                );
            }
            (false, true) => {
                ctx.at(
                    &rules::DATA_USE_DETAIL_WITHOUT_CODE,
                    path!["data_flows", i, "data_use", key],
                    format!(
                        "\"{}\" gives a `{key}`, but its data use conditions have no {code}",
                        f.name
                    ),
                )
                .with(
                    format!("{code} is not among the codes"),
                    if code == "DS" {
                        format!("write `permission = \"DS\"`, or remove `{key}`")
                    } else {
                        format!("add \"{code}\" to `modifiers`, or remove `{key}`")
                    },
                );
            }
            _ => {}
        }
    }
}

/// An example value of a detail, as TOML.
fn example(key: &str) -> &'static str {
    match key {
        "disease" => "\"sepsis\"",
        "moratorium" => "2027-01-01",
        "time_limit" => "\"3 years\"",
        "geography" => "\"the United Kingdom\"",
        _ => "\"cardiovascular outcomes research\"",
    }
}

/// No modifier twice, no restriction on NRES, no NPOA on POA.
fn contradictions(i: usize, f: &DataFlow, u: &DataUse, ctx: &mut Ctx<'_, '_>) {
    let mut seen: Vec<DuoModifier> = Vec::with_capacity(u.modifiers.len());
    for (k, &m) in u.modifiers.iter().enumerate() {
        let problem = if seen.contains(&m) {
            Some(format!("{} is listed twice", m.code()))
        } else if u.permission == DuoPermission::Nres {
            Some(format!(
                "NRES allows use with no restriction, but {} restricts it",
                m.code()
            ))
        } else if u.permission == DuoPermission::Poa && m == DuoModifier::Npoa {
            Some(
                "POA allows only research on population origins or ancestry, which NPOA forbids"
                    .to_owned(),
            )
        } else {
            None
        };
        seen.push(m);
        if let Some(problem) = problem {
            ctx.at(
                &rules::DATA_USE_CONTRADICTION,
                path!["data_flows", i, "data_use", "modifiers", k],
                format!(
                    "the data use conditions of \"{}\" contradict themselves: {problem}",
                    f.name
                ),
            )
            .with(
                "contradicts the other codes",
                "remove this code, or change the permission",
            );
        }
    }
}

/// A recipient that is a company receives data limited to not-for-profit organisations.
fn companies(c: &Charter, index: &Lookup<'_>, i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    for (k, r) in f.recipients.iter().enumerate() {
        let Some(p) = index.partner(r) else { continue };
        let partner = &c.partners[p];
        if partner.kind == PartnerKind::Industry {
            ctx.at(
                &rules::NOT_FOR_PROFIT_DATA_TO_A_COMPANY,
                path!["data_flows", i, "recipients", k],
                format!(
                    "\"{}\" is for not-for-profit use only (NPU), but {} is a company",
                    f.name, partner.short_name
                ),
            )
            .with(
                "a company receives NPU data",
                "remove the company, use NCU (non-commercial use) instead of NPU, or accept the warning for this flow",
            );
        }
    }
}
