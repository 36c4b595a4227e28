//! The checklist as a tracker: typed timing and stable keys on every item, and the `checklist` command in
//! every format.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use charter::app::check;
use charter::load::Source;
use charter::model::Date;
use charter::render::checklist::{Frequency, Group, Item, Timing};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("charters"))
        .expect("charters/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

fn groups_of(path: &Path) -> Vec<Group> {
    let source = Source::new(path.display().to_string(), fs::read(path).expect("read"));
    let valid = check(&source).0.expect("valid");
    charter::render::checklist(&valid)
}

fn item<'a>(groups: &'a [Group], key: &str) -> &'a Item {
    groups
        .iter()
        .flat_map(|g| &g.items)
        .find(|i| i.key == key)
        .unwrap_or_else(|| panic!("no item {key}"))
}

fn date(year: u16, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

#[test]
fn every_item_has_a_unique_key_and_a_clause() {
    for path in examples() {
        let groups = groups_of(&path);
        let mut keys = BTreeSet::new();
        for item in groups.iter().flat_map(|g| &g.items) {
            assert!(
                keys.insert(item.key.clone()),
                "{}: duplicate key {}",
                path.display(),
                item.key
            );
            assert!(!item.clause.number.is_empty(), "{}", item.key);
        }
    }
}

#[test]
fn timing_is_typed_from_the_terms() {
    let groups = groups_of(&root().join("charters/sepsis-advisory-board.toml"));
    // Signatures fall due on the effective date.
    assert_eq!(
        item(&groups, "sign.northstar").timing,
        Timing::Date {
            date: date(2026, 3, 1)
        }
    );
    // A due date alone is a date.
    assert_eq!(
        item(&groups, "obligation.irb-approval").timing,
        Timing::Date {
            date: date(2026, 3, 31)
        }
    );
    // A due date with a cadence starts the series on the due date.
    assert_eq!(
        item(&groups, "obligation.sandbox-assessment").timing,
        Timing::Recurring {
            every: Frequency::Annually,
            from: date(2026, 3, 25)
        }
    );
    // "At each meeting" follows the meetings of the body that owns the obligation.
    assert_eq!(
        item(&groups, "obligation.safety-review").timing,
        Timing::Recurring {
            every: Frequency::Quarterly,
            from: date(2026, 3, 1)
        }
    );
    assert_eq!(
        item(&groups, "body.cab.meetings").timing,
        Timing::Recurring {
            every: Frequency::Quarterly,
            from: date(2026, 3, 1)
        }
    );
    // Deadlines after events cannot be dated; their words survive without Markdown escapes.
    assert_eq!(
        item(&groups, "obligation.malfunction-notice").timing,
        Timing::Event {
            event: "within 1 business day of Vitalis learning of the malfunction".to_owned()
        }
    );
    assert!(matches!(
        item(&groups, "body.cab.minutes").timing,
        Timing::Event { .. }
    ));
    assert_eq!(
        item(&groups, "phase.retrospective.gate").timing.date(),
        Some(date(2026, 12, 31))
    );
}

fn charter_cmd() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.env("NO_COLOR", "1").current_dir(root());
    cmd
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = charter_cmd().args(args).output().expect("runs");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SEPSIS: &str = "charters/sepsis-advisory-board.toml";

#[test]
fn checklist_markdown_is_the_task_list_with_plain_clause_numbers() {
    let (code, md, err) = run(&["checklist", SEPSIS]);
    assert_eq!(code, 0, "{err}");
    assert!(md.starts_with(
        "# Accountability checklist: Charter of the Multi-Site Sepsis Prediction Validation Partnership\n"
    ));
    assert!(md.contains("\n## Vitalis\n"), "{md}");
    assert!(md.contains("- [ ] Obtain approval of the protocol from the single IRB of record before any data leaves a hospital: by 2026-03-31. Evidence: IRB approval letter filed with the Steering Committee. (§10.1)\n"), "{md}");
    assert!(
        !md.contains("](#"),
        "no links to anchors that are not in this file"
    );
    let (_, charter_md, _) = run(&["render", SEPSIS]);
    let in_charter = charter_md
        .lines()
        .filter(|l| l.starts_with("- [ ] "))
        .count();
    let alone = md.lines().filter(|l| l.starts_with("- [ ] ")).count();
    assert_eq!(alone, in_charter, "the same items as in the charter");
    assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
}

#[test]
fn checklist_csv_has_one_row_per_item_with_typed_timing() {
    let (code, text, err) = run(&["checklist", SEPSIS, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "key",
            "owner_id",
            "owner",
            "action",
            "when",
            "timing",
            "date",
            "frequency",
            "event",
            "evidence",
            "clause",
            "clause_anchor"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let groups = groups_of(&root().join(SEPSIS));
    assert_eq!(
        records.len(),
        groups.iter().map(|g| g.items.len()).sum::<usize>()
    );
    let row = |key: &str| {
        records
            .iter()
            .find(|r| &r[0] == key)
            .unwrap_or_else(|| panic!("no row {key}"))
            .clone()
    };
    let r = row("obligation.sandbox-assessment");
    assert_eq!(
        (&r[1], &r[5], &r[6], &r[7]),
        ("vitalis", "recurring", "2026-03-25", "annually")
    );
    let r = row("obligation.model-change-notice");
    assert_eq!(&r[5], "event");
    assert_eq!(&r[6], "");
    assert!(
        r[8].starts_with("within 10 business days of "),
        "{:?}",
        &r[8]
    );
    let r = row("sign.northstar");
    assert_eq!((&r[10], &r[11]), ("§14", "sign-northstar"));
    assert!(
        records.iter().all(|r| !r.iter().any(|f| f.contains('\\'))),
        "no Markdown escapes in CSV"
    );
}

#[test]
fn checklist_json_lists_every_item_with_owner_timing_and_clause() {
    let (code, text, err) = run(&["checklist", SEPSIS, "-f", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["charter"]["id"], "sepsis-validation");
    assert_eq!(v["charter"]["effective_date"], "2026-03-01");
    assert_eq!(v["charter"]["term_end"], "2029-02-28");
    let items = v["items"].as_array().expect("items");
    let find = |key: &str| {
        items
            .iter()
            .find(|i| i["key"] == key)
            .unwrap_or_else(|| panic!("no item {key}"))
    };
    let i = find("obligation.safety-review");
    assert_eq!(i["owner_id"], "cab");
    assert_eq!(
        i["timing"],
        serde_json::json!({"kind": "recurring", "every": "quarterly", "from": "2026-03-01"})
    );
    assert_eq!(i["clause"]["anchor"], "obligation-safety-review");
    let i = find("phase.retrospective.gate");
    assert_eq!(
        i["timing"],
        serde_json::json!({"kind": "date", "date": "2026-12-31"})
    );
    let i = find("body.cab.minutes");
    assert_eq!(i["timing"]["kind"], "event");
    assert_eq!(
        i["timing"]["event"].as_str(),
        i["when"].as_str(),
        "an event's words are its `when`"
    );
}

#[test]
fn checklist_is_deterministic_refuses_invalid_charters_and_never_overwrites() {
    for format in ["md", "csv", "json"] {
        let (_, a, _) = run(&["checklist", SEPSIS, "-f", format]);
        let (_, b, _) = run(&["checklist", SEPSIS, "-f", format]);
        assert_eq!(a, b, "{format}");
    }
    let (code, out, err) = run(&[
        "checklist",
        "tests/fixtures/invalid/obligation-without-timing.toml",
        "-f",
        "csv",
    ]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("E0411"), "{err}");

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("list.csv");
    fs::write(&path, "keep").expect("write");
    let out = charter_cmd()
        .args(["checklist", SEPSIS, "-f", "csv", "-o"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&path).expect("read"), "keep");
    let out = charter_cmd()
        .args(["checklist", SEPSIS, "-f", "csv", "--force", "-o"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        fs::read_to_string(&path)
            .expect("read")
            .starts_with("key,owner_id,")
    );
}

#[test]
fn every_example_exports_in_every_format() {
    for path in examples() {
        let name = path.display().to_string();
        for format in ["md", "csv", "json"] {
            let (code, out, err) = run(&["checklist", &name, "-f", format]);
            assert_eq!(code, 0, "{name} {format}: {err}");
            assert!(!out.is_empty());
        }
    }
}
