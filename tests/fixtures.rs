//! Every rule has an invalid fixture named after it that triggers it and nothing else, with its diagnostics
//! pinned in a snapshot, and a valid counterpart that fixes it; every valid fixture passes clean.

use std::fs;
use std::path::{Path, PathBuf};

use charter::diagnostic::format_short;
use charter::pipeline::check;
use charter::rules;
use charter::source::Source;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("fixture dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn load(path: &Path, kind: &str) -> Source {
    let name = format!(
        "{kind}/{}",
        path.file_name().expect("name").to_string_lossy()
    );
    // Named by its folder for the snapshots, and reading the rosters it names from beside it.
    Source::new(name, fs::read(path).expect("readable fixture"))
        .with_dir(path.parent().expect("a folder"))
}

#[test]
fn every_rule_has_an_invalid_fixture_that_triggers_it() {
    let files = fixtures("invalid");
    for rule in rules::ALL {
        let path = files
            .iter()
            .find(|p| p.file_stem().is_some_and(|s| s == rule.name))
            .unwrap_or_else(|| panic!("no tests/fixtures/invalid/{}.toml", rule.name));
        let source = load(path, "invalid");
        let (_, diagnostics) = check(&source);
        assert!(
            diagnostics.iter().any(|d| d.rule.code == rule.code),
            "{} does not trigger {}:\n{}",
            path.display(),
            rule.code,
            format_short(&source, &diagnostics)
        );
        assert!(
            diagnostics.iter().all(|d| d.rule.code == rule.code),
            "{} triggers other rules too:\n{}",
            path.display(),
            format_short(&source, &diagnostics)
        );
    }
    assert_eq!(
        files.len(),
        rules::ALL.len(),
        "an invalid fixture is named after no rule"
    );
}

#[test]
fn invalid_fixture_diagnostics_match_their_snapshots() {
    for path in fixtures("invalid") {
        let source = load(&path, "invalid");
        let (valid, diagnostics) = check(&source);
        let has_error = diagnostics
            .iter()
            .any(charter::diagnostic::Diagnostic::is_error);
        assert_eq!(valid.is_none(), has_error, "{}", path.display());
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        insta::assert_snapshot!(
            format!("invalid-{stem}"),
            format_short(&source, &diagnostics)
        );
    }
}

#[test]
fn every_rule_has_a_clean_valid_counterpart_that_differs_only_where_it_matters() {
    let valid = fixtures("valid");
    for rule in rules::ALL {
        let path = valid
            .iter()
            .find(|p| p.file_stem().is_some_and(|s| s == rule.name))
            .unwrap_or_else(|| panic!("no tests/fixtures/valid/{}.toml", rule.name));
        // The pair pins the rule: the counterpart fixes what the invalid fixture breaks and little else.
        let fixed = fs::read_to_string(path).expect("valid fixture");
        let invalid = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/invalid")
            .join(path.file_name().expect("name"));
        let broken = fs::read_to_string(invalid).expect("invalid fixture");
        let changed = changed_lines(&broken, &fixed);
        assert!(
            changed <= 8,
            "{} and its invalid fixture differ in {changed} lines",
            path.display()
        );
    }
    for path in valid {
        let source = load(&path, "valid");
        let (charter, diagnostics) = check(&source);
        assert!(
            diagnostics.is_empty(),
            "{}",
            format_short(&source, &diagnostics)
        );
        let charter = charter.expect("valid");
        charter::render::markdown(&charter, &source).expect("renders");
        charter::render::html(&charter, &source).expect("renders");
    }
}

/// Lines of one text missing from the other, both ways, ignoring each file's first (comment) line.
fn changed_lines(a: &str, b: &str) -> usize {
    let mut left: Vec<&str> = a.lines().skip(1).collect();
    let mut right: Vec<&str> = b.lines().skip(1).collect();
    left.sort_unstable();
    right.sort_unstable();
    let (mut i, mut j, mut changed) = (0, 0, 0);
    while i < left.len() || j < right.len() {
        match (left.get(i), right.get(j)) {
            (Some(l), Some(r)) if l == r => {
                i += 1;
                j += 1;
            }
            (Some(l), Some(r)) if l < r => {
                changed += 1;
                i += 1;
            }
            (Some(_), None) => {
                changed += 1;
                i += 1;
            }
            _ => {
                changed += 1;
                j += 1;
            }
        }
    }
    changed
}

#[test]
fn the_unknown_key_message_is_pinned() {
    let source = Source::new(
        "board.toml",
        fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/unknown-key.toml"),
        )
        .expect("fixture"),
    );
    let (_, diagnostics) = check(&source);
    let first = &diagnostics[0];
    assert_eq!(first.rule.code, "E0102");
    assert!(
        first.message.starts_with("unknown key `"),
        "{}",
        first.message
    );
    assert!(
        first
            .hint
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `")),
        "{:?}",
        first.hint
    );
}

#[test]
fn every_rule_is_documented_in_the_format_reference() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md"))
        .expect("docs/format.md");
    for rule in rules::ALL {
        let severity = rule.severity.as_str();
        let row = format!(
            "| {} | {} | {severity} | {} |",
            rule.code, rule.name, rule.summary
        );
        assert!(doc.contains(&row), "docs/format.md lacks the row:\n{row}");
    }
}

#[test]
fn accepted_exceptions_silence_their_warning_and_are_rendered_in_an_annex() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/unused-exception.toml");
    let source = load(&path, "valid");
    let outcome = charter::pipeline::outcome(&source);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    assert_eq!(outcome.accepted.len(), 1);
    assert_eq!(outcome.accepted[0].rule.code, "W0409");
    let valid = outcome.charter.expect("valid");
    let md = charter::render::markdown(&valid, &source).expect("renders");
    let annex = &md[md.find("Annex: accepted exceptions").expect("an annex")..];
    assert!(annex.contains("**8.1 W0409 phases-overlap.**"), "{annex}");
    assert!(annex.contains("[§4.2](#phase-re-audit)"), "{annex}");
    assert!(
        annex.contains("Reason: The re-audit team is trained"),
        "{annex}"
    );
    assert!(
        annex.contains("- Finding: \"Re-audit\" starts on 2026-06-01"),
        "{annex}"
    );
    let html = charter::render::html(&valid, &source).expect("renders");
    assert!(html.contains("id=\"exception-w0409-re-audit\""));
}

#[test]
fn every_diagnostic_points_at_text_on_one_place_in_the_file() {
    for path in fixtures("invalid") {
        let source = load(&path, "invalid");
        let (_, diagnostics) = check(&source);
        for d in &diagnostics {
            let text = &source.text;
            assert!(
                d.span.end <= text.len() && d.span.start <= d.span.end,
                "{}: {d:?}",
                path.display()
            );
            // Syntax errors may sit at the end of the file; everything else underlines real text.
            if d.rule.code != "E0101" {
                assert!(
                    !text[d.span.clone()].trim().is_empty(),
                    "{}: empty span for {}",
                    path.display(),
                    d.rule.code
                );
                assert!(
                    !text[d.span.clone()].trim_start().starts_with('#'),
                    "{}: {} underlines a comment",
                    path.display(),
                    d.rule.code
                );
            }
        }
    }
}
