//! A partner that has withdrawn holds no seat, chairs no body, receives no data and owns no gate.

use super::{Annotate, Ctx};
use crate::model::Charter;
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for p in &c.partners {
        let Some(date) = p.withdrawn else { continue };
        let id = p.id.as_str();
        let gone = format!("{} withdrew on {date}", p.short_name);
        let hint = "remove the withdrawn partner here, as the withdrawal terms say, or remove its `withdrawn` date";
        for (i, body) in c.bodies.iter().enumerate() {
            for (j, m) in body.members.iter().enumerate() {
                if m.partner.as_deref() == Some(id) {
                    ctx.at(
                        &rules::WITHDRAWN_PARTNER_ACTIVE,
                        path!["bodies", i, "members", j, "partner"],
                        format!("{gone} but still holds a seat on \"{}\"", body.name),
                    )
                    .with("withdrawn partner", hint);
                }
            }
            if body.chair.partner.as_deref() == Some(id) {
                ctx.at(
                    &rules::WITHDRAWN_PARTNER_ACTIVE,
                    path!["bodies", i, "chair", "partner"],
                    format!("{gone} but still chairs \"{}\"", body.name),
                )
                .with("withdrawn partner", hint);
            }
        }
        for (i, f) in c.data_flows.iter().enumerate() {
            for (k, r) in f.recipients.iter().enumerate() {
                if r == id {
                    ctx.at(
                        &rules::WITHDRAWN_PARTNER_ACTIVE,
                        path!["data_flows", i, "recipients", k],
                        format!("{gone} but still receives \"{}\"", f.name),
                    )
                    .with("withdrawn partner", hint);
                }
            }
        }
        for (i, phase) in c.phases.iter().enumerate() {
            if phase.gate_owner == id {
                ctx.at(
                    &rules::WITHDRAWN_PARTNER_ACTIVE,
                    path!["phases", i, "gate_owner"],
                    format!("{gone} but still owns the gate of \"{}\"", phase.name),
                )
                .with("withdrawn partner", hint);
            }
        }
    }
}
