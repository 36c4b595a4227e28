//! The document kind and standing documents, end to end with the built binary: a charter says "this
//! charter" and a memorandum "this memorandum"; terms of reference adopted by a body render an adoption
//! clause and no signature page, take effect on their adoption, and leave `charter approvals` nothing to
//! ask of partners without a signatory.

mod common;

use std::fs;

use common::charter;

const UK: &str = "charters/uk-data-access-committee.toml";
const MEMORANDUM: &str = "tests/fixtures/valid/signatory-required.toml";
const CHARTER: &str = "tests/fixtures/valid/minimal.toml";

fn render(path: &str, format: &str) -> String {
    let out = charter()
        .args(["render", path, "--format", format])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn adopted_terms_of_reference_render_an_adoption_clause_and_no_signature_page() {
    let md = render(UK, "md");
    assert!(
        md.contains("These terms of reference were adopted by the Data Access Committee on 2026-04-01, by its decision \"Adopt or amend these terms of reference\" ([§5.3](#decision-approve-terms)). These terms of reference take effect on that date."),
        "{md}"
    );
    assert!(!md.contains("Signatures"), "{md}");
    assert!(!md.contains("Signature |"), "{md}");
    assert!(!md.contains("Sign the"), "{md}");
    assert!(!md.contains("this charter"), "{md}");
    assert!(
        md.contains("These terms of reference are amended by the Data Access Committee"),
        "{md}"
    );
    assert!(md.contains("- Effective date: 2026-04-01\n"), "{md}");
    assert!(!md.contains("Term, termination and withdrawal"), "{md}");
    let html = render(UK, "html");
    assert!(html.contains("These terms of reference were adopted by the Data Access Committee"));
    assert!(!html.contains("Signed for"));
}

#[test]
fn a_charter_says_this_charter_and_a_memorandum_this_memorandum() {
    let md = render(CHARTER, "md");
    assert!(md.contains("this charter"), "{md}");
    let md = render(MEMORANDUM, "md");
    assert!(
        md.contains("The partners may end this memorandum by agreement"),
        "{md}"
    );
    assert!(
        md.contains("This memorandum takes effect on 2026-01-01"),
        "{md}"
    );
    assert!(
        md.contains("This memorandum is not legally binding."),
        "{md}"
    );
    assert!(md.contains("implied by this memorandum."), "{md}");
    assert!(md.contains("Sign the memorandum (Ana Ruiz for"), "{md}");
    assert!(!md.contains("charter."), "{md}");
    assert!(
        md.contains("### <a id=\"sign-lakeside\"></a>For Lakeside"),
        "{md}"
    );
}

#[test]
fn the_checklist_and_its_calendar_count_from_the_adoption() {
    let out = charter()
        .args(["checklist", UK, "--format", "md"])
        .output()
        .expect("runs");
    let md = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        md.contains("Section numbers (§) refer to the rendered terms of reference."),
        "{md}"
    );
    let out = charter()
        .args(["checklist", UK, "--format", "ics"])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("runs");
    assert!(out.status.success());
    let ics = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(ics.contains("DTSTAMP:20260401T000000Z"), "{ics}");
}

#[test]
fn approvals_report_partners_without_a_signatory_instead_of_failing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("terms.toml");
    fs::copy(common::root().join(UK), &file).expect("copied");
    let out = charter()
        .args(["approvals"])
        .arg(&file)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("Harbourside (harbourside): no signatory in the charter, need not approve"),
        "{stdout}"
    );
    assert!(
        stdout
            .contains("No partner signs these terms of reference, so there is nothing to approve."),
        "{stdout}"
    );
    let out = charter()
        .args(["approve"])
        .arg(&file)
        .args(["--partner", "harbourside", "--date", "2026-04-02"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = common::stderr_of(&out);
    assert!(
        stderr.contains("Harbourside has no signatory in"),
        "{stderr}"
    );
    assert!(!dir.path().join("terms.toml.approvals.toml").exists());
}

#[test]
fn diff_compares_the_kind_and_the_adoption_term_by_term() {
    let out = charter()
        .args([
            "diff",
            "tests/fixtures/valid/standing-without-adoption.toml",
            "tests/fixtures/valid/adoption-after-effective-date.toml",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Adoption\n  Adoption › date: 2026-01-01 → 2025-12-15 (§7.1)"),
        "{text}"
    );
    let out = charter()
        .args([
            "diff",
            MEMORANDUM,
            "tests/fixtures/valid/term-and-law-required.toml",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let old = fs::read_to_string(common::root().join(MEMORANDUM)).expect("readable");
    let dir = tempfile::tempdir().expect("temp dir");
    let new = dir.path().join("policy.toml");
    fs::write(
        &new,
        old.replace(
            "kind = \"memorandum_of_understanding\"",
            "kind = \"policy\"",
        )
        .replace("binding = false", "binding = true"),
    )
    .expect("written");
    let out = charter()
        .args(["diff", MEMORANDUM])
        .arg(&new)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Charter › kind: memorandum_of_understanding → policy"),
        "{text}"
    );
    assert!(
        text.contains("Charter › legally binding: false → true (§1.4)"),
        "{text}"
    );
}

#[test]
fn an_adopted_document_says_when_it_takes_effect_and_a_signed_one_keeps_its_signature_page() {
    let md = render(
        "tests/fixtures/valid/adoption-after-effective-date.toml",
        "md",
    );
    assert!(
        md.contains("These terms of reference were adopted by the Audit Group on 2025-12-15, by its decision \"Adopt or amend these terms of reference\" ([§5.1](#decision-approve-terms)). These terms of reference take effect on 2026-01-01."),
        "{md}"
    );
    // Terms of reference that every partner signs have a signature page and no adoption clause.
    let md = render("tests/fixtures/valid/effective-date-required.toml", "md");
    assert!(md.contains("Signatures"), "{md}");
    assert!(
        md.contains("Sign the terms of reference (Ana Ruiz for"),
        "{md}"
    );
    assert!(!md.contains("Adoption"), "{md}");
    assert!(!md.contains("- Governing law:"), "{md}");
}
