//! The JSON Schema: generated from the model types and committed as `schema/charter.schema.json` (a test
//! keeps the two identical), accepted by an independent validator for every example and valid fixture,
//! and strict enough to reject the structural mistakes that `charter check` reports as E01xx.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn committed() -> String {
    fs::read_to_string(root().join("schema/charter.schema.json")).unwrap_or_default()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = charter::schema::generate();
    if committed() != generated {
        if std::env::var_os("CHARTER_BLESS").is_some() {
            fs::create_dir_all(root().join("schema")).expect("schema dir");
            fs::write(root().join("schema/charter.schema.json"), &generated).expect("write");
            return;
        }
        panic!(
            "schema/charter.schema.json is out of date; run `CHARTER_BLESS=1 cargo test` and review the difference"
        );
    }
}

#[test]
fn charter_schema_prints_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .arg("schema")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).expect("utf-8"),
        charter::schema::generate()
    );
}

/// TOML as the JSON an editor validates: dates become strings, everything else maps one to one.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&charter::schema::generate()).expect("JSON");
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "a 2020-12 schema"
    );
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("a valid schema")
}

fn files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join(dir))
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn errors(validator: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).expect("readable");
    let value: toml::Value = toml::from_str(&text).expect("TOML");
    let instance = to_json(value);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn every_example_and_valid_fixture_satisfies_the_schema() {
    let validator = validator();
    let mut all = files("charters");
    all.extend(files("tests/fixtures/valid"));
    assert!(all.len() > 50);
    for path in all {
        let found = errors(&validator, &path);
        assert!(
            found.is_empty(),
            "{}:\n{}",
            path.display(),
            found.join("\n")
        );
    }
}

#[test]
fn the_schema_rejects_the_structural_mistakes() {
    let validator = validator();
    for name in [
        "unknown-key",
        "wrong-type",
        "missing-key",
        "invalid-value",
        "schema-version",
        "old-schema-version",
        "field-rule",
        "invalid-id",
    ] {
        let path = root().join(format!("tests/fixtures/invalid/{name}.toml"));
        assert!(
            !errors(&validator, &path).is_empty(),
            "the schema accepts invalid/{name}.toml"
        );
    }
}

#[test]
fn the_id_pattern_accepts_exactly_the_ids_check_id_accepts() {
    let schema = serde_json::json!({ "type": "string", "pattern": charter::model::ID_PATTERN, "maxLength": 40 });
    let validator = jsonschema::draft202012::new(&schema).expect("schema");
    for id in [
        "northstar",
        "cab",
        "phase-2",
        "a1",
        "",
        "Northstar",
        "2phase",
        "a--b",
        "a-",
        "a_b",
        "a b",
        "-a",
    ] {
        let by_schema = validator.is_valid(&Value::from(id));
        let by_check = charter::model::check_id(id).is_ok();
        assert_eq!(by_schema, by_check, "{id:?}");
    }
    assert!(!validator.is_valid(&Value::from("a".repeat(41))));
}

/// taplo (the TOML language server behind Even Better TOML), installed by `.ci/run` under
/// `.ci/validators`, or at `$TAPLO`; required under `CHARTER_REQUIRE_TAPLO`.
fn taplo() -> Option<PathBuf> {
    common::tool(
        "TAPLO",
        &root().join(".ci/validators/node_modules/.bin/taplo"),
        "CHARTER_REQUIRE_TAPLO",
        "the taplo test (run `npm ci` in .ci/validators, or set TAPLO)",
    )
}

/// What taplo says of a file against the committed schema: its exit code and its error lines.
fn taplo_lint(taplo: &Path, file: &Path) -> (Option<i32>, Vec<String>) {
    let schema = format!(
        "file://{}",
        root().join("schema/charter.schema.json").display()
    );
    let out = Command::new(taplo)
        .args(["lint", "--colors", "never", "--schema", &schema])
        .arg(file)
        .output()
        .expect("taplo runs");
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let errors = text
        .lines()
        .filter(|l| l.starts_with("error:") || l.contains("┌─"))
        .map(str::to_owned)
        .collect();
    (out.status.code(), errors)
}

#[test]
fn an_editor_reports_one_wrong_type_once_on_its_line() {
    let Some(taplo) = taplo() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        fs::read_to_string(root().join("charters/sepsis-advisory-board.toml")).expect("read");
    let good = dir.path().join("good.toml");
    fs::write(&good, &text).expect("write");
    let (code, errors) = taplo_lint(&taplo, &good);
    assert_eq!(
        code,
        Some(0),
        "the example is valid for the editor too: {errors:?}"
    );
    // One mistake in an optional table: a word where the threshold takes a number.
    let line = text
        .lines()
        .position(|l| l.starts_with("threshold_usd = "))
        .expect("the example sets a threshold")
        + 1;
    let bad = dir.path().join("bad.toml");
    fs::write(
        &bad,
        text.replacen("threshold_usd = 5000", "threshold_usd = \"lots\"", 1),
    )
    .expect("write");
    let (code, errors) = taplo_lint(&taplo, &bad);
    assert_ne!(code, Some(0));
    assert_eq!(
        errors,
        vec![
            "error: \"lots\" is not of type \"integer\"".to_owned(),
            format!("    ┌─ {}:{line}:17", bad.display()),
        ],
        "one error, at the key's line"
    );
}
