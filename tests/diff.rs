//! `charter diff` and `charter verify`: each kind of change, each output format, the exit codes.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use charter::diff::{self, Format, Options, Side};
use charter::pipeline::check;
use charter::render;
use charter::source::Source;
use common::{complete_fixture, edit};

fn report(old: &str, new: &str, format: Format, rendered: bool) -> (String, bool) {
    let (old_src, new_src) = (
        Source::new("old.toml", old.into()),
        Source::new("new.toml", new.into()),
    );
    let old_valid = check(&old_src).0.expect("old is valid");
    let new_valid = check(&new_src).0.expect("new is valid");
    let (o, n) = (
        side("old.toml", &old_src, &old_valid),
        side("new.toml", &new_src, &new_valid),
    );
    let outcome = diff::diff(
        &o,
        &n,
        Options {
            format,
            rendered,
            color: false,
            mark_renumbered: false,
            changed_only: false,
        },
    );
    (outcome.report, outcome.different)
}

fn side<'a>(
    name: &'a str,
    src: &Source,
    valid: &'a charter::validate::Valid<charter::model::Charter>,
) -> Side<'a> {
    Side::laid_out(name, valid, &src.bytes)
}

fn terms(old: &str, new: &str) -> String {
    report(old, new, Format::Text, false).0
}

#[test]
fn identical_charters_have_no_changes() {
    let (text, different) = report(
        &complete_fixture(),
        &complete_fixture(),
        Format::Text,
        false,
    );
    assert!(!different);
    assert_eq!(text, "No change of terms.\n");
}

#[test]
fn a_scalar_change_names_its_clause() {
    let new = edit(
        &complete_fixture(),
        &[("review = \"60 days\"", "review = \"45 days\"")],
    );
    let text = terms(&complete_fixture(), &new);
    assert!(
        text.contains(
            "Publication › review period: 60 days → 45 days, relaxed for the authors (§8.1)"
        ),
        "{text}"
    );
    insta::assert_snapshot!("scalar", text);
}

#[test]
fn list_items_added_removed_and_moved() {
    let new = edit(
        &complete_fixture(),
        &[
            (
                "  \"Measure the algorithm's accuracy at each site\",\n  \"Publish every result, positive or negative\",\n",
                "  \"Publish every result, positive or negative\",\n  \"Measure the algorithm's accuracy at each site\",\n  \"Share what we learn with other rural hospitals\",\n",
            ),
            (
                "survival = [\"confidentiality\", \"publication rights\"]",
                "survival = [\"confidentiality\"]",
            ),
        ],
    );
    let text = terms(&complete_fixture(), &new);
    assert!(
        text.contains("goals: added Share what we learn with other rural hospitals"),
        "{text}"
    );
    assert!(
        text.contains("survival: removed publication rights"),
        "{text}"
    );
    assert!(text.contains("moved from position"), "{text}");
    insta::assert_snapshot!("lists", text);
}

#[test]
fn tables_are_matched_by_id_not_position() {
    // Swap the first two obligations: no term changes, only a move.
    let text = complete_fixture();
    let a = text
        .find("[[obligations]]\nid = \"irb-approval\"")
        .expect("first");
    let b = text
        .find("[[obligations]]\nid = \"security-report\"")
        .expect("second");
    let c = text
        .find("[[obligations]]\nid = \"malfunction-notice\"")
        .expect("third");
    let swapped = format!("{}{}{}{}", &text[..a], &text[b..c], &text[a..b], &text[c..]);
    let out = terms(&text, &swapped);
    assert!(
        out.contains(
            "Obligation \"Provide an independent security assessment of the sandbox\": moved, §11.2 → §11.1\n"
        ),
        "{out}"
    );
    assert_eq!(out.matches(": moved").count(), 1, "{out}");
    assert!(
        out.matches('→').count() == 1,
        "reordering is not a change of terms: {out}"
    );
}

#[test]
fn tables_added_removed_and_renamed() {
    let removed = edit(
        &complete_fixture(),
        &[(
            "[[obligations]]\nid = \"malfunction-notice\"\nowner = \"medisoft\"\naction = \"Tell the site leads of any malfunction affecting results\"\nwithin = \"1 business day\"\nafter = \"MediSoft detects the malfunction\"\nevidence = \"Incident notice in the board papers\"\n\n",
            "",
        )],
    );
    let text = terms(&complete_fixture(), &removed);
    assert!(
        text.contains(
            "Obligation \"Tell the site leads of any malfunction affecting results\": removed"
        ),
        "{text}"
    );
    let added = terms(&removed, &complete_fixture());
    assert!(
        added.contains(
            "Obligation \"Tell the site leads of any malfunction affecting results\": added (§11.3)"
        ),
        "{added}"
    );
    let renamed = edit(
        &complete_fixture(),
        &[("id = \"security-report\"", "id = \"soc2-report\"")],
    );
    let text = terms(&complete_fixture(), &renamed);
    assert!(
        text.contains("removed") && text.contains("added"),
        "an id rename is a removal and an addition: {text}"
    );
    insta::assert_snapshot!("renamed", text);
}

#[test]
fn every_format_is_snapshotted() {
    let new = edit(
        &complete_fixture(),
        &[
            ("review = \"60 days\"", "review = \"45 days\""),
            ("short_name = \"Harbor\"", "short_name = \"Harbor Health\""),
        ],
    );
    for (name, format) in [
        ("text", Format::Text),
        ("md", Format::Md),
        ("html", Format::Html),
        ("json", Format::Json),
    ] {
        let (out, different) = report(&complete_fixture(), &new, format, false);
        assert!(different);
        insta::assert_snapshot!(format!("format-{name}"), out);
    }
    let (rendered, _) = report(&complete_fixture(), &new, Format::Text, true);
    assert!(rendered.contains("Harbor{+ Health+}"), "{rendered}");
    insta::assert_snapshot!("format-text-rendered", rendered);
    let (json, _) = report(&complete_fixture(), &new, Format::Json, false);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["changes"][0]["anchor"], "partner-harbor");
}

#[test]
fn diffs_are_deterministic() {
    let new = edit(
        &complete_fixture(),
        &[("review = \"60 days\"", "review = \"45 days\"")],
    );
    for format in [Format::Text, Format::Md, Format::Html, Format::Json] {
        assert_eq!(
            report(&complete_fixture(), &new, format, false),
            report(&complete_fixture(), &new, format, false)
        );
    }
}

fn charter_cmd(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.env("NO_COLOR", "1").current_dir(dir);
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write");
    path
}

#[test]
fn diff_exit_codes_follow_diff() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "v1.toml", &complete_fixture());
    write(dir.path(), "v1-copy.toml", &complete_fixture());
    write(
        dir.path(),
        "v2.toml",
        &edit(
            &complete_fixture(),
            &[("review = \"60 days\"", "review = \"45 days\"")],
        ),
    );
    write(
        dir.path(),
        "bad.toml",
        &edit(
            &complete_fixture(),
            &[("review = \"60 days\"", "review = \"sixty days\"")],
        ),
    );
    let run = |args: &[&str]| charter_cmd(dir.path()).args(args).output().expect("runs");
    assert_eq!(
        run(&["diff", "v1.toml", "v1-copy.toml"]).status.code(),
        Some(0)
    );
    let different = run(&["diff", "v1.toml", "v2.toml"]);
    assert_eq!(different.status.code(), Some(1));
    assert!(
        !String::from_utf8_lossy(&different.stdout).contains('\u{1b}'),
        "no colour when piped"
    );
    let colored = run(&["--color", "always", "diff", "v1.toml", "v2.toml"]);
    assert!(
        String::from_utf8_lossy(&colored.stdout).contains("\u{1b}[31m"),
        "colour on request"
    );
    let invalid = run(&["diff", "v1.toml", "bad.toml"]);
    assert_eq!(invalid.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&invalid.stderr).contains("E0105"),
        "invalid inputs are reported, not diffed"
    );
    assert!(invalid.stdout.is_empty());
    assert_eq!(
        run(&["diff", "v1.toml", "missing.toml"]).status.code(),
        Some(2)
    );

    // Rendered Markdown compares as text.
    assert_eq!(
        run(&["render", "v1.toml", "-o", "v1.md"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["render", "v2.toml", "-o", "v2.md"]).status.code(),
        Some(0)
    );
    let md = run(&["diff", "v1.md", "v2.md", "--format", "md"]);
    assert_eq!(md.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&md.stdout).contains("{--60--}{++45++}"));
    assert_eq!(run(&["diff", "v1.md", "v1.md"]).status.code(), Some(0));
    assert_eq!(
        run(&["diff", "v1.md", "v2.toml"]).status.code(),
        Some(2),
        "one of each kind is refused"
    );
    let html = run(&[
        "diff",
        "v1.toml",
        "v2.toml",
        "-f",
        "html",
        "-o",
        "redline.html",
    ]);
    assert_eq!(html.status.code(), Some(1));
    let page = fs::read_to_string(dir.path().join("redline.html")).expect("written");
    assert!(
        page.contains("<del>60</del><ins>45</ins>")
            && page.contains("href=\"#publication-review\""),
        "{page}"
    );
}

#[test]
fn verify_catches_edits_and_other_sources() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "board.toml", &complete_fixture());
    write(
        dir.path(),
        "other.toml",
        &edit(
            &complete_fixture(),
            &[("review = \"60 days\"", "review = \"45 days\"")],
        ),
    );
    let run = |args: &[&str]| charter_cmd(dir.path()).args(args).output().expect("runs");
    for (doc, format) in [("board.md", "md"), ("board.html", "html")] {
        assert_eq!(
            run(&["render", "board.toml", "-f", format, "-o", doc])
                .status
                .code(),
            Some(0)
        );
        let ok = run(&["verify", doc, "board.toml"]);
        assert_eq!(
            ok.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
        let other = run(&["verify", doc, "other.toml"]);
        assert_eq!(other.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&other.stderr).contains("rendered from another input"));
        let text = fs::read_to_string(dir.path().join(doc)).expect("read");
        fs::write(dir.path().join(doc), text.replacen("60 days", "90 days", 1)).expect("tamper");
        let edited = run(&["verify", doc, "board.toml"]);
        assert_eq!(edited.status.code(), Some(1));
        let err = String::from_utf8_lossy(&edited.stderr);
        assert!(
            err.contains("text was changed after rendering")
                && err.contains("first difference at line"),
            "{err}"
        );
    }
}

#[test]
fn clause_numbers_without_the_document_are_the_documents_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<PathBuf> = fs::read_dir(root.join("charters"))
        .expect("charters")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.push(root.join("tests/fixtures/valid/complete.toml"));
    paths.push(root.join("tests/fixtures/valid/minimal.toml"));
    for path in paths {
        let src = Source::new(path.display().to_string(), fs::read(&path).expect("reads"));
        let valid = check(&src).0.expect("valid");
        assert_eq!(
            render::document::clause_numbers(&valid),
            render::document::build(&valid, String::new()).clauses,
            "{}",
            path.display()
        );
    }
}

#[test]
fn changes_read_as_words_with_names_not_ids() {
    let new = edit(
        &complete_fixture(),
        &[
            ("threshold_usd = 5000", "threshold_usd = 2500"),
            (
                "mandate = \"Runs budget, contracts and amendments, and breaks deadlocks of the Clinical Board.\"",
                "mandate = \"Runs budget and contracts for [[partner:harbor]] and [[partner:pine-valley]], and breaks deadlocks of the [[body:board]].\"",
            ),
        ],
    );
    let text = terms(&complete_fixture(), &new);
    assert!(
        text.contains("Conflicts of interest › threshold (USD): 5000 → 2500"),
        "{text}"
    );
    assert!(
        text.contains(
            "{+for Harbor and Pine Valley+}, and breaks deadlocks of the Clinical Board."
        ),
        "references read as the document reads them: {text}"
    );
    assert!(!text.contains("[[partner:"), "{text}");
}

#[test]
fn changes_say_whether_they_tighten_or_relax_and_for_whom() {
    let slower = edit(
        &complete_fixture(),
        &[(
            "breach_notification = \"1 business day\"",
            "breach_notification = \"5 business days\"",
        )],
    );
    let text = terms(&slower, &complete_fixture());
    assert!(
        text.contains(
            "breach notification: 5 business days → 1 business day, tightened for MediSoft"
        ),
        "{text}"
    );
    let new = edit(
        &complete_fixture(),
        &[("review = \"60 days\"", "review = \"45 days\"")],
    );
    assert!(
        terms(&complete_fixture(), &new)
            .contains("review period: 60 days → 45 days, relaxed for the authors"),
        "{}",
        terms(&complete_fixture(), &new)
    );
    let (json, _) = report(&complete_fixture(), &new, Format::Json, false);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let change = &value["changes"][0];
    assert_eq!(change["class"]["direction"], "relaxed");
    assert_eq!(change["class"]["for"], "the authors");
    let renamed = edit(
        &complete_fixture(),
        &[("short_name = \"Harbor\"", "short_name = \"Harbor Health\"")],
    );
    let (json, _) = report(&complete_fixture(), &renamed, Format::Json, false);
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["changes"][0]["class"]["direction"], "changed");
}

#[test]
fn a_longer_confidentiality_duty_tightens_it_for_every_partner() {
    let longer = edit(
        &complete_fixture(),
        &[("duration = \"3 years\"", "duration = \"indefinite\"")],
    );
    let text = terms(&complete_fixture(), &longer);
    assert!(
        text.contains(
            "Confidentiality › duration: 3 years → indefinite, tightened for every partner (§14.1)"
        ),
        "{text}"
    );
    let back = terms(&longer, &complete_fixture());
    assert!(
        back.contains("indefinite → 3 years, relaxed for every partner"),
        "{back}"
    );
}
