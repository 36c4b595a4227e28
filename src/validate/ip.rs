//! Rules on intellectual property.

use rustc_hash::FxHashMap;

use super::{Annotate, Ctx};
use crate::model::{Charter, IpTerms, Ownership, TransferTime};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    let Some(ip) = &c.ip else { return };
    if ip.foreground_expected == Some(false)
        && !(ip.foreground.is_empty() && ip.licences.is_empty())
    {
        let listed = if ip.foreground.is_empty() {
            "licences of foreground IP"
        } else {
            "categories of foreground IP"
        };
        ctx.at(
            &rules::FOREGROUND_NOT_EXPECTED,
            path!["ip", "foreground_expected"],
            format!("the partners expect no new IP, yet `[ip]` lists {listed}"),
        )
        .with(
            "contradicts the IP listed",
            "remove `foreground_expected = false`, or the `[[ip.foreground]]` and `[[ip.licences]]` entries",
        );
    }
    outbound(ip, ctx);
    contributions(ip, ctx);
    transfers(c, ip, ctx);
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

/// Each outbound licence is an SPDX expression of listed, current licences, and each foreground category
/// is released under one of them at most.
fn outbound(ip: &IpTerms, ctx: &mut Ctx<'_, '_>) {
    let mut released: FxHashMap<&str, &str> = FxHashMap::default();
    for (i, o) in ip.outbound.iter().enumerate() {
        let at = path!["ip", "outbound", i, "licence"];
        match super::licences::check(&o.licence) {
            Err(problem) => {
                let example = problem.suggestion.as_deref().unwrap_or("Apache-2.0");
                let hint = match problem.suggestion.as_deref() {
                    Some(best) => format!(
                        "did you mean \"{best}\"? Write `licence = \"{example}\"`, or another identifier of the SPDX licence list (https://spdx.org/licenses/)"
                    ),
                    None => format!(
                        "write an identifier of the SPDX licence list (https://spdx.org/licenses/), such as `licence = \"{example}\"` or `\"MIT OR Apache-2.0\"`"
                    ),
                };
                ctx.at(&rules::UNKNOWN_SPDX_LICENCE, at, problem.message)
                    .with("not an SPDX licence", hint);
            }
            Ok(deprecated) => {
                for d in deprecated {
                    let hint = if d.replacements.is_empty() {
                        "the SPDX licence list names no replacement: check the licence list (https://spdx.org/licenses/) for the identifier the partners mean".to_owned()
                    } else {
                        let ids: Vec<String> = d
                            .replacements
                            .iter()
                            .map(|r| format!("`\"{r}\"`"))
                            .collect();
                        format!("write {} instead", ids.join(" or "))
                    };
                    ctx.at(
                        &rules::DEPRECATED_SPDX_LICENCE,
                        at,
                        format!("\"{}\" is a deprecated SPDX licence identifier", d.id),
                    )
                    .with("deprecated identifier", hint);
                }
            }
        }
        for (k, f) in o.covers.iter().enumerate() {
            if let Some(first) = released.insert(f.as_str(), o.id.as_str()) {
                released.insert(f.as_str(), first);
                ctx.at(
                    &rules::FOREGROUND_RELEASED_TWICE,
                    path!["ip", "outbound", i, "covers", k],
                    format!("\"{f}\" is already released under the outbound licence \"{first}\""),
                )
                .with(
                    "released twice",
                    format!("cover \"{f}\" in one `[[ip.outbound]]` only, and join its licences with `OR` (the recipient chooses) or `AND` (both apply)"),
                );
            }
        }
    }
}

/// A holder of signed agreements needs an agreement that is signed and held.
fn contributions(ip: &IpTerms, ctx: &mut Ctx<'_, '_>) {
    let Some(contrib) = &ip.contributions else {
        return;
    };
    if contrib.held_by.is_some() && !contrib.agreements.iter().any(|a| a.is_cla()) {
        ctx.at(
            &rules::HOLDER_WITHOUT_CLA,
            path!["ip", "contributions", "held_by"],
            "a DCO sign-off is made in each contribution, so there are no signed agreements to hold",
        )
        .with(
            "nothing to hold",
            "remove `held_by`, or add \"individual_cla\" or \"corporate_cla\" to `agreements`",
        );
    }
}

/// A transfer goes to someone else, within the term.
fn transfers(c: &Charter, ip: &IpTerms, ctx: &mut Ctx<'_, '_>) {
    let start = c.takes_effect();
    let end = super::term_end(c);
    for (i, t) in ip.transfers.iter().enumerate() {
        if t.from == t.to {
            ctx.at(
                &rules::TRANSFER_TO_ITSELF,
                path!["ip", "transfers", i, "to"],
                format!(
                    "\"{}\" would transfer \"{}\" to itself",
                    t.from, t.description
                ),
            )
            .with(
                "same as `from`",
                "write in `to` the partner or organisation that receives the IP",
            );
        }
        let Some(TransferTime::By(date)) = t.when else {
            continue;
        };
        let outside = if let Some(start) = start.filter(|s| date < *s) {
            Some(format!("before the effective date, {start}"))
        } else {
            end.filter(|e| date > *e)
                .map(|e| format!("after the end of the term, {e}"))
        };
        if let Some(outside) = outside {
            ctx.at(
                &rules::TRANSFER_OUTSIDE_TERM,
                path!["ip", "transfers", i, "when"],
                format!(
                    "the transfer of \"{}\" is due on {date}, {outside}",
                    t.description
                ),
            )
            .with(
                "outside the term",
                "write a date within the term, or `when = \"on_signing\"`",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::findings;

    const TRANSFER: &str = include_str!("../../tests/fixtures/valid/transfer-outside-term.toml");

    #[test]
    fn a_transfer_after_the_term_is_warned_of_with_the_end() {
        let late = TRANSFER.replace("when = 2026-03-31", "when = 2028-02-01");
        assert_eq!(
            findings(&late),
            [(
                "W0464",
                "the transfer of \"osprey-project.org\" is due on 2028-02-01, after the end of the term, 2027-12-31".to_owned()
            )]
        );
        let last_day = TRANSFER.replace("when = 2026-03-31", "when = 2027-12-31");
        assert!(findings(&last_day).is_empty());
    }

    #[test]
    fn a_transfer_on_signing_or_with_no_time_is_within_the_term() {
        for when in ["when = \"on_signing\"", ""] {
            let text = TRANSFER.replace("when = 2026-03-31", when);
            assert!(findings(&text).is_empty(), "{when}: {:?}", findings(&text));
        }
    }

    #[test]
    fn a_holder_of_corporate_agreements_is_no_error() {
        let text = TRANSFER.replace(
            "\n[[ip.transfers]]",
            "\n[ip.contributions]\nagreements = [\"corporate_cla\"]\nheld_by = \"foundation\"\n\n[[ip.transfers]]",
        );
        assert!(findings(&text).is_empty(), "{:?}", findings(&text));
        let unknown = text.replace("held_by = \"foundation\"", "held_by = \"nobody\"");
        assert_eq!(findings(&unknown)[0].0, "E0302");
    }
}
