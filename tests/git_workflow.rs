//! The pull-request review of `docs/ci/charter-review.sh`, run in a real git repository: every charter
//! checked, and the changed-only redline of each changed charter, as one Markdown comment.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// Runs git in `dir`, with a fixed author so that the test needs no git configuration.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Governance office",
            "-c",
            "user.email=office@example.org",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        common::stderr_of(&out)
    );
}

/// The review of the branch checked out in `dir` against `base`.
fn review(dir: &Path, base: &str, env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let script = common::root().join("docs/ci/charter-review.sh");
    let out: Output = Command::new("bash")
        .arg(script)
        .args([base, "charters"])
        .env("CHARTER", env!("CARGO_BIN_EXE_charter"))
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .expect("the script runs");
    let stderr = common::stderr_of(&out);
    (
        out.status.code(),
        String::from_utf8(out.stdout).expect("utf-8"),
        stderr,
    )
}

/// A repository whose main branch holds two charters, and a branch `amend` that changes a term of the
/// first, renames the second and adds a third.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let charters = dir.path().join("charters");
    std::fs::create_dir(&charters).expect("mkdir");
    let sepsis =
        std::fs::read_to_string(common::root().join("charters/sepsis-advisory-board.toml"))
            .expect("example");
    let vendor = std::fs::read_to_string(common::root().join("charters/hospital-it-vendor.toml"))
        .expect("example");
    std::fs::write(charters.join("sepsis.toml"), &sepsis).expect("write");
    std::fs::write(charters.join("vendor.toml"), &vendor).expect("write");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(
        dir.path(),
        &["commit", "-q", "-m", "the charters as signed"],
    );
    git(dir.path(), &["checkout", "-q", "-b", "amend"]);
    assert!(sepsis.contains("review = \"60 days\""));
    std::fs::write(
        charters.join("sepsis.toml"),
        sepsis.replacen("review = \"60 days\"", "review = \"45 days\"", 1),
    )
    .expect("write");
    git(
        dir.path(),
        &["mv", "charters/vendor.toml", "charters/it-vendor.toml"],
    );
    std::fs::copy(
        common::root().join("charters/regional-ehr-consortium.toml"),
        charters.join("ehr.toml"),
    )
    .expect("copy");
    git(dir.path(), &["add", "."]);
    git(
        dir.path(),
        &["commit", "-q", "-m", "a shorter review period"],
    );
    dir
}

#[test]
fn a_pull_request_gets_the_check_and_the_changed_only_redline_of_each_changed_charter() {
    let dir = repository();
    let (code, comment, stderr) = review(dir.path(), "main", &[]);
    assert_eq!(code, Some(0), "{stderr}\n{comment}");
    assert!(
        comment.starts_with(
            "# Charter review\n\n## Check\n\nEvery charter under `charters` passes `charter check`."
        ),
        "{comment}"
    );
    assert!(
        comment.contains("## `charters/ehr.toml`: a new charter"),
        "{comment}"
    );
    assert!(comment.contains("## `charters/it-vendor.toml` (was `charters/vendor.toml`)\n\nNo change to its terms or its document."), "{comment}");
    // The sepsis redline: the summary first, then only what changed, its sides named as git names them.
    let sepsis = &comment[comment
        .find("## `charters/sepsis.toml`")
        .expect("the sepsis section")..];
    assert!(
        sepsis.contains("| File | main/charters/sepsis.toml | HEAD/charters/sepsis.toml |"),
        "{sepsis}"
    );
    let summary = sepsis.find("### Changes in this redline").expect("summary");
    let mark = sepsis
        .find("{--60--}{++45++}")
        .expect("the changed term, marked");
    assert!(summary < mark, "{sepsis}");
    assert!(sepsis.contains("unchanged blocks are left out"), "{sepsis}");
    // Headings sit under the charter's own, and the whole comment fits a pull-request comment.
    let titles: Vec<&str> = comment.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(titles, ["# Charter review"], "{comment}");
    assert!(comment.len() < 20_000, "{} characters", comment.len());
}

#[test]
fn a_long_redline_becomes_the_term_report_and_an_invalid_charter_fails_the_review() {
    let dir = repository();
    let (code, comment, stderr) = review(dir.path(), "main", &[("CHARTER_COMMENT_LIMIT", "100")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        comment.contains("The redline is too long for a comment; the changes, term by term:"),
        "{comment}"
    );
    assert!(!comment.contains("{++45++}"), "{comment}");
    assert!(comment.contains("45 days"), "{comment}");

    let broken = dir.path().join("charters/ehr.toml");
    let text = std::fs::read_to_string(&broken).expect("read");
    std::fs::write(
        &broken,
        text.replacen("[charter]", "[charter]\nsschema = 1", 1),
    )
    .expect("write");
    let (code, comment, _) = review(dir.path(), "main", &[]);
    assert_eq!(code, Some(1), "{comment}");
    assert!(
        comment.contains("**`charter check` found errors:**"),
        "{comment}"
    );
    assert!(comment.contains("charters/ehr.toml:"), "{comment}");
}

#[test]
fn a_review_that_cannot_run_says_why_and_exits_2() {
    let dir = repository();
    let (code, comment, stderr) = review(dir.path(), "no-such-branch", &[]);
    assert_eq!(code, Some(2), "{comment}");
    assert!(
        stderr.contains("no common commit of no-such-branch and HEAD"),
        "{stderr}"
    );
    let (code, _, stderr) = review(dir.path(), "main", &[("CHARTER", "/nonexistent/charter")]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("no charter binary"), "{stderr}");
}
