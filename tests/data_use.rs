//! Data use conditions in GA4GH Data Use Ontology codes: written in words with their codes only when a
//! flow states them, exported with their DUO identifiers in the JSON checklist, compared by the diff.

mod common;

use std::fs;

use common::{charter, run_stdin as run, stderr_of};

const UK: &str = "charters/uk-data-access-committee.toml";
const CODES: &str =
    "data_use = { permission = \"HMB\", modifiers = [\"NCU\", \"PUB\", \"IRB\", \"PS\"] }\n";

/// The UK example with each `(old, new)` edit made once; every `old` must be there.
fn example_with(edits: &[(&str, &str)]) -> String {
    common::edited(UK, edits)
}

#[test]
fn the_conditions_are_written_in_words_only_when_a_flow_states_them() {
    let sentence = "Data use conditions, in the codes of the GA4GH Data Use Ontology: use for health, medical or biomedical research only (HMB); non-commercial use only (NCU); the results must be made available to the public (PUB); the user must have the approval of an ethics committee (IRB); use within the approved project only (PS)";
    for format in ["md", "html"] {
        let (code, with, stderr) = run(
            &["render", "--format", format, "-", "-o", "-"],
            &example_with(&[]),
        );
        assert_eq!(code, Some(0), "{stderr}");
        assert!(with.contains(sentence), "{with}");
        assert!(with.contains("Data Use Ontology\" means"), "{with}");
        let (code, without, stderr) = run(
            &["render", "--format", format, "-", "-o", "-"],
            &example_with(&[(CODES, "")]),
        );
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!without.contains("Data Use Ontology"), "{without}");
    }
}

#[test]
fn a_detail_goes_into_the_words_of_its_code_in_the_date_style() {
    let text = example_with(&[
        (
            CODES,
            "data_use = { permission = \"DS\", disease = \"heart failure\", modifiers = [\"MOR\", \"TS\"], moratorium = 2027-01-01, time_limit = \"3 years\" }\n",
        ),
        (
            "kind = \"terms_of_reference\"\n",
            "kind = \"terms_of_reference\"\ndate_style = \"day-month-year\"\n",
        ),
    ]);
    let (code, md, stderr) = run(&["render", "--format", "md", "-", "-o", "-"], &text);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        md.contains("use for research on heart failure only (DS); no result may be published before 1 January 2027 (MOR); use for 3 years only (TS)"),
        "{md}"
    );
}

#[test]
fn the_json_checklist_exports_each_code_with_its_duo_identifier() {
    let (code, json, stderr) = run(
        &["checklist", "--format", "json", "-", "-o", "-"],
        &example_with(&[]),
    );
    assert_eq!(code, Some(0), "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let uses = value["data_use"].as_array().expect("a data_use list");
    assert_eq!(uses.len(), 1, "{json}");
    assert_eq!(uses[0]["flow"], "project-access");
    let codes: Vec<(&str, &str)> = uses[0]["conditions"]
        .as_array()
        .expect("conditions")
        .iter()
        .map(|c| {
            (
                c["code"].as_str().expect("code"),
                c["duo_id"].as_str().expect("id"),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("HMB", "DUO:0000006"),
            ("NCU", "DUO:0000046"),
            ("PUB", "DUO:0000019"),
            ("IRB", "DUO:0000021"),
            ("PS", "DUO:0000027"),
        ]
    );
    let (_, without, _) = run(
        &["checklist", "--format", "json", "-", "-o", "-"],
        &example_with(&[(CODES, "")]),
    );
    assert!(!without.contains("\"data_use\""), "{without}");
}

#[test]
fn an_unknown_code_names_the_closest_and_the_diff_names_the_change() {
    let typo = example_with(&[(CODES, &CODES.replace("\"NCU\"", "\"NCV\""))]);
    let (code, _, stderr) = run(&["check", "-"], &typo);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("did you mean \"NCU\"?"), "{stderr}");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (old, new) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    fs::write(&old, example_with(&[])).expect("written");
    fs::write(
        &new,
        example_with(&[(CODES, &CODES.replace("\"NCU\"", "\"NPU\""))]),
    )
    .expect("written");
    let out = charter()
        .args(["diff"])
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let report = String::from_utf8(out.stdout).expect("utf-8");
    assert!(report.contains("data use modifiers"), "{report}");
    assert!(report.contains("NPU"), "{report}");
}
