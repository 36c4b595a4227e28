//! The version history and the original effective date: written only when the charter states them, in
//! Markdown, HTML and DOCX; compared entry by entry in the term-level diff; counted by coverage.

mod common;

use std::io::{Cursor, Read};

use charter::coverage::coverage;
use charter::diagnostic::format_short;
use charter::pipeline::check;
use charter::source::Source;
use common::{charter, stderr_of, term_changes as terms};

const EHR: &str = "charters/regional-ehr-consortium.toml";

/// The consortium example with each `(old, new)` edit made once; every `old` must be there.
fn example_with(edits: &[(&str, &str)]) -> String {
    common::edited(EHR, edits)
}

/// The example with no version history and no original effective date.
fn without_history() -> String {
    let text = example_with(&[("original_effective_date = 2025-01-01\n", "")]);
    let start = text.find("\n[[versions]]").expect("a history");
    let end = text[start..]
        .find("# Built-in example only")
        .expect("the exceptions follow")
        + start;
    format!("{}{}", &text[..start], &text[end..])
}

/// What `charter render - --format FORMAT -o -` prints for `text`, which must render.
fn rendered(text: &str, format: &str) -> Vec<u8> {
    let out = charter()
        .args(["render", "-", "--format", format, "-o", "-"])
        .write_stdin(text.to_owned())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    out.stdout
}

fn markdown(text: &str) -> String {
    String::from_utf8(rendered(text, "md")).expect("utf-8")
}

/// The text of the DOCX's main part.
fn docx_document(text: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(rendered(text, "docx"))).expect("a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("a document part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

#[test]
fn the_history_is_a_table_only_when_the_charter_states_one() {
    let with = markdown(&example_with(&[]));
    assert!(
        with.contains("## <a id=\"versions\"></a>14. Version history"),
        "{with}"
    );
    assert!(with.contains("| Version | Adopted | Summary |"), "{with}");
    assert!(
        with.contains("| 2.0 | 2026-05-20 | Adds Pine Ridge Health, its onboarding phases and its share of the costs. |"),
        "{with}"
    );
    let html = String::from_utf8(rendered(&example_with(&[]), "html")).expect("utf-8");
    assert!(html.contains("<th>Adopted</th>"), "{html}");
    assert!(docx_document(&example_with(&[])).contains("Version history"));
    let without = markdown(&without_history());
    assert!(!without.contains("Version history"), "{without}");
    assert!(!docx_document(&without_history()).contains("Version history"));
}

#[test]
fn a_decision_column_appears_when_an_entry_names_its_decision() {
    let named = example_with(&[(
        "adopted = 2026-05-20\n",
        "adopted = 2026-05-20\ndecision = \"security-policy\"\n",
    )]);
    let md = markdown(&named);
    assert!(
        md.contains("| Version | Adopted | By decision | Summary |"),
        "{md}"
    );
    // The entry that names none says so in words, never "None".
    assert!(md.contains("| 1.0 | 2024-11-15 | Not named |"), "{md}");
    assert!(md.contains("(#decision-security-policy)"), "{md}");
    assert!(!md.contains("None"), "{md}");
}

#[test]
fn the_term_runs_from_the_original_effective_date_when_there_is_one() {
    let with = markdown(&example_with(&[]));
    assert!(
        with.contains("- Original effective date: 2025-01-01"),
        "{with}"
    );
    assert!(
        with.contains("This charter first took effect on 2025-01-01 and runs for 5 years, until 2029-12-31. This version takes effect on 2026-07-01."),
        "{with}"
    );
    let without = markdown(&without_history());
    assert!(!without.contains("Original effective date"), "{without}");
    assert!(
        without.contains(
            "This charter takes effect on 2026-07-01 and runs for 5 years, until 2031-06-30."
        ),
        "{without}"
    );
}

#[test]
fn the_diff_compares_the_history_entry_by_entry() {
    let old = example_with(&[]);
    let new = example_with(&[(
        "its onboarding phases and its share of the costs.",
        "its onboarding phases, its share of the costs and a new help desk.",
    )]);
    let text = terms(&old, &new);
    assert!(text.contains("Version \"2.0\""), "{text}");
    assert!(text.contains("a new help desk"), "{text}");
    // Only the changed entry is named.
    assert!(!text.contains("Version \"1.0\""), "{text}");
    let added = terms(&without_history(), &old);
    assert!(added.contains("Version history"), "{added}");
    assert!(added.contains("original effective date"), "{added}");
}

#[test]
fn coverage_counts_the_versions() {
    let source = Source::new(EHR, example_with(&[]).into_bytes());
    let (valid, diagnostics) = check(&source);
    let valid = valid.unwrap_or_else(|| panic!("{}", format_short(&source, &diagnostics)));
    let report = coverage(&valid).human(EHR);
    assert!(report.contains("and a history of 2 versions"), "{report}");
}
