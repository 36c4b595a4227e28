//! The data elements of a flow (`elements`) and the de-identification methods a data ceiling accepts:
//! said in the charter only when stated, checked against the HIPAA lists, exported in the JSON checklist
//! and compared by `charter diff`.

mod common;

use common::run_stdin as run;

const SEPSIS: &str = "charters/sepsis-advisory-board.toml";
const SCREENING: &str = "charters/community-screening-partnership.toml";
const ELEMENTS: &str =
    "elements = [\n  \"dates_finer_than_year\",\n  \"ages\",\n  \"sex\",\n  \"zip5\",\n";
/// The whole list of the Northstar extract, as the example writes it.
const ALL_ELEMENTS: &str = "elements = [\n  \"dates_finer_than_year\",\n  \"ages\",\n  \"sex\",\n  \"zip5\",\n  \"vital_signs\",\n  \"laboratory_results\",\n  \"medications\",\n  \"diagnoses\",\n  \"procedures\",\n]\n";
const SAFE_HARBOR_CEILING: &str =
    "data_ceiling = { tier = \"deidentified\", methods = [\"safe_harbor\"] }";

fn rendered(text: &str, format: &str) -> String {
    let (code, out, stderr) = run(&["render", "--format", format, "-o", "-", "-"], text);
    assert_eq!(code, Some(0), "{stderr}");
    out
}

/// `charter check` of `text`: its exit code and standard error.
fn checked(text: &str) -> (Option<i32>, String) {
    let (code, _, stderr) = run(&["check", "-"], text);
    (code, stderr)
}

#[test]
fn the_elements_are_listed_in_words_only_when_a_flow_states_them() {
    let sepsis = common::edited(SEPSIS, &[]);
    let item = "Data elements: dates (of birth, admission, discharge, death or service) with their month or day; ages, with every age over 89 given as";
    for format in ["md", "html"] {
        let with = rendered(&sepsis, format);
        assert!(with.contains(item), "{with}");
        assert!(with.contains("five-digit ZIP codes; vital signs; laboratory results; medications; diagnoses; procedures"), "{with}");
        let without = rendered(&common::edited(SEPSIS, &[(ALL_ELEMENTS, "")]), format);
        assert!(!without.contains("Data elements"), "{without}");
    }
}

#[test]
fn a_ceiling_that_names_its_methods_says_so_and_a_tier_alone_reads_as_before() {
    let md = rendered(&common::edited(SCREENING, &[]), "md");
    assert!(
        md.contains("It may receive no data more identifiable than de-identified data. Any de-identified data it receives must be de-identified by the Safe Harbor method."),
        "{md}"
    );
    let tier = rendered(
        &common::edited(
            SCREENING,
            &[(
                SAFE_HARBOR_CEILING,
                "data_ceiling = \"deidentified_safe_harbor\"",
            )],
        ),
        "md",
    );
    assert!(
        tier.contains(
            "It may receive no data more identifiable than de-identified data (Safe Harbor)."
        ),
        "{tier}"
    );
    assert!(!tier.contains("Any de-identified data"), "{tier}");
}

#[test]
fn a_safe_harbor_flow_that_keeps_an_identifier_is_an_error_with_its_generalisation() {
    let text = common::edited(
        SCREENING,
        &[(
            "elements = [\"ages\", \"sex\", \"zip3\"",
            "elements = [\"ages\", \"sex\", \"zip5\"",
        )],
    );
    let (code, stderr) = checked(&text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error[E0520]: \"De-identified event records\" is de-identified by the Safe Harbor method, but carries five-digit ZIP codes, one of the 18 identifiers that method removes"),
        "{stderr}"
    );
    assert!(
        stderr.contains("write \"zip3\" in its place; if the recipients need it, write `identifiability = \"deidentified_expert\"`"),
        "{stderr}"
    );
}

#[test]
fn an_expert_determination_to_a_safe_harbor_only_partner_is_an_error() {
    let text = common::edited(
        SCREENING,
        &[(
            "identifiability = \"deidentified_safe_harbor\"",
            "identifiability = \"deidentified_expert\"",
        )],
    );
    let (code, stderr) = checked(&text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error[E0523]: Eastside Neighbors accepts de-identified data only by the Safe Harbor method, but \"De-identified event records\" is de-identified by Expert Determination"),
        "{stderr}"
    );
    assert!(
        stderr.contains("add \"expert_determination\" to the `methods` of the `data_ceiling` of Eastside Neighbors, as `methods = [\"safe_harbor\", \"expert_determination\"]`"),
        "{stderr}"
    );
    // Following the hint silences the finding.
    let both = common::edit(
        &text,
        &[(
            SAFE_HARBOR_CEILING,
            "data_ceiling = { tier = \"deidentified\", methods = [\"safe_harbor\", \"expert_determination\"] }",
        )],
    );
    let (code, stderr) = checked(&both);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn a_limited_data_set_with_a_direct_identifier_is_an_error() {
    let text = common::edited(SEPSIS, &[(ELEMENTS, &format!("{ELEMENTS}  \"names\",\n"))]);
    let (code, stderr) = checked(&text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error[E0521]: \"Northstar limited data set for validation\" is a limited data set, but carries names, a direct identifier that a limited data set excludes"),
        "{stderr}"
    );
}

#[test]
fn an_element_the_vocabulary_does_not_know_is_refused() {
    let text = common::edited(SEPSIS, &[("  \"zip5\",\n", "  \"zip_code\",\n")]);
    let (code, stderr) = checked(&text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("zip_code"), "{stderr}");
}

#[test]
fn the_json_checklist_exports_the_elements_of_each_flow_that_lists_them() {
    let (code, json, stderr) = run(
        &["checklist", "--format", "json", "-", "-o", "-"],
        &common::edited(SCREENING, &[]),
    );
    assert_eq!(code, Some(0), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let flows = value["data_elements"]
        .as_array()
        .expect("a data_elements list");
    assert_eq!(flows.len(), 1, "{json}");
    assert_eq!(flows[0]["flow"], "event-records");
    let elements: Vec<(&str, bool)> = flows[0]["elements"]
        .as_array()
        .expect("elements")
        .iter()
        .map(|e| {
            (
                e["element"].as_str().expect("element"),
                e["safe_harbor_identifier"].as_bool().expect("a flag"),
            )
        })
        .collect();
    assert_eq!(
        elements,
        [
            ("ages", false),
            ("sex", false),
            ("zip3", false),
            ("date_years", false),
            ("vital_signs", false)
        ]
    );
}

#[test]
fn the_diff_names_a_changed_element_list_and_a_changed_ceiling() {
    let old = common::edited(SCREENING, &[]);
    let new = common::edit(
        &old,
        &[
            (
                "elements = [\"ages\", \"sex\", \"zip3\"",
                "elements = [\"ages\", \"sex\", \"state\"",
            ),
            (
                SAFE_HARBOR_CEILING,
                "data_ceiling = { tier = \"deidentified\", methods = [\"safe_harbor\", \"expert_determination\"] }",
            ),
        ],
    );
    let report = common::term_changes(&old, &new);
    assert!(report.contains("data elements"), "{report}");
    assert!(report.contains("zip3"), "{report}");
    assert!(report.contains("state"), "{report}");
    assert!(
        report.contains("accepted de-identification methods"),
        "{report}"
    );
    assert!(report.contains("expert_determination"), "{report}");
}
