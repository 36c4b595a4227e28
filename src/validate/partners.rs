//! A partner that has withdrawn holds no seat, chairs no body, receives no data and owns no gate; its
//! notice came before its withdrawal and was as long as the charter asks; and what survives its
//! withdrawal is stated only for a partner that withdraws, and keeps every obligation it still owns.

use rustc_hash::FxHashMap;

use super::{Annotate, Ctx};
use crate::load::Seg;
use crate::model::{Charter, Partner};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for (i, p) in c.partners.iter().enumerate() {
        notice(c, i, p, ctx);
        surviving(c, i, p, ctx);
    }
    active(c, ctx);
}

/// The notice of a withdrawal comes before it, and is at least the notice the charter asks.
fn notice(c: &Charter, i: usize, p: &Partner, ctx: &mut Ctx<'_, '_>) {
    let (Some(notified), Some(withdrawn)) = (p.withdrawal_notified, p.withdrawn) else {
        return;
    };
    if withdrawn < notified {
        ctx.at(
            &rules::WITHDRAWAL_BEFORE_NOTICE,
            path!["partners", i, "withdrawn"],
            format!(
                "{} withdrew on {withdrawn}, before it gave notice on {notified}",
                p.short_name
            ),
        )
        .with(
            "before the notice",
            "correct one of the dates: `withdrawal_notified` is the day of the written notice, `withdrawn` the day the withdrawal took effect",
        );
        return;
    }
    let Some(period) = c.term.as_ref().and_then(|t| t.withdrawal_notice) else {
        return;
    };
    let earliest = period.after(notified);
    if withdrawn < earliest {
        ctx.at(
            &rules::WITHDRAWAL_NOTICE_SHORT,
            path!["partners", i, "withdrawn"],
            format!(
                "{} gave notice on {notified} and withdrew on {withdrawn}, before the {period} of notice `[term]` asks ran out on {earliest}",
                p.short_name
            ),
        )
        .with(
            "notice too short",
            format!("write `withdrawn = {earliest}` or later, or accept the earlier date in `[[exceptions]]` if the partners agreed it"),
        );
    }
}

/// `surviving` belongs to a partner that withdraws, names confidentiality only where the charter has a
/// confidentiality clause, and keeps every obligation the withdrawn partner still owns.
fn surviving(c: &Charter, i: usize, p: &Partner, ctx: &mut Ctx<'_, '_>) {
    let Some(s) = &p.surviving else { return };
    if !p.is_withdrawing() {
        ctx.at(
            &rules::SURVIVING_WITHOUT_WITHDRAWAL,
            path!["partners", i, "surviving"],
            format!(
                "{} has not withdrawn or given notice, so nothing survives its withdrawal",
                p.short_name
            ),
        )
        .with(
            "no withdrawal",
            "add `withdrawal_notified = 2027-01-15` (the day of its written notice) or `withdrawn`, or remove `surviving`",
        );
    }
    if s.confidentiality && c.confidentiality.is_none() {
        ctx.at(
            &rules::SURVIVING_CONFIDENTIALITY_WITHOUT_CLAUSE,
            path!["partners", i, "surviving", "confidentiality"],
            "confidentiality is to survive the withdrawal, but the charter has no `[confidentiality]`",
        )
        .with(
            "no confidentiality clause",
            "add a `[confidentiality]` table with `covers` and `duration`, or remove `confidentiality = true`",
        );
    }
    if p.withdrawn.is_none() {
        return;
    }
    for (k, o) in c.obligations.iter().enumerate() {
        if o.owner == p.id && !p.obligation_survives(&o.id) {
            ctx.at(
                &rules::WITHDRAWN_OBLIGATION_NOT_SURVIVING,
                path!["obligations", k, "owner"],
                format!(
                    "{} withdrew, and its `surviving` obligations leave out \"{}\", which it still owns",
                    p.short_name, o.action
                ),
            )
            .with(
                "owned by a withdrawn partner",
                format!(
                    "add \"{}\" to the `surviving.obligations` of {}, or give the obligation to another partner",
                    o.id, p.short_name
                ),
            );
        }
    }
}

/// A withdrawn partner holds no seat, chairs no body, receives no data and owns no gate.
fn active(c: &Charter, ctx: &mut Ctx<'_, '_>) {
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
        for (k, o) in body.officers.iter().enumerate() {
            if let Some(id) = o.partner.as_deref() {
                report(id, path!["bodies", i, "officers", k, "partner"], &|| {
                    format!("serves as the {} of \"{}\"", o.role.words(), body.name)
                });
            }
        }
    }
    for (i, f) in c.data_flows.iter().enumerate() {
        for (k, r) in f.recipients.iter().enumerate() {
            report(r, path!["data_flows", i, "recipients", k], &|| {
                format!("receives \"{}\"", f.name)
            });
        }
    }
    for (i, d) in c.decisions.iter().enumerate() {
        for (k, p) in d.consent_of.iter().flat_map(|c| &c.partners).enumerate() {
            report(
                p,
                path!["decisions", i, "consent_of", "partners", k],
                &|| format!("must consent to \"{}\"", d.matter),
            );
        }
    }
    for (i, phase) in c.phases.iter().enumerate() {
        report(&phase.gate_owner, path!["phases", i, "gate_owner"], &|| {
            format!("owns the gate of \"{}\"", phase.name)
        });
    }
}
