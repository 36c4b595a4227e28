//! The drafting clauses in every format: the definitions generated from the terms, and the general
//! provisions (confidentiality, notices, precedence), each stated only from what the charter says.

use std::fs;
use std::path::Path;

use charter::pipeline::check;
use charter::render;
use charter::source::Source;

fn source(text: &str) -> Source {
    Source::new("clauses.toml".to_owned(), text.as_bytes().to_vec())
}

fn fixture(relative: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)).expect("fixture")
}

fn all() -> String {
    fixture("tests/fixtures/clauses/all.toml")
}

fn markdown(text: &str) -> String {
    let src = source(text);
    let valid = check(&src).0.expect("valid charter");
    render::markdown(&valid, &src).expect("markdown renders")
}

fn html(text: &str) -> String {
    let src = source(text);
    let valid = check(&src).0.expect("valid charter");
    render::html(&valid, &src).expect("html renders")
}

/// The text from the first line holding `start` up to (not including) the next line holding `end`.
fn between(doc: &str, start: &str, end: &str) -> String {
    let from = doc.find(start).unwrap_or_else(|| panic!("no {start}"));
    let line_start = doc[..from].rfind('\n').map_or(0, |i| i + 1);
    let rest = &doc[line_start..];
    let to = rest[start.len()..]
        .find(end)
        .map_or(rest.len(), |i| i + start.len());
    let to = rest[..to].rfind('\n').map_or(to, |i| i + 1);
    rest[..to].to_owned()
}

#[test]
fn the_definitions_section_matches_its_snapshot_in_markdown_and_html() {
    let md = markdown(&all());
    insta::assert_snapshot!(
        "definitions.md",
        between(&md, "<a id=\"definitions\">", "<a id=\"governance\">")
    );
    let html = html(&all());
    insta::assert_snapshot!(
        "definitions.html",
        between(&html, "id=\"definitions\"", "id=\"governance\"")
    );
}

#[test]
fn the_general_provisions_match_their_snapshot_in_markdown_and_html() {
    let md = markdown(&all());
    insta::assert_snapshot!(
        "general.md",
        between(&md, "<a id=\"general\">", "<a id=\"checklist\">")
    );
    let html = html(&all());
    insta::assert_snapshot!(
        "general.html",
        between(&html, "id=\"general\"", "id=\"checklist\"")
    );
}

#[test]
fn a_term_of_art_is_defined_only_when_the_charter_uses_it() {
    let md = markdown(&all());
    assert!(md.contains("\"Data Sharing Agreement\" means"), "{md}");
    for unused in [
        "Limited Data Set",
        "Business Associate Agreement",
        "Foreground IP",
    ] {
        assert!(!md.contains(&format!("\"{unused}\" means")), "{unused}");
    }
    let lds = all().replace(
        "identifiability = \"aggregate\"",
        "identifiability = \"limited_data_set\"\nbreach_notification = \"5 days\"",
    );
    let lds = lds.replace(
        "end_of_use = \"retain\"",
        "end_of_use = \"destroy\"\nend_within = \"30 days\"",
    );
    let md = markdown(&lds);
    assert!(
        md.contains("\"Limited Data Set\" means") && md.contains("45 CFR 164.514(e)"),
        "{md}"
    );
}

#[test]
fn without_notices_the_clause_states_no_method_and_names_the_signatory_fallback() {
    let text = all().replace(
        "[notices]\nmethods = [\"email\", \"courier\"]\nreceived_after_business_days = 1\n",
        "",
    );
    let md = markdown(&text);
    let notices = between(&md, "<a id=\"notices\">", "<a id=\"precedence\">");
    assert!(
        notices.contains("given in writing to the addresses below"),
        "{notices}"
    );
    assert!(
        !notices.contains("by e-mail") && !notices.contains("received"),
        "{notices}"
    );
    assert!(
        notices.contains("receives notices at its signatory"),
        "{notices}"
    );
    assert!(
        notices.contains("To Hillcrest: its signatory, Ben Okoye"),
        "{notices}"
    );
}

#[test]
fn a_charter_without_the_new_terms_has_no_general_provisions() {
    let md = markdown(&fixture("tests/fixtures/valid/zero-period.toml"));
    assert!(!md.contains("General provisions"), "{md}");
    assert!(
        md.contains("\"Lakeside\" means Lakeside Medical Center, Inc."),
        "{md}"
    );
    assert!(!md.contains("<a id=\"definitions-terms\">"), "{md}");
}

#[test]
fn only_a_confidentiality_duty_with_an_end_reaches_the_checklist() {
    let keys = |text: &str| -> Vec<String> {
        let src = source(text);
        let valid = check(&src).0.expect("valid charter");
        render::checklist(&valid)
            .into_iter()
            .flat_map(|g| g.items.into_iter().map(|i| (i.key, i.when.plain())))
            .filter(|(k, _)| k == "confidentiality")
            .map(|(_, when)| when)
            .collect()
    };
    assert_eq!(
        keys(&all()),
        ["until 2028-12-31, 2 years after the end of the term"]
    );
    let indefinite = all().replace("duration = \"2 years\"", "duration = \"indefinite\"");
    assert!(keys(&indefinite).is_empty());
    assert!(markdown(&indefinite).contains("The duty has no end"));
}

#[test]
fn every_new_clause_reaches_the_word_document() {
    let src = source(&all());
    let valid = check(&src).0.expect("valid charter");
    let docx = render::docx(&valid, &src, &render::docx::HouseStyle::default()).expect("docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").expect("document part"),
        &mut xml,
    )
    .expect("utf-8");
    for words in [
        "Definitions",
        "Confidentiality",
        "Order of precedence",
        "Office of the General Counsel",
        "Data Sharing Agreement",
    ] {
        assert!(xml.contains(words), "{words} is not in the DOCX");
    }
    assert!(
        xml.contains("w:name=\"definition-audit-month\""),
        "no bookmark"
    );
}

#[test]
fn a_notice_address_at_an_example_domain_is_example_content() {
    let text = all().replace(
        "notices@lakeside-hospital.org",
        "notices@lakeside.example.org",
    );
    let src = source(&text);
    let (_, diagnostics) = check(&src);
    let found: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule.code == "W0442")
        .map(|d| format!("{} @ {}", d.message, &text[d.span.clone()]))
        .collect();
    assert_eq!(
        found,
        [
            "Lakeside still holds the example's 1 address at a domain for examples @ \"notices@lakeside.example.org\""
        ]
    );
}

#[test]
fn terms_that_share_an_anchor_are_one_term_and_a_term_needs_words() {
    let codes = |extra: &str| -> Vec<(String, String)> {
        let text = format!("{}\n{extra}", all());
        let src = source(&text);
        check(&src)
            .1
            .iter()
            .map(|d| (d.rule.code.to_owned(), d.message.clone()))
            .collect()
    };
    assert_eq!(
        codes("[[definitions]]\nterm = \"audit-month\"\nmeaning = \"a month\"\n"),
        [(
            "E0443".to_owned(),
            "\"audit-month\" is already defined, as the definition at `definitions[1]`".to_owned()
        )]
    );
    assert_eq!(
        codes("[[definitions]]\nterm = \"§\"\nmeaning = \"a section\"\n"),
        [(
            "E0201".to_owned(),
            "the defined term \"§\" has no letter or digit".to_owned()
        )]
    );
}

#[test]
fn business_day_is_defined_when_any_period_counts_business_days() {
    let plain = fixture("tests/fixtures/valid/zero-period.toml");
    assert!(!markdown(&plain).contains("\"Business Day\" means"));
    let business = plain.replace(
        "termination_notice = \"30 days\"",
        "termination_notice = \"20 business days\"",
    );
    assert_ne!(business, plain);
    assert!(markdown(&business).contains("\"Business Day\" means"));
}
