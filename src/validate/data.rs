//! Rules on data flows.

use super::{Annotate, Ctx, Index};
use crate::model::{Agreement, Charter, EndOfUse};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Index<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, f) in c.data_flows.iter().enumerate() {
        let tier = f.identifiability;
        for (k, r) in f.recipients.iter().enumerate() {
            if *r == f.provider {
                ctx.at(
                    &rules::FLOW_TO_PROVIDER,
                    path!["data_flows", i, "recipients", k],
                    format!("\"{r}\" both provides and receives \"{}\"", f.name),
                )
                .with("also the provider", "remove the provider from `recipients`");
            }
            let Some(p) = index.partner(r) else { continue };
            let partner = &c.partners[p];
            if let Some(ceiling) = partner.data_ceiling
                && tier.level() > ceiling.level()
            {
                ctx.at(
                        &rules::RECIPIENT_ABOVE_DATA_CEILING,
                        path!["data_flows", i, "recipients", k],
                        format!("{} may receive nothing more identifiable than {}, but \"{}\" sends it {}", partner.short_name, ceiling.label(), f.name, tier.label()),
                    )
                    .with("receives more identifiable data than allowed", format!("send {} a less identifiable tier (a separate flow), or raise its `data_ceiling`", partner.short_name));
            }
        }
        if tier.is_identifiable() {
            if matches!(f.agreement, Agreement::None | Agreement::CharterOnly) {
                ctx.at(&rules::IDENTIFIABLE_DATA_WITHOUT_AGREEMENT, path!["data_flows", i, "agreement"], format!("\"{}\" carries {} under {}", f.name, tier.label(), f.agreement.label()))
                    .with("identifiable data needs an agreement", "write `agreement = \"data_use_agreement\"` (limited data set) or `\"business_associate_agreement\"` (a vendor handling PHI)");
            }
            if f.breach_notification.is_none() {
                ctx.at(&rules::IDENTIFIABLE_DATA_WITHOUT_BREACH_WINDOW, path!["data_flows", i], format!("\"{}\" carries {} but says nothing about breach notification", f.name, tier.label()))
                    .with("no `breach_notification`", "add `breach_notification = \"1 business day\"` (contracts often require 1 business day; HIPAA allows at most 60 days)");
            }
        }
        if matches!(
            f.end_of_use,
            EndOfUse::Return | EndOfUse::Destroy | EndOfUse::ReturnOrDestroy
        ) && f.end_within.is_none()
        {
            ctx.at(
                &rules::END_OF_USE_WITHOUT_DEADLINE,
                path!["data_flows", i, "end_of_use"],
                format!(
                    "\"{}\" must be returned or destroyed, but no deadline is given",
                    f.name
                ),
            )
            .with(
                "when?",
                "add `end_within = \"30 days\"` (or another period)",
            );
        }
    }
}
