//! Data over time: a flow limited to phases or dates (`during`) and a partner's ceilings by phase
//! (`phase_ceilings`), said in the flow's and the partner's clauses, checked phase by phase (E0404,
//! E0580–W0585), followed by `rename-id`, and compared by `charter diff`.

mod common;

use std::fs;

use common::{charter, run_stdin as run, stderr_of};

const RESEARCH: &str = "charters/academic-industry-research.toml";
const PHASED: &str = "tests/fixtures/valid/recipient-above-phase-ceiling.toml";
const TRIAL_DURING: &str = "during = [\"phase-1b\", \"option-period\"]\n";

fn checked(text: &str) -> (Option<i32>, String) {
    let (code, stdout, stderr) = run(&["check", "--message-format", "short", "-"], text);
    (code, format!("{stdout}{stderr}"))
}

#[test]
fn the_clauses_say_when_data_is_provided_and_the_ceiling_of_each_phase() {
    let md = common::markdown(&common::edited(RESEARCH, &[]));
    assert!(
        md.contains("The data is provided only during the phases \"Phase 1b study\" ([§"),
        "{md}"
    );
    assert!(
        md.contains("It may receive no data more identifiable than de-identified data (Expert Determination). In the phase \"Phase 1b study\" ([§"),
        "{md}"
    );
    assert!(
        md.contains("it may receive no data more identifiable than a limited data set."),
        "{md}"
    );
    assert!(
        md.contains("([§10.4](#phase-option-period)), from 2028-04-01 to 2030-08-31."),
        "phases that follow one another have one span: {md}"
    );
    let gap = common::markdown(&common::edited(
        "charters/hospital-it-vendor.toml",
        &[(
            "during = [\"stabilisation\", \"steady-state\"]",
            "during = [\"transition\", \"steady-state\"]",
        )],
    ));
    assert!(
        gap.contains("and \"Steady-state service\" ([§9.3](#phase-steady-state)).\n"),
        "phases with a gap between them have no one span: {gap}"
    );
    let one = common::markdown(&common::edited(PHASED, &[]));
    assert!(
        one.contains("The data is provided only during the phase \"Alert pilot\" ([§5.2](#phase-pilot)), from 2026-07-01 to 2026-12-31."),
        "{one}"
    );
    let window = common::markdown(&common::edited(
        PHASED,
        &[(
            "during = [\"pilot\"]",
            "during = { from = 2026-08-01, until = 2026-09-30 }",
        )],
    ));
    assert!(
        window.contains("The data is provided only from 2026-08-01 to 2026-09-30."),
        "{window}"
    );
    let always = common::markdown(&common::edited(
        RESEARCH,
        &[
            (TRIAL_DURING, ""),
            (
                "data_ceiling = \"deidentified_expert\"",
                "data_ceiling = \"limited_data_set\"",
            ),
        ],
    ));
    assert!(!always.contains("The data is provided only"), "{always}");
}

#[test]
fn each_phase_is_checked_against_its_own_ceiling_and_the_hint_silences_the_finding() {
    // The coded study data sent from the start, when Cardinal Bay may receive de-identified data only.
    let (code, stderr) = checked(&common::edited(RESEARCH, &[(TRIAL_DURING, "")]));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error[E0404]: Cardinal Bay may receive nothing more identifiable than de-identified data (Expert Determination) outside \"Phase 1b study\" and \"Final analysis and option period\""), "{stderr}");
    assert!(
        stderr.contains("limit the flow to the phases that allow it, `during = [\"phase-1b\", \"option-period\"]`"),
        "{stderr}"
    );
    // Following the hint is the example itself, which checks.
    let (code, stderr) = checked(&common::edited(RESEARCH, &[]));
    assert_eq!(code, Some(0), "{stderr}");
    // A phase ceiling below the flow's data, in a phase the flow runs in.
    let (code, stderr) = checked(&common::edited(
        RESEARCH,
        &[(
            "{ phase = \"option-period\", data_ceiling = \"limited_data_set\" }",
            "{ phase = \"option-period\", data_ceiling = \"aggregate\" }",
        )],
    ));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error[E0580]: Cardinal Bay may receive nothing more identifiable than aggregate statistics in the phase \"Final analysis and option period\", but \"Coded phase 1b study data\" sends it a limited data set"),
        "{stderr}"
    );
}

#[test]
fn an_unknown_phase_is_an_undefined_reference_at_its_place() {
    let (code, stderr) = checked(&common::edited(
        PHASED,
        &[
            ("during = [\"pilot\"]", "during = [\"pilots\"]"),
            ("{ phase = \"pilot\",", "{ phase = \"piolt\","),
        ],
    ));
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr.matches("error[E0302]").count(), 2, "{stderr}");
    assert!(stderr.contains("\"pilots\""), "{stderr}");
    assert!(stderr.contains("\"piolt\""), "{stderr}");
}

#[test]
fn a_written_mistake_in_during_is_named_with_what_to_write() {
    let (code, stderr) = checked(&common::edited(
        PHASED,
        &[("during = [\"pilot\"]", "during = \"pilot\"")],
    ));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("`during = [\"pilot\"]`"), "{stderr}");
    let (code, stderr) = checked(&common::edited(
        PHASED,
        &[("during = [\"pilot\"]", "during = { form = 2026-07-01 }")],
    ));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("form"), "{stderr}");
}

#[test]
fn renaming_a_phase_follows_during_and_the_phase_ceilings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("phased.toml");
    fs::copy(common::root().join(PHASED), &file).expect("copy");
    let out = charter()
        .args(["rename-id", "pilot", "alert-pilot"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let renamed = fs::read_to_string(&file).expect("read");
    assert!(renamed.contains("during = [\"alert-pilot\"]"), "{renamed}");
    assert!(
        renamed.contains("{ phase = \"alert-pilot\", data_ceiling = \"identified\" }"),
        "{renamed}"
    );
    let check = charter().arg("check").arg(&file).output().expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", stderr_of(&check));
}

#[test]
fn the_term_diff_names_when_the_data_is_provided_and_the_ceiling_by_phase() {
    let old = common::edited(PHASED, &[]);
    let new = common::edited(
        PHASED,
        &[
            (
                "during = [\"pilot\"]",
                "during = { from = 2026-08-01, until = 2026-09-30 }",
            ),
            (
                "phase_ceilings = [{ phase = \"pilot\", data_ceiling = \"identified\" }]",
                "phase_ceilings = [{ phase = \"pilot\", data_ceiling = \"limited_data_set\" }, { phase = \"retrospective\", data_ceiling = \"limited_data_set\" }]",
            ),
            (
                "identifiability = \"identified\"",
                "identifiability = \"limited_data_set\"",
            ),
            (
                "agreement = \"business_associate_agreement\"",
                "agreement = \"data_use_agreement\"",
            ),
        ],
    );
    let changes = common::term_changes(&old, &new);
    assert!(changes.contains("when the data is provided"), "{changes}");
    assert!(
        changes.contains("when the data is provided: pilot → from 2026-08-01 until 2026-09-30"),
        "{changes}"
    );
    assert!(
        changes
            .contains("Ceiling in phase \"pilot\" › data ceiling: identified → limited_data_set"),
        "{changes}"
    );
}

#[test]
fn coverage_counts_the_flows_limited_in_time() {
    let (code, out, stderr) = run(&["check", "--coverage", "-"], &common::edited(PHASED, &[]));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        out.contains("2 provided only in some phases or between dates"),
        "{out}"
    );
}

const CONSORTIUM: &str = "charters/regional-ehr-consortium.toml";

#[test]
fn a_flow_with_several_providers_names_them_all_and_each_sees_to_its_duties() {
    let md = common::markdown(&common::edited(CONSORTIUM, &[]));
    assert!(
        md.contains("Millbrook and Harlan County each provide identified health information to Cedar Valley Health under a business associate agreement."),
        "{md}"
    );
    let items = common::checklist_items(&common::edited(CONSORTIUM, &[]));
    let breach = items
        .iter()
        .find(|i| i["key"] == "flow.member-hosting.cedar-valley.breach")
        .expect("the recipient's breach notice");
    assert!(
        breach["action"].as_str().is_some_and(
            |a| a.contains("Notify the provider whose data it is (Millbrook or Harlan County)")
        ),
        "{breach}"
    );
    // An agreement with a term of its own: one item for each provider.
    let termed = common::edited(
        CONSORTIUM,
        &[(
            "provider = [\"millbrook\", \"harlan-county\"]\nrecipients = [\"cedar-valley\"]\ncategories = [\"the complete legal health record\", \"registration and demographic data\", \"audit logs\"]\nidentifiability = \"identified\"\nagreement = \"business_associate_agreement\"\n",
            "provider = [\"millbrook\", \"harlan-county\"]\nrecipients = [\"cedar-valley\"]\ncategories = [\"the complete legal health record\", \"registration and demographic data\", \"audit logs\"]\nidentifiability = \"identified\"\nagreement = \"business_associate_agreement\"\nagreement_term = { length = \"2 years\", renewal = \"by_agreement\" }\n",
        )],
    );
    for p in ["millbrook", "harlan-county"] {
        let item = common::checklist_item(
            &termed,
            &format!("flow.member-hosting.{p}.agreement-renewal"),
        );
        assert_eq!(item["owner_id"], p, "{item}");
    }
}

#[test]
fn each_listed_provider_is_checked_at_its_own_place() {
    let (code, stderr) = checked(&common::edited(
        CONSORTIUM,
        &[(
            "provider = [\"millbrook\", \"harlan-county\"]",
            "provider = [\"millbrook\", \"harlan-countie\"]",
        )],
    ));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error[E0302]"), "{stderr}");
    assert!(stderr.contains("\"harlan-countie\""), "{stderr}");
    let (code, stderr) = checked(&common::edited(
        CONSORTIUM,
        &[(
            "provider = [\"millbrook\", \"harlan-county\"]\nrecipients = [\"cedar-valley\"]",
            "provider = [\"millbrook\", \"harlan-county\"]\nrecipients = [\"cedar-valley\", \"millbrook\"]",
        )],
    ));
    assert!(stderr.contains("W0418"), "{code:?} {stderr}");
}
