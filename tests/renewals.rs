//! Periodic approvals: a decision whose approvals last a period says so, only when the charter states
//! it, and the body that grants them has a renewal item in its checklist.

mod common;

use common::run_stdin as run;

const UK: &str = "charters/uk-data-access-committee.toml";
const LASTS: &str = "approval_lasts = \"1 year\"\n";
const SENTENCE: &str =
    "Each approval lasts 1 year, and lapses unless the body renews it before it ends.";

fn example_with(edits: &[(&str, &str)]) -> String {
    common::edited(UK, edits)
}

#[test]
fn a_lapsing_approval_is_said_only_when_stated() {
    for format in ["md", "html"] {
        let (code, with, stderr) = run(
            &["render", "--format", format, "-o", "-", "-"],
            &example_with(&[]),
        );
        assert_eq!(code, Some(0), "{stderr}");
        assert!(with.contains(SENTENCE), "{with}");
        let (code, without, stderr) = run(
            &["render", "--format", format, "-o", "-", "-"],
            &example_with(&[(LASTS, "")]),
        );
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!without.contains("lapses"), "{without}");
    }
}

#[test]
fn the_body_renews_each_approval_in_its_checklist() {
    let item = common::checklist_item(&example_with(&[]), "decision.access-request.renewal");
    assert_eq!(item["owner_id"], "dac");
    assert_eq!(item["when"], "before it ends, 1 year after it was granted");
    assert_eq!(item["clause"]["anchor"], "decision-forms");
    let (_, without, _) = run(
        &["checklist", "--format", "json", "-o", "-", "-"],
        &example_with(&[(LASTS, "")]),
    );
    assert!(!without.contains(".renewal\""), "{without}");
}

#[test]
fn an_approval_that_lasts_no_time_is_an_error() {
    let (code, _, stderr) = run(
        &["check", "-"],
        &example_with(&[(LASTS, "approval_lasts = \"0 days\"\n")]),
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0439"), "{stderr}");
    assert!(stderr.contains("how long an approval of"), "{stderr}");
}
