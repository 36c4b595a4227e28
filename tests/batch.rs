//! Many charters in one run: directories, parallel checking and rendering, a bad file among good ones,
//! `--out-dir`, and output that does not depend on scheduling.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{charter, root, stderr_of};

fn example(name: &str) -> PathBuf {
    root().join("charters").join(format!("{name}.toml"))
}

fn invalid(name: &str) -> PathBuf {
    root()
        .join("tests/fixtures/invalid")
        .join(format!("{name}.toml"))
}

/// A directory of charters: three valid, one with an error, one in a sub-folder, and files a directory
/// walk must skip (a hidden charter, a text file).
fn mixed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    fs::copy(example("sepsis-advisory-board"), d.join("a-sepsis.toml")).expect("copy");
    fs::copy(invalid("ip-shares-not-100"), d.join("b-broken.toml")).expect("copy");
    fs::copy(example("hospital-it-vendor"), d.join("c-vendor.toml")).expect("copy");
    fs::create_dir(d.join("sites")).expect("mkdir");
    fs::copy(
        example("community-screening-partnership"),
        d.join("sites/d-screening.toml"),
    )
    .expect("copy");
    fs::copy(invalid("ip-shares-not-100"), d.join(".hidden.toml")).expect("copy");
    fs::write(d.join("notes.txt"), "not a charter").expect("write");
    dir
}

#[test]
fn check_of_a_directory_checks_every_charter_in_path_order_and_counts_them() {
    let out = charter()
        .args(["check", "charters"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let mut expected: Vec<String> = common::examples()
        .iter()
        .map(|p| format!("{}: ok", p.strip_prefix(root()).expect("inside").display()))
        .collect();
    expected.push(format!(
        "{} files: {} ok, 0 failed",
        expected.len(),
        expected.len()
    ));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{err}");
    for (line, expected) in lines.iter().zip(&expected) {
        // A file's line may go on to say what its exceptions accepted.
        assert!(line.starts_with(expected.as_str()), "{line} / {expected}");
    }
}

#[test]
fn a_bad_charter_fails_the_run_but_not_the_others() {
    let dir = mixed_dir();
    let out = charter()
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let at = |name: &str| {
        err.find(name)
            .unwrap_or_else(|| panic!("{name} is reported: {err}"))
    };
    assert!(at("a-sepsis.toml: ok") < at("error[E0402]"), "{err}");
    assert!(at("error[E0402]") < at("c-vendor.toml: ok"), "{err}");
    assert!(
        at("c-vendor.toml: ok") < at("d-screening.toml: ok"),
        "{err}"
    );
    assert!(
        !err.contains(".hidden") && !err.contains("notes.txt"),
        "{err}"
    );
    assert!(err.ends_with("4 files: 3 ok, 1 failed\n"), "{err}");
}

#[test]
fn the_report_is_the_same_bytes_whatever_the_number_of_threads() {
    let dir = mixed_dir();
    let run = |threads: &str| {
        charter()
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--message-format", "json"])
            .arg(dir.path())
            .arg(dir.path())
            .output()
            .expect("runs")
    };
    let one = run("1");
    assert_eq!(one.status.code(), Some(1));
    assert!(!one.stdout.is_empty());
    for threads in ["2", "8"] {
        for _ in 0..3 {
            let many = run(threads);
            assert_eq!(many.stdout, one.stdout, "{threads} threads");
            assert_eq!(many.stderr, one.stderr, "{threads} threads");
        }
    }
}

#[test]
fn an_unreadable_argument_is_reported_in_its_turn_and_exits_2() {
    let empty = tempfile::tempdir().expect("tempdir");
    let out = charter()
        .arg("check")
        .arg(example("sepsis-advisory-board"))
        .arg("does-not-exist.toml")
        .arg(empty.path())
        .arg(invalid("ip-shares-not-100"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("cannot read does-not-exist.toml"), "{err}");
    assert!(err.contains("the directory has no .toml files"), "{err}");
    assert!(
        err.find("does-not-exist") < err.find("E0402"),
        "in argument order: {err}"
    );
    assert!(
        err.ends_with(
            "3 files: 1 ok, 1 failed, 1 could not be read; 1 directory could not be read or had no charters\n"
        ),
        "{err}"
    );
}

#[test]
fn quiet_batch_prints_the_errors_only() {
    let dir = mixed_dir();
    let out = charter()
        .args(["check", "-q"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("error[E0402]"), "{err}");
    assert!(!err.contains(": ok") && !err.contains("files:"), "{err}");
}

#[test]
fn no_progress_bar_when_standard_error_is_not_a_terminal() {
    // Twelve charters are enough for a bar on a terminal; here standard error is a pipe.
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..12 {
        fs::copy(
            example("sepsis-advisory-board"),
            dir.path().join(format!("board-{i:02}.toml")),
        )
        .expect("copy");
    }
    let out = charter()
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let err = stderr_of(&out);
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
    assert!(!err.contains("charters,"), "{err}");
    assert_eq!(
        err.lines().count(),
        13,
        "one line per file and the totals: {err}"
    );
}

/// `charter render SOURCE --format html --out-dir TARGET`.
fn render_html_into(source: &Path, target: &Path) -> Output {
    charter()
        .arg("render")
        .arg(source)
        .args(["--format", "html", "--out-dir"])
        .arg(target)
        .output()
        .expect("runs")
}

#[test]
fn render_of_a_directory_writes_each_charter_into_out_dir_as_a_single_render_would() {
    let dir = mixed_dir();
    let out_dir = tempfile::tempdir().expect("tempdir");
    let target = out_dir.path().join("rendered");
    let out = render_html_into(dir.path(), &target);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(out.stdout.is_empty());
    let err = stderr_of(&out);
    assert!(err.contains("error[E0402]"), "{err}");
    assert!(err.ends_with("4 files: 3 ok, 1 failed\n"), "{err}");
    for (name, source) in [
        ("a-sepsis.html", "a-sepsis.toml"),
        ("c-vendor.html", "c-vendor.toml"),
        ("sites/d-screening.html", "sites/d-screening.toml"),
    ] {
        let single = charter()
            .arg("render")
            .arg(dir.path().join(source))
            .args(["--format", "html"])
            .output()
            .expect("runs");
        assert_eq!(
            fs::read(target.join(name)).expect("rendered"),
            single.stdout,
            "{name}"
        );
    }
    assert!(!target.join("b-broken.html").exists());
    let mut written = Vec::new();
    for entry in fs::read_dir(&target).expect("out dir") {
        written.push(entry.expect("entry").file_name());
    }
    written.sort();
    assert_eq!(
        written,
        ["a-sepsis.html", "c-vendor.html", "sites"],
        "no temporary files"
    );

    // Again: every output exists, none is replaced without --force.
    fs::write(target.join("a-sepsis.html"), "keep me").expect("write");
    let again = render_html_into(dir.path(), &target);
    assert_eq!(again.status.code(), Some(2), "{}", stderr_of(&again));
    assert!(
        stderr_of(&again).contains("already exists; pass --force"),
        "{}",
        stderr_of(&again)
    );
    assert_eq!(
        fs::read_to_string(target.join("a-sepsis.html")).expect("kept"),
        "keep me"
    );
    let forced = charter()
        .arg("render")
        .arg(dir.path().join("a-sepsis.toml"))
        .arg(dir.path().join("c-vendor.toml"))
        .args(["--format", "html", "--force", "--out-dir"])
        .arg(&target)
        .output()
        .expect("runs");
    assert_eq!(forced.status.code(), Some(0), "{}", stderr_of(&forced));
    assert!(
        fs::read_to_string(target.join("a-sepsis.html"))
            .expect("replaced")
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn render_of_several_charters_needs_out_dir() {
    let out = charter()
        .arg("render")
        .arg(example("sepsis-advisory-board"))
        .arg(example("hospital-it-vendor"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out).contains("needs --out-dir"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn two_charters_with_one_name_are_not_both_rendered_into_one_file() {
    let dir = mixed_dir();
    fs::copy(
        example("hospital-it-vendor"),
        dir.path().join("sites/a-sepsis.toml"),
    )
    .expect("copy");
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = charter()
        .arg("render")
        .arg(dir.path().join("a-sepsis.toml"))
        .arg(dir.path().join("sites/d-screening.toml"))
        .arg(example("sepsis-advisory-board"))
        .arg(dir.path().join("sites/a-sepsis.toml"))
        .arg("--out-dir")
        .arg(out_dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("would both be rendered as a-sepsis; render them into different directories"),
        "{err}"
    );
    assert!(
        err.ends_with("4 files: 3 ok, 0 failed, 1 could not be read or written\n"),
        "{err}"
    );
    let rendered = fs::read(out_dir.path().join("a-sepsis.md")).expect("the first one");
    let first = charter()
        .arg("render")
        .arg(dir.path().join("a-sepsis.toml"))
        .output()
        .expect("runs");
    assert_eq!(rendered, first.stdout);
}

#[test]
fn standard_input_cannot_go_into_out_dir() {
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = charter()
        .args(["render", "-", "--out-dir"])
        .arg(out_dir.path())
        .write_stdin(fs::read(example("sepsis-advisory-board")).expect("example"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("standard input has no name"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(fs::read_dir(out_dir.path()).expect("dir").count(), 0);
}

#[test]
fn a_progress_bar_on_a_terminal_cleared_before_the_totals() {
    // `script` (util-linux) runs the command on a pseudo-terminal; without it there is no terminal to test.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..300 {
        fs::copy(
            example("sepsis-advisory-board"),
            dir.path().join(format!("board-{i:03}.toml")),
        )
        .expect("copy");
    }
    let typescript = dir.path().join("typescript");
    let command = format!(
        "{} check {}",
        env!("CARGO_BIN_EXE_charter"),
        dir.path().display()
    );
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &command])
        .arg(&typescript)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let seen = String::from_utf8_lossy(&fs::read(&typescript).expect("typescript")).into_owned();
    assert!(seen.contains("/300 charters,"), "a bar: {seen}");
    assert!(
        seen.contains("\u{1b}[2K300 files: 300 ok, 0 failed"),
        "the bar's line is cleared before the totals: {seen}"
    );
}

#[test]
fn a_directory_stands_for_its_charters_not_every_toml_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::copy(
        example("hospital-it-vendor"),
        dir.path().join("vendor.toml"),
    )
    .expect("copy");
    fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").expect("write");
    fs::create_dir(dir.path().join("tools")).expect("mkdir");
    fs::write(
        dir.path().join("tools/taplo.toml"),
        "[formatting]\nalign_entries = true\n",
    )
    .expect("write");
    let out = charter()
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("1 file: 1 ok, 0 failed"), "{err}");
    assert!(
        err.contains("note: skipped 2 other .toml files in the directories: not charters"),
        "{err}"
    );
    // Named explicitly, a file is always checked.
    let named = charter()
        .arg("check")
        .arg(dir.path().join("Cargo.toml"))
        .output()
        .expect("runs");
    assert_eq!(named.status.code(), Some(1), "{}", stderr_of(&named));
    // A directory of other TOML files only says so.
    let tools = charter()
        .arg("check")
        .arg(dir.path().join("tools"))
        .output()
        .expect("runs");
    assert_eq!(tools.status.code(), Some(2));
    assert!(
        stderr_of(&tools).contains("its one .toml file is not a charter"),
        "{}",
        stderr_of(&tools)
    );
}
