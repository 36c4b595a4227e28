//! What ends the use of a flow's data (`use_ends`), and how long its records are kept
//! (`records_retention`): both said in the flow's clause only when the charter states them, the end of use
//! dated in the recipient's checklist, and a change of either reported by `charter diff`.

mod common;

use common::run_stdin as run;

const EXAMPLE: &str = "charters/academic-industry-research.toml";
const USE_ENDS: &str = "use_ends = [{ phase = \"phase-1b\" }, \"termination\", \"withdrawal\"]\n";
const RECORDS: &str = "records_retention = \"6 years\"\n";

fn example_with(edits: &[(&str, &str)]) -> String {
    common::edited(EXAMPLE, edits)
}

fn rendered(text: &str) -> String {
    let (code, md, stderr) = run(&["render", "--format", "md", "-o", "-", "-"], text);
    assert_eq!(code, Some(0), "{stderr}");
    md
}

#[test]
fn the_clause_names_what_ends_the_use_and_keeps_the_records_apart() {
    let md = rendered(&example_with(&[]));
    assert!(
        md.contains("When its use ends (at the end of the phase \"Phase 1b study\" ([§"),
        "{md}"
    );
    assert!(
        md.contains("), on termination, or for a recipient on its withdrawal), the data is destroyed within 60 days, certified in writing"),
        "{md}"
    );
    assert!(
        md.contains("The recipient keeps the records of the flow (its agreement, the disclosures made under it and the logs of access to the data) for 6 years after its use ends, whatever becomes of the data"),
        "{md}"
    );
    let plain = rendered(&example_with(&[(USE_ENDS, ""), (RECORDS, "")]));
    assert!(
        plain.contains(
            "When its use ends, the data is destroyed within 60 days, certified in writing"
        ),
        "{plain}"
    );
    assert!(!plain.contains("records of the flow"), "{plain}");
}

#[test]
fn the_recipient_destroys_the_data_by_the_end_of_the_phase_plus_the_deadline() {
    let item = common::checklist_item(
        &example_with(&[]),
        "flow.biobank-extract.halvorsen-university.end-of-use",
    );
    let when = item["when"].as_str().expect("when");
    assert!(
        when.starts_with("within 60 days of the end of use (at the end of the phase \"Phase 1b study\", on termination, or for a recipient on its withdrawal), by "),
        "{when}"
    );
    assert_eq!(item["timing"]["kind"], "date");
    assert_eq!(item["timing"]["date"], "2030-03-01");
}

#[test]
fn a_change_of_what_ends_the_use_or_of_the_records_is_a_change_of_terms() {
    let old = example_with(&[]);
    let new = example_with(&[
        (
            USE_ENDS,
            "use_ends = [{ date = 2029-06-30 }, \"termination\", \"withdrawal\"]\n",
        ),
        (RECORDS, "records_retention = \"10 years\"\n"),
    ]);
    let report = common::term_changes(&old, &new);
    assert!(report.contains("what ends the use"), "{report}");
    assert!(report.contains("{ phase = \"phase-1b\" }"), "{report}");
    assert!(report.contains("{ date = 2029-06-30 }"), "{report}");
    assert!(
        report.contains("retention of records: 6 years → 10 years"),
        "{report}"
    );
}

#[test]
fn an_unknown_phase_is_an_undefined_reference_with_a_suggestion() {
    let (code, _, stderr) = run(
        &["check", "-"],
        &example_with(&[("{ phase = \"phase-1b\" }", "{ phase = \"phase-1\" }")]),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0302"), "{stderr}");
    assert!(
        stderr.contains("no phase has the id \"phase-1\""),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"phase-1b\"?"), "{stderr}");
}

#[test]
fn an_event_the_format_does_not_know_is_reported_where_it_is_written() {
    for (written, expected) in [
        ("\"expiry\"", "E0105"),
        ("{ stage = \"pilot\" }", "E0102"),
        ("2029-06-30", "{ date = 2027-06-30 }"),
        ("[]", "E0201"),
    ] {
        let edit = if written == "[]" {
            (USE_ENDS, "use_ends = []\n".to_owned())
        } else {
            ("{ phase = \"phase-1b\" }", written.to_owned())
        };
        let (code, _, stderr) = run(&["check", "-"], &example_with(&[(edit.0, &edit.1)]));
        assert_eq!(code, Some(1), "{written}: {stderr}");
        assert!(stderr.contains(expected), "{written}: {stderr}");
    }
}

#[test]
fn records_kept_after_the_data_is_destroyed_are_no_contradiction() {
    let (code, _, stderr) = run(
        &["check", "-"],
        &example_with(&[(RECORDS, "records_retention = \"25 years\"\n")]),
    );
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = run(
        &["check", "-"],
        &example_with(&[(RECORDS, "retention = \"4 years\"\n")]),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0436"), "{stderr}");
    assert!(
        stderr.contains("at the end of the phase \"Phase 1b study\", on 2029-12-31"),
        "{stderr}"
    );
}
