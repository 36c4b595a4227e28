//! Laws that hold for every input: rendering is deterministic, any valid charter renders, and changing one
//! term changes only the lines that carry it (plus the fingerprint).

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use charter::app::check;
use charter::load::Source;
use charter::render;
use proptest::prelude::*;
use toml::de::{DeTable, DeValue};

fn examples() -> Vec<(PathBuf, String)> {
    let mut files: Vec<PathBuf> =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("charters"))
            .expect("charters/")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let t = fs::read_to_string(&p).expect("read");
            (p, t)
        })
        .collect()
}

/// Spans (quotes included) of every string value in a TOML document, in document order.
fn string_leaves(text: &str) -> Vec<(Range<usize>, String)> {
    fn walk(value: &DeValue<'_>, span: Range<usize>, out: &mut Vec<(Range<usize>, String)>) {
        match value {
            DeValue::String(s) => out.push((span, s.to_string())),
            DeValue::Array(items) => items.iter().for_each(|i| walk(i.get_ref(), i.span(), out)),
            DeValue::Table(t) => t.iter().for_each(|(_, v)| walk(v.get_ref(), v.span(), out)),
            _ => {}
        }
    }
    let tree = DeTable::parse(text).expect("valid TOML");
    let mut out = Vec::new();
    for (_, v) in tree.get_ref() {
        walk(v.get_ref(), v.span(), &mut out);
    }
    out.sort_by_key(|(span, _)| span.start);
    out
}

fn replace(text: &str, span: &Range<usize>, value: &str) -> String {
    let quoted = toml::Value::String(value.to_owned()).to_string();
    format!("{}{}{}", &text[..span.start], quoted, &text[span.end..])
}

/// Renders both formats when the text is a valid charter.
fn render_both(text: &str) -> Option<(String, String)> {
    let source = Source::new("p.toml", text.as_bytes().to_vec());
    let valid = check(&source).0?;
    let md = render::markdown(&valid, &source).expect("a valid charter always renders");
    let html = render::html(&valid, &source).expect("a valid charter always renders");
    Some((md, html))
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ,.;:'()-]{1,40}",
        Just("<script>alert(1)</script>".to_owned()),
        Just("{{ title }} {% if x %}".to_owned()),
        Just("| cell | break |".to_owned()),
        Just("# Heading\n\n- list".to_owned()),
        Just("[link](javascript:alert(1))".to_owned()),
        Just("Ünïcødé \u{202E}reversed\u{202C} text".to_owned()),
        "\\PC{1,30}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn any_valid_charter_renders_the_same_bytes_twice(
        example in 0usize..5,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), hostile_text()), 1..6),
    ) {
        let examples = examples();
        let (_, original) = &examples[example % examples.len()];
        let mut text = original.clone();
        for (index, value) in edits {
            let leaves = string_leaves(&text);
            let (span, _) = &leaves[index.index(leaves.len())];
            text = replace(&text, span, &value);
        }
        if let Some((md, html)) = render_both(&text) {
            let again = render_both(&text).expect("still valid");
            prop_assert_eq!(&md, &again.0);
            prop_assert_eq!(&html, &again.1);
            prop_assert!(!html.contains("<script>"), "script reached the HTML");
            prop_assert!(!html.contains("href=\"javascript"), "a javascript: link reached the HTML");
        }
    }
}

/// Renders Markdown when the text is a valid charter.
fn render_md(text: &str) -> Option<String> {
    let source = Source::new("p.toml", text.as_bytes().to_vec());
    let valid = check(&source).0?;
    Some(render::markdown(&valid, &source).expect("a valid charter always renders"))
}

/// Lines that differ between two renders of the same length.
fn changed_lines<'a>(old: &'a str, new: &'a str) -> Vec<(&'a str, &'a str)> {
    old.lines()
        .zip(new.lines())
        .filter(|(a, b)| a != b)
        .collect()
}

#[test]
fn changing_one_text_term_changes_only_the_lines_that_carry_it() {
    let mut checked = 0;
    for (path, text) in examples() {
        let before = render_md(&text).expect("example is valid");
        for (span, value) in string_leaves(&text) {
            // The marker goes at the end of the last line, so that it adds no line of its own.
            let trimmed = value.trim_end();
            let after_text = replace(
                &text,
                &span,
                &format!("{trimmed} Zqx{}", &value[trimmed.len()..]),
            );
            let Some(after) = render_md(&after_text) else {
                continue;
            };
            checked += 1;
            assert_eq!(
                before.lines().count(),
                after.lines().count(),
                "{}: {value:?} moved lines",
                path.display()
            );
            for (old, new) in changed_lines(&before, &after) {
                assert!(
                    new.contains("Zqx") || new.starts_with("Generated by charter"),
                    "{}: changing {value:?} also changed an unrelated line:\n- {old}\n+ {new}",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 200, "only {checked} terms were exercised");
}

#[test]
fn changing_one_period_changes_only_the_lines_that_carry_it() {
    let mut checked = 0;
    for (path, text) in examples() {
        let before = render_md(&text).expect("example is valid");
        for (span, value) in string_leaves(&text) {
            let Some((count, unit)) = value.split_once(' ') else {
                continue;
            };
            let Ok(count) = count.parse::<u32>() else {
                continue;
            };
            let changed = format!("{} {unit}", count + 1);
            let Some(after) = render_md(&replace(&text, &span, &changed)) else {
                continue;
            };
            checked += 1;
            for (old, new) in changed_lines(&before, &after) {
                let carries = new.contains(&changed)
                    || new.contains(&format!("{} {}", count + 1, unit.trim_end_matches('s')));
                assert!(
                    carries || new.starts_with("Generated by charter") || new.contains("until "),
                    "{}: changing {value:?} to {changed:?} also changed:\n- {old}\n+ {new}",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 30, "only {checked} periods were exercised");
}

#[test]
fn adding_a_partner_moves_no_anchor() {
    let (_, text) = examples()
        .into_iter()
        .find(|(p, _)| p.ends_with("sepsis-advisory-board.toml"))
        .expect("example");
    let (before, _) = render_both(&text).expect("valid");
    let extra = "\n[[partners]]\nid = \"aaa-newcomer\"\nlegal_name = \"Newcomer Clinic\"\nshort_name = \"Newcomer\"\nkind = \"community_hospital\"\nroles = [\"participant\"]\ncontributions = [\"Data\"]\nbenefits = [\"Evidence\"]\nsignatory = { name = \"A. Person\", title = \"CEO\" }\n";
    let at = text.find("[[partners]]").expect("partners");
    let (after, _) = render_both(&format!(
        "{}{}\n{}",
        &text[..at],
        extra.trim_start(),
        &text[at..]
    ))
    .expect("still valid");
    let anchors = |doc: &str| -> Vec<String> {
        doc.split("<a id=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap_or(0)].to_owned())
            .collect()
    };
    let (old, new) = (anchors(&before), anchors(&after));
    for anchor in &old {
        assert!(new.contains(anchor), "anchor {anchor} disappeared");
    }
    assert!(new.contains(&"partner-aaa-newcomer".to_owned()));
}
