//! The drafting terms of `[charter]`: a status that marks the title, the header, every printed page and
//! the signature page; dates in words; typographic quotes; and the possessive of every notice period the
//! documents write.

mod common;

use std::fs;

use charter::pipeline::check;
use charter::render::docx::package::{paragraph_texts, part};
use charter::render::{self, docx::HouseStyle};
use charter::source::Source;

/// The smallest example with `terms` added to its `[charter]` table.
fn example_with(terms: &str) -> Source {
    let path = common::root().join("charters/community-screening-partnership.toml");
    let text = fs::read_to_string(path).expect("readable example");
    let text = text.replacen("[charter]\n", &format!("[charter]\n{terms}\n"), 1);
    Source::new(
        "charters/community-screening-partnership.toml",
        text.into_bytes(),
    )
}

/// The Markdown, HTML and the paragraphs of the DOCX (body, then page header) of a source.
fn outputs(source: &Source) -> (String, String, String) {
    let valid = check(source).0.expect("a valid charter");
    let md = render::markdown(&valid, source).expect("markdown");
    let html = render::html(&valid, source).expect("html");
    let docx = render::docx(&valid, source, &HouseStyle::builtin()).expect("docx");
    let mut paragraphs = paragraph_texts(&part(&docx, "word/document.xml").expect("document"));
    if let Some(header) = part(&docx, "word/header1.xml") {
        paragraphs.push(format!("[header] {}", paragraph_texts(&header).join(" ")));
    }
    (md, html, paragraphs.join("\n"))
}

#[test]
fn a_draft_is_marked_in_the_title_the_header_every_page_and_the_signature_page() {
    let (md, html, docx) = outputs(&example_with("status = \"draft\""));
    assert!(md.starts_with("# DRAFT: Eastside"), "{md}");
    assert!(md.contains("\n- Status: Draft\n"), "{md}");
    assert_eq!(md.matches("**Not for signature.**").count(), 2, "{md}");
    assert!(html.contains("<title>DRAFT: Eastside"), "html title");
    assert!(
        html.contains("<p class=\"banner\">DRAFT</p>"),
        "html header"
    );
    assert!(
        html.contains("@page { @top-center { content: \"DRAFT\";"),
        "every printed page"
    );
    assert!(docx.starts_with("DRAFT: Eastside"), "{docx}");
    assert!(docx.ends_with("[header] DRAFT"), "{docx}");
    assert_eq!(docx.matches("Not for signature.").count(), 2, "{docx}");
}

#[test]
fn only_a_final_charter_or_one_without_status_has_an_unmarked_signature_page() {
    for (terms, note) in [
        ("status = \"for-signature\"", Some("For signature")),
        ("status = \"superseded\"", Some("Superseded")),
        ("status = \"final\"", None),
        ("", None),
    ] {
        let (md, html, docx) = outputs(&example_with(terms));
        let marked = md.contains("**For signature.**")
            || md.contains("**Superseded.**")
            || md.contains("**Not for signature.**");
        assert_eq!(marked, note.is_some(), "{terms}");
        if let Some(note) = note {
            assert!(md.contains(&format!("**{note}.**")), "{terms}");
            assert!(docx.contains(&format!("{note}.")), "{terms}");
        }
        assert_eq!(
            html.contains("@top-center"),
            terms.contains("superseded"),
            "{terms}: only a draft or a superseded charter marks every page"
        );
        assert!(!md.contains("DRAFT"), "{terms}");
    }
}

#[test]
fn dates_in_words_reach_every_document_and_the_checklist_but_not_its_machine_fields() {
    let source = example_with("date_style = \"day-month-year\"");
    let (md, html, docx) = outputs(&source);
    for (format, text) in [("md", &md), ("html", &html), ("docx", &docx)] {
        assert!(text.contains("1 May 2026"), "{format}");
        assert!(text.contains("31 October 2026"), "{format}: a phase's end");
        assert!(
            !text.contains("2026-05-01"),
            "{format}: an ISO date is left"
        );
    }
    let valid = check(&source).0.expect("valid");
    let checklist = render::checklist_markdown(&valid, &source).expect("checklist");
    assert!(checklist.contains("by 1 May 2026"), "{checklist}");
    let csv = render::tracker::csv(&render::checklist(&valid)).expect("csv");
    assert!(
        csv.contains(",2026-05-01,"),
        "the machine date stays ISO: {csv}"
    );
    assert!(csv.contains("by 1 May 2026"), "the human column: {csv}");

    let (md, ..) = outputs(&example_with("date_style = \"month-day-year\""));
    assert!(md.contains("- Effective date: May 1, 2026\n"), "{md}");
}

#[test]
fn typographic_quotes_curl_in_text_but_not_in_anchors_links_or_code() {
    let (md, html, docx) = outputs(&example_with("typography = \"typographic\""));
    assert!(md.contains("days\u{2019} notice"), "{md}");
    assert!(md.contains("(\u{201C}Lakeport General\u{201D})"), "{md}");
    assert!(
        md.contains("<a id=\"purpose\"></a>"),
        "anchors keep straight quotes"
    );
    assert!(md.contains("SHA-256 `"), "code stays code");
    assert!(html.contains("days\u{2019} notice"), "html");
    assert!(html.contains("<a href=\"#"), "links keep straight quotes");
    assert!(docx.contains("days\u{2019} notice"), "docx");
    for (format, text) in [("md", &md), ("docx", &docx)] {
        let prose: String = text
            .lines()
            .filter(|l| !l.contains("<a ") && !l.contains('`'))
            .collect();
        assert!(
            !prose.contains('\''),
            "{format}: a straight apostrophe is left"
        );
    }
}

#[test]
fn all_drafting_terms_together_match_the_snapshots() {
    let (md, html, docx) = outputs(&example_with(
        "status = \"draft\"\ndate_style = \"day-month-year\"\ntypography = \"typographic\"",
    ));
    insta::assert_snapshot!("draft-in-words.md", md);
    insta::assert_snapshot!("draft-in-words.html", html);
    insta::assert_snapshot!("draft-in-words.docx.txt", docx);
}

/// Every "N days notice" or "N months written notice" in a text: a period that measures a notice
/// without its possessive.
fn bare_notice_periods(text: &str) -> (usize, Vec<String>) {
    const UNITS: [&str; 8] = [
        "day", "days", "week", "weeks", "month", "months", "year", "years",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let (mut periods, mut bare) = (0, Vec::new());
    for (i, word) in words.iter().enumerate() {
        if !word.starts_with("notice") || i < 2 {
            continue;
        }
        let at = if words[i - 1] == "written" {
            i - 2
        } else {
            i - 1
        };
        let unit = words[at];
        let stem = unit.trim_end_matches("'s").trim_end_matches('\'');
        if !UNITS.contains(&stem) || at == 0 || words[at - 1].parse::<u32>().is_err() {
            continue;
        }
        periods += 1;
        if stem == unit {
            bare.push(words[at - 1..=i].join(" "));
        }
    }
    (periods, bare)
}

#[test]
fn every_notice_period_the_documents_write_is_possessive() {
    let (periods, bare) = bare_notice_periods("on 6 months written notice and 30 days' notice");
    assert_eq!(
        (periods, bare),
        (2, vec!["6 months written notice".to_owned()])
    );
    let mut periods = 0;
    for path in common::examples() {
        let source = Source::new("example.toml", fs::read(&path).expect("readable"));
        let valid = check(&source).0.expect("valid example");
        let md = render::markdown(&valid, &source).expect("markdown");
        let checklist = render::checklist_markdown(&valid, &source).expect("checklist");
        for text in [md, checklist] {
            let (found, bare) = bare_notice_periods(&text);
            assert!(bare.is_empty(), "{}: {bare:?}", path.display());
            periods += found;
        }
    }
    assert!(periods >= 10, "only {periods} notice periods found");
}

#[test]
fn the_term_diff_shows_a_change_of_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    fs::write(&old, example_with("status = \"draft\"").bytes).expect("write");
    fs::write(&new, example_with("status = \"final\"").bytes).expect("write");
    let out = common::charter()
        .args(["diff"])
        .arg(&old)
        .arg(&new)
        .output()
        .expect("charter runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Charter › status: draft → final"),
        "{stdout}"
    );
}
