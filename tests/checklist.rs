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
