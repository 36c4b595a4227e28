//! Decisions that concern a partner: the decision matrix names the partner only when the charter says
//! so, a partner that would decide its own matter by a majority or a casting vote is reported wherever
//! the decision sits, and recusal by a declared conflict lifts it.

mod common;

use std::fs;

use common::{charter, run_stdin as run, stderr_of};

const INVALID: &str = "tests/fixtures/invalid/majority-on-own-matter.toml";
const SEPSIS: &str = "charters/sepsis-advisory-board.toml";

fn read(path: &str) -> String {
    fs::read_to_string(common::root().join(path)).expect("readable")
}

#[test]
fn the_matrix_has_a_concerns_column_only_when_a_decision_names_a_partner() {
    let with = read(SEPSIS);
    let (code, md, stderr) = run(&["render", "--format", "md", "-o", "-", "-"], &with);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(md.contains("| Deadlock goes to | Concerns |"), "{md}");
    assert!(md.contains("| No escalation agreed | Vitalis |"), "{md}");
    assert!(md.contains("| No partner named |"), "{md}");
    let without = with.replace("concerns = [\"vitalis\"]\n", "");
    let (code, md, stderr) = run(&["render", "--format", "md", "-o", "-", "-"], &without);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!md.contains("Concerns"), "{md}");
    assert!(!md.contains("No partner named"), "{md}");
}

#[test]
fn a_declared_conflict_with_recusal_lifts_the_majority_on_its_own_matter() {
    let invalid = read(INVALID);
    let (code, _, stderr) = run(&["check", "-"], &invalid);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0488"), "{stderr}");
    let recused = invalid.replace(
        "[term]",
        "[conflicts]\nwho = [\"every member of the board\"]\nwhat = \"Any interest in the audit software.\"\nwhen = [\"on_joining\"]\nmanaged_by = \"board\"\nmanagement = [\"disclosure\", \"recusal\"]\n\n[[conflicts.declared]]\nid = \"medivance-software\"\npartner = \"medivance\"\ninterest = \"Makes the audit software\"\naffects = [\"software-change\"]\nmanagement = [\"disclosure\", \"recusal\"]\n\n[term]",
    );
    let (_, _, stderr) = run(&["check", "-"], &recused);
    assert!(!stderr.contains("E0488"), "{stderr}");
    // Under unanimity the others can block it: nothing to report.
    let unanimous = invalid.replace("rule = \"majority_body\"", "rule = \"unanimity\"");
    let (_, _, stderr) = run(&["check", "-"], &unanimous);
    assert!(!stderr.contains("E0488"), "{stderr}");
}

#[test]
fn concerns_name_partners_and_the_diff_names_the_change() {
    let invalid = read(INVALID);
    let unknown = invalid.replace("concerns = [\"medivance\"]", "concerns = [\"medivanse\"]");
    let (code, _, stderr) = run(&["check", "-"], &unknown);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0302"), "{stderr}");
    assert!(stderr.contains("medivance"), "{stderr}");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (old, new) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    let sepsis = read(SEPSIS);
    fs::write(&old, sepsis.replace("concerns = [\"vitalis\"]\n", "")).expect("written");
    fs::write(&new, &sepsis).expect("written");
    let out = charter()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let report = String::from_utf8(out.stdout).expect("utf-8");
    assert!(report.contains("partners it concerns"), "{report}");
}
