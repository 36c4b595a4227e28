//! A partner that has withdrawn holds no seat, chairs no body, receives no data and owns no gate.

use rustc_hash::FxHashMap;

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{Charter, Partner};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    // Every withdrawn partner by id (all of them, should ids repeat), so that one pass over the seats,
    // flows and gates finds every reference to any of them.
    let mut withdrawn: FxHashMap<&str, Vec<&Partner>> = FxHashMap::default();
    for p in c.partners.iter().filter(|p| p.withdrawn.is_some()) {
        withdrawn.entry(p.id.as_str()).or_default().push(p);
    }
    if withdrawn.is_empty() {
        return;
    }
    let mut report = |id: &str, path: &[Seg], what: &dyn Fn() -> String| {
        for p in withdrawn.get(id).into_iter().flatten() {
            let date = p.withdrawn.expect("only withdrawn partners are indexed");
            ctx.at(
                &rules::WITHDRAWN_PARTNER_ACTIVE,
                path,
                format!("{} withdrew on {date} but still {}", p.short_name, what()),
            )
            .with(
                "withdrawn partner",
                "remove the withdrawn partner here, as the withdrawal terms say, or remove its `withdrawn` date",
            );
        }
    };
    for (i, body) in c.bodies.iter().enumerate() {
        for (j, m) in body.members.iter().enumerate() {
            if let Some(id) = m.partner.as_deref() {
                report(id, path!["bodies", i, "members", j, "partner"], &|| {
                    format!("holds a seat on \"{}\"", body.name)
                });
            }
        }
        if let Some(id) = body.chair.as_ref().and_then(|c| c.partner.as_deref()) {
            report(id, path!["bodies", i, "chair", "partner"], &|| {
                format!("chairs \"{}\"", body.name)
            });
        }
    }
    for (i, f) in c.data_flows.iter().enumerate() {
        for (k, r) in f.recipients.iter().enumerate() {
            report(r, path!["data_flows", i, "recipients", k], &|| {
                format!("receives \"{}\"", f.name)
            });
        }
    }
    for (i, phase) in c.phases.iter().enumerate() {
        report(&phase.gate_owner, path!["phases", i, "gate_owner"], &|| {
            format!("owns the gate of \"{}\"", phase.name)
        });
    }
}
