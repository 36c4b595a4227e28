//! `charter render --templates DIR`: a user's templates over the built-in ones, and template errors that
//! name the file, line and column.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{charter, root, stderr_of};

fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

const SEPSIS: &str = "charters/sepsis-advisory-board.toml";

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
    }
}

#[test]
fn a_copy_of_the_built_in_templates_renders_the_same_bytes() {
    // Every file in templates/ is overridable under its own name, and nothing else feeds the output.
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&root().join("templates"), dir.path());
    for format in ["md", "html"] {
        let builtin = charter()
            .args(["render", SEPSIS, "-f", format])
            .output()
            .expect("runs");
        let copied = charter()
            .args(["render", SEPSIS, "-f", format, "--templates"])
            .arg(dir.path())
            .output()
            .expect("runs");
        assert_eq!(copied.status.code(), Some(0), "{}", stderr_of(&copied));
        assert_eq!(stdout_of(&copied), stdout_of(&builtin), "{format}");
    }
}

#[test]
fn user_templates_replace_built_in_ones_and_add_partials() {
    let out = charter()
        .args([
            "-v",
            "render",
            SEPSIS,
            "--templates",
            "tests/fixtures/templates/custom",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let md = stdout_of(&out);
    assert!(
        md.starts_with(
            "# Charter of the Multi-Site Sepsis Prediction Validation Partnership (draft for the boards)\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("Prepared with charter "),
        "the partial is included"
    );
    assert!(
        md.contains("Sections: 1. Purpose and scope; 2. Partners;"),
        "{md}"
    );
    assert!(
        md.contains("<a id=\"purpose-statement\"></a>**1.1 Purpose.**"),
        "the built-in body is kept"
    );
    let err = stderr_of(&out);
    assert!(
        err.contains("template charter.md.tera: tests/fixtures/templates/custom/charter.md.tera (replaces the built-in one)"),
        "{err}"
    );
    assert!(
        err.contains("template partials/provenance.md.tera: tests/fixtures/templates/custom/partials/provenance.md.tera\n"),
        "{err}"
    );
    assert!(
        err.contains("ignored tests/fixtures/templates/custom/notes.txt"),
        "{err}"
    );

    let out = charter()
        .args([
            "render",
            SEPSIS,
            "-f",
            "html",
            "--templates",
            "tests/fixtures/templates/custom",
        ])
        .output()
        .expect("runs");
    let html = stdout_of(&out);
    assert!(
        html.contains("font-family: \"Custom Serif\""),
        "the stylesheet is replaced"
    );
    assert!(
        !html.contains("@media print"),
        "and not merged with the built-in one"
    );
}

#[test]
fn a_broken_template_is_reported_with_file_line_and_column_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("board.md");
    let out = charter()
        .args([
            "render",
            SEPSIS,
            "--templates",
            "tests/fixtures/templates/broken",
            "-o",
        ])
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.starts_with(
            "error: template error in tests/fixtures/templates/broken/body.md.tera:3:45: Unknown filter `upper_case`\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("3 | ## {{ section.number }}. {{ section.title | upper_case }}"),
        "the offending line is shown: {err}"
    );
    assert!(err.contains("^^^^^^^^^^"), "and underlined: {err}");
    assert!(!out_path.exists(), "nothing is written");
}

#[test]
fn an_error_while_rendering_names_the_template_too() {
    let out = charter()
        .args([
            "render",
            SEPSIS,
            "-f",
            "html",
            "--templates",
            "tests/fixtures/templates/broken-at-render",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.starts_with(
            "error: template error in tests/fixtures/templates/broken-at-render/charter.html.tera:4:7: "
        ),
        "{err}"
    );
    assert!(
        err.contains("Variable `signatories` is not defined"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_template_directory_is_exit_2() {
    let out = charter()
        .args([
            "render",
            SEPSIS,
            "--templates",
            "tests/fixtures/templates/nope",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("cannot read tests/fixtures/templates/nope"));
}

#[test]
fn charter_text_is_data_even_in_a_users_template() {
    // A title that looks like template code is printed as text, by the built-in templates and by a user
    // template that prints the unescaped title: values are never evaluated.
    let text = fs::read_to_string(root().join(SEPSIS))
        .expect("read")
        .replace(
            "title = \"Charter of the Multi-Site Sepsis Prediction Validation Partnership\"",
            "title = \"{{ fingerprint }} {% include 'charter.css' %}\"",
        );
    let dir = tempfile::tempdir().expect("tempdir");
    let templates: PathBuf = dir.path().join("t");
    fs::create_dir(&templates).expect("mkdir");
    fs::write(
        templates.join("charter.md.tera"),
        "TITLE={{ title_text }}\n",
    )
    .expect("write");
    let out = charter()
        .args(["render", "-", "--templates"])
        .arg(&templates)
        .write_stdin(text.clone())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "TITLE={{ fingerprint }} {% include 'charter.css' %}\n"
    );
    let out = charter()
        .args(["render", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert!(
        stdout_of(&out)
            .starts_with("# \\{\\{ fingerprint \\}\\} \\{% include 'charter.css' %\\}\n"),
        "{}",
        stdout_of(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_template_is_refused_and_symlink_loops_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A folder that links to itself and to its parent: walked once each, not forever.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).expect("symlink");
    fs::create_dir(dir.path().join("sub")).expect("mkdir");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/up")).expect("symlink");
    let out = charter()
        .args(["render", SEPSIS, "--templates"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let fifo = dir.path().join("body.md.tera");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let out = charter()
        .args(["render", SEPSIS, "--templates"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("not a regular file"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_template_that_produces_too_much_stops_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 100,000 × 100,000 lines of ten bytes: 100 GB, if nothing stopped it.
    fs::write(
        dir.path().join("body.md.tera"),
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}0123456789{% endfor %}{% endfor %}\n",
    )
    .expect("write");
    let out = charter()
        .args(["render", SEPSIS, "--templates"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("produces more than 64 MiB"), "{err}");
    assert!(err.contains("body.md.tera"), "{err}");
}
