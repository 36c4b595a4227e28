//! Rules on intellectual property.

use super::{Annotate, Ctx};
use crate::model::{Charter, Ownership};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(ip) = &c.ip else { return };
    for (i, f) in ip.foreground.iter().enumerate() {
        let (needs, has_owner, has_shares, has_fields) = (
            f.ownership,
            f.owner.is_some(),
            !f.shares.is_empty(),
            !f.fields.is_empty(),
        );
        let problem = match needs {
            Ownership::Creator if has_owner || has_shares || has_fields => {
                Some("ownership by the creator takes no `owner`, `shares` or `fields`")
            }
            Ownership::Partner if !has_owner => Some("ownership by one partner needs `owner`"),
            Ownership::Partner if has_shares || has_fields => {
                Some("ownership by one partner takes only `owner`")
            }
            Ownership::Joint if !has_shares => Some("joint ownership needs `shares`"),
            Ownership::Joint if has_owner || has_fields => {
                Some("joint ownership takes only `shares`")
            }
            Ownership::ByField if !has_fields => Some("ownership by field needs `fields`"),
            Ownership::ByField if has_owner || has_shares => {
                Some("ownership by field takes only `fields`")
            }
            _ => None,
        };
        if let Some(problem) = problem {
            ctx.at(&rules::OWNERSHIP_TERMS_MISMATCH, path!["ip", "foreground", i, "ownership"], format!("\"{}\": {problem}", f.category))
                .with("ownership model", "\"partner\" takes `owner = \"<id>\"`; \"joint\" takes `shares = [{ partner = \"<id>\", percent = 50 }, …]`; \"by_field\" takes `fields = [{ field = \"…\", owner = \"<id>\" }, …]`; \"creator\" takes none");
        }
        if f.ownership == Ownership::Joint && has_shares {
            let total: u32 = f.shares.iter().map(|s| s.percent).sum();
            if total != 100 {
                ctx.at(
                    &rules::IP_SHARES_NOT_100,
                    path!["ip", "foreground", i, "shares"],
                    format!(
                        "the shares of \"{}\" add up to {total}%, not 100%",
                        f.category
                    ),
                )
                .with(
                    format!("total {total}%"),
                    "adjust the percentages so that they add up to exactly 100",
                );
            }
        }
    }
}
