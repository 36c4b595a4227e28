//! Rules on the data elements a flow carries and the de-identification methods its recipients accept:
//! Safe Harbor data keeps none of the 18 identifiers, a limited data set none of the direct ones, a
//! recipient limited to de-identified data receives no identifier, each recipient accepts the flow's
//! method, and free text in data that is not identified is questioned. The HIPAA lists apply to flows
//! under HIPAA only. Imports the model, the rule catalogue, span paths (`path!`) and the validation
//! context (`super`).

use super::{Annotate, Ctx};
use crate::model::{
    Charter, DataElement, DataFlow, DeidMethod, HeldCeiling, Identifiability, Lookup, Partner,
    Regime,
};
use crate::path;
use crate::rules;

pub(super) fn check(c: &Charter, index: &Lookup<'_>, ctx: &mut Ctx<'_, '_>) {
    for (i, f) in c.data_flows.iter().enumerate() {
        if c.regime(f) == Some(Regime::Hipaa) {
            match f.identifiability {
                Identifiability::DeidentifiedSafeHarbor => safe_harbor(i, f, ctx),
                Identifiability::LimitedDataSet => limited_data_set(i, f, ctx),
                _ => {}
            }
            ceilings(c, index, i, f, ctx);
        }
        methods(c, index, i, f, ctx);
        free_text(i, f, ctx);
    }
}

/// Data de-identified by the Safe Harbor method keeps none of the 18 identifiers.
fn safe_harbor(i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    for (k, e) in f.elements.iter().enumerate() {
        if !e.is_safe_harbor_identifier() {
            continue;
        }
        let instead = match e.generalised() {
            Some(g) => format!("write \"{}\" in its place", g.key()),
            None => format!("remove \"{}\" from `elements`", e.key()),
        };
        ctx.at(
            &rules::SAFE_HARBOR_IDENTIFIER,
            path!["data_flows", i, "elements", k],
            format!(
                "\"{}\" is de-identified by the Safe Harbor method, but carries {}, one of the 18 identifiers that method removes",
                f.name,
                e.label()
            ),
        )
        .with(
            "a Safe Harbor identifier",
            format!(
                "{instead}; if the recipients need it, write `identifiability = \"deidentified_expert\"` once an expert has determined the risk very small"
            ),
        );
    }
}

/// A limited data set keeps none of the direct identifiers.
fn limited_data_set(i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    for (k, e) in f.elements.iter().enumerate() {
        if !e.is_direct_identifier() {
            continue;
        }
        let instead = match e {
            DataElement::StreetAddress => {
                "write \"city\" or \"zip5\" in its place, which a limited data set may keep"
                    .to_owned()
            }
            _ => format!("remove \"{}\" from `elements`", e.key()),
        };
        ctx.at(
            &rules::LIMITED_DATA_SET_DIRECT_IDENTIFIER,
            path!["data_flows", i, "elements", k],
            format!(
                "\"{}\" is a limited data set, but carries {}, a direct identifier that a limited data set excludes",
                f.name,
                e.label()
            ),
        )
        .with(
            "a direct identifier",
            format!(
                "{instead}; if the recipients need it, write `identifiability = \"identified\"`"
            ),
        );
    }
}

/// A recipient limited to de-identified data or less receives none of the 18 identifiers, unless an
/// expert's determination it accepts covers them. Data that claims Safe Harbor is E0520's, a tier above
/// the ceiling E0404's and a method the ceiling refuses E0523's.
fn ceilings(c: &Charter, index: &Lookup<'_>, i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    let identifiers: Vec<DataElement> = f
        .elements
        .iter()
        .copied()
        .filter(|e| e.is_safe_harbor_identifier())
        .collect();
    if identifiers.is_empty() || f.identifiability == Identifiability::DeidentifiedSafeHarbor {
        return;
    }
    for (k, r) in f.recipients.iter().enumerate() {
        let Some(p) = index.partner(r) else { continue };
        let partner = &c.partners[p];
        for held in c.ceilings_for(partner, f) {
            identifiers_above(i, k, f, partner, held, &identifiers, ctx);
        }
    }
}

/// One ceiling that holds for a recipient, limited to de-identified data or less, receives none of the
/// identifiers a flow carries.
fn identifiers_above(
    i: usize,
    k: usize,
    f: &DataFlow,
    partner: &Partner,
    held: HeldCeiling<'_>,
    identifiers: &[DataElement],
    ctx: &mut Ctx<'_, '_>,
) {
    let (ceiling, tier) = (held.ceiling, f.identifiability);
    if ceiling.level() > Identifiability::DeidentifiedSafeHarbor.level()
        || tier.level() > ceiling.level()
        || DeidMethod::of(tier).is_some()
    {
        return;
    }
    let words: Vec<&str> = identifiers.iter().map(|e| e.label()).collect();
    let keys: Vec<String> = identifiers
        .iter()
        .map(|e| format!("\"{}\"", e.key()))
        .collect();
    ctx.at(
        &rules::IDENTIFIER_ABOVE_DATA_CEILING,
        path!["data_flows", i, "recipients", k],
        format!(
            "{} may receive nothing more identifiable than {}{}, but \"{}\" sends it {}, identifiers that the Safe Harbor method removes",
            partner.short_name,
            ceiling.label(),
            held.in_phase(),
            f.name,
            words.join(", ")
        ),
    )
    .with(
        "receives identifiers above its data ceiling",
        format!(
            "remove {} from `elements`, or send {} a separate flow without them",
            keys.join(", "),
            partner.short_name
        ),
    );
}

/// Each recipient whose ceiling names its de-identification methods accepts the flow's.
fn methods(c: &Charter, index: &Lookup<'_>, i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    let Some(method) = DeidMethod::of(f.identifiability) else {
        return;
    };
    for (k, r) in f.recipients.iter().enumerate() {
        let Some(p) = index.partner(r) else { continue };
        let partner = &c.partners[p];
        for held in c.ceilings_for(partner, f) {
            method_refused(i, k, f, partner, held, method, ctx);
        }
    }
}

/// One ceiling that holds for a recipient, and names its methods, accepts the flow's.
fn method_refused(
    i: usize,
    k: usize,
    f: &DataFlow,
    partner: &Partner,
    held: HeldCeiling<'_>,
    method: DeidMethod,
    ctx: &mut Ctx<'_, '_>,
) {
    let r = &partner.id;
    let Some(accepted) = held.ceiling.methods() else {
        return;
    };
    if accepted.contains(&method) {
        return;
    }
    let accepted_words: Vec<&str> = accepted.iter().map(|m| m.label()).collect();
    let mut both: Vec<&str> = accepted.iter().map(|m| method_key(*m)).collect();
    both.push(method_key(method));
    let both: Vec<String> = both.iter().map(|m| format!("\"{m}\"")).collect();
    ctx.at(
        &rules::DEIDENTIFICATION_METHOD_NOT_ACCEPTED,
        path!["data_flows", i, "recipients", k],
        format!(
            "{} accepts de-identified data only by {}{}, but \"{}\" is de-identified by {}",
            partner.short_name,
            accepted_words.join(" or "),
            held.in_phase(),
            f.name,
            method.label()
        ),
    )
    .with(
        "a method its data ceiling does not accept",
        format!(
            "add \"{}\" to the `methods` of the `data_ceiling` of {}, as `methods = [{}]`, or remove \"{r}\" from `recipients`",
            method_key(method),
            partner.short_name,
            both.join(", ")
        ),
    );
}

/// The method as the organiser writes it.
fn method_key(m: DeidMethod) -> &'static str {
    match m {
        DeidMethod::SafeHarbor => "safe_harbor",
        DeidMethod::ExpertDetermination => "expert_determination",
    }
}

/// Free text in data that is not identified may name anyone: the notes are questioned until they are
/// said to be redacted.
fn free_text(i: usize, f: &DataFlow, ctx: &mut Ctx<'_, '_>) {
    if f.identifiability == Identifiability::Identified {
        return;
    }
    for (k, e) in f.elements.iter().enumerate() {
        if !e.may_hide_identifiers() {
            continue;
        }
        ctx.at(
            &rules::FREE_TEXT_IN_DEIDENTIFIED_DATA,
            path!["data_flows", i, "elements", k],
            format!(
                "\"{}\" carries {} in {}: free text can name patients, dates and record numbers that no list of elements shows",
                f.name,
                e.label(),
                f.identifiability.label()
            ),
        )
        .with(
            "free text in data that is not identified",
            "write \"redacted_free_text_notes\" in its place once the identifiers are removed from the notes, or remove it",
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::tests::findings;

    /// An audit extract de-identified by the Safe Harbor method, under HIPAA by its terms.
    const AUDIT: &str = include_str!("../../tests/fixtures/valid/safe-harbor-identifier.toml");

    #[test]
    fn a_safe_harbor_identifier_names_its_generalisation() {
        let zip = AUDIT.replace("\"zip3\"", "\"zip5\"");
        assert_eq!(
            findings(&zip),
            [(
                "E0520",
                "\"Sepsis audit extract\" is de-identified by the Safe Harbor method, but carries five-digit ZIP codes, one of the 18 identifiers that method removes".to_owned()
            )]
        );
    }

    #[test]
    fn an_expert_may_keep_what_safe_harbor_removes_and_a_limited_data_set_keeps_dates() {
        let expert = AUDIT
            .replace("\"zip3\"", "\"zip5\", \"dates_finer_than_year\"")
            .replace("\"deidentified_safe_harbor\"", "\"deidentified_expert\"");
        assert!(findings(&expert).is_empty(), "{:?}", findings(&expert));
        let lds = expert
            .replace("\"deidentified_expert\"", "\"limited_data_set\"")
            .replace("data_ceiling = \"deidentified_safe_harbor\"\n", "")
            .replace("\"charter_only\"", "\"data_use_agreement\"")
            .replace(
                "end_of_use",
                "breach_notification = \"5 days\"\naccess_review = \"quarterly\"\ntraining = \"HIPAA training\"\nend_of_use",
            );
        assert!(findings(&lds).is_empty(), "{:?}", findings(&lds));
        let named = lds.replace("\"zip5\"", "\"names\"");
        assert_eq!(
            findings(&named),
            [(
                "E0521",
                "\"Sepsis audit extract\" is a limited data set, but carries names, a direct identifier that a limited data set excludes".to_owned()
            )]
        );
    }

    #[test]
    fn the_hipaa_lists_do_not_apply_under_the_gdpr() {
        let uk = AUDIT
            .replace("\"zip3\"", "\"zip5\"")
            .replace("\"deidentified_safe_harbor\"", "\"anonymised\"")
            .replace("scope = ", "privacy_regime = \"uk_gdpr\"\nscope = ");
        assert!(findings(&uk).is_empty(), "{:?}", findings(&uk));
    }
}
