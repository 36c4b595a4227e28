//! Every example in `charters/` is valid with no warnings, renders in every format, renders the same bytes
//! twice, and matches its reviewed snapshot.

mod common;

use std::fs;
use std::path::Path;

use charter::pipeline::check;
use charter::render;
use charter::source::Source;

fn load(path: &Path) -> Source {
    let name = format!(
        "charters/{}",
        path.file_name().expect("file name").to_string_lossy()
    );
    Source::new(name, fs::read(path).expect("readable example"))
        .with_dir(path.parent().expect("a folder"))
}

#[test]
fn there_are_at_least_five_examples() {
    assert!(common::examples().len() >= 5, "{:?}", common::examples());
}

#[test]
fn every_example_is_valid_without_warnings() {
    for path in common::examples() {
        let source = load(&path);
        let (valid, diagnostics) = check(&source);
        assert!(
            diagnostics.is_empty(),
            "{}",
            charter::diagnostic::format_short(&source, &diagnostics)
        );
        assert!(valid.is_some());
    }
}

#[test]
fn every_example_renders_deterministically_and_matches_its_snapshot() {
    for path in common::examples() {
        let source = load(&path);
        let valid = check(&source).0.expect("valid example");
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let md = render::markdown(&valid, &source).expect("markdown renders");
        let html = render::html(&valid, &source).expect("html renders");
        assert_eq!(
            md,
            render::markdown(&valid, &source).expect("again"),
            "{stem}: md differs between runs"
        );
        assert_eq!(
            html,
            render::html(&valid, &source).expect("again"),
            "{stem}: html differs between runs"
        );
        assert!(!md.contains('\r') && !html.contains('\r'));
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
        insta::assert_snapshot!(format!("{stem}.md"), md);
        insta::assert_snapshot!(format!("{stem}.html"), html);
    }
}

#[test]
fn every_anchor_is_unique_and_every_link_resolves() {
    for path in common::examples() {
        let source = load(&path);
        let valid = check(&source).0.expect("valid example");
        let html = render::html(&valid, &source).expect("html renders");
        let ids: Vec<&str> = html
            .split("id=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap_or(0)])
            .collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            ids.len(),
            unique.len(),
            "{}: duplicate anchors",
            path.display()
        );
        for link in html
            .split("href=\"#")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap_or(0)])
        {
            assert!(
                unique.binary_search(&link).is_ok(),
                "{}: broken link #{link}",
                path.display()
            );
        }
    }
}

#[test]
fn the_checklist_is_derived_from_every_area() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("charters/sepsis-advisory-board.toml");
    let source = load(&path);
    let valid = check(&source).0.expect("valid example");
    let md = render::markdown(&valid, &source).expect("markdown renders");
    let checklist = &md[md
        .find("Accountability checklist")
        .expect("checklist section")..];
    for expected in [
        "Sign the charter",                         // signatories
        "Call and hold the quarterly meeting",      // body cadence
        "Circulate draft minutes",                  // minutes deadline
        "Disclose interests",                       // conflict-of-interest terms
        "Notify Northstar of any breach",           // data flow breach window
        "Destroy the data received",                // data flow end of use
        "Circulate each manuscript",                // publication review
        "Decide whether to start the silent pilot", // phase gate
        "Deliver the aggregate performance report", // explicit obligation
    ] {
        assert!(checklist.contains(expected), "checklist lacks {expected:?}");
    }
    assert!(
        checklist
            .lines()
            .filter(|l| l.starts_with("- [ ] "))
            .count()
            > 20
    );
    assert!(md.contains(&format!("SHA-256 `{}`", render::fingerprint(&source.bytes))));
}

#[test]
fn no_cross_reference_is_left_broken_in_any_output() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    let mut files = common::examples();
    files.extend(
        fs::read_dir(fixtures)
            .expect("valid fixtures")
            .map(|e| e.expect("entry").path()),
    );
    for path in files {
        let source = load(&path);
        let valid = check(&source).0.expect("valid");
        for output in [
            render::markdown(&valid, &source).expect("markdown"),
            render::html(&valid, &source).expect("html"),
        ] {
            assert!(
                !output.contains([charter::xref::OPEN, charter::xref::CLOSE]),
                "{}: an unresolved marker",
                path.display()
            );
            let left: Vec<_> = charter::xref::find(&output)
                .into_iter()
                .filter(|r| r.kind.is_some())
                .collect();
            assert!(left.is_empty(), "{}: {left:?}", path.display());
        }
    }
}

#[test]
fn cross_references_become_names_and_linked_clause_numbers() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("charters/sepsis-advisory-board.toml");
    let source = load(&path);
    let valid = check(&source).0.expect("valid example");
    let md = render::markdown(&valid, &source).expect("markdown renders");
    assert!(
        md.contains("reports. Vitalis attends to present"),
        "partner short name"
    );
    assert!(
        md.contains("which belong to the\nClinical Advisory Board."),
        "body name"
    );
    assert!(
        md.contains("[§6.1](#flow-northstar-extract)"),
        "clause link"
    );
    assert!(
        md.contains("[§5.2](#decision-phase-gate)"),
        "decision row number"
    );
    let html = render::html(&valid, &source).expect("html renders");
    assert!(html.contains("<a href=\"#flow-northstar-extract\">§6.1</a>"));
}

#[test]
fn a_reference_of_every_kind_renders_as_what_it_names() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("charters/sepsis-advisory-board.toml");
    let text = fs::read_to_string(&path).expect("example");
    // Each documented anchor form, the older spellings `ip-` and `coi-` included, with the anchor the
    // rendered document gives the clause it names.
    let clauses = [
        ("partner-northstar", "partner-northstar"),
        ("body-cab", "body-cab"),
        ("decision-protocol-change", "decision-protocol-change"),
        ("flow-northstar-extract", "flow-northstar-extract"),
        ("phase-retrospective", "phase-retrospective"),
        ("obligation-irb-approval", "obligation-irb-approval"),
        (
            "foreground-algorithm-improvements",
            "foreground-algorithm-improvements",
        ),
        (
            "ip-algorithm-improvements",
            "foreground-algorithm-improvements",
        ),
        (
            "licence-hospital-improvements-licence",
            "licence-hospital-improvements-licence",
        ),
        (
            "conflict-reyes-vitalis-advisor",
            "conflict-reyes-vitalis-advisor",
        ),
        (
            "coi-reyes-vitalis-advisor",
            "conflict-reyes-vitalis-advisor",
        ),
    ];
    let mut cited = String::from("Cited: [[partner:vitalis]] and [[body:cab]]");
    for (written, _) in clauses {
        cited.push_str(&format!(", [[clause:{written}]]"));
    }
    let text = text.replacen(
        "scope = \"\"\"\n",
        &format!("scope = \"\"\"\n{cited}.\n"),
        1,
    );
    let source = Source::new("every-reference.toml", text.into_bytes());
    let (valid, diagnostics) = check(&source);
    let valid = valid.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    let md = render::markdown(&valid, &source).expect("markdown");
    let line = md
        .lines()
        .find(|l| l.contains("Cited: "))
        .expect("the cited line");
    assert!(
        line.contains("Cited: Vitalis and Clinical Advisory Board, "),
        "{line}"
    );
    assert!(
        !line.contains("[["),
        "a reference is left unresolved: {line}"
    );
    for (written, anchor) in clauses {
        assert!(
            line.contains(&format!("](#{anchor})")),
            "[[clause:{written}]] does not link to #{anchor}: {line}"
        );
        assert!(
            md.contains(&format!("<a id=\"{anchor}\"></a>")),
            "no anchor {anchor}"
        );
    }
    let html = render::html(&valid, &source).expect("html");
    for (_, anchor) in clauses {
        assert!(
            html.contains(&format!("href=\"#{anchor}\"")),
            "html link to {anchor}"
        );
    }
}

#[test]
fn an_absent_term_is_said_in_words_never_as_none() {
    for path in common::examples() {
        let source = load(&path);
        let valid = check(&source).0.expect("valid");
        let md = render::markdown(&valid, &source).expect("markdown");
        assert!(
            !md.contains("| None |"),
            "{}: a cell reads None",
            path.display()
        );
        assert!(
            !md.contains(": None"),
            "{}: a term reads None",
            path.display()
        );
    }
    // The smallest example leaves consultation and escalation out of most decisions.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("charters/community-screening-partnership.toml");
    let source = load(&path);
    let md = render::markdown(&check(&source).0.expect("valid"), &source).expect("markdown");
    assert!(
        md.contains("| Majority of the body | No one | No escalation agreed |"),
        "{md}"
    );
}
