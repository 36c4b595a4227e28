//! `charter check --coverage`: which governance areas a charter covers and which it leaves silent, on the
//! examples (which cover nearly everything) and on the smallest valid charter (which covers almost nothing).

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use charter::coverage::{Status, coverage};
use charter::load::parse;
use charter::source::Source;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn coverage_of(relative: &str) -> charter::coverage::Coverage {
    let source = Source::new(relative, fs::read(root().join(relative)).expect("readable"));
    let (charter, _) = parse(&source).expect("loads");
    coverage(&charter)
}

#[test]
fn the_examples_cover_the_areas_they_should_and_are_pinned() {
    for path in common::examples() {
        let name = format!(
            "charters/{}",
            path.file_name().expect("name").to_string_lossy()
        );
        let report = coverage_of(&name);
        assert_eq!(report.areas.len(), 9);
        let (covered, _, silent) = report.counts();
        assert!(covered >= 7 && silent <= 1, "{name}: {report:?}");
        for key in [
            "decision_authority",
            "data_use",
            "accountability",
            "term_and_amendment",
        ] {
            let area = report.areas.iter().find(|a| a.key == key).expect("area");
            // Standing terms of reference state no term, and the report says so.
            if key == "term_and_amendment" && name.ends_with("uk-data-access-committee.toml") {
                assert_eq!(area.status, Status::Partial, "{name}: {key}");
                assert!(area.detail.contains("but no [term]"), "{}", area.detail);
                continue;
            }
            assert_eq!(area.status, Status::Covered, "{name}: {key}");
        }
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(format!("coverage-{stem}"), report.human(&name));
    }
}

#[test]
fn the_smallest_charter_is_silent_on_nearly_everything() {
    let report = coverage_of("tests/fixtures/valid/minimal.toml");
    let statuses: Vec<(&str, Status)> = report.areas.iter().map(|a| (a.key, a.status)).collect();
    assert_eq!(
        statuses,
        [
            ("decision_authority", Status::Silent),
            ("data_use", Status::Silent),
            ("ip", Status::Silent),
            ("publication", Status::Silent),
            ("conflicts", Status::Silent),
            ("accountability", Status::Silent),
            ("term_and_amendment", Status::Partial),
            ("performance_review", Status::Silent),
            ("general_provisions", Status::Silent),
        ]
    );
    insta::assert_snapshot!(
        "coverage-minimal",
        report.human("tests/fixtures/valid/minimal.toml")
    );
}

#[test]
fn partial_areas_say_what_is_missing() {
    // Bodies without decisions, phases without obligations, metrics but no review, background IP only.
    let report = coverage_of("tests/fixtures/valid/sponsor-majority.toml");
    let get = |key: &str| report.areas.iter().find(|a| a.key == key).expect("area");
    assert_eq!(get("decision_authority").status, Status::Partial);
    assert!(
        get("decision_authority")
            .detail
            .contains("no [[decisions]]")
    );
    assert_eq!(get("accountability").status, Status::Partial);
    assert_eq!(get("performance_review").status, Status::Partial);
    assert!(
        get("performance_review")
            .detail
            .contains("but no [review] of the partnership itself")
    );
}

fn charter() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.env("NO_COLOR", "1").current_dir(root());
    cmd
}

#[test]
fn check_coverage_prints_the_report_on_stdout_in_every_format() {
    let out = charter()
        .args(["check", "--coverage", "tests/fixtures/valid/minimal.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        text,
        coverage_of("tests/fixtures/valid/minimal.toml").human("tests/fixtures/valid/minimal.toml")
    );
    assert!(text.ends_with("0 covered, 1 partial, 8 silent\n"), "{text}");

    let out = charter()
        .args([
            "check",
            "--coverage",
            "--message-format",
            "short",
            "tests/fixtures/valid/minimal.toml",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(text.lines().count(), 9);
    assert!(
        text.lines()
            .all(|l| l.starts_with("tests/fixtures/valid/minimal.toml: coverage: "))
    );

    let out = charter()
        .args([
            "check",
            "--coverage",
            "--message-format",
            "json",
            "charters/sepsis-advisory-board.toml",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let value: serde_json::Value = serde_json::from_str(text.trim()).expect("one JSON object");
    assert_eq!(value["type"], "coverage");
    assert_eq!(value["areas"].as_array().expect("areas").len(), 9);
}

#[test]
fn coverage_is_reported_for_a_charter_with_errors_too() {
    let out = charter()
        .args([
            "check",
            "--coverage",
            "tests/fixtures/invalid/quorum-exceeds-members.toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("partial  Decision authority"), "{text}");
}
