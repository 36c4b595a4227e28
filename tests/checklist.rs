//! The checklist as a tracker: typed timing and stable keys on every item, and the `checklist` command in
//! every format.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use charter::model::Date;
use charter::pipeline::check;
use charter::render::checklist::{Frequency, Group, Item, Timing};
use charter::source::Source;
use icalendar::Component as _;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
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
    for path in common::examples() {
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
    assert!(md.contains("- [ ] Obtain approval of the protocol from the single IRB of record before any data leaves a hospital: by 2026-03-31. Evidence: IRB approval letter filed with the Steering Committee. (§11.1)\n"), "{md}");
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
    assert_eq!((&r[10], &r[11]), ("§16", "sign-northstar"));
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
    for path in common::examples() {
        let name = path.display().to_string();
        for format in ["md", "csv", "json"] {
            let (code, out, err) = run(&["checklist", &name, "-f", format]);
            assert_eq!(code, 0, "{name} {format}: {err}");
            assert!(!out.is_empty());
        }
    }
}

/// The calendar of a charter text, as `charter checklist --format ics` writes it.
fn ics_of(text: &str) -> String {
    let out = charter_cmd()
        .args(["-q", "checklist", "-", "-f", "ics"])
        .env_remove("SOURCE_DATE_EPOCH")
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The VEVENTs of a calendar, read by an independent parser (the `icalendar` crate): each as its
/// properties' unescaped values by name, with the DTSTART parameters under `DTSTART;`.
fn events_of(ics: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("the calendar parses");
    let prop = |name: &str| {
        calendar
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.as_str().to_owned())
    };
    assert_eq!(prop("VERSION").as_deref(), Some("2.0"));
    assert!(prop("PRODID").is_some_and(|p| p.starts_with("-//charter//")));
    calendar
        .components
        .iter()
        .map(|c| {
            assert_eq!(c.name.as_str(), "VEVENT", "only events");
            let mut map = std::collections::BTreeMap::new();
            for p in &c.properties {
                let value = p.val.clone().unescape_text().as_str().to_owned();
                assert!(
                    map.insert(p.name.as_str().to_owned(), value).is_none(),
                    "{} twice",
                    p.name.as_str()
                );
                if p.name == "DTSTART" {
                    let params: Vec<String> = p
                        .params
                        .iter()
                        .map(|q| {
                            format!(
                                "{}={}",
                                q.key.as_str(),
                                q.val.as_ref().map_or("", |v| v.as_str())
                            )
                        })
                        .collect();
                    map.insert("DTSTART;".to_owned(), params.join(";"));
                }
            }
            map
        })
        .collect()
}

#[test]
fn the_calendar_passes_an_independent_parser_for_every_example() {
    for path in common::examples() {
        let text = fs::read_to_string(&path).expect("read");
        let ics = ics_of(&text);
        // RFC 5545, 3.1: CRLF line ends, lines folded at 75 octets.
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "a bare LF");
        for line in ics.split("\r\n") {
            assert!(
                line.len() <= 75,
                "{}: {} octets: {line}",
                path.display(),
                line.len()
            );
        }
        // Typed reading by the same crate: every event is all-day on a date.
        let typed: icalendar::Calendar = ics.parse().expect("typed parse");
        for component in &typed.components {
            let event = component.as_event().expect("an event");
            assert!(
                matches!(event.get_start(), Some(icalendar::DatePerhapsTime::Date(_))),
                "{:?}",
                event.get_summary()
            );
        }

        let groups = groups_of(&path);
        let items: Vec<&Item> = groups.iter().flat_map(|g| &g.items).collect();
        let dated = items.iter().filter(|i| i.timing.date().is_some()).count();
        let recurring = items
            .iter()
            .filter(|i| matches!(i.timing, Timing::Recurring { .. }))
            .count();
        let events = events_of(&ics);
        assert_eq!(
            events.len(),
            dated,
            "{}: one event per dated item",
            path.display()
        );
        assert_eq!(
            events.iter().filter(|e| e.contains_key("RRULE")).count(),
            recurring,
            "{}: one repeating event per cadence",
            path.display()
        );
        let mut uids = BTreeSet::new();
        for e in &events {
            for key in [
                "UID",
                "DTSTAMP",
                "DTSTART",
                "DTEND",
                "SUMMARY",
                "DESCRIPTION",
            ] {
                assert!(e.contains_key(key), "{key} missing: {e:?}");
            }
            assert!(uids.insert(e["UID"].clone()), "duplicate UID {}", e["UID"]);
            assert_eq!(e["DTSTART;"], "VALUE=DATE");
            let description = &e["DESCRIPTION"];
            assert!(description.starts_with("Owner: "), "{description}");
            assert!(description.contains("\nClause: §"), "{description}");
            assert!(description.contains("\nEvidence: "), "{description}");
        }
    }
}

#[test]
fn repeating_events_expand_within_the_term() {
    // An independent implementation of RFC 5545 recurrence (the `rrule` crate) expands every series. It
    // reads date-times only, so the all-day DTSTART and the UNTIL (always the rule's last part) are read
    // as midnight UTC, which keeps the same occurrences.
    let ics = ics_of(&fs::read_to_string(root().join(SEPSIS)).expect("read"));
    let events = events_of(&ics);
    let mut checked = 0;
    for e in events.iter().filter(|e| e.contains_key("RRULE")) {
        let set: rrule::RRuleSet = format!(
            "DTSTART:{}T000000Z\nRRULE:{}T000000Z",
            e["DTSTART"], e["RRULE"]
        )
        .parse()
        .unwrap_or_else(|err| panic!("{}: {err}", e["RRULE"]));
        let dates: Vec<String> = set
            .all(500)
            .dates
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect();
        assert!(dates.len() > 1, "{e:?}");
        assert!(
            dates.iter().all(|d| d.as_str() <= "2029-02-28"),
            "{dates:?}"
        );
        checked += 1;
        if e["UID"] == "body.cab.meetings.sepsis-validation@charter" {
            // Quarterly from the effective date 2026-03-01 to the end of the 36-month term.
            assert_eq!(dates.len(), 12, "{dates:?}");
            assert_eq!(dates[1], "2026-06-01");
            assert_eq!(dates.last().map(String::as_str), Some("2028-12-01"));
        }
        if e["UID"] == "obligation.sandbox-assessment.sepsis-validation@charter" {
            assert_eq!(dates, ["2026-03-25", "2027-03-25", "2028-03-25"]);
        }
    }
    assert!(checked >= 8, "{checked}");
}

#[test]
fn a_series_from_the_31st_falls_on_each_month_end() {
    let text = fs::read_to_string(root().join(SEPSIS))
        .expect("read")
        .replace(
            "id = \"performance-report\"\n",
            "id = \"performance-report\"\ndue = 2026-03-31\n",
        );
    let ics = ics_of(&text);
    let e = events_of(&ics)
        .into_iter()
        .find(|e| e["UID"] == "obligation.performance-report.sepsis-validation@charter")
        .expect("event");
    let set: rrule::RRuleSet = format!(
        "DTSTART:{}T000000Z\nRRULE:{}T000000Z",
        e["DTSTART"], e["RRULE"]
    )
    .parse()
    .expect("rrule");
    let dates: Vec<String> = set
        .all(5)
        .dates
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();
    assert_eq!(
        dates,
        [
            "2026-03-31",
            "2026-06-30",
            "2026-09-30",
            "2026-12-31",
            "2027-03-31"
        ]
    );
}

#[test]
fn uids_survive_an_updated_charter_so_reimporting_updates_events() {
    let original = fs::read_to_string(root().join(SEPSIS)).expect("read");
    // Version 2: a new obligation before the others, and a moved due date. Positions shift; identities do
    // not.
    let updated = original
        .replace("version = \"1.0\"", "version = \"2.0\"")
        .replace(
            "[[obligations]]\nid = \"irb-approval\"",
            "[[obligations]]\nid = \"kick-off\"\nowner = \"northstar\"\naction = \"Hold a kick-off meeting\"\ndue = 2026-03-10\nevidence = \"Attendance list\"\n\n[[obligations]]\nid = \"irb-approval\"",
        )
        .replace("due = 2026-03-31", "due = 2026-04-15");
    assert_ne!(original, updated);
    let before = events_of(&ics_of(&original));
    let after = events_of(&ics_of(&updated));
    let uids = |events: &[std::collections::BTreeMap<String, String>]| -> BTreeSet<String> {
        events.iter().map(|e| e["UID"].clone()).collect()
    };
    let added: Vec<String> = uids(&after).difference(&uids(&before)).cloned().collect();
    assert_eq!(added, ["obligation.kick-off.sepsis-validation@charter"]);
    assert!(
        uids(&before).is_subset(&uids(&after)),
        "no event lost its identity"
    );
    let irb = |events: &[std::collections::BTreeMap<String, String>]| {
        events
            .iter()
            .find(|e| e["UID"] == "obligation.irb-approval.sepsis-validation@charter")
            .map(|e| e["DTSTART"].clone())
    };
    assert_eq!(irb(&before).as_deref(), Some("20260331"));
    assert_eq!(
        irb(&after).as_deref(),
        Some("20260415"),
        "same UID, new date"
    );
}

#[test]
fn calendar_text_is_escaped_and_read_back_exactly() {
    let action = r#"Report; review, sign \ file "now" — naïve résumé"#;
    let text = fs::read_to_string(root().join(SEPSIS)).expect("read").replace(
        "[[obligations]]\nid = \"irb-approval\"",
        &format!(
            "[[obligations]]\nid = \"tricky\"\nowner = \"northstar\"\naction = '{action}'\ndue = 2026-03-10\nevidence = \"Line one, line two; and three\"\n\n[[obligations]]\nid = \"irb-approval\""
        ),
    );
    let ics = ics_of(&text);
    assert!(
        ics.contains("Report\\; review\\, sign \\\\ file"),
        "escaped on the wire"
    );
    let e = events_of(&ics)
        .into_iter()
        .find(|e| e["UID"] == "obligation.tricky.sepsis-validation@charter")
        .expect("event");
    assert_eq!(e["SUMMARY"], format!("Northstar: {action}"));
    assert!(
        e["DESCRIPTION"].contains("\nEvidence: Line one, line two; and three\n"),
        "{}",
        e["DESCRIPTION"]
    );
}

#[test]
fn the_calendar_is_reproducible_and_says_what_it_leaves_out() {
    let run_ics = |epoch: Option<&str>, quiet: bool| {
        let mut cmd = charter_cmd();
        cmd.env_remove("SOURCE_DATE_EPOCH");
        if let Some(epoch) = epoch {
            cmd.env("SOURCE_DATE_EPOCH", epoch);
        }
        if quiet {
            cmd.arg("-q");
        }
        cmd.args(["checklist", SEPSIS, "--format", "ics"])
            .output()
            .expect("runs")
    };
    let a = run_ics(None, false);
    let b = run_ics(None, false);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout, "same input, same bytes");
    let ics = String::from_utf8(a.stdout).expect("utf-8");
    assert!(
        ics.contains("\r\nDTSTAMP:20260301T000000Z\r\n"),
        "the effective date"
    );
    let err = String::from_utf8_lossy(&a.stderr);
    let groups = groups_of(&root().join(SEPSIS));
    let undated = groups
        .iter()
        .flat_map(|g| &g.items)
        .filter(|i| matches!(i.timing, Timing::Event { .. }))
        .count();
    let total: usize = groups.iter().map(|g| g.items.len()).sum();
    assert!(
        err.contains(&format!(
            "note: {undated} of {total} items hang on an event"
        )),
        "{err}"
    );
    assert!(
        !ics.contains("body.cab.minutes"),
        "undatable items stay out"
    );
    assert!(run_ics(None, true).stderr.is_empty(), "-q drops the note");

    let stamped = run_ics(Some("1772323199"), true);
    assert!(String::from_utf8_lossy(&stamped.stdout).contains("\r\nDTSTAMP:20260228T235959Z\r\n"));
    let bad = run_ics(Some("yesterday"), true);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH"));
}
