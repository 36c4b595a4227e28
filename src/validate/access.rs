//! Rules on data access governance: an applicant outside the partnership is bound by an agreement of its
//! own, what leaves a secure environment passes a review, and the controllers and processors the charter
//! names match the agreements its data flows are made under. Imports the model, the rule catalogue, span
//! paths (`path!`) and the validation context (`super`).

use super::{Annotate, Ctx};
use crate::model::{Agreement, Charter, DataAccess, Regime};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(a) = &c.data_access else { return };
    if a.admits_non_partners() && a.applicant_agreement.is_none() {
        let at = a
            .applicants
            .iter()
            .position(|x| *x == crate::model::Applicant::NonPartners)
            .unwrap_or_default();
        ctx.at(
            &rules::NON_PARTNER_APPLICANT_UNBOUND,
            path!["data_access", "applicants", at],
            "researchers who are not partners may apply for access, but no agreement binds them: the charter binds only its partners",
        )
        .with(
            "bound by what?",
            "name the agreement they sign before access, for example `applicant_agreement = \"the Data Access Agreement\"`",
        );
    }
    if a.environment.is_some() && a.outputs.is_none() {
        ctx.at(
            &rules::ENVIRONMENT_WITHOUT_OUTPUT_REVIEW,
            path!["data_access", "environment"],
            "the data is used only inside a secure environment, but no decision approves what leaves it",
        )
        .with(
            "what may leave?",
            "name the decision that approves each output before it leaves, for example `outputs = \"output-release\"`",
        );
    }
    roles(c, a, ctx);
    gdpr_roles(c, a, ctx);
}

/// Controllers and processors are the GDPR's roles: under a charter whose law is HIPAA they name nothing
/// the law defines.
fn gdpr_roles(c: &Charter, a: &DataAccess, ctx: &mut Ctx<'_, '_>) {
    if c.charter.privacy_regime != Some(Regime::Hipaa) {
        return;
    }
    let (key, role) = match (a.controllers.is_empty(), a.processors.is_empty()) {
        (true, true) => return,
        (false, _) => ("controllers", "controllers"),
        (true, false) => ("processors", "processors"),
    };
    ctx.at(
        &rules::GDPR_ROLES_UNDER_HIPAA,
        path!["data_access", key],
        format!("`[data_access]` names {role}, a role of the GDPR, in a charter under HIPAA"),
    )
    .with(
        "not a HIPAA role",
        "remove `controllers` and `processors`, and make the flows to a partner that handles the data for another under `agreement = \"business_associate_agreement\"`",
    );
}

/// No partner is both controller and processor, a processor receives data only under a processing
/// agreement, and a processing agreement names a processor as its recipient.
fn roles(c: &Charter, a: &DataAccess, ctx: &mut Ctx<'_, '_>) {
    for (k, p) in a.processors.iter().enumerate() {
        if a.controllers.contains(p) {
            ctx.at(
                &rules::CONTROLLER_AND_PROCESSOR,
                path!["data_access", "processors", k],
                format!("\"{p}\" is named both a controller and a processor of the data"),
            )
            .with(
                "both roles",
                "a partner that decides why the data is processed is a controller: remove it from `processors`, or from `controllers` if it acts only on instructions",
            );
        }
    }
    if a.processors.is_empty() {
        return;
    }
    for (i, f) in c.data_flows.iter().enumerate() {
        let processing = matches!(
            f.agreement,
            Agreement::DataProcessingAgreement | Agreement::BusinessAssociateAgreement
        );
        for (k, r) in f.recipients.iter().enumerate() {
            let processor = a.processors.contains(r);
            if processor && !processing && f.identifiability.is_identifiable() {
                ctx.at(
                    &rules::PROCESSOR_WITHOUT_PROCESSING_AGREEMENT,
                    path!["data_flows", i, "agreement"],
                    format!(
                        "\"{r}\" is a processor, but receives \"{}\" under {}, not under a processing agreement",
                        f.name,
                        f.agreement.label()
                    ),
                )
                .with(
                    "a processor's contract",
                    "write `agreement = \"data_processing_agreement\"` (or, under HIPAA, `\"business_associate_agreement\"`) for the flow to the processor",
                );
            }
            if !processor && f.agreement == Agreement::DataProcessingAgreement {
                ctx.at(
                    &rules::PROCESSING_AGREEMENT_WITHOUT_PROCESSOR,
                    path!["data_flows", i, "recipients", k],
                    format!(
                        "\"{}\" is made under a data processing agreement, but its recipient \"{r}\" is not among the processors",
                        f.name
                    ),
                )
                .with(
                    "not a processor",
                    format!(
                        "add \"{r}\" to `[data_access] processors`, or make the flow under a data sharing agreement if \"{r}\" decides its own use of the data"
                    ),
                );
            }
        }
    }
}
