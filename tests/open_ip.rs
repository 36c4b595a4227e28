//! The open-source IP terms end to end: a charter that states an outbound licence, contributor
//! agreements and a transfer renders each sentence, in Markdown and HTML and on the checklist; one that
//! states none renders none; and `diff` names a change of each term.

mod common;

use common::{charter, edit, root, stderr_of};

const EXAMPLE: &str = "charters/open-source-foundation.toml";

/// The sentences the open-source terms write, as the example states them.
const SENTENCES: &[&str] = &[
    "Source code contributed to the Kestrel repositories is released under the Apache License 2.0 (SPDX identifier Apache-2.0).",
    "Documentation, including the project website is released under the Creative Commons Attribution 4.0 International (SPDX identifier CC-BY-4.0).",
    "Each contributor signs off every contribution under the Developer Certificate of Origin.",
    "Brightwater assigns the trademark KESTREL (the word mark and its logo) to Kestrel Foundation on signing this charter.",
];

fn render(path: &str, format: &str) -> String {
    let out = charter()
        .args(["render", "--format", format])
        .arg(root().join(path))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn a_charter_with_the_terms_renders_their_sentences() {
    let md = render(EXAMPLE, "md");
    for sentence in SENTENCES {
        assert!(md.contains(sentence), "missing {sentence:?}:\n{md}");
    }
    assert!(
        md.contains("- [ ] Assign the trademark KESTREL (the word mark and its logo) to Kestrel Foundation: on signing the charter, by 2026-07-01. Evidence: Signed trademark assignment. ([§7.7](#transfer-kestrel-mark))"),
        "the transfer is the transferring partner's duty on the checklist:\n{md}"
    );
    let html = render(EXAMPLE, "html");
    assert!(html.contains("id=\"outbound-code-licence\""), "{html}");
    assert!(html.contains("id=\"transfer-kestrel-mark\""), "{html}");
    assert!(
        html.contains("released under the Apache License 2.0 (SPDX identifier Apache-2.0)"),
        "{html}"
    );
}

#[test]
fn a_charter_without_the_terms_renders_none_of_them() {
    let md = render("charters/community-screening-partnership.toml", "md");
    for words in [
        "Outbound licence",
        "SPDX",
        "Developer Certificate of Origin",
        "contributor licence agreement",
        "assigns the trademark",
        "on signing this charter",
    ] {
        assert!(!md.contains(words), "{words:?} without the term:\n{md}");
    }
}

#[test]
fn diff_names_a_change_of_each_term() {
    let old_text = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let new_text = edit(
        &old_text,
        &[
            ("licence = \"CC-BY-4.0\"", "licence = \"CC-BY-SA-4.0\""),
            (
                "agreements = [\"dco\"]",
                "agreements = [\"dco\", \"corporate_cla\"]\nheld_by = \"foundation\"",
            ),
            ("when = \"on_signing\"", "when = 2026-09-30"),
        ],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let (old, new) = (dir.path().join("old.toml"), dir.path().join("new.toml"));
    std::fs::write(&old, old_text).expect("write");
    std::fs::write(&new, new_text).expect("write");
    let out = charter()
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    for line in [
        "IP › Outbound licence \"docs-licence\" › SPDX licence: CC-BY-4.0 → CC-BY-SA-4.0 (§7.5)",
        "IP › contributor agreements › agreements contributors sign",
        "IP › contributor agreements › agreements held by: added Kestrel Foundation (§7.6)",
        "IP › Transfer \"KESTREL (the word mark and its logo)\" › when: on_signing → 2026-09-30 (§7.7)",
        "Checklist › Brightwater: Assign the trademark KESTREL (the word mark and its logo) to Kestrel Foundation: re-timed, on signing the charter, by 2026-07-01 → by 2026-09-30 (§7.7)",
    ] {
        assert!(text.contains(line), "missing {line:?}:\n{text}");
    }
}

#[test]
fn contributor_licence_agreements_and_their_holder_read_as_sentences() {
    let text = std::fs::read_to_string(root().join(EXAMPLE)).expect("example");
    let text = edit(
        &text,
        &[
            (
                "agreements = [\"dco\"]",
                "agreements = [\"individual_cla\", \"corporate_cla\"]\nheld_by = \"foundation\"",
            ),
            (
                "licence = \"Apache-2.0\"",
                "licence = \"MIT OR Apache-2.0\"",
            ),
            ("when = \"on_signing\"", ""),
        ],
    );
    let out = charter()
        .args(["render", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let md = String::from_utf8(out.stdout).expect("UTF-8");
    for sentence in [
        "Each individual contributor signs an individual contributor licence agreement and each organisation whose employees contribute signs a corporate contributor licence agreement. Kestrel Foundation holds the signed agreements.",
        "Source code contributed to the Kestrel repositories is released under the MIT License or the Apache License 2.0, at the recipient's choice (SPDX expression MIT OR Apache-2.0).",
        "Brightwater assigns the trademark KESTREL (the word mark and its logo) to Kestrel Foundation.",
    ] {
        assert!(md.contains(sentence), "missing {sentence:?}:\n{md}");
    }
    assert!(
        !md.contains("Assign the trademark"),
        "a transfer with no time is no checklist item:\n{md}"
    );
}

#[test]
fn no_foreground_ip_expected_is_said_only_when_stated_and_settles_coverage() {
    let text = common::edited("tests/fixtures/valid/foreground-not-expected.toml", &[]);
    let (code, doc, stderr) =
        common::run_stdin(&["render", "--format", "md", "-o", "-", "-"], &text);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        doc.contains(
            "The partners do not expect the partnership to create new intellectual property."
        ),
        "{doc}"
    );
    let (_, coverage, _) = common::run_stdin(&["check", "--coverage", "-"], &text);
    assert!(
        coverage.contains("the partners expect no new IP"),
        "{coverage}"
    );
    let silent = common::edited(
        "tests/fixtures/valid/foreground-not-expected.toml",
        &[("foreground_expected = false\n", "")],
    );
    let (code, doc, stderr) =
        common::run_stdin(&["render", "--format", "md", "-o", "-", "-"], &silent);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!doc.contains("do not expect"), "{doc}");
}
