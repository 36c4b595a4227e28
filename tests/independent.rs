//! A conflict of interest declared by an independent member, a person who sits on a body for no
//! partner: named in words, managed by the body that manages conflicts, and counted when recusal
//! leaves a vote unable to pass.

mod common;

use common::run_stdin as run;

const VALID: &str = "tests/fixtures/valid/independent-conflict-not-a-member.toml";

#[test]
fn the_independent_members_recusal_is_counted_against_the_rule() {
    // Three voting seats, unanimity needed, and the independent auditor recused: the vote cannot pass.
    let text = common::edited(
        VALID,
        &[("rule = \"majority_body\"", "rule = \"unanimity\"")],
    );
    let (code, _, stderr) = run(&["check", "-"], &text);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("E0428"), "{stderr}");
    // A majority of the body still passes without her.
    let (code, _, stderr) = run(&["check", "-"], &common::edited(VALID, &[]));
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn the_body_that_manages_conflicts_owns_the_checklist_item() {
    let item = common::checklist_item(&common::edited(VALID, &[]), "coi.declared.quist-consulting");
    assert_eq!(item["owner_id"], "board", "{item}");
}
