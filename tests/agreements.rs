//! The agreement of a data flow on its own terms (`agreement_term`) and the bases of the GDPR (`basis`
//! with Article 6, `special_category_condition` with Article 9): said in the flow's clause, carried to
//! the provider's checklist and its calendar, checked by E0570–W0577, and compared by `charter diff`.

mod common;

use common::run_stdin as run;

const RESEARCH: &str = "charters/academic-industry-research.toml";
const UK: &str = "charters/uk-data-access-committee.toml";
const DUA_TERM: &str = "agreement_term = { length = \"3 years\", renewal = \"automatic\", renewal_period = \"1 year\", notice = \"60 days\", signed = 2026-08-17 }\n";
const TRE_BASIS: &str = "basis = \"public_task\"\nspecial_category_condition = \"research\"\npermitted_uses = [\"Hosting";

fn rendered(text: &str) -> String {
    let (code, md, stderr) = run(&["render", "--format", "md", "-o", "-", "-"], text);
    assert_eq!(code, Some(0), "{stderr}");
    md
}

fn checked(text: &str) -> (Option<i32>, String) {
    let (code, _, stderr) = run(&["check", "-"], text);
    (code, stderr)
}

#[test]
fn the_clause_says_the_agreements_term_and_nothing_without_one() {
    let md = rendered(&common::edited(RESEARCH, &[]));
    assert!(
        md.contains("- The data use agreement runs for 3 years from its signature on 2026-08-17, until 2029-08-16, and renews automatically for periods of 1 year unless a party gives 60 days' notice before the end of the current period\n"),
        "{md}"
    );
    // Without `signed`, the agreement runs from the day the charter's term begins.
    let unsigned = rendered(&common::edited(
        RESEARCH,
        &[(", signed = 2026-08-17 }", " }")],
    ));
    assert!(
        unsigned.contains("runs for 3 years from 2026-09-01, until 2029-08-31, and renews"),
        "{unsigned}"
    );
    let silent = rendered(&common::edited(RESEARCH, &[(DUA_TERM, "")]));
    assert!(!silent.contains("agreement runs for"), "{silent}");
}

#[test]
fn the_provider_sees_to_the_agreement_before_it_ends_in_the_checklist_and_the_calendar() {
    let text = common::edited(RESEARCH, &[]);
    let item = common::checklist_item(&text, "flow.biobank-extract.agreement-renewal");
    assert_eq!(item["owner_id"], "halvorsen-medical", "{item}");
    assert_eq!(item["timing"]["date"], "2029-06-18", "{item}");
    assert!(
        item["when"]
            .as_str()
            .is_some_and(|w| w
                .contains("60 days' notice before the data use agreement renews on 2029-08-17")),
        "{item}"
    );
    let (code, ics, stderr) = run(&["checklist", "--format", "ics", "-o", "-", "-"], &text);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        ics.contains("UID:flow.biobank-extract.agreement-renewal.")
            && ics.contains("DTSTART;VALUE=DATE:20290618"),
        "{ics}"
    );
    // By agreement, the item falls due on the last day of the agreement.
    let by_agreement = common::edited(
        RESEARCH,
        &[(
            DUA_TERM,
            "agreement_term = { length = \"5 years\", renewal = \"by_agreement\" }\n",
        )],
    );
    let item = common::checklist_item(&by_agreement, "flow.biobank-extract.agreement-renewal");
    assert_eq!(item["timing"]["date"], "2031-08-31", "{item}");
    assert!(
        item["action"]
            .as_str()
            .is_some_and(|a| a.starts_with("Agree with the recipients whether to renew")),
        "{item}"
    );
    let none = common::checklist_items(&common::edited(RESEARCH, &[(DUA_TERM, "")]));
    assert!(none.iter().all(|i| {
        !i["key"]
            .as_str()
            .unwrap_or("")
            .contains("agreement-renewal")
    }));
}

#[test]
fn an_agreement_that_ends_before_its_use_is_warned_of_and_the_hint_silences_it() {
    let short = common::edited(
        RESEARCH,
        &[(
            DUA_TERM,
            "agreement_term = { length = \"2 years\", renewal = \"none\", signed = 2026-08-17 }\n",
        )],
    );
    // The use ends with the phase 1b study, after the agreement: the use outlives it.
    let (_, stderr) = checked(&short);
    assert!(stderr.contains("W0572"), "{stderr}");
    assert!(
        stderr.contains("at the end of the phase \"Phase 1b study\", on 2029-12-31, but its agreement ends on 2028-08-16"),
        "{stderr}"
    );
    assert!(!stderr.contains("W0571"), "{stderr}");
    // With no phase to end it, the use runs with the charter's term, which the agreement does not reach.
    let short = short.replace(
        "use_ends = [{ phase = \"phase-1b\" }, \"termination\", \"withdrawal\"]",
        "use_ends = [\"termination\", \"withdrawal\"]",
    );
    let (_, stderr) = checked(&short);
    assert!(stderr.contains("W0571"), "{stderr}");
    assert!(!stderr.contains("W0572"), "{stderr}");
    assert!(
        stderr.contains("write `renewal = \"by_agreement\"` in `agreement_term`"),
        "{stderr}"
    );
    let followed = short.replace(
        "renewal = \"none\", signed",
        "renewal = \"by_agreement\", signed",
    );
    let (code, stderr) = checked(&followed);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("W0571"), "{stderr}");
    let (code, stderr) = checked(&common::edited(
        RESEARCH,
        &[(
            "agreement = \"data_use_agreement\"\n# The data use agreement was signed",
            "agreement = \"charter_only\"\n# The data use agreement was signed",
        )],
    ));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0570"), "{stderr}");
}

#[test]
fn the_uk_example_states_its_bases_in_the_words_of_the_law() {
    let md = rendered(&common::edited(UK, &[]));
    assert!(
        md.contains("- Lawful basis (Article 6(1)(e) of the UK GDPR): processing is necessary for the performance of a task carried out in the public interest or in the exercise of official authority vested in the controller\n"),
        "{md}"
    );
    assert!(
        md.contains("(Article 9(2)(j) of the UK GDPR and paragraph 4 of Part 1 of Schedule 1 to the Data Protection Act 2018): processing is necessary for archiving purposes in the public interest"),
        "{md}"
    );
    assert!(
        md.contains("- Legal basis: none is needed, as the data is anonymised or aggregate and so not personal data\n"),
        "{md}"
    );
    assert!(!md.contains("protected health information"), "{md}");
}

#[test]
fn a_hipaa_basis_under_the_uk_gdpr_is_refused_with_the_gdpr_bases_that_fit() {
    let authorized = common::edited(
        UK,
        &[(
            TRE_BASIS,
            "basis = \"patient_authorization\"\npermitted_uses = [\"Hosting",
        )],
    );
    let (code, stderr) = checked(&authorized);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0574"), "{stderr}");
    assert!(
        stderr.contains("write `basis = \"consent\"` (Article 6(1)(a)) with `special_category_condition = \"explicit_consent\"`"),
        "{stderr}"
    );
    let followed = common::edited(
        UK,
        &[(
            TRE_BASIS,
            "basis = \"consent\"\nspecial_category_condition = \"explicit_consent\"\npermitted_uses = [\"Hosting",
        )],
    );
    let (code, stderr) = checked(&followed);
    assert_eq!(code, Some(0), "{stderr}");
    // An Article 6 basis alone, for health data, lacks its Article 9 condition.
    let half = common::edited(
        UK,
        &[(
            TRE_BASIS,
            "basis = \"public_task\"\npermitted_uses = [\"Hosting",
        )],
    );
    let (_, stderr) = checked(&half);
    assert!(stderr.contains("W0576"), "{stderr}");
}

#[test]
fn a_change_of_the_agreements_term_or_condition_is_a_change_of_terms() {
    let old = common::edited(RESEARCH, &[]);
    let new = common::edited(
        RESEARCH,
        &[(
            "length = \"3 years\", renewal = \"automatic\"",
            "length = \"5 years\", renewal = \"automatic\"",
        )],
    );
    let report = common::term_changes(&old, &new);
    assert!(report.contains("term of the agreement"), "{report}");
    assert!(report.contains("5 years"), "{report}");
    let old = common::edited(UK, &[]);
    let new = common::edited(
        UK,
        &[(
            TRE_BASIS,
            "basis = \"public_task\"\nspecial_category_condition = \"health_or_social_care\"\npermitted_uses = [\"Hosting",
        )],
    );
    let report = common::term_changes(&old, &new);
    assert!(report.contains("Article 9 condition"), "{report}");
    assert!(report.contains("health_or_social_care"), "{report}");
}

#[test]
fn coverage_counts_the_agreement_terms_and_conditions() {
    let (code, out, stderr) = run(&["check", "--coverage", "-"], &common::edited(UK, &[]));
    assert_eq!(code, Some(0), "{stderr}");
    let all = format!("{out}{stderr}");
    assert!(all.contains("3 stating their legal basis"), "{all}");
    assert!(
        all.contains("2 stating an Article 9 condition for health data"),
        "{all}"
    );
    assert!(
        all.contains("1 stating the term of their agreement"),
        "{all}"
    );
}
