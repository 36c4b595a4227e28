//! The real binary, end to end: exit codes, standard streams, stdin, and safe output files.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{charter, root, stderr_of};

fn example() -> PathBuf {
    root().join("charters/sepsis-advisory-board.toml")
}

fn invalid(name: &str) -> PathBuf {
    root()
        .join("tests/fixtures/invalid")
        .join(format!("{name}.toml"))
}

#[test]
fn check_exits_0_on_a_valid_charter() {
    let out = charter()
        .arg("check")
        .arg(example())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    // The example accepts, in an exception of its own, that its people and organisations are fictional.
    assert!(
        stderr_of(&out).ends_with(": ok (4 warnings accepted by the charter's exceptions)\n"),
        "{}",
        stderr_of(&out)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn check_exits_1_and_reports_located_diagnostics_with_hints() {
    let out = charter()
        .args([
            "check",
            "tests/fixtures/invalid/quorum-exceeds-members.toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("error[E0401]"), "{err}");
    assert!(
        err.contains("tests/fixtures/invalid/quorum-exceeds-members.toml:"),
        "{err}"
    );
    assert!(err.contains("hint: "), "{err}");
    assert!(
        err.contains("40 │ quorum = 3") && err.contains("^ 3 > 2 voting seats"),
        "the offending text is underlined: {err}"
    );
    assert!(!err.contains('\u{1b}'), "no colour with NO_COLOR: {err}");
}

#[test]
fn check_reports_every_file_and_exits_with_the_worst_status() {
    let out = charter()
        .arg("check")
        .arg(example())
        .arg(invalid("ip-shares-not-100"))
        .arg("does-not-exist.toml")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("sepsis-advisory-board.toml: ok"), "{err}");
    assert!(err.contains("E0402"), "{err}");
    assert!(
        err.contains("error: cannot read does-not-exist.toml"),
        "{err}"
    );
}

#[test]
fn warnings_alone_exit_0() {
    let out = charter()
        .arg("check")
        .arg(invalid("phases-overlap"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr_of(&out).contains("warning[W0409]"));
}

#[test]
fn check_reads_standard_input() {
    let text = fs::read(invalid("undefined-reference")).expect("fixture");
    let out = charter()
        .args(["check", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("<stdin>:"), "{}", stderr_of(&out));
}

#[test]
fn render_writes_markdown_to_stdout_by_default() {
    let out = charter()
        .arg("render")
        .arg(example())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        md.starts_with("# Charter of the Multi-Site Sepsis Prediction Validation Partnership\n")
    );
    assert!(md.contains("- [ ] "));
}

#[test]
fn render_from_stdin_to_stdout_matches_render_from_file() {
    let text = fs::read(example()).expect("example");
    let piped = charter()
        .args(["render", "-", "--format", "html", "-o", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    let direct = charter()
        .arg("render")
        .arg(example())
        .args(["--format", "html"])
        .output()
        .expect("runs");
    assert_eq!(piped.status.code(), Some(0));
    assert_eq!(piped.stdout, direct.stdout);
    assert!(String::from_utf8_lossy(&piped.stdout).starts_with("<!DOCTYPE html>"));
}

#[test]
fn render_refuses_an_invalid_charter_with_exit_1_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("out.md");
    let out = charter()
        .arg("render")
        .arg(invalid("chair-not-member"))
        .arg("-o")
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("E0412"));
    assert!(!out_path.exists());
}

#[test]
fn render_never_overwrites_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("board.html");
    fs::write(&out_path, "keep me").expect("write");
    let out = charter()
        .arg("render")
        .arg(example())
        .args(["-f", "html", "-o"])
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("already exists; pass --force"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(fs::read_to_string(&out_path).expect("read"), "keep me");

    let out = charter()
        .arg("render")
        .arg(example())
        .args(["-f", "html", "--force", "-o"])
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        fs::read_to_string(&out_path)
            .expect("read")
            .starts_with("<!DOCTYPE html>")
    );
    assert_eq!(
        fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn render_refuses_to_write_over_its_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("board.toml");
    fs::copy(example(), &input).expect("copy");
    let out = charter()
        .arg("render")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .arg("--force")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("is the input file"));
    assert_eq!(
        fs::read(&input).expect("read"),
        fs::read(example()).expect("read")
    );
}

#[test]
fn help_teaches_with_examples_and_exit_codes() {
    let out = charter().arg("--help").output().expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Exit codes"), "{help}");
    let out = charter().args(["render", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("--force") && help.contains("Examples:"),
        "{help}"
    );
}

#[test]
fn bad_arguments_exit_2() {
    let out = charter()
        .args(["render", "x.toml", "--format", "pdf"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

const SEVERAL: &str = "tests/fixtures/reports/several-findings.toml";

fn stdout_of(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_human_format_is_pinned() {
    let out = charter()
        .args(["check", SEVERAL, "--color", "never"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "people's format goes to standard error"
    );
    insta::assert_snapshot!("format-human", stderr_of(&out));
}

#[test]
fn the_short_format_is_one_line_per_diagnostic_on_stdout() {
    let out = charter()
        .args(["check", SEVERAL, "--message-format", "short"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    for line in text.lines() {
        let (location, rest) = line.split_once(": ").expect("location");
        assert!(location.starts_with(SEVERAL), "{line}");
        assert!(
            rest.starts_with("error[E") || rest.starts_with("warning[W"),
            "{line}"
        );
    }
    assert_eq!(
        stderr_of(&out),
        format!("{SEVERAL}: 3 errors, 1 warning\n"),
        "only the summary goes to standard error"
    );
    insta::assert_snapshot!("format-short", text);
}

#[test]
fn the_json_format_is_one_object_per_diagnostic_with_exact_byte_spans() {
    let out = charter()
        .args(["check", SEVERAL, "--message-format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    let file = fs::read(root().join(SEVERAL)).expect("fixture");
    let mut codes = Vec::new();
    for line in text.lines() {
        let d: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        for key in [
            "code", "severity", "message", "file", "line", "column", "span", "hint",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {line}");
        }
        let start = d["span"]["start"].as_u64().expect("start") as usize;
        let end = d["span"]["end"].as_u64().expect("end") as usize;
        assert!(start < end && end <= file.len(), "{line}");
        codes.push((
            d["code"].as_str().expect("code").to_owned(),
            String::from_utf8_lossy(&file[start..end]).into_owned(),
        ));
    }
    assert_eq!(
        codes,
        [
            ("E0401", "4"),
            ("E0302", "\"lakesid\""),
            ("E0405", "\"charter_only\""),
            ("W0409", "2026-06-01"),
        ]
        .map(|(c, t)| (c.to_owned(), t.to_owned()))
    );
    insta::assert_snapshot!("format-json", text);
}

#[test]
fn deny_warnings_fails_on_a_warning_and_allow_silences_it() {
    let warned = invalid("phases-overlap");
    let out = charter()
        .arg("check")
        .arg(&warned)
        .arg("--deny-warnings")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let out = charter()
        .arg("check")
        .arg(&warned)
        .args(["--deny-warnings", "--allow", "W0409"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(!err.contains("W0409]"), "{err}");
    assert!(
        err.ends_with(": ok (1 warning silenced by --allow)\n"),
        "{err}"
    );
}

#[test]
fn allow_refuses_errors_and_unknown_codes() {
    let out = charter()
        .arg("check")
        .arg(example())
        .args(["--allow", "E0401"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("E0401 (quorum-exceeds-members) is an error"),
        "{}",
        stderr_of(&out)
    );
    let out = charter()
        .arg("check")
        .arg(example())
        .args(["--allow", "phases-overlapp"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("did you mean W0409 (phases-overlap)?"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn render_with_deny_warnings_writes_nothing_and_keeps_stdout_for_the_document() {
    let out = charter()
        .arg("render")
        .arg(invalid("phases-overlap"))
        .args(["--deny-warnings", "--message-format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing rendered");
    assert!(
        stderr_of(&out).contains("\"code\":\"W0409\""),
        "{}",
        stderr_of(&out)
    );

    let out = charter()
        .arg("render")
        .arg(invalid("phases-overlap"))
        .args(["--message-format", "short"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout_of(&out).starts_with("# "), "the document on stdout");
    assert!(
        stderr_of(&out).contains("warning[W0409]"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn accepted_exceptions_do_not_fail_deny_warnings_and_are_counted() {
    let out = charter()
        .args([
            "check",
            "tests/fixtures/valid/unused-exception.toml",
            "--deny-warnings",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).ends_with(": ok (1 warning accepted by the charter's exceptions)\n"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn inputs_over_the_size_limit_are_refused_before_they_are_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let huge = dir.path().join("huge.toml");
    // A sparse file: 20 GiB long, no disk used; reading it whole would exhaust memory.
    fs::File::create(&huge)
        .and_then(|f| f.set_len(20 << 30))
        .expect("sparse file");
    let out = charter().arg("check").arg(&huge).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("larger than the input limit"),
        "{}",
        stderr_of(&out)
    );

    let out = charter()
        .args(["--max-input-size", "100", "check", "-"])
        .write_stdin(fs::read(example()).expect("example"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("<stdin> is larger than the input limit of 100 bytes"));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_rather_than_waited_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("board.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let out = charter()
        .arg("check")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(10))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("not a regular file"));
}

#[test]
fn color_always_colours_diagnostics_even_with_no_color_set() {
    // An explicit flag beats the environment, as https://no-color.org asks.
    let out = charter()
        .args(["--color", "always", "check"])
        .arg(invalid("quorum-exceeds-members"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("\u{1b}["), "{}", stderr_of(&out));
}

#[test]
fn auto_colour_stays_off_on_a_pipe_and_with_no_color() {
    for no_color in [None, Some("1")] {
        let mut cmd = charter();
        cmd.env_remove("NO_COLOR");
        if let Some(value) = no_color {
            cmd.env("NO_COLOR", value);
        }
        let out = cmd
            .arg("check")
            .arg(invalid("quorum-exceeds-members"))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1));
        let err = stderr_of(&out);
        assert!(err.contains("error[E0401]"), "{err}");
        assert!(!err.contains('\u{1b}'), "NO_COLOR={no_color:?}: {err}");
    }
    let out = charter()
        .env_remove("NO_COLOR")
        .args(["--color", "never", "check"])
        .arg(invalid("quorum-exceeds-members"))
        .output()
        .expect("runs");
    assert!(!stderr_of(&out).contains('\u{1b}'));
}

#[test]
fn quiet_prints_errors_only() {
    let out = charter()
        .args(["-q", "check"])
        .arg(example())
        .arg(invalid("phases-overlap"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr_of(&out), "", "no ok line, no warning, no summary");

    let out = charter()
        .args(["check", "--quiet"])
        .arg(invalid("quorum-exceeds-members"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("error[E0401]"), "{err}");
    assert!(!err.contains("1 error"), "no summary line: {err}");
}

#[test]
fn verbose_says_what_was_read_and_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_path = dir.path().join("board.md");
    let out = charter()
        .args(["-v", "render"])
        .arg(example())
        .arg("-o")
        .arg(&out_path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let input_len = fs::metadata(example()).expect("meta").len();
    let output_len = fs::metadata(&out_path).expect("meta").len();
    assert!(
        err.contains(&format!("read {} ({input_len} bytes)", example().display())),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "wrote {} ({output_len} bytes)",
            out_path.display()
        )),
        "{err}"
    );
}

#[test]
fn quiet_and_verbose_exclude_each_other() {
    let out = charter()
        .args(["-q", "-v", "check"])
        .arg(example())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_closed_stdout_pipe_ends_quietly() {
    use std::process::{Command as Process, Stdio};
    let dir = tempfile::tempdir().expect("tempdir");
    let minimal =
        fs::read_to_string(root().join("tests/fixtures/valid/minimal.toml")).expect("minimal");
    let goals: Vec<String> = (0..20_000)
        .map(|i| format!("\"Goal number {i}\""))
        .collect();
    let start = minimal.find("goals = ").expect("goals");
    let end = start + minimal[start..].find('\n').expect("end of line");
    let big = dir.path().join("big.toml");
    fs::write(
        &big,
        format!(
            "{}goals = [{}]{}",
            &minimal[..start],
            goals.join(", "),
            &minimal[end..]
        ),
    )
    .expect("write");
    // The reader goes away before the document (far larger than a pipe's buffer) is written.
    let mut child = Process::new(env!("CARGO_BIN_EXE_charter"))
        .arg("render")
        .arg(&big)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("waits");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn argument_errors_follow_the_colour_choice() {
    let always = charter()
        .args(["--color", "always", "chek"])
        .output()
        .expect("runs");
    assert_eq!(always.status.code(), Some(2));
    assert!(
        stderr_of(&always).contains('\u{1b}'),
        "--color always colours clap's own errors"
    );
    let never = charter()
        .args(["--color=never", "chek"])
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    assert_eq!(never.status.code(), Some(2));
    assert!(!stderr_of(&never).contains('\u{1b}'));
    assert!(stderr_of(&never).contains("unrecognized subcommand 'chek'"));
}

#[test]
fn verify_refuses_a_format_it_cannot_verify() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A build with the PDF typesetter verifies PDFs (tests/pdf.rs); one without says how to get it.
    let cases: [(&str, &[u8], &str); 2] = [
        (
            "board.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
            if cfg!(feature = "pdf") {
                "does not match"
            } else {
                "built without PDF support; build it with `cargo build --release --features pdf`"
            },
        ),
        (
            "board.bin",
            b"\x00\xff\xfe binary",
            "is not text, which charter cannot verify",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).expect("write");
        let out = charter()
            .arg("verify")
            .arg(&path)
            .arg("charters/sepsis-advisory-board.toml")
            .output()
            .expect("runs");
        let code = if name.ends_with(".pdf") && cfg!(feature = "pdf") {
            1
        } else {
            2
        };
        assert_eq!(out.status.code(), Some(code), "{name}");
        assert!(
            stderr_of(&out).contains(expected),
            "{name}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn a_table_missing_six_keys_reports_six_diagnostics_in_one_run() {
    let text = fs::read_to_string(root().join("charters/community-screening-partnership.toml"))
        .expect("example");
    // The second data flow, without six of its required keys.
    let keys = [
        "name",
        "provider",
        "recipients",
        "identifiability",
        "agreement",
        "permitted_uses",
    ];
    let flow = text.find("id = \"event-records\"").expect("the flow");
    let end = flow + text[flow..].find("\n[").expect("the next table");
    let kept: String = text[flow..end]
        .lines()
        .filter(|l| !keys.iter().any(|k| l.starts_with(&format!("{k} ="))))
        .map(|l| format!("{l}\n"))
        .collect();
    let text = format!("{}{kept}{}", &text[..flow], &text[end + 1..]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("six.toml");
    fs::write(&path, text).expect("write");
    let out = charter()
        .args(["check", "--message-format", "short"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    // The short format lists the findings on standard output and the summary on standard error.
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    let err = stderr_of(&out);
    let missing: Vec<&str> = listed
        .lines()
        .filter(|l| l.contains("error[E0104]"))
        .collect();
    assert_eq!(missing.len(), 6, "{listed}");
    for key in keys {
        let says = format!("[[data_flows]] entry 2 is missing the required key `{key}`");
        assert!(missing.iter().any(|l| l.contains(&says)), "{key}: {listed}");
    }
    assert!(err.ends_with("6 errors, 0 warnings\n"), "{err}");
}

/// A build without the PDF typesetter says in one line how to get it, and exits 2, before it reads
/// anything.
#[cfg(not(feature = "pdf"))]
#[test]
fn pdf_without_the_feature_says_how_to_get_it() {
    for args in [
        &[
            "render",
            "--format",
            "pdf",
            "charters/sepsis-advisory-board.toml",
        ][..],
        &[
            "diff",
            "--format",
            "pdf",
            "charters/sepsis-advisory-board.toml",
            "charters/sepsis-advisory-board.toml",
        ][..],
        &["render", "--format", "pdf", "no-such-file.toml"][..],
    ] {
        let out = charter().args(args).output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr_of(&out);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(err.contains("--features pdf"), "{err}");
        assert!(out.stdout.is_empty());
    }
}
