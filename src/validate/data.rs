//! Rules on data flows, flow by flow: who receives it, what identifiable data needs, and how it ends.
//! Imports only the model, the rule catalogue, span paths (`path!`) and the validation context (`super`).

use super::{Annotate, Ctx, and_list, term_end};
use crate::model::{
    Agreement, Basis, Charter, DataFlow, Date, EndOfUse, HeldCeiling, Identifiability, Law, Lookup,
    Partner, Regime, RegimeSource, Renewal, Safeguard, UseEnd, every_words,
};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, f) in c.data_flows.iter().enumerate() {
        recipients(c, index, i, f, ctx);
        let found = c.regime_of(f);
        let regime = found.map(|(r, _)| r);
        let hipaa_phi = regime == Some(Regime::Hipaa) && f.identifiability.is_identifiable();
        // Under HIPAA, E0405 already says identifiable data lacks its agreement.
        if !hipaa_phi {
            basis_agreement(i, f, ctx);
        }
        match regime {
            Some(Regime::Hipaa) if f.identifiability.is_identifiable() => identifiable(i, f, ctx),
            Some(r) if r.is_gdpr() => gdpr(i, f, r, ctx),
            None if f.identifiability.is_identifiable() => unstated(i, f, ctx),
            _ => {}
        }
        // Only a law the charter states makes the other law's terms wrong: an implied HIPAA is read
        // from those very terms.
        if let Some((regime, RegimeSource::Flow | RegimeSource::Charter)) = found
            && let Some(law) = Law::of(regime)
        {
            other_law(i, f, regime, law, ctx);
        }
        safeguards(i, f, regime, ctx);
        refresher(c, i, ctx);
        end_of_use_deadline(i, f, ctx);
        use_ends(c, i, ctx);
        retention(c, i, ctx);
    }
}

/// Identifiable data says where it is stored, who may access it, how often that access is reviewed
/// and what training comes before it: one finding on the flow for each it leaves out, naming the key
/// with a value to write.
fn safeguards(i: usize, f: &DataFlow, regime: Option<Regime>, ctx: &mut Ctx<'_, '_>) {
    for missing in f.missing_safeguards() {
        let tier = f.identifiability.label_under(regime);
        let (rule, says, hint) = match missing {
            Safeguard::Storage => (
                &rules::IDENTIFIABLE_DATA_WITHOUT_STORAGE,
                "where it is stored",
                "add `storage = \"The recipient's secure research enclave, encrypted at rest\"`"
                    .to_owned(),
            ),
            Safeguard::Access => (
                &rules::IDENTIFIABLE_DATA_WITHOUT_ACCESS,
                "who may access it",
                "add `access = \"Named analysts approved by the steering committee\"`".to_owned(),
            ),
            Safeguard::AccessReview => (
                &rules::IDENTIFIABLE_DATA_WITHOUT_ACCESS_REVIEW,
                "how often access to it is reviewed",
                "add `access_review = \"quarterly\"` (or \"monthly\", \"semiannually\", \"annually\")"
                    .to_owned(),
            ),
            Safeguard::Training => (
                &rules::IDENTIFIABLE_DATA_WITHOUT_TRAINING,
                "what training comes before access",
                format!(
                    "add `training = {{ course = \"{}\", every = \"1 year\" }}`, or `training = \"...\"` for training once before access",
                    training_example(regime)
                ),
            ),
        };
        ctx.at(
            rule,
            path!["data_flows", i],
            format!("\"{}\" carries {tier} but does not say {says}", f.name),
        )
        .with(format!("no `{}`", missing.key()), hint);
    }
}

/// A course to name in a hint, in the words of the flow's law.
fn training_example(regime: Option<Regime>) -> &'static str {
    match regime {
        Some(Regime::Hipaa) => "HIPAA privacy and security training",
        Some(r) if r.is_gdpr() => "Data protection training",
        _ => "Privacy and security training",
    }
}

/// A training refresher is no longer than the data may be used: its first falls `every` after the
/// document takes effect, and the use ends with a term that does not renew, or on the earliest dated
/// event of `use_ends`, at the latest.
fn refresher(c: &Charter, i: usize, ctx: &mut Ctx<'_, '_>) {
    let f = &c.data_flows[i];
    let Some(every) = f.training.as_ref().and_then(|t| t.every) else {
        return;
    };
    let Some(start) = c.takes_effect() else {
        return;
    };
    // A term that renews goes on past the end of its first period, and its refreshers with it: only a
    // dated `use_ends` ends the use then.
    let end = c
        .term
        .as_ref()
        .filter(|t| t.renewal == Renewal::None)
        .and_then(|_| term_end(c));
    let Some((last, when)) = last_day_of_use(c, f, end) else {
        return;
    };
    let when = if Some(last) == end && when == "with the term" {
        format!("with the term, on {last}")
    } else {
        when
    };
    // A refresher on the day after the last day of use is the length of the use: an annual refresher
    // in a 12-month term is what most charters write, and only a longer one is reported.
    let first = every.after(start);
    if every.count == 0 || first <= last.add_days(1) {
        return;
    }
    ctx.at(
        &rules::TRAINING_REFRESHER_AFTER_USE,
        path!["data_flows", i, "training", "every"],
        format!(
            "the training for \"{}\" is completed again {}, first on {first}, longer than the data may be used: its use ends {when}",
            f.name,
            every_words(every)
        ),
    )
    .with(
        "longer than the use",
        "write a shorter `every`, such as `every = \"1 year\"`, or leave `every` out for training once before access",
    );
}

/// A flow goes to partners other than its provider, each allowed to receive data this identifiable.
fn recipients(c: &Charter, index: &Lookup<'_>, i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    let tier = f.identifiability;
    for (k, r) in f.recipients.iter().enumerate() {
        if f.provider.contains(r) {
            ctx.at(
                &rules::FLOW_TO_PROVIDER,
                path!["data_flows", i, "recipients", k],
                format!("\"{r}\" both provides and receives \"{}\"", f.name),
            )
            .with("also the provider", "remove the provider from `recipients`");
        }
        let Some(p) = index.partner(r) else { continue };
        let partner = &c.partners[p];
        for held in c.ceilings_for(partner, f) {
            if tier.level() > held.ceiling.level() {
                above_ceiling(c, i, k, f, partner, held, ctx);
            }
        }
    }
}

/// A recipient receives data above a ceiling that holds while the flow runs: its `data_ceiling` (E0404)
/// or its ceiling in one of the flow's phases (E0580). The hint names the phases whose ceilings allow
/// the data, when the flow could be limited to them.
fn above_ceiling(
    c: &Charter,
    i: usize,
    k: usize,
    f: &DataFlow,
    partner: &Partner,
    held: HeldCeiling<'_>,
    ctx: &mut Ctx<'_, '_>,
) {
    let tier = f.identifiability;
    let phases = c.phases_of(f);
    let allowing: Vec<String> = partner
        .phase_ceilings
        .iter()
        .filter(|pc| tier.level() <= pc.data_ceiling.level())
        .filter(|pc| phases.iter().any(|p| p.id == pc.phase))
        .map(|pc| format!("\"{}\"", pc.phase))
        .collect();
    let own: Vec<String> = partner
        .phase_ceilings
        .iter()
        .filter_map(|pc| c.phases.iter().find(|p| p.id == pc.phase))
        .map(|p| format!("\"{}\"", p.name))
        .collect();
    let limit = if allowing.is_empty() {
        String::new()
    } else {
        format!(
            "limit the flow to the phases that allow it, `during = [{}]`, ",
            allowing.join(", ")
        )
    };
    let (rule, when, raise) = match held.phase {
        None if own.is_empty() => (
            &rules::RECIPIENT_ABOVE_DATA_CEILING,
            String::new(),
            "its `data_ceiling`",
        ),
        None => (
            &rules::RECIPIENT_ABOVE_DATA_CEILING,
            format!(" outside {}", and_list(&own)),
            "its `data_ceiling`",
        ),
        Some(phase) => (
            &rules::RECIPIENT_ABOVE_PHASE_CEILING,
            format!(" in the phase \"{}\"", phase.name),
            "its ceiling for the phase in `phase_ceilings`",
        ),
    };
    ctx.at(
        rule,
        path!["data_flows", i, "recipients", k],
        format!(
            "{} may receive nothing more identifiable than {}{when}, but \"{}\" sends it {}",
            partner.short_name,
            held.ceiling.label(),
            f.name,
            tier.label()
        ),
    )
    .with(
        "receives more identifiable data than allowed",
        format!(
            "{limit}send {} a less identifiable tier (a separate flow), or raise {raise}",
            partner.short_name
        ),
    );
}

/// Identifiable data needs an agreement and a breach notification window within the HIPAA limit.
fn identifiable(i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    let tier = f.identifiability;
    let basis_suffices = f.basis.is_some_and(Basis::permits_phi_without_agreement);
    if matches!(f.agreement, Agreement::None | Agreement::CharterOnly) && !basis_suffices {
        ctx.at(
            &rules::IDENTIFIABLE_DATA_WITHOUT_AGREEMENT,
            path!["data_flows", i, "agreement"],
            format!(
                "\"{}\" carries {} under {}",
                f.name,
                tier.label(),
                f.agreement.label()
            ),
        )
        .with("identifiable data needs an agreement", fitting_bases(tier));
    }
    if f.basis == Some(Basis::NotNeeded) {
        ctx.at(
            &rules::BASIS_NOT_NEEDED_FOR_PHI,
            path!["data_flows", i, "basis"],
            format!(
                "\"{}\" carries {}, which is protected health information, yet says no basis is needed",
                f.name,
                tier.label()
            ),
        )
        .with("protected health information needs a basis", if f.agreement.is_agreement() {
            "write `basis = \"agreement\"`, or leave `basis` out: the flow rests on its agreement"
        } else {
            "write `basis = \"patient_authorization\"` or `\"irb_waiver\"`, or leave `basis` out and name an agreement"
        });
    }
    if let Some(window) = f.breach_notification
        && window.approx_days() > HIPAA_BREACH_DAYS
    {
        ctx.at(
            &rules::BREACH_NOTIFICATION_TOO_LATE,
            path!["data_flows", i, "breach_notification"],
            format!(
                "\"{}\" allows {window} to notify a breach of {}, longer than the 60 days HIPAA allows",
                f.name,
                tier.label()
            ),
        )
        .with(
            "beyond 60 days",
            "write at most \"60 days\"; contracts commonly require 1 to 5 business days",
        );
    }
    if f.breach_notification.is_none() {
        ctx.at(&rules::IDENTIFIABLE_DATA_WITHOUT_BREACH_WINDOW, path!["data_flows", i], format!("\"{}\" carries {} but says nothing about breach notification", f.name, tier.label()))
            .with("no `breach_notification`", "add `breach_notification = \"1 business day\"` (contracts often require 1 business day; HIPAA allows at most 60 days)");
    }
}

/// The bases that fit identifiable data under HIPAA, as a hint: identified data may flow with each
/// patient's authorization or an IRB waiver, or to a business associate under its agreement; a
/// limited data set under a data use agreement.
fn fitting_bases(tier: Identifiability) -> &'static str {
    if tier == Identifiability::LimitedDataSet {
        "write `agreement = \"data_use_agreement\"` (a limited data set), or `basis = \"patient_authorization\"` or `\"irb_waiver\"`"
    } else {
        "write `basis = \"patient_authorization\"` or `\"irb_waiver\"` (or `\"public_health\"` for reporting to a public health authority), or `agreement = \"business_associate_agreement\"` (a vendor handling PHI)"
    }
}

/// A flow that says it rests on its agreement names one.
fn basis_agreement(i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    if f.basis != Some(Basis::Agreement) || f.agreement.is_agreement() {
        return;
    }
    ctx.at(
        &rules::BASIS_AGREEMENT_WITHOUT_AGREEMENT,
        path!["data_flows", i, "basis"],
        format!(
            "\"{}\" rests on its agreement, but is made under {}",
            f.name,
            f.agreement.label()
        ),
    )
    .with(
        "no agreement to rest on",
        "name the agreement, e.g. `agreement = \"data_sharing_agreement\"`, or leave `basis` out",
    );
}

/// Identifiable data with no law stated or implied: say which law applies, so that its rules can be
/// checked.
fn unstated(i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    ctx.at(
        &rules::PRIVACY_REGIME_UNSTATED,
        path!["data_flows", i, "identifiability"],
        format!(
            "\"{}\" carries {}, but the charter states no data protection law, so none of its rules can be checked",
            f.name,
            f.identifiability.label()
        ),
    )
    .with(
        "under which law?",
        "add `privacy_regime = \"uk_gdpr\"` to `[charter]` (or \"hipaa\", \"eu_gdpr\", \"none_stated\"), or `regime = \"uk_gdpr\"` to this flow",
    );
}

/// Personal data under the UK or EU GDPR: a processor's contract, and a breach window that leaves the
/// controller its 72 hours.
fn gdpr(i: usize, f: &DataFlow, regime: Regime, ctx: &mut Ctx<'_, '_>) {
    let personal = f.identifiability.is_identifiable();
    if personal && matches!(f.agreement, Agreement::None | Agreement::CharterOnly) {
        ctx.at(
            &rules::PERSONAL_DATA_WITHOUT_AGREEMENT,
            path!["data_flows", i, "agreement"],
            format!(
                "\"{}\" carries {} under {} with {}",
                f.name,
                f.identifiability.label_under(Some(regime)),
                regime.name(),
                f.agreement.label()
            ),
        )
        .with(
            "a processor needs an Article 28 contract",
            "write `agreement = \"data_processing_agreement\"` (a processor) or `\"data_sharing_agreement\"` (between controllers)",
        );
    }
    if let Some(window) = f.breach_notification
        && personal
        && window.approx_hours() > GDPR_BREACH_HOURS
    {
        ctx.at(
            &rules::BREACH_WINDOW_BEYOND_72_HOURS,
            path!["data_flows", i, "breach_notification"],
            format!(
                "\"{}\" allows {window} to notify a personal data breach, longer than the 72 hours the controller has to notify {}",
                f.name,
                regime.supervisory_authority()
            ),
        )
        .with(
            "beyond 72 hours",
            "write at most \"72 hours\", such as `breach_notification = \"24 hours\"`",
        );
    }
}

/// A flow under one law uses no term of art of the other: HIPAA's tiers and agreements under a GDPR, the
/// GDPR's under HIPAA.
fn other_law(i: usize, f: &DataFlow, regime: Regime, law: Law, ctx: &mut Ctx<'_, '_>) {
    let terms: [(Option<Law>, &'static str, String, &str); 2] = [
        (
            f.identifiability.term_of(),
            "identifiability",
            f.identifiability.label().to_owned(),
            tier_instead(f.identifiability),
        ),
        (
            f.agreement.term_of(),
            "agreement",
            f.agreement.label().to_owned(),
            agreement_instead(f.agreement),
        ),
    ];
    for (term_law, key, words, instead) in terms {
        let Some(term_law) = term_law.filter(|l| *l != law) else {
            continue;
        };
        let theirs = match term_law {
            Law::Hipaa => "HIPAA",
            Law::Gdpr => "the GDPR",
        };
        ctx.at(
            &rules::TERM_OF_ANOTHER_REGIME,
            path!["data_flows", i, key],
            format!(
                "\"{}\" is made under {}, but {words} is a term of {theirs}",
                f.name,
                regime.name()
            ),
        )
        .with(format!("a term of {theirs}"), instead.to_owned());
    }
}

/// What to write for a tier of the other law.
fn tier_instead(tier: Identifiability) -> &'static str {
    match tier {
        Identifiability::LimitedDataSet => {
            "write `identifiability = \"pseudonymised\"` for data without direct identifiers, or correct the flow's `regime`"
        }
        Identifiability::DeidentifiedSafeHarbor | Identifiability::DeidentifiedExpert => {
            "write `identifiability = \"anonymised\"` (or \"pseudonymised\" if the data can still be linked to a person), or correct the flow's `regime`"
        }
        Identifiability::Pseudonymised => {
            "write `identifiability = \"limited_data_set\"`, or correct the flow's `regime`"
        }
        _ => {
            "write `identifiability = \"deidentified_expert\"` or \"deidentified_safe_harbor\", or correct the flow's `regime`"
        }
    }
}

/// What to write for an agreement of the other law.
fn agreement_instead(agreement: Agreement) -> &'static str {
    match agreement {
        Agreement::DataProcessingAgreement => {
            "write `agreement = \"business_associate_agreement\"` (a vendor handling PHI), or correct the flow's `regime`"
        }
        _ => {
            "write `agreement = \"data_processing_agreement\"` (a processor) or `\"data_sharing_agreement\"`, or correct the flow's `regime`"
        }
    }
}

/// The GDPR's 72 hours (Article 33(1)).
const GDPR_BREACH_HOURS: u64 = 72;

/// Data to be returned or destroyed has a deadline for it.
fn end_of_use_deadline(i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
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

/// Why an event of the term cannot end a use under this charter, if it cannot, with the label and hint
/// of the finding: there is no `[term]` to end, the term states no ground of termination, or it says
/// nothing of withdrawal.
fn not_in_term(c: &Charter, event: &UseEnd) -> Option<(&'static str, String, &'static str)> {
    match (event, &c.term) {
        (UseEnd::TermEnd | UseEnd::Termination | UseEnd::Withdrawal, None) => Some((
            "no `[term]`",
            format!(
                "{} {} no `[term]`, and so no end of term, termination or withdrawal",
                c.charter.kind.this(),
                c.charter.kind.verb("has", "have")
            ),
            "write a date or a phase instead, such as `use_ends = [{ date = 2027-06-30 }]`, or add a `[term]`",
        )),
        (UseEnd::Termination, Some(t)) if t.termination_grounds().is_empty() => Some((
            "no ground of termination",
            "`[term]` states no ground on which it may be terminated".to_owned(),
            "remove `\"termination\"`, or state its grounds in `[term]`, such as `termination = [\"by_agreement\"]`",
        )),
        (UseEnd::Withdrawal, Some(t)) if !t.states_withdrawal() => Some((
            "no withdrawal",
            "`[term]` says nothing of a partner's withdrawal".to_owned(),
            "remove `\"withdrawal\"`, or give `[term]` a `withdrawal_notice = \"90 days\"`",
        )),
        _ => None,
    }
}

/// Each event that ends a flow's use can happen: the term's events under a `[term]` that provides them,
/// a date within the term.
fn use_ends(c: &Charter, i: usize, ctx: &mut Ctx<'_, '_>) {
    let f = &c.data_flows[i];
    let (start, end) = (c.term_starts(), term_end(c));
    for (k, event) in f.use_ends.iter().flatten().enumerate() {
        if let Some((label, reason, hint)) = not_in_term(c, event) {
            ctx.at(
                &rules::USE_END_NOT_IN_TERM,
                path!["data_flows", i, "use_ends", k],
                format!(
                    "the use of \"{}\" ends with `{event}`, but {reason}",
                    f.name
                ),
            )
            .with(label, hint);
        }
        let UseEnd::Date(date) = event else { continue };
        let outside = if let Some(start) = start.filter(|s| date < s) {
            Some(format!("before the term begins, on {start}"))
        } else {
            end.filter(|e| date > e)
                .map(|e| format!("after the term ends, on {e}"))
        };
        if let Some(outside) = outside {
            ctx.at(
                &rules::USE_END_OUTSIDE_TERM,
                path!["data_flows", i, "use_ends", k, "date"],
                format!("the use of \"{}\" ends on {date}, {outside}", f.name),
            )
            .with(
                "outside the term",
                "write a date within the term, or `\"term_end\"` for the end of the term",
            );
        }
    }
}

/// The HIPAA Breach Notification Rule's outer limit: 60 calendar days after discovery.
const HIPAA_BREACH_DAYS: u64 = 60;

/// The day a flow's use ends at the latest, with the words for it: the earliest dated event of its
/// `use_ends` when it comes before the last day of the term, `end`, and otherwise that day. A document
/// with no term (a standing one) has a last day only when `use_ends` dates one.
fn last_day_of_use(c: &Charter, f: &DataFlow, end: Option<Date>) -> Option<(Date, String)> {
    let before_end = |day: Date| end.is_none_or(|e| day < e);
    match (c.dated_use_end(f, end), end) {
        (Some((day, UseEnd::Phase(id))), _) if before_end(day) => {
            let name = c
                .phases
                .iter()
                .find(|p| p.id == *id)
                .map_or(id.as_str(), |p| &p.name);
            Some((day, format!("at the end of the phase \"{name}\", on {day}")))
        }
        (Some((day, _)), _) if before_end(day) => Some((day, format!("on {day}"))),
        (_, Some(end)) => Some((end, "with the term".to_owned())),
        _ => None,
    }
}

/// Retention that cannot be performed together with the end-of-use terms of the same flow.
fn retention(c: &Charter, i: usize, ctx: &mut Ctx<'_, '_>) {
    let f = &c.data_flows[i];
    match (f.end_of_use, f.retention, f.end_within) {
        (EndOfUse::Retain, _, Some(within)) => {
            ctx.at(
                &rules::RETENTION_CONTRADICTS_END_OF_USE,
                path!["data_flows", i, "end_within"],
                format!(
                    "\"{}\" is retained when its use ends, yet must be returned or destroyed within {within}",
                    f.name
                ),
            )
            .with(
                "contradicts `end_of_use = \"retain\"`",
                "remove `end_within`, or choose `end_of_use = \"destroy\"` or `\"return\"`",
            );
        }
        (EndOfUse::Return | EndOfUse::Destroy | EndOfUse::ReturnOrDestroy, Some(kept), within) => {
            let Some(start) = c.term_starts() else {
                return;
            };
            let end = term_end(c);
            if end.is_some_and(|e| e < start) {
                return;
            }
            // The latest the data can still exist under the end-of-use terms: the day its use ends at the
            // latest (a phase's end or a date of `use_ends` before the term's), plus the deadline for
            // return or destruction.
            let Some((last, when)) = last_day_of_use(c, f, end) else {
                return;
            };
            let gone_by = within.map_or(last, |w| w.after(last));
            let kept_until = kept.after(start);
            if kept_until > gone_by {
                ctx.at(
                    &rules::RETENTION_CONTRADICTS_END_OF_USE,
                    path!["data_flows", i, "retention"],
                    format!(
                        "\"{}\" is kept for {kept} (until {kept_until}), but must be gone by {gone_by}, when its use ends {when}",
                        f.name
                    ),
                )
                .with(
                    "outlives the end of use",
                    "shorten `retention`, or choose `end_of_use = \"retain\"` if the recipients must keep the data; keep the records of the flow with `records_retention = \"6 years\"`",
                );
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::findings;

    /// A 12-month term from 2026-01-01; the extract's use ends on termination or on 2026-09-30, and it
    /// is destroyed within 30 days.
    const DATED: &str = include_str!("../../tests/fixtures/valid/use-end-outside-term.toml");

    /// A limited data set under this charter alone.
    const UNAGREED: &str =
        include_str!("../../tests/fixtures/invalid/identifiable-data-without-agreement.toml");

    #[test]
    fn a_basis_that_permits_phi_silences_e0405_and_others_do_not() {
        let with = |basis: &str| {
            UNAGREED.replace(
                "agreement = \"charter_only\"",
                &format!("agreement = \"charter_only\"\nbasis = \"{basis}\""),
            )
        };
        for basis in ["patient_authorization", "irb_waiver", "public_health"] {
            assert!(
                findings(&with(basis)).is_empty(),
                "{basis}: {:?}",
                findings(&with(basis))
            );
        }
        let codes = |text: &str| {
            findings(text)
                .into_iter()
                .map(|(c, _)| c)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&with("agreement")), ["E0405"]);
        assert_eq!(codes(&with("not_needed")), ["E0405", "E0550"]);
    }

    #[test]
    fn retention_is_checked_against_a_use_that_ends_before_the_term() {
        let kept = DATED.replace(
            "end_of_use = \"destroy\"",
            "retention = \"9 months\"\nend_of_use = \"destroy\"",
        );
        // 9 months from 2026-01-01 end on 2026-10-01, before the data must be gone.
        assert!(findings(&kept).is_empty(), "{:?}", findings(&kept));
        let longer = kept.replace("\"9 months\"", "\"12 months\"");
        assert_eq!(
            findings(&longer),
            [(
                "E0436",
                "\"Audit extract\" is kept for 12 months (until 2027-01-01), but must be gone by 2026-10-30, when its use ends on 2026-09-30".to_owned()
            )]
        );
        // Without the date, the same retention ends before the term's end plus 30 days.
        let with_the_term = longer.replace(", { date = 2026-09-30 }", "");
        assert!(
            findings(&with_the_term).is_empty(),
            "{:?}",
            findings(&with_the_term)
        );
    }

    #[test]
    fn a_document_without_a_term_checks_retention_against_a_dated_end_of_use() {
        let standing = include_str!("../../tests/fixtures/valid/use-end-not-in-term.toml");
        let kept = standing.replace(
            "end_of_use = \"destroy\"",
            "retention = \"2 years\"\nend_of_use = \"destroy\"",
        );
        assert_eq!(
            findings(&kept),
            [(
                "E0436",
                "\"Audit extract\" is kept for 2 years (until 2028-01-01), but must be gone by 2027-01-30, when its use ends on 2026-12-31".to_owned()
            )]
        );
        // With no date, nothing says when its use ends.
        let undated = kept.replace("use_ends = [{ date = 2026-12-31 }]\n", "");
        assert!(findings(&undated).is_empty(), "{:?}", findings(&undated));
    }

    #[test]
    fn a_use_cannot_end_on_a_termination_or_withdrawal_the_term_does_not_provide() {
        let no_grounds = DATED.replace(
            "termination_notice = \"30 days\"\ncure_period = \"30 days\"\n",
            "",
        );
        assert_eq!(
            findings(&no_grounds),
            [(
                "E0496",
                "the use of \"Audit extract\" ends with `termination`, but `[term]` states no ground on which it may be terminated".to_owned()
            )]
        );
        let no_withdrawal = DATED
            .replace("\"termination\", ", "\"withdrawal\", ")
            .replace("withdrawal_notice = \"30 days\"\n", "");
        let no_withdrawal =
            no_withdrawal[..no_withdrawal.find("on_withdrawal").expect("on_withdrawal")].to_owned();
        assert_eq!(
            findings(&no_withdrawal),
            [(
                "E0496",
                "the use of \"Audit extract\" ends with `withdrawal`, but `[term]` says nothing of a partner's withdrawal".to_owned()
            )]
        );
    }

    #[test]
    fn records_kept_long_after_the_data_are_no_contradiction() {
        let records = DATED.replace("\"6 years\"", "\"25 years\"");
        assert!(findings(&records).is_empty(), "{:?}", findings(&records));
    }

    /// A limited data set with every safeguard: 12 months from 2026-01-01, no renewal.
    const GUARDED: &str =
        include_str!("../../tests/fixtures/valid/identifiable-data-without-training.toml");

    fn codes(text: &str) -> Vec<&'static str> {
        findings(text).into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn data_that_identifies_no_one_needs_no_safeguard() {
        let bare = DATED
            .replace("storage = \"Hillcrest's audit database\"\n", "")
            .replace("access = \"The audit team\"\n", "");
        assert!(findings(&bare).is_empty(), "{:?}", findings(&bare));
        for tier in ["limited_data_set", "identified"] {
            let identifiable = bare.replace(
                "identifiability = \"aggregate\"\nagreement = \"charter_only\"",
                &format!(
                    "identifiability = \"{tier}\"\nagreement = \"data_use_agreement\"\nbreach_notification = \"1 day\""
                ),
            );
            assert_eq!(
                codes(&identifiable),
                ["E0560", "E0561", "W0562", "W0563"],
                "{tier}"
            );
        }
    }

    #[test]
    fn each_missing_safeguard_is_named_and_the_training_hint_speaks_the_flows_law() {
        let uk = GUARDED
            .replace("scope = ", "privacy_regime = \"uk_gdpr\"\nscope = ")
            .replace("\"limited_data_set\"", "\"pseudonymised\"")
            .replace("\"data_use_agreement\"", "\"data_sharing_agreement\"")
            .replace(
                "training = { course = \"HIPAA privacy and security training\", every = \"1 year\" }\n",
                "",
            );
        let diagnostics = crate::validate::tests::diagnostics(&uk);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(d.rule.code, "W0563");
        assert_eq!(
            d.message,
            "\"Sepsis audit extract\" carries pseudonymised personal data but does not say what training comes before access"
        );
        assert_eq!(d.label, "no `training`");
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("course = \"Data protection training\"")),
            "{:?}",
            d.hint
        );
    }

    #[test]
    fn a_refresher_as_long_as_the_term_is_no_contradiction_and_a_longer_one_is() {
        let every = |period: &str| GUARDED.replace("\"1 year\" }", &format!("\"{period}\" }}"));
        for period in ["1 year", "12 months", "6 months", "365 days"] {
            assert!(findings(&every(period)).is_empty(), "{period}");
        }
        assert_eq!(
            findings(&every("13 months")),
            [(
                "W0564",
                "the training for \"Sepsis audit extract\" is completed again every 13 months, first on 2027-02-01, longer than the data may be used: its use ends with the term, on 2026-12-31".to_owned()
            )]
        );
        // A term that renews goes on, and its refreshers with it.
        let renewing = every("2 years").replace(
            "renewal = \"none\"",
            "renewal = \"automatic\"\nrenewal_period = \"1 year\"",
        );
        assert!(findings(&renewing).is_empty(), "{:?}", findings(&renewing));
        // A dated end of use comes first.
        let dated = every("1 year").replace(
            "end_of_use = \"destroy\"",
            "use_ends = [{ date = 2026-06-30 }]\nend_of_use = \"destroy\"",
        );
        assert_eq!(codes(&dated), ["W0564"]);
        // A refresher of zero is E0439's, not this rule's.
        assert_eq!(codes(&every("0 days")), ["E0439"]);
    }

    #[test]
    fn a_date_of_use_ends_is_within_the_term() {
        let early = DATED.replace("2026-09-30", "2025-12-31");
        assert_eq!(
            findings(&early),
            [(
                "E0495",
                "the use of \"Audit extract\" ends on 2025-12-31, before the term begins, on 2026-01-01".to_owned()
            )]
        );
        let last_day = DATED.replace("2026-09-30", "2026-12-31");
        assert!(findings(&last_day).is_empty(), "{:?}", findings(&last_day));
    }
}
