//! The rule catalogue and its documentation: `docs/rules.md` is generated from `src/rules.rs` and lists every
//! rule exactly once; `charter explain` prints each rule's explanation.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use charter::rules::{self, ALL};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Compares a generated file with the committed one; `CHARTER_BLESS=1` rewrites the committed file.
fn assert_generated(relative: &str, generated: &str) {
    let path = root().join(relative);
    let committed = fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        if std::env::var_os("CHARTER_BLESS").is_some() {
            fs::write(&path, generated).expect("write generated file");
            return;
        }
        panic!(
            "{relative} is out of date; run `CHARTER_BLESS=1 cargo test` and review the difference"
        );
    }
}

#[test]
fn the_rule_reference_is_generated_from_the_catalogue() {
    assert_generated("docs/rules.md", &rules::reference_markdown());
}

#[test]
fn the_rule_reference_lists_every_rule_exactly_once_with_unique_codes() {
    let doc = fs::read_to_string(root().join("docs/rules.md")).expect("docs/rules.md");
    let mut headings: BTreeMap<&str, usize> = BTreeMap::new();
    for line in doc.lines() {
        if let Some(rest) = line.strip_prefix("## ") {
            let code = rest.split_whitespace().next().expect("a code");
            *headings.entry(code).or_default() += 1;
        }
    }
    for rule in ALL {
        assert_eq!(
            headings.get(rule.code),
            Some(&1),
            "docs/rules.md must have exactly one section for {}",
            rule.code
        );
        let row = format!("| {} | {} |", rule.name, rule.severity.as_str());
        assert_eq!(doc.matches(&row).count(), 1, "index row of {}", rule.code);
    }
    assert_eq!(
        headings.len(),
        ALL.len(),
        "a section names no rule: {headings:?}"
    );
    assert!(ALL.len() >= 30, "the catalogue has {} rules", ALL.len());
}

fn charter() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.env("NO_COLOR", "1").current_dir(root());
    cmd
}

#[test]
fn explain_prints_the_explanation_of_a_code_or_a_name() {
    for key in ["E0401", "e0401", "quorum-exceeds-members"] {
        let out = charter().args(["explain", key]).output().expect("runs");
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).expect("utf-8");
        assert_eq!(text, rules::explain(&rules::QUORUM_EXCEEDS_MEMBERS, 90));
        assert!(text.contains("Why it matters: ") && text.contains("How to fix: "));
    }
}

#[test]
fn explain_without_a_code_lists_every_rule() {
    let out = charter().arg("explain").output().expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for rule in ALL {
        assert!(
            text.contains(rule.code) && text.contains(rule.name),
            "{}",
            rule.code
        );
    }
}

#[test]
fn explain_of_an_unknown_code_exits_2_with_a_suggestion() {
    let out = charter()
        .args(["explain", "quorum-exceds-members"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did you mean E0401 (quorum-exceeds-members)?"),
        "{err}"
    );
}

#[test]
fn explain_suggests_the_rule_with_the_same_digits() {
    let out = charter().args(["explain", "E0409"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did you mean W0409 (phases-overlap)?"),
        "{err}"
    );
}
