//! `charter migrate`: each example as it was written for schema 1 migrates to a charter that renders the
//! same document as the example did when schema 2 came in (pinned); comments survive; a second run changes nothing; and `check` and
//! `render` refuse a schema 1 file with one located error that says what to run.

mod common;

use std::fs;
use std::path::PathBuf;

use charter::migrate::{self, Migration};
use charter::render;
use charter::source::Source;
use common::{charter, root, stderr_of, toml_files};

/// The examples as the earlier release had them (`git show 427bd58^:charters/NAME.toml`), schema 1, and
/// the complete and clauses fixtures of that release, which write chairs and meetings as inline tables.
fn schema_1_examples() -> Vec<PathBuf> {
    let files = toml_files("tests/fixtures/migrate");
    assert_eq!(
        files.len(),
        7,
        "one schema 1 fixture per example, and two more"
    );
    files
}

fn migrated(text: &str) -> (String, Vec<migrate::Change>) {
    match migrate::migrate(text).expect("migrates") {
        Migration::Migrated { text, changes } => (text, changes),
        Migration::Current => panic!("a schema 1 fixture is not current"),
    }
}

/// The Markdown of a charter, with its input's fingerprint (which differs with every byte) masked.
fn document(name: &str, bytes: Vec<u8>) -> String {
    let source = Source::new(name, bytes);
    let (valid, diagnostics) = charter::pipeline::check(&source);
    let valid = valid.unwrap_or_else(|| panic!("{name} does not check: {diagnostics:?}"));
    let md = render::markdown(&valid, &source).expect("renders");
    md.replace(&render::fingerprint(&source.bytes), "<fingerprint>")
}

/// The migrated documents are pinned rather than compared with the examples' own: an example may gain
/// terms of this release (a primary metric, an accepted warning of a new rule) that its schema 1 form
/// cannot have. Each snapshot was the example's document, fingerprint masked, when schema 2 came in.
#[test]
fn every_schema_1_example_migrates_to_the_document_the_example_rendered() {
    for path in schema_1_examples() {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let old = fs::read_to_string(&path).expect("fixture");
        assert!(old.contains("\nschema_version = 1\n"), "{name} is schema 1");
        let (new, changes) = migrated(&old);
        assert!(changes.len() > 2, "{name}: {changes:?}");
        insta::assert_snapshot!(
            format!("migrated-{name}"),
            document(&format!("migrated {name}"), new.into_bytes())
        );
    }
}

#[test]
fn comments_survive_and_only_the_migrated_terms_change() {
    for path in schema_1_examples() {
        let old = fs::read_to_string(&path).expect("fixture");
        let (new, changes) = migrated(&old);
        let comments = |t: &str| -> Vec<String> {
            t.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .map(str::to_owned)
                .collect()
        };
        assert_eq!(comments(&old), comments(&new), "{}", path.display());
        // Every line of the input is still there, in order, but the ones a change names.
        let changed: Vec<usize> = changes.iter().map(|c| c.line).collect();
        let mut kept = new.lines();
        for (i, line) in old.lines().enumerate() {
            let rewritten = line == "schema_version = 1"
                || line.starts_with("electronic_votes")
                || line == "resolution = \"mediation\"";
            if rewritten {
                assert!(changed.contains(&(i + 1)), "line {} is not reported", i + 1);
                continue;
            }
            // A reported line may be an inline table that gained a key.
            if changed.contains(&(i + 1)) {
                continue;
            }
            assert!(
                kept.any(|l| l == line),
                "{}: line {} is lost: {line}",
                path.display(),
                i + 1
            );
        }
    }
}

#[test]
fn a_comment_on_a_removed_or_rewritten_line_stays() {
    let old = "# Board\nschema_version = 1 # the earlier format\n\n[[bodies]]\nid = \"cab\"\n\n[bodies.meetings]\ncadence = \"monthly\"\n# Only at meetings.\nelectronic_votes = false # decided in 2025\nminutes = \"7 days\"\n\n[disputes]\n# Mediation first.\nresolution = \"mediation\" # and then the courts\n";
    let (new, changes) = migrated(old);
    assert_eq!(
        new,
        "# Board\nschema_version = 2 # the earlier format\n\n[[bodies]]\nid = \"cab\"\n\n[bodies.meetings]\ncadence = \"monthly\"\n# Only at meetings.\n# decided in 2025\nminutes = \"7 days\"\nremote_attendance = true\n\n[disputes]\n# Mediation first.\nresolution = \"mediation_then_courts\" # and then the courts\n"
    );
    let lines: Vec<usize> = changes.iter().map(|c| c.line).collect();
    assert_eq!(lines, [2, 10, 11, 15]);
}

#[test]
fn migrating_is_idempotent() {
    for path in schema_1_examples() {
        let (once, _) = migrated(&fs::read_to_string(&path).expect("fixture"));
        assert_eq!(migrate::migrate(&once), Ok(Migration::Current));
    }
    // The command says so, leaves an in-place file alone, and exits 0.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("board.toml");
    fs::copy(root().join("charters/sepsis-advisory-board.toml"), &file).expect("copy");
    let before = fs::read(&file).expect("read");
    let out = charter()
        .args(["migrate", "--in-place"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("is already written for schema version 2; nothing to migrate"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(fs::read(&file).expect("read"), before);
}

#[test]
fn check_and_render_refuse_a_schema_1_file_with_one_error_that_names_the_fix() {
    let file = "tests/fixtures/migrate/sepsis-advisory-board.toml";
    let out = charter()
        .args(["check", "--message-format", "short", file])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(report.lines().count(), 1, "{report}");
    assert!(
        report.starts_with(&format!(
            "{file}:11:18: error[E0107]: this charter is written for schema version 1"
        )),
        "{report}"
    );
    for expected in [
        &format!("run `charter migrate {file} --in-place`"),
        "line 243: `electronic_votes = true` → `electronic = { rule = \"same_as_meetings\" }` in the meetings of body \"cab\"",
        "line 330: added `remote_attendance = true` to the meetings of body \"patient-panel\"",
        "line 545: added `background_terms = [\"stays_with_owner\", \"no_implied_licence\"]` to [ip]",
        "line 603: added `review_kind = \"comment\"` to [publication]",
        "line 860: `resolution = \"mediation\"` → `resolution = \"mediation_then_courts\"` in [disputes]",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    let out = charter().args(["render", file]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing is rendered");
    assert!(
        stderr_of(&out).contains("error[E0107]"),
        "{}",
        stderr_of(&out)
    );
    let out = charter()
        .args(["check", "--message-format", "json", file])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["code"], "E0107");
    assert_eq!(json["name"], "old-schema-version");
    assert_eq!(json["line"], 11);
}

#[test]
fn in_place_rewrites_the_file_and_lists_each_change_with_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("board.toml");
    fs::copy(
        root().join("tests/fixtures/migrate/sepsis-advisory-board.toml"),
        &file,
    )
    .expect("copy");
    let out = charter()
        .args(["migrate", "--in-place"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let stderr = stderr_of(&out).replace(&file.display().to_string(), "[FILE]");
    insta::assert_snapshot!("sepsis-advisory-board.in-place.stderr", stderr);
    let after = fs::read_to_string(&file).expect("read");
    assert!(after.contains("\nschema_version = 2\n"));
    let out = charter().arg("check").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let leftovers = fs::read_dir(dir.path()).expect("dir").count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn standard_input_goes_to_standard_output() {
    let old = fs::read(root().join("tests/fixtures/migrate/community-screening-partnership.toml"))
        .expect("fixture");
    let out = charter()
        .args(["migrate", "-"])
        .write_stdin(old.clone())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let (expected, _) = migrated(&String::from_utf8(old).expect("utf-8"));
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    let stderr = stderr_of(&out);
    assert!(
        stderr.contains("<stdin>:415: `resolution = \"mediation\"` → `resolution = \"mediation_then_courts\"` in [disputes]"),
        "{stderr}"
    );
    // -q keeps standard error for errors.
    let out = charter()
        .args(["-q", "migrate", "-"])
        .write_stdin(
            b"schema_version = 1\n[publication]\nreview = \"30 days\"\nauthorship = \"icmje\"\n"
                .to_vec(),
        )
        .output()
        .expect("runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "schema_version = 2\n[publication]\nreview = \"30 days\"\nreview_kind = \"comment\"\nconfidential_removal = true\nauthorship = \"icmje\"\n"
    );
    // The migrated charter lacks [charter], [[partners]] and [term]: written all the same, and exit 1.
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("error[E0104]"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn an_output_file_is_never_replaced_without_force_nor_the_input_without_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = root().join("tests/fixtures/migrate/hospital-it-vendor.toml");
    let output = dir.path().join("new.toml");
    fs::write(&output, "keep me").expect("write");
    let out = charter()
        .args(["migrate"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("already exists; pass --force"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(fs::read_to_string(&output).expect("read"), "keep me");
    let out = charter()
        .args(["migrate", "--force"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        fs::read(&output).expect("read"),
        fs::read(root().join("charters/hospital-it-vendor.toml")).expect("example")
    );
    let out = charter()
        .args(["migrate", "--force"])
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("is the input file"),
        "{}",
        stderr_of(&out)
    );
    let out = charter()
        .args(["migrate", "--in-place", "-"])
        .write_stdin(b"schema_version = 1\n".to_vec())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("--in-place rewrites a file"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn what_cannot_be_migrated_is_refused_with_the_reason() {
    for (input, expected) in [
        (&b"schema_version = [\n"[..], "error[E0101]"),
        (
            b"[charter]\nid = \"x\"\n",
            "no whole-number `schema_version`",
        ),
        (
            b"schema_version = 9\n",
            "it says `schema_version = 9`, which this build does not know",
        ),
    ] {
        let out = charter()
            .args(["migrate", "-"])
            .write_stdin(input.to_vec())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert!(out.stdout.is_empty());
        assert!(stderr_of(&out).contains(expected), "{}", stderr_of(&out));
    }
}

#[test]
fn the_invalid_fixture_migrates_to_its_valid_counterpart() {
    let broken = fs::read_to_string(root().join("tests/fixtures/invalid/old-schema-version.toml"))
        .expect("fixture");
    let fixed = fs::read_to_string(root().join("tests/fixtures/valid/old-schema-version.toml"))
        .expect("fixture");
    let (new, _) = migrated(&broken);
    let skip_first = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(skip_first(&new), skip_first(&fixed));
}

#[test]
fn approvals_of_the_schema_1_file_are_said_to_be_stale() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("board.toml");
    fs::copy(
        root().join("tests/fixtures/migrate/academic-industry-research.toml"),
        &file,
    )
    .expect("copy");
    fs::write(dir.path().join("board.toml.approvals.toml"), "").expect("write");
    let out = charter()
        .args(["migrate", "--in-place"])
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("board.toml.approvals.toml records approvals of the schema 1 file; the migrated charter has another SHA-256"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_kept_and_verbose_says_why() {
    let text = fs::read_to_string(root().join("tests/fixtures/migrate/sepsis-advisory-board.toml"))
        .expect("fixture");
    let mut input = b"\xEF\xBB\xBF".to_vec();
    input.extend(text.replace('\n', "\r\n").into_bytes());
    let out = charter()
        .args(["-v", "migrate", "-"])
        .write_stdin(input)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"));
    let migrated = String::from_utf8_lossy(&out.stdout[3..]).into_owned();
    assert_eq!(
        migrated.matches('\n').count(),
        migrated.matches("\r\n").count()
    );
    assert_eq!(migrated.replace("\r\n", "\n"), self::migrated(&text).0);
    assert!(
        stderr_of(&out).contains("  because in schema 1 \"mediation\" went on to the courts"),
        "{}",
        stderr_of(&out)
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 48,
        failure_persistence: None,
        .. proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever is left of a schema 1 charter with lines cut out of it, and its electronic votes turned
    /// off, migrating never panics; what it writes is TOML, keeps every comment line, and is current.
    #[test]
    fn a_damaged_schema_1_charter_migrates_without_panic_to_a_current_one(
        fixture in 0usize..7,
        cut in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 0..12),
        off in proptest::prelude::any::<bool>(),
    ) {
        let files = schema_1_examples();
        let mut text = fs::read_to_string(&files[fixture % files.len()]).expect("fixture");
        if off {
            text = text.replace("electronic_votes = true", "electronic_votes = false");
        }
        let mut lines: Vec<&str> = text.lines().collect();
        for index in cut {
            if lines.len() > 1 {
                let at = index.index(lines.len());
                // The version line stays, so that there is something to migrate.
                if !lines[at].starts_with("schema_version") {
                    lines.remove(at);
                }
            }
        }
        let text = lines.join("\n") + "\n";
        if let Ok(Migration::Migrated { text: out, changes }) = migrate::migrate(&text) {
            proptest::prop_assert!(!changes.is_empty());
            proptest::prop_assert!(out.parse::<toml::Table>().is_ok(), "{out}");
            proptest::prop_assert_eq!(migrate::migrate(&out), Ok(Migration::Current));
            // Every term it states is there to stay: with the old version put back, only the version
            // changes again.
            let back = out.replacen("schema_version = 2", "schema_version = 1", 1);
            let again = migrate::migrate(&back);
            let Ok(Migration::Migrated { text: twice, changes }) = again else {
                return Err(proptest::test_runner::TestCaseError::fail(format!("{again:?}")));
            };
            proptest::prop_assert_eq!(changes.len(), 1, "{:?}", changes);
            proptest::prop_assert_eq!(&twice, &out);
            let comments = |t: &str| t.lines().filter(|l| l.starts_with('#')).count();
            proptest::prop_assert_eq!(comments(&text), comments(&out));
        }
    }
}
