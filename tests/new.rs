//! `charter new`: starters that check cleanly, are commented section by section, and never replace a file.

use std::fs;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

fn charter(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.env("NO_COLOR", "1").current_dir(dir);
    cmd
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_starter_from_every_example_checks_and_warns_only_that_it_is_still_the_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    for example in charter::scaffold::EXAMPLES {
        let path = format!("{}.toml", example.name);
        let out = charter(dir.path())
            .args(["new", &path, "--from", example.name])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        assert!(
            stderr_of(&out)
                .contains("replace its organisations, people and example.org addresses first")
        );
        let out = charter(dir.path())
            .args(["check", &path])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        // The done signal: one warning per partner that still holds the example's organisation or people,
        // and no other warning.
        let err = stderr_of(&out);
        let warnings = err.matches("warning[").count();
        assert!(warnings >= 2, "{}: {err}", example.name);
        assert_eq!(err.matches("warning[W0442]").count(), warnings, "{err}");
        let text = fs::read_to_string(dir.path().join(&path)).expect("written");
        assert!(text.starts_with(
            "#:schema ./charter.schema.json\n# Starter charter, written by `charter new`"
        ));
        assert!(!text.contains(charter::scaffold::FICTIONAL_MARKER));
        for section in ["[charter]", "[[partners]]", "[term]"] {
            // Standing terms of reference adopted by a body need no term.
            if section == "[term]" && !example.text.contains("\n[term]") {
                continue;
            }
            assert!(
                text.contains(&format!("# FILL IN {section}: ")),
                "{}: {section}",
                example.name
            );
        }
    }
}

#[test]
fn the_built_in_examples_accept_their_fictional_content_and_check_without_warnings() {
    for example in charter::scaffold::EXAMPLES {
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("charters")
            .join(format!("{}.toml", example.name));
        let out = charter(Path::new(env!("CARGO_MANIFEST_DIR")))
            .arg("check")
            .arg(&file)
            .output()
            .expect("runs");
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(err.contains(": ok") && !err.contains("warning["), "{err}");
    }
}

#[test]
fn replacing_the_examples_people_organisations_and_addresses_silences_the_done_signal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = charter(dir.path())
        .args(["new", "mine.toml", "--quiet"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let mut text = fs::read_to_string(dir.path().join("mine.toml")).expect("written");
    let names = charter::scaffold::FICTIONAL_ORGANISATIONS
        .iter()
        .chain(charter::scaffold::FICTIONAL_PEOPLE);
    for (i, name) in names.enumerate() {
        text = text.replace(&format!("\"{name}\""), &format!("\"Own Name {i}\""));
    }
    let text = text.replace(".example.org\"", ".partners.test\"");
    fs::write(dir.path().join("mine.toml"), text).expect("write");
    let out = charter(dir.path())
        .args(["check", "mine.toml"])
        .output()
        .expect("runs");
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning["), "{err}");
}

#[test]
fn new_writes_charter_toml_by_default_and_never_replaces_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = charter(dir.path()).arg("new").output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr_of(&out).contains("and run `charter check charter.toml` after each change"),
        "{}",
        stderr_of(&out)
    );
    let path = dir.path().join("charter.toml");
    let text = fs::read_to_string(&path).expect("charter.toml written");
    assert!(text.contains("from the example \"community-screening-partnership\""));

    fs::write(&path, "my own work").expect("write");
    let out = charter(dir.path())
        .args(["new", "--from", "hospital-it-vendor"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out)
            .contains("charter.toml already exists; `charter new` never replaces a file"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), "my own work");
    let mut files: Vec<String> = fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["charter.schema.json", "charter.toml"],
        "the schema the starter points to, and no temporary file"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("charter.schema.json")).expect("schema"),
        charter::schema::generate()
    );
}

#[test]
fn new_dash_writes_standard_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = charter(dir.path())
        .args(["new", "-", "--from", "sepsis-advisory-board"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stderr_of(&out).is_empty(), "{}", stderr_of(&out));
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("id = \"sepsis-validation\""));
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 0);
    let out = charter(dir.path())
        .args(["check", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn new_list_shows_one_line_per_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = charter(dir.path())
        .args(["new", "--list"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let list = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), charter::scaffold::EXAMPLES.len(), "{list}");
    for (line, example) in lines.iter().zip(charter::scaffold::EXAMPLES) {
        assert!(line.starts_with(example.name), "{line}");
        assert!(line.ends_with(example.summary), "{line}");
    }
    assert_eq!(
        fs::read_dir(dir.path()).expect("dir").count(),
        0,
        "--list writes nothing"
    );
    let examples = fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("charters"))
        .expect("charters/")
        .count();
    assert_eq!(
        lines.len(),
        examples,
        "every file in charters/ is a built-in example"
    );
}

#[test]
fn an_unknown_example_is_a_usage_error_that_names_the_examples() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = charter(dir.path())
        .args(["new", "--from", "sepsis"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("sepsis-advisory-board"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 0);
}

#[test]
fn quiet_new_says_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = charter(dir.path())
        .args(["new", "-q", "x.toml"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", stderr_of(&out));
    assert!(dir.path().join("x.toml").exists());
}
