//! What reaches a reviewer's terminal is what the text says: no control sequence from a charter or a file
//! name is printed raw by `check` (every message format) or `diff --format text`; and `--force` replaces a
//! regular file only, never a symbolic link, a directory or a device.

mod common;

use std::fs;

use common::{charter, root};

/// A charter with hostile text: `raw`, a raw escape sequence that clears the screen in its version (a
/// TOML syntax error, quoted in the report) and a raw right-to-left override in its jurisdiction; else the
/// same as TOML escapes, and a title that sets the terminal's window title (OSC 0) and colours it (CSI).
fn hostile(raw: bool) -> String {
    let text = fs::read_to_string(root().join("charters/community-screening-partnership.toml"))
        .expect("example");
    let (clear, rlo) = if raw {
        ("\u{1b}[2J\u{1b}[H", "\u{202e}")
    } else {
        ("\\u001b[2J\\u001b[H", "\\u202e")
    };
    text.replacen("version = \"", &format!("version = \"{clear}"), 1)
        .replacen("jurisdiction = \"", &format!("jurisdiction = \"{rlo}"), 1)
        .replacen(
            "title = \"",
            "title = \"\\u001b]0;owned\\u0007\\u009b31m",
            1,
        )
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        assert!(
            c == '\n' || charter::hidden::class(c).is_none(),
            "{what} printed {c:?} raw:\n{text}"
        );
    }
}

#[test]
fn check_reports_escape_every_control_character_in_every_format() {
    for raw in [true, false] {
        check_every_format(raw);
    }
}

fn check_every_format(raw: bool) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board\u{1b}[31m.toml");
    fs::write(&path, hostile(raw)).expect("write");
    for format in ["human", "short", "json"] {
        let out = charter()
            .args(["check", "--coverage", "--message-format", format])
            .arg(&path)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert_clean(&format!("check {format} (stdout)"), &out.stdout);
        assert_clean(&format!("check {format} (stderr)"), &out.stderr);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let expected = if raw { "E0101" } else { "E0203" };
        assert!(all.contains(expected), "{format}: {all}");
        if format == "json" {
            for line in String::from_utf8_lossy(&out.stdout).lines() {
                let value: serde_json::Value = serde_json::from_str(line).expect("JSON lines");
                assert!(value.is_object());
            }
        } else {
            assert!(
                all.contains("␛[31m.toml"),
                "{format}: the escape is shown, not obeyed: {all}"
            );
        }
    }
}

#[test]
fn the_human_report_underlines_the_hidden_character() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("board.toml");
    let text = fs::read_to_string(root().join("charters/community-screening-partnership.toml"))
        .expect("example")
        .replacen("version = \"1", "version = \"1\u{202e}", 1);
    fs::write(&path, text).expect("write");
    let out = charter().arg("check").arg(&path).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("U+202E RIGHT-TO-LEFT OVERRIDE is a bidirectional control"),
        "{err}"
    );
    // The quoted line shows the override as an escape, with the underline under all of it.
    let quoted = err
        .lines()
        .find(|l| l.contains("version = \"1\\u{202e}"))
        .expect("quoted line");
    let underline = err
        .lines()
        .skip_while(|l| *l != quoted)
        .nth(1)
        .expect("underline");
    let at = quoted[..quoted.find("\\u{202e}").expect("escape")]
        .chars()
        .count();
    assert_eq!(underline.chars().position(|c| c == '^'), Some(at), "{err}");
    assert_eq!(underline.matches('^').count(), "\\u{202e}".len(), "{err}");
}

#[test]
fn diff_text_of_rendered_documents_shows_escapes_instead_of_obeying_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old.md");
    let new = dir.path().join("new.md");
    fs::write(&old, "# Charter\n\nThe review period is 60 days.\n").expect("write");
    fs::write(
        &new,
        "# Charter\n\nThe review period is 5 days.\u{1b}[2J\u{1b}[HNo change of terms.\u{202e}\n",
    )
    .expect("write");
    for color in ["never", "always"] {
        let out = charter()
            .args(["--color", color, "diff", "--format", "text"])
            .arg(&old)
            .arg(&new)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("␛[2J"), "{text}");
        assert!(
            !text.contains("\u{1b}[2J") && !text.contains('\u{202e}'),
            "{text:?}"
        );
        if color == "never" {
            assert_clean("diff --format text", &out.stdout);
        }
    }
}

#[cfg(unix)]
#[test]
fn force_replaces_a_regular_file_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("kept.md");
    fs::write(&target, "kept").expect("write");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let example = root().join("charters/community-screening-partnership.toml");
    for out_path in [link.clone(), dir.path().to_path_buf(), "/dev/null".into()] {
        let out = charter()
            .arg("render")
            .arg(&example)
            .arg("-o")
            .arg(&out_path)
            .arg("--force")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{}", out_path.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("replaces only a regular file"), "{err}");
    }
    assert_eq!(fs::read_to_string(&target).expect("read"), "kept");
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    // Naming the file the link points to replaces it.
    let out = charter()
        .arg("render")
        .arg(&example)
        .arg("-o")
        .arg(fs::canonicalize(&link).expect("resolved"))
        .arg("--force")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        fs::read_to_string(&target)
            .expect("read")
            .contains("Charter")
    );
}
