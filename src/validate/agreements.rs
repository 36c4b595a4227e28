//! Rules on the agreement a data flow is made under and the basis it rests on: an agreement's own term
//! (E0570–W0573, and E0417 for its renewal period), and the bases and conditions of each data protection
//! law (E0574–W0577). Imports only the model, the rule catalogue, span paths (`path!`) and the validation
//! context (`super`).

use super::{Annotate, Ctx, term_end};
use crate::model::{Basis, Charter, DataFlow, Law, Regime, Renewal, UseEnd};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, ctx: &mut Ctx<'_, '_>) {
    for (i, f) in c.data_flows.iter().enumerate() {
        if f.agreement_term.is_some() {
            agreement_term(c, i, f, ctx);
        }
        let regime = c.regime(f);
        if let Some(law) = regime.and_then(Law::of) {
            other_law(i, f, regime, law, ctx);
        }
        if let Some(r) = regime.filter(|r| r.is_gdpr()) {
            gdpr(i, f, r, ctx);
        }
    }
}

/// An agreement's own term: there is an agreement to run, its renewal terms fit together, and it lasts as
/// long as the data flows under it, or renews.
fn agreement_term(c: &Charter, i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    let Some(t) = &f.agreement_term else { return };
    if !f.agreement.is_agreement() {
        ctx.at(
            &rules::AGREEMENT_TERM_WITHOUT_AGREEMENT,
            path!["data_flows", i, "agreement_term"],
            format!(
                "\"{}\" gives the term of its agreement, but is made under {}",
                f.name,
                c.charter.kind.reword(f.agreement.label())
            ),
        )
        .with(
            "no agreement to run",
            "name the agreement, e.g. `agreement = \"data_sharing_agreement\"`, or remove `agreement_term`",
        );
        return;
    }
    match (t.renewal, t.renewal_period) {
        (Renewal::Automatic, None) => {
            ctx.at(
                &rules::RENEWAL_WITHOUT_PERIOD,
                path!["data_flows", i, "agreement_term", "renewal"],
                format!(
                    "the agreement of \"{}\" renews automatically, but for how long is not said",
                    f.name
                ),
            )
            .with(
                "no `renewal_period`",
                "add `renewal_period = \"1 year\"` to `agreement_term`",
            );
        }
        (Renewal::None | Renewal::ByAgreement, Some(_)) => {
            ctx.at(
                &rules::RENEWAL_WITHOUT_PERIOD,
                path!["data_flows", i, "agreement_term", "renewal_period"],
                format!(
                    "a renewal period is given, but the agreement of \"{}\" does not renew automatically",
                    f.name
                ),
            )
            .with(
                "unused",
                "remove `renewal_period`, or write `renewal = \"automatic\"`",
            );
        }
        _ => {}
    }
    if t.notice.is_some() && t.renewal != Renewal::Automatic {
        ctx.at(
            &rules::AGREEMENT_NOTICE_WITHOUT_AUTOMATIC_RENEWAL,
            path!["data_flows", i, "agreement_term", "notice"],
            format!(
                "the agreement of \"{}\" gives notice to stop a renewal, but does not renew automatically",
                f.name
            ),
        )
        .with(
            "no renewal to stop",
            "remove `notice`, or write `renewal = \"automatic\"` with `renewal_period = \"1 year\"`",
        );
    }
    if !t.renews() {
        outlived(c, i, f, ctx);
    }
}

/// An agreement that does not renew ends no earlier than the use of the data it covers: the end of the
/// charter's term (W0571), or the dated end of use that comes first (W0572).
fn outlived(c: &Charter, i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    let Some(ends) = c.agreement_ends(f) else {
        return;
    };
    let end = term_end(c).filter(|e| c.term_starts().is_none_or(|s| s <= *e));
    let dated = c.dated_use_end(f, end);
    let style = c.charter.date_style;
    match (dated, end) {
        // The use ends before the term does, on a known day.
        (Some((day, event)), _) if end.is_none_or(|e| day < e) => {
            if day <= ends {
                return;
            }
            let on = match event {
                UseEnd::Phase(id) => {
                    let name = c
                        .phases
                        .iter()
                        .find(|p| p.id == *id)
                        .map_or(id.as_str(), |p| &p.name);
                    format!(
                        "at the end of the phase \"{name}\", on {}",
                        style.write(day)
                    )
                }
                _ => format!("on {}", style.write(day)),
            };
            ctx.at(
                &rules::USE_OUTLIVES_AGREEMENT,
                path!["data_flows", i, "agreement_term", "length"],
                format!(
                    "the use of \"{}\" ends {on}, but its agreement ends on {} and does not renew",
                    f.name,
                    style.write(ends)
                ),
            )
            .with(
                "the use outlives its agreement",
                format!(
                    "end the use by then, e.g. `use_ends = [{{ date = {ends} }}]`, or write `renewal = \"by_agreement\"` in `agreement_term`"
                ),
            );
        }
        (_, Some(end)) if ends < end => {
            ctx.at(
                &rules::AGREEMENT_ENDS_BEFORE_TERM,
                path!["data_flows", i, "agreement_term", "length"],
                format!(
                    "the agreement of \"{}\" ends on {} and does not renew, but {} runs until {}",
                    f.name,
                    style.write(ends),
                    c.charter.kind.this(),
                    style.write(end)
                ),
            )
            .with(
                "ends before the term",
                format!(
                    "write `renewal = \"by_agreement\"` in `agreement_term`, or a `length` that reaches {end}"
                ),
            );
        }
        _ => {}
    }
}

/// A flow's basis and Article 9 condition belong to its law: no basis of HIPAA under a GDPR, no lawful
/// basis or condition of the GDPR under HIPAA.
fn other_law(i: usize, f: &DataFlow, regime: Option<Regime>, law: Law, ctx: &mut Ctx<'_, '_>) {
    let name = regime.map_or("no stated law", Regime::name);
    if let Some(basis) = f.basis
        && let Some(theirs) = basis.law().filter(|l| *l != law)
    {
        let words = match theirs {
            Law::Hipaa => match basis.citation() {
                Some(cite) => format!("a basis of HIPAA ({cite})"),
                None => "a basis of HIPAA (a data use or business associate agreement)".to_owned(),
            },
            Law::Gdpr => format!(
                "a lawful basis of GDPR Article 6(1)({})",
                basis.article_6_point().unwrap_or('?')
            ),
        };
        ctx.at(
            &rules::BASIS_OF_ANOTHER_REGIME,
            path!["data_flows", i, "basis"],
            format!(
                "\"{}\" is made under {name}, but `basis = \"{}\"` is {words}",
                f.name,
                basis_key(basis)
            ),
        )
        .with(
            format!("not a basis of {name}"),
            match law {
                Law::Gdpr => gdpr_instead(basis, f),
                Law::Hipaa => hipaa_instead(basis, f),
            },
        );
    }
    if law == Law::Hipaa && f.special_category_condition.is_some() {
        ctx.at(
            &rules::BASIS_OF_ANOTHER_REGIME,
            path!["data_flows", i, "special_category_condition"],
            format!(
                "\"{}\" is made under HIPAA, but a condition of Article 9(2) is a term of the GDPR",
                f.name
            ),
        )
        .with(
            "not a term of HIPAA",
            "remove `special_category_condition`, or write the flow's `regime = \"uk_gdpr\"` (or \"eu_gdpr\")",
        );
    }
}

/// The GDPR bases that fit a flow in place of a HIPAA basis, as a hint.
fn gdpr_instead(basis: Basis, f: &DataFlow) -> String {
    let personal = f.identifiability.is_identifiable();
    let (basis_words, condition) = match basis {
        Basis::PatientAuthorization => (
            "`basis = \"consent\"` (Article 6(1)(a))",
            "explicit_consent",
        ),
        Basis::PublicHealth => (
            "`basis = \"public_task\"` (Article 6(1)(e))",
            "public_health",
        ),
        _ => (
            "`basis = \"public_task\"` (Article 6(1)(e), a public body) or `\"legitimate_interests\"` (6(1)(f))",
            "research",
        ),
    };
    let agreement = if basis == Basis::Agreement {
        "an agreement is not a lawful basis under the GDPR: "
    } else {
        ""
    };
    if personal {
        format!(
            "{agreement}write {basis_words} with `special_category_condition = \"{condition}\"`, or leave `basis` out"
        )
    } else {
        format!(
            "{agreement}write `basis = \"not_needed\"` for data that is not personal data, or leave `basis` out"
        )
    }
}

/// The HIPAA bases that fit a flow in place of a GDPR basis, as a hint: those that let its data flow under
/// its agreement, or without one.
fn hipaa_instead(basis: Basis, f: &DataFlow) -> String {
    if !f.identifiability.is_identifiable() {
        return "write `basis = \"not_needed\"`: the data is not protected health information"
            .to_owned();
    }
    if f.agreement.is_agreement() {
        return "write `basis = \"agreement\"`, or leave `basis` out: the flow rests on its agreement"
            .to_owned();
    }
    match basis {
        Basis::Consent | Basis::Contract | Basis::VitalInterests => {
            "write `basis = \"patient_authorization\"` (45 CFR 164.508), or `\"irb_waiver\"`".to_owned()
        }
        _ => "write `basis = \"public_health\"` (reporting to a public health authority, 45 CFR 164.512(b)) or `\"irb_waiver\"` (164.512(i))".to_owned(),
    }
}

/// The value of `basis` as the organiser writes it.
fn basis_key(basis: Basis) -> String {
    serde_json::to_value(basis)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Under the UK or EU GDPR: personal data needs a lawful basis, health data a condition of Article 9(2)
/// as well, and a condition needs a lawful basis beside it.
fn gdpr(i: usize, f: &DataFlow, regime: Regime, ctx: &mut Ctx<'_, '_>) {
    let personal = f.identifiability.is_identifiable();
    let tier = f.identifiability.label_under(Some(regime));
    if personal && f.basis == Some(Basis::NotNeeded) {
        ctx.at(
            &rules::BASIS_NOT_NEEDED_FOR_PERSONAL_DATA,
            path!["data_flows", i, "basis"],
            format!(
                "\"{}\" carries {tier} under {}, yet says no basis is needed",
                f.name,
                regime.name()
            ),
        )
        .with(
            "personal data needs a lawful basis",
            if f.concerns_health() {
                "write `basis = \"public_task\"` with `special_category_condition = \"research\"`, or leave `basis` out"
            } else {
                "write `basis = \"public_task\"` or `\"legitimate_interests\"`, or leave `basis` out"
            },
        );
    }
    let lawful = f.basis.is_some_and(|b| b.law() == Some(Law::Gdpr));
    if personal && lawful && f.special_category_condition.is_none() && f.concerns_health() {
        let hint = if f.basis == Some(Basis::Consent) {
            "add `special_category_condition = \"explicit_consent\"` (Article 9(2)(a))"
        } else {
            "add `special_category_condition = \"research\"` (Article 9(2)(j)), or `\"health_or_social_care\"` (9(2)(h)) or `\"public_health\"` (9(2)(i))"
        };
        ctx.at(
            &rules::HEALTH_DATA_WITHOUT_CONDITION,
            path!["data_flows", i, "basis"],
            format!(
                "\"{}\" carries {tier} concerning health under an Article 6 basis, but states no condition of Article 9(2)",
                f.name
            ),
        )
        .with("no Article 9 condition", hint);
    }
    if f.special_category_condition.is_some() && matches!(f.basis, None | Some(Basis::NotNeeded)) {
        let (message, hint) = if f.basis.is_none() {
            (
                format!(
                    "\"{}\" states a condition of Article 9(2), but no lawful basis of Article 6(1)",
                    f.name
                ),
                "add `basis = \"public_task\"` (or `\"legitimate_interests\"`, `\"consent\"`)",
            )
        } else {
            (
                format!(
                    "\"{}\" says no basis is needed, yet states a condition of Article 9(2)",
                    f.name
                ),
                "remove `special_category_condition` for data that is not personal data, or write `basis = \"public_task\"`",
            )
        };
        ctx.at(
            &rules::CONDITION_WITHOUT_LAWFUL_BASIS,
            path!["data_flows", i, "special_category_condition"],
            message,
        )
        .with("no lawful basis", hint);
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::findings;

    /// A limited data set under a data use agreement of 6 months that does not renew, in a 12-month term
    /// from 2026-01-01.
    const SHORT: &str =
        include_str!("../../tests/fixtures/invalid/agreement-ends-before-term.toml");

    /// Pseudonymised data under the UK GDPR, resting on a public task with no Article 9 condition.
    const UNCONDITIONED: &str =
        include_str!("../../tests/fixtures/invalid/health-data-without-condition.toml");

    fn codes(text: &str) -> Vec<&'static str> {
        findings(text).into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn an_agreement_signed_later_or_that_renews_covers_the_term() {
        assert_eq!(codes(SHORT), ["W0571"]);
        let signed_later = SHORT.replace(
            "renewal = \"none\" }",
            "renewal = \"none\", signed = 2026-07-01 }",
        );
        assert!(
            codes(&signed_later).is_empty(),
            "{:?}",
            findings(&signed_later)
        );
        let signed_early = SHORT.replace(
            "renewal = \"none\" }",
            "renewal = \"none\", signed = 2026-06-30 }",
        );
        assert_eq!(codes(&signed_early), ["W0571"]);
        let automatic = SHORT.replace(
            "renewal = \"none\" }",
            "renewal = \"automatic\", renewal_period = \"6 months\", notice = \"30 days\" }",
        );
        assert!(codes(&automatic).is_empty(), "{:?}", findings(&automatic));
        let unperiodic = SHORT.replace("renewal = \"none\" }", "renewal = \"automatic\" }");
        assert_eq!(codes(&unperiodic), ["E0417"]);
    }

    #[test]
    fn a_use_that_ends_with_the_agreement_or_without_a_known_day_is_not_checked() {
        let undated = SHORT.replace(
            "end_of_use = \"destroy\"\n",
            "end_of_use = \"destroy\"\nuse_ends = [\"termination\"]\n",
        );
        // The use still runs with the term at the latest.
        assert_eq!(codes(&undated), ["W0571"]);
        // Standing terms of reference, with no term to end.
        let standing = SHORT
            .replace(
                "version = \"1.0\"\n",
                "version = \"1.0\"\nkind = \"terms_of_reference\"\n",
            )
            .split("[term]")
            .next()
            .map(str::to_owned)
            .expect("text");
        assert!(codes(&standing).is_empty(), "{:?}", findings(&standing));
        let dated = standing.replace(
            "end_of_use = \"destroy\"\n",
            "end_of_use = \"destroy\"\nuse_ends = [{ date = 2026-07-01 }]\n",
        );
        assert_eq!(codes(&dated), ["W0572"]);
    }

    #[test]
    fn a_gdpr_basis_on_a_hipaa_flow_names_the_hipaa_bases_that_fit() {
        let under_dua = SHORT
            .replace("basis = \"agreement\"", "basis = \"public_task\"")
            .replace("renewal = \"none\" }", "renewal = \"by_agreement\" }");
        let found = findings(&under_dua);
        assert_eq!(codes(&under_dua), ["E0574"], "{found:?}");
        assert!(found[0].1.contains("Article 6(1)(e)"), "{found:?}");
        let alone = under_dua.replace(
            "agreement = \"data_use_agreement\"",
            "agreement = \"charter_only\"",
        );
        // Under this charter alone, E0405 and E0570 say what else is missing.
        assert!(codes(&alone).contains(&"E0574"), "{:?}", findings(&alone));
        let condition = SHORT
            .replace("renewal = \"none\" }", "renewal = \"by_agreement\" }")
            .replace(
                "basis = \"agreement\"",
                "basis = \"agreement\"\nspecial_category_condition = \"research\"",
            );
        assert_eq!(codes(&condition), ["E0574"]);
    }

    #[test]
    fn data_that_is_not_health_data_needs_no_article_9_condition() {
        assert_eq!(codes(UNCONDITIONED), ["W0576"]);
        let contacts = UNCONDITIONED.replace(
            "basis = \"public_task\"",
            "basis = \"public_task\"\nelements = [\"names\", \"email_addresses\"]",
        );
        assert!(codes(&contacts).is_empty(), "{:?}", findings(&contacts));
        let results = UNCONDITIONED.replace(
            "basis = \"public_task\"",
            "basis = \"public_task\"\nelements = [\"names\", \"laboratory_results\"]",
        );
        assert_eq!(codes(&results), ["W0576"]);
        let consent = UNCONDITIONED.replace("basis = \"public_task\"", "basis = \"consent\"");
        let found = findings(&consent);
        assert!(found[0].1.contains("Article 9(2)"), "{found:?}");
        let aggregate = UNCONDITIONED.replace(
            "identifiability = \"pseudonymised\"",
            "identifiability = \"aggregate\"",
        );
        assert!(codes(&aggregate).is_empty(), "{:?}", findings(&aggregate));
    }
}
